import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  startGitHubEmulator,
  emulatedRoutes,
  validateResponse,
  type GitHubEmulator,
} from '@shipshape/testing/github-emulator';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@shipshape/testing/runner';

/**
 * Every route the emulator serves answers in GitHub's shape: each answer below is validated against the response
 * schema of GitHub's OpenAPI description (the fixture), both by the emulator (validateResponses) and here.
 */

let github: GitHubEmulator;
let sha: string;
const base = '/repos/octo-org/octo-repo';

beforeAll(async () => {
  github = await startGitHubEmulator({ validateResponses: true });
  const repo = github.repo('octo-org/octo-repo');
  sha = repo.commit({
    files: { 'CHANGELOG.md': '# Changelog\n\n## 1.0.0\n- first\n', 'docs/guide.md': 'guide\n' },
    message: 'Add changelog',
  });
  repo.tag('v0.9.0', repo.commits.get(sha)?.parents[0]);
  repo.branch('feature-x', sha);
  repo.addRelease({ tag_name: 'v0.9.0', name: 'v0.9.0', body: 'old' });
  repo.addRelease({ tag_name: 'v1.0.0', name: 'v1.0.0', body: 'draft notes', draft: true });
  repo.addPullRequest({
    number: 7,
    title: 'Add changelog',
    body: 'body',
    labels: ['release'],
    head: { ref: 'feature-x', sha },
    files: ['CHANGELOG.md', { filename: 'old.txt', status: 'removed', deletions: 3 }],
  });
  repo.addComment(7, { body: 'first', user: 'octocat' });
  // A review on an earlier commit, a dismissed one and a comment: the list keeps every state and commit_id.
  repo.addReview(7, { user: 'alice', state: 'APPROVED', commit_id: repo.commits.get(sha)?.parents[0] });
  repo.dismissReview(7, repo.addReview(7, { user: 'bob', state: 'CHANGES_REQUESTED' }).id);
  repo.addReview(7, { user: 'carol', state: 'COMMENTED', body: 'looks fine' });
  repo.addStatus(sha, {
    context: 'ci/test',
    state: 'success',
    description: 'ok',
    target_url: 'https://ci.example.com/1',
  });
  repo.addCheckRun(sha, { name: 'build', status: 'completed', conclusion: 'success' });
  repo.addCheckRun(sha, { name: 'lint', status: 'in_progress', app: 'other-ci' });
  repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml', id: 77 });
  repo.addWorkflowRun({ workflow: 'Deploy', status: 'in_progress', id: 1001, head_sha: sha, jobs: 2 });
  repo.addWorkflowRun({
    workflow: 'Deploy',
    status: 'completed',
    conclusion: 'failure',
    id: 1002,
    head_sha: sha,
    created_at: '2026-03-01T10:00:00Z',
  });
  repo.addWorkflowRun({ workflow: 'Deploy', status: 'queued', id: 1003, head_sha: sha, jobs: 0 });
  repo.addApproval({ runId: 1001, user: 'alice', comment: 'Ship it!', environments: ['staging', 'production'] });
  repo.addIssue({ title: 'Flaky deploy', labels: ['bug'], assignees: ['octocat'] });
  repo.setVariable('SHIPSHAPE_FREEZE', '{"on":true}');
  repo.addRelease({ tag_name: 'v0.8.0', name: 'abandoned draft', draft: true });
  const deployment = repo.addDeployment({ ref: 'main', environment: 'production' });
  repo.addDeploymentStatus(deployment.id, {
    state: 'in_progress',
    log_url: 'https://github.com/octo-org/octo-repo/actions/runs/1001/job/5',
  });
});

afterAll(() => github.close());

async function call(
  method: string,
  path: string,
  body?: unknown,
  accept = 'application/vnd.github+json',
): Promise<{ status: number; value: unknown }> {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: {
      authorization: 'token t',
      accept,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, value: type.startsWith('application/json') ? (JSON.parse(text) as unknown) : text };
}

const CASES: [route: string, method: string, path: string, body?: unknown][] = [
  ['GET /repos/{owner}/{repo}', 'GET', base],
  ['GET /repos/{owner}/{repo}/contents/{path}', 'GET', `${base}/contents/CHANGELOG.md?ref=main`],
  [
    'PUT /repos/{owner}/{repo}/contents/{path}',
    'PUT',
    `${base}/contents/docs/new.md`,
    { message: 'Add docs/new.md', content: 'bmV3Cg==', branch: 'feature-x' },
  ],
  ['GET /repos/{owner}/{repo}/commits/{ref}', 'GET', `${base}/commits/main`],
  ['GET /repos/{owner}/{repo}/compare/{basehead}', 'GET', `${base}/compare/v0.9.0...feature-x`],
  ['GET /repos/{owner}/{repo}/git/ref/{ref}', 'GET', `${base}/git/ref/heads/main`],
  ['GET /repos/{owner}/{repo}/git/matching-refs/{ref}', 'GET', `${base}/git/matching-refs/tags/v`],
  ['POST /repos/{owner}/{repo}/git/refs', 'POST', `${base}/git/refs`, { ref: 'refs/heads/new-branch', sha: 'SHA' }],
  [
    'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
    'PATCH',
    `${base}/git/refs/heads/new-branch`,
    { sha: 'SHA', force: true },
  ],
  ['DELETE /repos/{owner}/{repo}/git/refs/{ref}', 'DELETE', `${base}/git/refs/heads/new-branch`],
  ['GET /repos/{owner}/{repo}/releases', 'GET', `${base}/releases`],
  [
    'POST /repos/{owner}/{repo}/releases',
    'POST',
    `${base}/releases`,
    { tag_name: 'v1.1.0', name: 'v1.1.0', body: 'notes', generate_release_notes: true },
  ],
  ['GET /repos/{owner}/{repo}/releases/latest', 'GET', `${base}/releases/latest`],
  ['GET /repos/{owner}/{repo}/releases/tags/{tag}', 'GET', `${base}/releases/tags/v0.9.0`],
  ['GET /repos/{owner}/{repo}/releases/{release_id}', 'GET', `${base}/releases/RELEASE`],
  ['DELETE /repos/{owner}/{repo}/releases/{release_id}', 'DELETE', `${base}/releases/OLD_DRAFT`],
  [
    'PATCH /repos/{owner}/{repo}/releases/{release_id}',
    'PATCH',
    `${base}/releases/RELEASE`,
    { body: 'edited', draft: false },
  ],
  [
    'POST /repos/{owner}/{repo}/releases/generate-notes',
    'POST',
    `${base}/releases/generate-notes`,
    { tag_name: 'v2.0.0', previous_tag_name: 'v0.9.0' },
  ],
  ['GET /repos/{owner}/{repo}/pulls', 'GET', `${base}/pulls?state=all`],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}', 'GET', `${base}/pulls/7`],
  ['PATCH /repos/{owner}/{repo}/pulls/{pull_number}', 'PATCH', `${base}/pulls/7`, { body: 'edited', state: 'closed' }],
  [
    'POST /repos/{owner}/{repo}/pulls',
    'POST',
    `${base}/pulls`,
    { title: 'Docs', head: 'feature-x', base: 'main', body: 'plan' },
  ],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}/files', 'GET', `${base}/pulls/7/files`],
  ['GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', 'GET', `${base}/pulls/7/reviews?per_page=2`],
  ['GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', 'GET', `${base}/commits/SHA/pulls`],
  ['GET /repos/{owner}/{repo}/issues', 'GET', `${base}/issues?state=all`],
  [
    'POST /repos/{owner}/{repo}/issues',
    'POST',
    `${base}/issues`,
    { title: 'Postmortem', body: 'what happened', labels: ['incident', { name: 'postmortem' }], assignees: ['alice'] },
  ],
  ['PATCH /repos/{owner}/{repo}/issues/{issue_number}', 'PATCH', `${base}/issues/7`, { labels: ['release', 'hotfix'] }],
  ['GET /repos/{owner}/{repo}/issues/{issue_number}', 'GET', `${base}/issues/7`],
  ['GET /repos/{owner}/{repo}/issues/{issue_number}/comments', 'GET', `${base}/issues/7/comments`],
  ['POST /repos/{owner}/{repo}/issues/{issue_number}/comments', 'POST', `${base}/issues/7/comments`, { body: 'hello' }],
  [
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
    'PATCH',
    `${base}/issues/comments/COMMENT`,
    { body: 'edited' },
  ],
  ['DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', 'DELETE', `${base}/issues/comments/LAST_COMMENT`],
  ['GET /repos/{owner}/{repo}/issues/{issue_number}/labels', 'GET', `${base}/issues/7/labels`],
  [
    'POST /repos/{owner}/{repo}/statuses/{sha}',
    'POST',
    `${base}/statuses/SHA`,
    { state: 'pending', context: 'deploy', description: null },
  ],
  ['GET /repos/{owner}/{repo}/commits/{ref}/status', 'GET', `${base}/commits/SHA/status`],
  ['GET /repos/{owner}/{repo}/commits/{ref}/statuses', 'GET', `${base}/commits/SHA/statuses`],
  ['GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 'GET', `${base}/commits/SHA/check-runs?filter=all`],
  ['GET /repos/{owner}/{repo}/actions/workflows', 'GET', `${base}/actions/workflows`],
  ['GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}', 'GET', `${base}/actions/workflows/deploy.yml`],
  ['GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', 'GET', `${base}/actions/workflows/77/runs`],
  ['GET /repos/{owner}/{repo}/actions/runs', 'GET', `${base}/actions/runs`],
  ['GET /repos/{owner}/{repo}/actions/runs/{run_id}', 'GET', `${base}/actions/runs/1001`],
  ['GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', 'GET', `${base}/actions/runs/1001/jobs`],
  ['GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals', 'GET', `${base}/actions/runs/1001/approvals`],
  ['GET /repos/{owner}/{repo}/deployments', 'GET', `${base}/deployments?environment=production`],
  [
    'POST /repos/{owner}/{repo}/deployments',
    'POST',
    `${base}/deployments`,
    { ref: 'main', environment: 'staging', auto_merge: false, required_contexts: [] },
  ],
  ['GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 'GET', `${base}/deployments/DEPLOYMENT/statuses`],
  [
    'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
    'POST',
    `${base}/deployments/DEPLOYMENT/statuses`,
    { state: 'queued' },
  ],
  ['GET /repos/{owner}/{repo}/actions/variables', 'GET', `${base}/actions/variables`],
  [
    'POST /repos/{owner}/{repo}/actions/variables',
    'POST',
    `${base}/actions/variables`,
    { name: 'NEW_VAR', value: 'x' },
  ],
  ['GET /repos/{owner}/{repo}/actions/variables/{name}', 'GET', `${base}/actions/variables/NEW_VAR`],
  [
    'PATCH /repos/{owner}/{repo}/actions/variables/{name}',
    'PATCH',
    `${base}/actions/variables/NEW_VAR`,
    { value: 'y' },
  ],
  ['DELETE /repos/{owner}/{repo}/actions/variables/{name}', 'DELETE', `${base}/actions/variables/NEW_VAR`],
];

describe('GitHub emulator responses conform to the OpenAPI description', () => {
  it('covers every route it serves', () => {
    expect(CASES.map(([route]) => route).sort()).toEqual(emulatedRoutes().sort());
  });

  // A rest parameter: jest reads a callback declaring more parameters than the row has as asking for `done`.
  it.each(CASES)('%s', async (...row) => {
    const [route, method, rawPath, rawBody] = row;
    const repo = github.repo('octo-org/octo-repo');
    const draft = repo.releases.find((r) => r.tag_name === 'v1.0.0');
    const oldDraft = repo.releases.find((r) => r.tag_name === 'v0.8.0');
    const substitute = (text: string): string =>
      text
        .replace('SHA', sha)
        .replace('OLD_DRAFT', String(oldDraft?.id))
        .replace('RELEASE', String(draft?.id))
        .replace('LAST_COMMENT', String(repo.comments(7).at(-1)?.id))
        .replace('COMMENT', String(repo.comments(7)[0]?.id))
        .replace('DEPLOYMENT', String(repo.deployments.find((d) => d.environment === 'production')?.id));
    const path = substitute(rawPath);
    const body = rawBody === undefined ? undefined : (JSON.parse(substitute(JSON.stringify(rawBody))) as unknown);
    const { status, value } = await call(method, path, body);
    expect(status).toBeLessThan(300);
    expect(github.requests.at(-1)?.route).toBe(route);
    if (status !== 204) expect(validateResponse(route, status, value)).toEqual([]);
    github.assertNoViolations();
  });

  it('answers raw contents as text/plain-like raw media', async () => {
    const { status, value } = await call(
      'GET',
      `${base}/contents/docs/guide.md`,
      undefined,
      'application/vnd.github.raw',
    );
    expect(status).toBe(200);
    expect(value).toBe('guide\n');
    github.assertNoViolations();
  });

  it('lists reviews oldest first, page by page, each with its commit_id, a dismissed one as DISMISSED', async () => {
    const first = await call('GET', `${base}/pulls/7/reviews?per_page=2`);
    const second = await call('GET', `${base}/pulls/7/reviews?per_page=2&page=2`);
    const reviews = [
      ...(first.value as { user: { login: string }; state: string; commit_id: string }[]),
      ...(second.value as { user: { login: string }; state: string; commit_id: string }[]),
    ];
    expect(reviews.map((r) => [r.user.login, r.state])).toEqual([
      ['alice', 'APPROVED'],
      ['bob', 'DISMISSED'],
      ['carol', 'COMMENTED'],
    ]);
    expect(reviews[0]?.commit_id).not.toBe(sha);
    expect(reviews[2]?.commit_id).toBe(sha);
    github.assertNoViolations();
  });
});

describe('the OpenAPI fixture', () => {
  // @octokit/openapi (385 MB) is fetched on demand by `npm run openapi:refresh`, not installed with the project.
  const cached = existsSync(join(REPO_ROOT, '.cache/openapi/node_modules/@octokit/openapi/package.json'));
  (cached ? it : it.skip)(
    `is a fresh extraction of @octokit/openapi${cached ? '' : ' (skipped: not fetched; npm run openapi:refresh -- --check)'}`,
    () => {
      const result = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts/extract-openapi.mjs'), '--check'], {
        encoding: 'utf8',
      });
      expect(result.stderr + result.stdout).toMatch(/fixture matches @octokit\/openapi/);
      expect(result.status).toBe(0);
    },
  );
});
