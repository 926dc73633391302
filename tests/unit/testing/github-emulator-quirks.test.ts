import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';

/**
 * The emulator is only worth trusting if it behaves like GitHub where actions usually go wrong: invalid requests
 * are refused (and recorded), and the documented quirks are reproduced.
 */

let github: GitHubEmulator;
const base = '/repos/octo-org/quirks';

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => {
  github.clearFaults();
  github.restrictToken(null);
  github.violations.splice(0);
  github.resetTraffic();
});
afterAll(() => github.close());

interface Answer {
  status: number;
  headers: Headers;
  json: () => unknown;
  text: string;
}

async function call(
  method: string,
  path: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: {
      authorization: 'token t',
      accept: 'application/vnd.github+json',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
}

describe('request validation against the OpenAPI description', () => {
  it('refuses a body that breaks the schema and records a violation, so a swallowed error still fails the test', async () => {
    github.repo('octo-org/quirks');
    const answer = await call('POST', `${base}/releases`, { body: { name: 'no tag' } });
    expect(answer.status).toBe(422);
    expect(github.violations.join('\n')).toMatch(/tag_name/);
    expect(() => github.assertNoViolations()).toThrow(/broke GitHub's OpenAPI description/);
  });

  it('tells an unknown GitHub route from an unknown method, and requires authentication', async () => {
    github.repo('octo-org/quirks');
    expect((await call('GET', `${base}/no-such-thing`)).status).toBe(404);
    expect(github.violations.length).toBeGreaterThan(0);
    github.violations.splice(0);
    const anonymous = await fetch(`${github.url}${base}`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses a mistyped query parameter', async () => {
    github.repo('octo-org/quirks');
    const answer = await call('GET', `${base}/releases?per_page=lots`);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(github.violations.join('\n')).toMatch(/per_page/);
  });
});

describe('GitHub quirks', () => {
  it('hides drafts from get-release-by-tag but lists them', async () => {
    const repo = github.repo('octo-org/quirks');
    repo.tag('v2.0.0', repo.head('main'));
    repo.addRelease({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'draft', draft: true });
    expect((await call('GET', `${base}/releases/tags/v2.0.0`)).status).toBe(404);
    const list = (await call('GET', `${base}/releases`)).json() as { tag_name: string; draft: boolean }[];
    expect(list.some((r) => r.tag_name === 'v2.0.0' && r.draft)).toBe(true);
  });

  it('answers 422 already_exists for a second release on the same tag', async () => {
    const repo = github.repo('octo-org/quirks');
    repo.tag('v2.1.0', repo.head('main'));
    expect((await call('POST', `${base}/releases`, { body: { tag_name: 'v2.1.0' } })).status).toBe(201);
    const again = await call('POST', `${base}/releases`, { body: { tag_name: 'v2.1.0' } });
    expect(again.status).toBe(422);
    expect(again.json()).toMatchObject({
      errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
    });
  });

  it('reports a commit without statuses as pending with total_count 0', async () => {
    const repo = github.repo('octo-org/quirks');
    const sha = repo.commit({ files: { 'a.txt': 'a' } });
    expect((await call('GET', `${base}/commits/${sha}/status`)).json()).toMatchObject({
      state: 'pending',
      total_count: 0,
    });
  });

  it('paginates lists with Link headers, 30 per page by default', async () => {
    const repo = github.repo('octo-org/pages');
    for (let n = 1; n <= 45; n++)
      repo.addPullRequest({ number: n, title: `PR ${n}`, head: { ref: `b${n}`, sha: repo.head('main') } });
    const first = await call('GET', '/repos/octo-org/pages/pulls');
    expect((first.json() as unknown[]).length).toBe(30);
    expect(first.headers.get('link')).toMatch(/page=2>; rel="next"/);
    const second = await call('GET', '/repos/octo-org/pages/pulls?page=2');
    expect((second.json() as unknown[]).length).toBe(15);
    expect(second.headers.get('link') ?? '').not.toMatch(/rel="next"/);
  });

  it('answers a matching If-None-Match with 304, without costing rate limit', async () => {
    github.repo('octo-org/quirks');
    const first = await call('GET', base);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const remaining = Number(first.headers.get('x-ratelimit-remaining'));
    const second = await call('GET', base, { headers: { 'if-none-match': etag ?? '' } });
    expect(second.status).toBe(304);
    expect(second.text).toBe('');
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(remaining);
  });

  it('returns raw contents for the raw media type and base64 JSON otherwise', async () => {
    const repo = github.repo('octo-org/quirks');
    repo.commit({ files: { 'notes.md': 'héllo\n' } });
    const raw = await call('GET', `${base}/contents/notes.md`, { headers: { accept: 'application/vnd.github.raw' } });
    expect(raw.text).toBe('héllo\n');
    const json = (await call('GET', `${base}/contents/notes.md`)).json() as { content: string; encoding: string };
    expect(json.encoding).toBe('base64');
    expect(Buffer.from(json.content, 'base64').toString('utf8')).toBe('héllo\n');
  });

  it('lists the repository root when the contents path is omitted, with or without the trailing slash', async () => {
    const repo = github.repo('octo-org/rootlist');
    repo.commit({ files: { 'Pull_Request_Template.md': 'x', 'docs/a.md': 'a' } });
    for (const path of ['/repos/octo-org/rootlist/contents', '/repos/octo-org/rootlist/contents/']) {
      const answer = await call('GET', `${path}?ref=main`);
      expect(answer.status).toBe(200);
      const names = (answer.json() as { name: string; type: string }[]).map((e) => `${e.type}:${e.name}`);
      expect(names).toEqual(expect.arrayContaining(['file:Pull_Request_Template.md', 'dir:docs']));
    }
    github.assertNoViolations();
  });

  it('serves under a GitHub Enterprise Server base path', async () => {
    const ghes = await startGitHubEmulator({ basePath: '/api/v3' });
    try {
      ghes.repo('octo-org/ghes');
      expect(ghes.url.endsWith('/api/v3')).toBe(true);
      const response = await fetch(`${ghes.url}/repos/octo-org/ghes`, { headers: { authorization: 'token t' } });
      expect(response.status).toBe(200);
      ghes.assertNoViolations();
    } finally {
      ghes.close();
    }
  });
});

describe('faults and permissions', () => {
  it('applies a fault the given number of times, then answers normally', async () => {
    github.repo('octo-org/quirks');
    github.fault('GET /repos/{owner}/{repo}', { status: 502, times: 2 });
    expect((await call('GET', base)).status).toBe(502);
    expect((await call('GET', base)).status).toBe(502);
    expect((await call('GET', base)).status).toBe(200);
    expect(github.count('GET /repos/{owner}/{repo}')).toBe(3);
  });

  it('marks a secondary rate limit as GitHub does: 403 with Retry-After and the documented message', async () => {
    github.repo('octo-org/quirks');
    github.fault('GET /repos/{owner}/{repo}', { status: 403, secondaryRateLimit: true, retryAfter: 7 });
    const answer = await call('GET', base);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect((answer.json() as { message: string }).message).toMatch(/secondary rate limit/i);
  });

  it('applies the write before an ambiguous 500 (afterApply)', async () => {
    const repo = github.repo('octo-org/quirks');
    repo.tag('v3.0.0', repo.head('main'));
    github.fault('POST /repos/{owner}/{repo}/releases', { status: 500, afterApply: true });
    expect((await call('POST', `${base}/releases`, { body: { tag_name: 'v3.0.0' } })).status).toBe(500);
    expect(repo.releases.filter((r) => r.tag_name === 'v3.0.0')).toHaveLength(1);
  });

  it('drops a connection without an answer', async () => {
    github.repo('octo-org/quirks');
    github.fault('GET /repos/{owner}/{repo}', { drop: true });
    await expect(call('GET', base)).rejects.toThrow();
  });

  it('refuses what a restricted GITHUB_TOKEN may not do, as "Resource not accessible by integration"', async () => {
    const repo = github.repo('octo-org/quirks');
    const sha = repo.head('main');
    github.restrictToken({ statuses: 'read' });
    const answer = await call('POST', `${base}/statuses/${sha}`, { body: { state: 'success', context: 'x' } });
    expect(answer.status).toBe(403);
    expect((answer.json() as { message: string }).message).toBe('Resource not accessible by integration');
    expect(repo.statuses(sha)).toHaveLength(0);
  });

  it("answers GET /repos with the token's own push right: false for a token without contents: write", async () => {
    github.repo('octo-org/quirks');
    const push = async (): Promise<unknown> =>
      ((await call('GET', base)).json() as { permissions?: { push?: boolean } }).permissions?.push;
    expect(await push()).toBe(true);
    github.restrictToken({ contents: 'read' });
    expect(await push()).toBe(false);
    github.restrictToken({ contents: 'write' });
    expect(await push()).toBe(true);
  });

  it('lists deployments newest first, filtered by environment, with their statuses; success retires older non-production ones', async () => {
    const repo = github.repo('octo-org/quirks');
    const older = repo.addDeployment({ environment: 'staging' });
    repo.addDeploymentStatus(older.id, { state: 'success' });
    const prod = repo.addDeployment({ environment: 'production' });
    repo.addDeploymentStatus(prod.id, {
      state: 'in_progress',
      log_url: 'https://github.com/octo-org/quirks/actions/runs/99/job/1',
    });
    const created = await call('POST', `${base}/deployments`, {
      body: { ref: 'main', environment: 'staging', required_contexts: [] },
    });
    expect(created.status).toBe(201);
    const id = (created.json() as { id: number }).id;
    expect((await call('POST', `${base}/deployments/${id}/statuses`, { body: { state: 'success' } })).status).toBe(201);
    const staging = (await call('GET', `${base}/deployments?environment=staging`)).json() as { id: number }[];
    expect(staging.map((d) => d.id)).toEqual([id, older.id]);
    const statuses = (await call('GET', `${base}/deployments/${older.id}/statuses`)).json() as { state: string }[];
    expect(statuses.map((s) => s.state)).toEqual(['inactive', 'success']);
    const prodStatuses = (await call('GET', `${base}/deployments/${prod.id}/statuses?per_page=1`)).json() as {
      state: string;
      log_url: string;
      target_url: string;
    }[];
    expect(prodStatuses).toEqual([
      expect.objectContaining({
        state: 'in_progress',
        log_url: 'https://github.com/octo-org/quirks/actions/runs/99/job/1',
        target_url: 'https://github.com/octo-org/quirks/actions/runs/99/job/1',
      }),
    ]);
    github.assertNoViolations();
  });

  it('deletes a release (its tag stays) and a comment; a deleted one is 404 afterwards', async () => {
    const repo = github.repo('octo-org/quirks');
    const draft = repo.addRelease({ tag_name: 'v9.0.0', draft: true });
    expect((await call('DELETE', `${base}/releases/${draft.id}`)).status).toBe(204);
    expect(repo.release(draft.id)).toBeUndefined();
    expect((await call('DELETE', `${base}/releases/${draft.id}`)).status).toBe(404);
    repo.addIssue({ number: 900, title: 'x' });
    const comment = repo.addComment(900, { body: 'hi' });
    expect((await call('DELETE', `${base}/issues/comments/${comment.id}`)).status).toBe(204);
    expect(repo.comments(900)).toEqual([]);
    expect((await call('DELETE', `${base}/issues/comments/${comment.id}`)).status).toBe(404);
  });
});
