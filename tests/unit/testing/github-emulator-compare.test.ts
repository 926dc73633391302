import { describe, expect, it } from '@jest/globals';
import { validateResponse } from '@shipshape/testing/github-emulator';
import { validatingEmulator } from './validating-emulator';

/**
 * GET /repos/{owner}/{repo}/compare/{basehead} answered from the commit graph: status, counts, merge base, commits
 * oldest first, files from the merge base, GitHub's pagination (250 commits unpaged, pages with Link headers).
 */

const ROUTE = 'GET /repos/{owner}/{repo}/compare/{basehead}';

const emulator = validatingEmulator('compare');
const { freshRepo } = emulator;

interface Comparison {
  status: string;
  ahead_by: number;
  behind_by: number;
  total_commits: number;
  merge_base_commit: { sha: string };
  base_commit: { sha: string };
  commits: { sha: string; commit: { message: string } }[];
  files?: { filename: string; status: string }[];
}

async function compare(
  path: string,
  basehead: string,
  query = '',
): Promise<{ status: number; body: Comparison & { message?: string }; link: string | null }> {
  const response = await fetch(`${emulator.github.url}${path}/compare/${basehead}${query}`, {
    headers: { authorization: 'token t', accept: 'application/vnd.github+json' },
  });
  const body = (await response.json()) as Comparison & { message?: string };
  if (response.status === 200) expect(validateResponse(ROUTE, 200, body)).toEqual([]);
  return { status: response.status, body, link: response.headers.get('link') };
}

describe('compare two commits', () => {
  it('is ahead with the head-only commits oldest first, the base as merge base, and the files changed', async () => {
    const { path, repo } = freshRepo();
    const base = repo.head('main');
    repo.branch('feature');
    const first = repo.commit({ branch: 'feature', files: { 'a.txt': 'a\n' }, message: 'first' });
    const second = repo.commit({ branch: 'feature', files: { 'README.md': null }, message: 'second' });
    const { status, body } = await compare(path, 'main...feature');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ahead', ahead_by: 2, behind_by: 0, total_commits: 2 });
    expect(body.merge_base_commit.sha).toBe(base);
    expect(body.base_commit.sha).toBe(base);
    expect(body.commits.map((c) => c.sha)).toEqual([first, second]);
    expect(body.files?.map((f) => [f.filename, f.status])).toEqual([
      ['README.md', 'removed'],
      ['a.txt', 'added'],
    ]);
  });

  it('is behind when the head is an ancestor of the base, and identical for the same commit by any name', async () => {
    const { path, repo } = freshRepo();
    const old = repo.head('main');
    repo.tag('v1.0.0', old);
    repo.commit({ message: 'later' });
    const behind = await compare(path, 'main...v1.0.0');
    expect(behind.body).toMatchObject({ status: 'behind', ahead_by: 0, behind_by: 1, total_commits: 0, commits: [] });
    expect(behind.body.merge_base_commit.sha).toBe(old);
    const identical = await compare(path, `v1.0.0...${old.slice(0, 7)}`);
    expect(identical.body).toMatchObject({ status: 'identical', ahead_by: 0, behind_by: 0, commits: [], files: [] });
  });

  it('is diverged when both sides have their own commits, with the fork point as merge base', async () => {
    const { path, repo } = freshRepo();
    repo.commit({ message: 'shared' });
    const forkPoint = repo.branch('release');
    repo.commit({ message: 'on main 1' });
    repo.commit({ message: 'on main 2' });
    const hotfix = repo.commit({ branch: 'release', files: { 'fix.txt': 'fix\n' }, message: 'hotfix' });
    const { body } = await compare(path, 'main...release');
    expect(body).toMatchObject({ status: 'diverged', ahead_by: 1, behind_by: 2, total_commits: 1 });
    expect(body.merge_base_commit.sha).toBe(forkPoint);
    expect(body.commits.map((c) => c.sha)).toEqual([hotfix]);
    expect(body.files?.map((f) => f.filename)).toEqual(['fix.txt']);
  });

  it('accepts owner:ref sides of the same repository, and answers 404 for an unknown ref, another owner or no "..."', async () => {
    const { path, repo } = freshRepo();
    repo.branch('feature');
    repo.commit({ branch: 'feature', message: 'x' });
    const owner = repo.owner;
    expect((await compare(path, `${owner}:main...${owner}:feature`)).body.status).toBe('ahead');
    for (const basehead of [
      'main...no-such-branch',
      'deadbeef...main',
      'someone-else:main...feature',
      'main..feature',
    ]) {
      const answer = await compare(path, basehead);
      expect([basehead, answer.status, answer.body.message]).toEqual([basehead, 404, 'Not Found']);
    }
  });

  it('lists the 250 newest commits unpaged (the last is the newest), and pages with Link headers and files on page 1', async () => {
    const { path, repo } = freshRepo();
    const base = repo.head('main');
    const made: string[] = [];
    for (let i = 1; i <= 260; i += 1) made.push(repo.commit({ files: { [`f${i % 3}.txt`]: `${i}\n` } }));
    const unpaged = await compare(path, `${base}...main`);
    expect(unpaged.body).toMatchObject({ ahead_by: 260, total_commits: 260 });
    expect(unpaged.body.commits.map((c) => c.sha)).toEqual(made.slice(-250));
    expect(unpaged.link).toBeNull();

    const first = await compare(path, `${base}...main`, '?per_page=100');
    expect(first.body.commits.map((c) => c.sha)).toEqual(made.slice(0, 100));
    expect(first.body.files?.map((f) => f.filename)).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
    expect(first.link).toContain('page=2>; rel="next"');
    expect(first.link).toContain('page=3>; rel="last"');
    const last = await compare(path, `${base}...main`, '?per_page=100&page=3');
    expect(last.body.commits.map((c) => c.sha)).toEqual(made.slice(200));
    expect(last.body.total_commits).toBe(260);
    expect(last.body.files).toBeUndefined();
    expect(last.link).toContain('rel="first"');
    expect(last.link).not.toContain('rel="next"');
    // `page` alone pages too, 30 a page.
    const second = await compare(path, `${base}...main`, '?page=2');
    expect(second.body.commits.map((c) => c.sha)).toEqual(made.slice(30, 60));
  });

  it('needs contents: read of a restricted token', async () => {
    const { path } = freshRepo();
    emulator.github.restrictToken({ issues: 'write' });
    try {
      expect(
        (await fetch(`${emulator.github.url}${path}/compare/main...main`, { headers: { authorization: 'token t' } }))
          .status,
      ).toBe(403);
    } finally {
      emulator.github.restrictToken(null);
    }
  });
});
