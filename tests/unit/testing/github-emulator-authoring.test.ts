import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';

/**
 * The routes the live contract (tests/live) uses to author a change through the API: commit a file to a branch,
 * open a pull request from it, edit and close it. The answers GitHub gives are cited in
 * packages/testing/src/github/authoring.ts.
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator({ validateResponses: true });
});
afterEach(() => github.assertNoViolations());
afterAll(() => github.close());

interface Answer {
  status: number;
  value: Record<string, unknown>;
}

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: 'token t', accept: 'application/vnd.github+json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, value: (await response.json()) as Record<string, unknown> };
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function freshRepo(): { name: string; path: string } {
  const name = `octo-org/authoring-${++counter}`;
  github.repo(name);
  return { name, path: `/repos/${name}` };
}

describe('PUT …/contents/{path}', () => {
  it('commits a new file on the branch (201), then updates it only with the current blob sha (422 without, 409 stale, 200 right)', async () => {
    const { name, path } = freshRepo();
    const repo = github.repo(name);
    repo.branch('topic');
    const created = await call('PUT', `${path}/contents/docs/plan.md`, {
      message: 'Add plan',
      content: base64('v1\n'),
      branch: 'topic',
    });
    expect(created.status).toBe(201);
    const commit = created.value.commit as { sha: string; parents: { sha: string }[] };
    expect(repo.head('topic')).toBe(commit.sha);
    expect(commit.parents.map((p) => p.sha)).toEqual([repo.head('main')]);
    expect(repo.readFile('docs/plan.md', 'topic')).toBe('v1\n');
    expect(repo.readFile('docs/plan.md', 'main')).toBeUndefined();
    const blob = (created.value.content as { sha: string }).sha;

    expect(
      (
        await call('PUT', `${path}/contents/docs/plan.md`, {
          message: 'No sha',
          content: base64('v2\n'),
          branch: 'topic',
        })
      ).status,
    ).toBe(422);
    expect(
      (
        await call('PUT', `${path}/contents/docs/plan.md`, {
          message: 'Stale',
          content: base64('v2\n'),
          branch: 'topic',
          sha: 'f'.repeat(40),
        })
      ).status,
    ).toBe(409);
    const updated = await call('PUT', `${path}/contents/docs/plan.md`, {
      message: 'Update',
      content: base64('v2\n'),
      branch: 'topic',
      sha: blob,
    });
    expect(updated.status).toBe(200);
    expect(repo.readFile('docs/plan.md', 'topic')).toBe('v2\n');
  });

  it('a branch that does not exist is 404 and writes nothing', async () => {
    const { name, path } = freshRepo();
    const before = github.repo(name).commits.size;
    expect(
      (await call('PUT', `${path}/contents/a.md`, { message: 'x', content: base64('x'), branch: 'nope' })).status,
    ).toBe(404);
    expect(github.repo(name).commits.size).toBe(before);
  });
});

describe('POST …/pulls and PATCH …/pulls/{n}', () => {
  it('opens a pull request whose files are the diff to the base, refuses a second one and one with no commits, and closes it', async () => {
    const { name, path } = freshRepo();
    const repo = github.repo(name);
    repo.branch('topic');
    expect((await call('POST', `${path}/pulls`, { title: 'Empty', head: 'topic', base: 'main' })).value).toMatchObject({
      errors: [{ resource: 'PullRequest', code: 'custom', message: 'No commits between main and topic' }],
    });
    repo.commit({ branch: 'topic', files: { 'src/app.ts': 'a\nb\n' } });
    const opened = await call('POST', `${path}/pulls`, {
      title: 'Add app',
      head: 'topic',
      base: 'main',
      body: '## Plan',
    });
    expect(opened.status).toBe(201);
    expect(opened.value).toMatchObject({
      state: 'open',
      title: 'Add app',
      body: '## Plan',
      changed_files: 1,
      additions: 2,
      head: { ref: 'topic', sha: repo.head('topic') },
      base: { ref: 'main' },
    });
    const number = Number(opened.value.number);
    expect(repo.pullRequest(number)?.files).toEqual([
      { filename: 'src/app.ts', status: 'added', additions: 2, deletions: 0 },
    ]);

    const again = await call('POST', `${path}/pulls`, { title: 'Again', head: `${repo.owner}:topic`, base: 'main' });
    expect(again.status).toBe(422);
    expect(again.value).toMatchObject({
      errors: [{ code: 'custom', message: `A pull request already exists for ${repo.owner}:topic.` }],
    });
    expect(repo.pullRequests.size).toBe(1);

    const edited = await call('PATCH', `${path}/pulls/${number}`, { body: 'edited' });
    expect(edited.value).toMatchObject({ state: 'open', body: 'edited' });
    const closed = await call('PATCH', `${path}/pulls/${number}`, { state: 'closed' });
    expect(closed.value).toMatchObject({ state: 'closed', merged: false });
    expect(repo.pullRequest(number)?.closed_at).not.toBeNull();
    expect((await call('PATCH', `${path}/pulls/999`, { state: 'closed' })).status).toBe(404);
  });

  it('a head or base branch that does not exist is 422 naming the field', async () => {
    const { path } = freshRepo();
    expect((await call('POST', `${path}/pulls`, { title: 'x', head: 'missing', base: 'main' })).value).toMatchObject({
      errors: [{ field: 'head', code: 'invalid' }],
    });
    expect((await call('POST', `${path}/pulls`, { title: 'x', head: 'main', base: 'missing' })).value).toMatchObject({
      errors: [{ field: 'base', code: 'invalid' }],
    });
  });
});
