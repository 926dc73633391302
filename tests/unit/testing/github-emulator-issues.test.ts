import { describe, expect, it } from '@jest/globals';
import { validateResponse } from '@shipshape/testing/github-emulator';
import { validatingEmulator } from './validating-emulator';

/**
 * The repository issue list (pull requests included, with a `pull_request` key), creating an issue and updating one,
 * each answer validated against GitHub's OpenAPI description.
 */

const emulator = validatingEmulator('issues');
const { freshRepo } = emulator;

interface Issue {
  number: number;
  title: string;
  state: string;
  state_reason: string | null;
  labels: { name: string }[];
  user: { login: string };
  assignees: { login: string }[];
  closed_at: string | null;
  pull_request?: { url: string };
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: <T>() => T; link: string | null }> {
  const response = await fetch(`${emulator.github.url}${path}`, {
    method,
    headers: {
      authorization: 'token t',
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: <T>() => JSON.parse(text) as T,
    link: response.headers.get('link'),
  };
}

async function list(path: string, query: string): Promise<Issue[]> {
  const answer = await call('GET', `${path}/issues${query}`);
  expect(answer.status).toBe(200);
  const issues = answer.json<Issue[]>();
  expect(validateResponse('GET /repos/{owner}/{repo}/issues', 200, issues)).toEqual([]);
  return issues;
}

const numbers = (issues: Issue[]): number[] => issues.map((i) => i.number);

describe('list repository issues', () => {
  it('lists open issues and pull requests newest first by default; pull requests carry a pull_request key', async () => {
    const { path, repo } = freshRepo();
    repo.addIssue({ title: 'old bug', created_at: '2026-01-01T00:00:00Z' });
    repo.addPullRequest({ title: 'fix', created_at: '2026-01-02T00:00:00Z' });
    repo.addIssue({ title: 'closed', state: 'closed', created_at: '2026-01-03T00:00:00Z' });
    const issues = await list(path, '');
    expect(numbers(issues)).toEqual([2, 1]);
    expect(issues[0]?.pull_request?.url).toMatch(/\/pulls\/2$/);
    expect(issues[1]).not.toHaveProperty('pull_request');
    expect(numbers(await list(path, '?state=all&direction=asc'))).toEqual([1, 2, 3]);
    expect(numbers(await list(path, '?state=closed'))).toEqual([3]);
  });

  it('filters by labels (all of them, any case), creator, assignee and mention', async () => {
    const { path, repo } = freshRepo();
    repo.addIssue({ title: 'a', labels: ['incident', 'postmortem'], user: 'alice', assignees: ['bob'] });
    repo.addIssue({ title: 'b', labels: ['incident'], user: 'bob', body: 'cc @alice please' });
    repo.addPullRequest({ title: 'c', labels: ['Postmortem'], user: 'alice' });
    expect(numbers(await list(path, '?labels=incident&direction=asc'))).toEqual([1, 2]);
    expect(numbers(await list(path, '?labels=incident,postmortem'))).toEqual([1]);
    expect(numbers(await list(path, '?labels=POSTMORTEM&direction=asc'))).toEqual([1, 3]);
    expect(numbers(await list(path, '?creator=alice&direction=asc'))).toEqual([1, 3]);
    expect(numbers(await list(path, '?assignee=bob'))).toEqual([1]);
    expect(numbers(await list(path, '?assignee=none&direction=asc'))).toEqual([2, 3]);
    expect(numbers(await list(path, '?mentioned=alice'))).toEqual([2]);
    // No milestones or issue types exist in the emulator: only `none` matches.
    expect(await list(path, '?milestone=*')).toEqual([]);
    expect(numbers(await list(path, '?milestone=none&direction=asc'))).toEqual([1, 2, 3]);
  });

  it('filters by since (updated at or after), sorts by updated, and paginates with Link headers', async () => {
    const { path, repo } = freshRepo();
    repo.addIssue({ title: 'a', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-03-01T00:00:00Z' });
    repo.addIssue({ title: 'b', created_at: '2026-01-02T00:00:00Z', updated_at: '2026-02-01T00:00:00Z' });
    repo.addIssue({ title: 'c', created_at: '2026-01-03T00:00:00Z' });
    expect(numbers(await list(path, '?since=2026-02-01T00:00:00Z'))).toEqual([2, 1]);
    expect(numbers(await list(path, '?sort=updated'))).toEqual([1, 2, 3]);
    const first = await call('GET', `${path}/issues?per_page=2`);
    expect(numbers(first.json<Issue[]>())).toEqual([3, 2]);
    expect(first.link).toContain('page=2>; rel="next"');
    expect(numbers(await list(path, '?per_page=2&page=2'))).toEqual([1]);
  });
});

describe('create and update an issue', () => {
  it('creates an issue by the token user with labels (names or objects) and assignees, then lists it', async () => {
    const { path, repo } = freshRepo();
    emulator.github.tokenActor('app-token', 'release-bot[bot]');
    const response = await fetch(`${emulator.github.url}${path}/issues`, {
      method: 'POST',
      headers: { authorization: 'token app-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Postmortem: deploy 42',
        body: 'timeline',
        labels: ['postmortem', { name: 'incident' }, 'Postmortem'],
        assignees: ['alice'],
      }),
    });
    expect(response.status).toBe(201);
    const issue = (await response.json()) as Issue;
    expect(validateResponse('POST /repos/{owner}/{repo}/issues', 201, issue)).toEqual([]);
    expect(issue).toMatchObject({ number: 1, title: 'Postmortem: deploy 42', state: 'open', state_reason: null });
    expect(issue.labels.map((l) => l.name)).toEqual(['postmortem', 'incident']);
    expect(issue.user.login).toBe('release-bot[bot]');
    expect(issue.assignees.map((a) => a.login)).toEqual(['alice']);
    expect(repo.issues.get(1)?.body).toBe('timeline');
    expect(numbers(await list(path, '?creator=release-bot[bot]&labels=incident'))).toEqual([1]);
  });

  it('refuses a missing title or a milestone (none exist) with 422, and answers 403 without issues: write', async () => {
    const { path, repo } = freshRepo();
    expect((await call('POST', `${path}/issues`, { title: '' })).status).toBe(422);
    const milestone = await call('POST', `${path}/issues`, { title: 'x', milestone: 3 });
    expect(milestone.status).toBe(422);
    expect(milestone.json<{ errors: unknown[] }>().errors).toEqual([
      { resource: 'Issue', code: 'invalid', field: 'milestone' },
    ]);
    emulator.github.restrictToken({ 'pull-requests': 'write', contents: 'write' });
    try {
      expect((await call('POST', `${path}/issues`, { title: 'x' })).status).toBe(403);
    } finally {
      emulator.github.restrictToken(null);
    }
    expect(repo.issues.size).toBe(0);
  });

  it('updates body and labels, closes with a reason and reopens; a pull request is updated through it too', async () => {
    const { path, repo } = freshRepo();
    repo.addIssue({ title: 'a', labels: ['old'] });
    repo.addPullRequest({ title: 'pr' });
    const edited = await call('PATCH', `${path}/issues/1`, { body: 'new', labels: ['postmortem'] });
    expect(edited.status).toBe(200);
    expect(edited.json<Issue>().labels.map((l) => l.name)).toEqual(['postmortem']);
    const closed = (
      await call('PATCH', `${path}/issues/1`, { state: 'closed', state_reason: 'not_planned' })
    ).json<Issue>();
    expect([closed.state, closed.state_reason, closed.closed_at === null]).toEqual(['closed', 'not_planned', false]);
    const reopened = (await call('PATCH', `${path}/issues/1`, { state: 'open' })).json<Issue>();
    expect([reopened.state, reopened.state_reason, reopened.closed_at]).toEqual(['open', 'reopened', null]);
    const pr = (await call('PATCH', `${path}/issues/2`, { title: 'renamed', labels: ['release'] })).json<Issue>();
    expect(pr.pull_request).toBeDefined();
    expect(repo.pullRequest(2)).toMatchObject({ title: 'renamed', labels: ['release'] });
    expect((await call('PATCH', `${path}/issues/99`, { body: 'x' })).status).toBe(404);
  });
});
