import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '@shipshape/github';
import { FakeClock, InputError, Inputs, MemoryLogger, mapInputSource } from '@shipshape/kit';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { containsVerdict } from '../../../actions/deploy-guard/src/checks/contains-check';
import { githubGuardPort } from '../../../actions/deploy-guard/src/github-port';
import { runGuard, type GuardContext } from '../../../actions/deploy-guard/src/guard';
import { readSettings, type Settings } from '../../../actions/deploy-guard/src/inputs';
import { ConditionalClient } from '../../../actions/deploy-guard/src/poll';
import { guardOutputs } from '../../../actions/deploy-guard/src/report';

/**
 * `contains`: the deployed commit must contain a given commit (the hotfix), decided with GitHub's compare API through
 * the action's GitHub port, here against the GitHub emulator's commit graph. Also `decided-at`.
 */

let github: GitHubEmulator;
beforeAll(async () => {
  github = await startGitHubEmulator({ validateResponses: true });
});
afterEach(() => github.assertNoViolations());
afterAll(() => github.close());

const ctx: GuardContext = { runId: 10, eventName: 'workflow_dispatch', pull: undefined };

function settings(values: Record<string, string>, sha = 'c'.repeat(40)): Settings {
  return readSettings(new Inputs(mapInputSource({ token: 't', ...values })), {
    env: sha === '' ? {} : { GITHUB_SHA: sha },
    payload: {},
    readFile: () => undefined,
  });
}

let repoCounter = 0;
/** main: initial → shared; release branches at shared, gets the hotfix; main gets one more commit after. */
function graph() {
  const name = `octo-org/contains-${++repoCounter}`;
  const repo = github.repo(name);
  const shared = repo.commit({ message: 'shared' });
  repo.branch('release/1.4', shared);
  const hotfix = repo.commit({ branch: 'release/1.4', files: { 'fix.txt': 'fix\n' }, message: 'hotfix' });
  const released = repo.commit({ branch: 'release/1.4', message: 'release 1.4.1' });
  repo.tag('v1.4.1', released);
  const onMain = repo.commit({ message: 'feature on main' });
  const [owner, repoName] = name.split('/') as [string, string];
  const octokit = createGitHubClient({ token: 't', baseUrl: github.url, log: new MemoryLogger(), retries: 0 });
  const client = new ConditionalClient(octokit, { clock: new FakeClock() });
  return { repo, shared, hotfix, released, onMain, port: githubGuardPort(client, owner, repoName) };
}

async function guard(port: ReturnType<typeof graph>['port'], values: Record<string, string>, sha?: string) {
  const clock = new FakeClock(Date.parse('2026-12-05T10:00:00Z'));
  const result = await runGuard(settings(values, sha), ctx, { port, clock, log: new MemoryLogger() });
  return result;
}

describe('contains: inputs', () => {
  it('is a check of its own, takes a SHA or ref, and needs a commit to check it against', () => {
    expect(settings({ contains: 'v1.4.1' }).contains).toBe('v1.4.1');
    expect(settings({ queue: 'true' }).contains).toBeUndefined();
    expect(() => settings({ contains: 'v1.4.1 ; rm' })).toThrow(/Input 'contains' is invalid: expected a commit SHA/);
    expect(() => settings({ contains: 'main...evil' })).toThrow(InputError);
    expect(() => settings({ contains: 'v1.4.1' }, '')).toThrow(
      /Input 'sha' is required: expected the commit to check `contains` against/,
    );
  });
});

describe('contains: decisions from the commit graph', () => {
  it('proceeds when sha descends from the commit or is it, and records the checked SHA and the decision time', async () => {
    const g = graph();
    const ahead = await guard(g.port, { contains: g.hotfix }, g.released);
    expect(ahead).toMatchObject({ decision: 'proceed', failed: false, checkedSha: g.released });
    expect(ahead.rows[0]).toMatchObject({ check: 'contains', result: 'passed' });
    expect(ahead.rows[0]?.detail).toBe(
      `${g.released.slice(0, 12)} contains ${g.hotfix.slice(0, 12)} (1 commit after it)`,
    );
    expect(ahead.reason).toBe('contains passed');
    expect(guardOutputs(ahead)['decided-at']).toBe('2026-12-05T10:00:00.000Z');

    const same = await guard(g.port, { contains: 'v1.4.1' }, g.released);
    expect(same.decision).toBe('proceed');
    expect(same.rows[0]?.detail).toBe(`${g.released.slice(0, 12)} is v1.4.1 (${g.released.slice(0, 12)})`);
    // A branch name as sha: passes, but no checked SHA (a branch may move; the commit gate resolves it when on).
    const branch = await guard(g.port, { contains: g.hotfix, sha: 'release/1.4' });
    expect(branch).toMatchObject({ decision: 'proceed', checkedSha: undefined });
  });

  it('blocks a sha older than the commit, naming both commits and both inputs', async () => {
    const g = graph();
    const result = await guard(g.port, { contains: 'v1.4.1' }, g.shared);
    expect(result).toMatchObject({ decision: 'blocked', failed: true });
    expect(result.reason).toBe(
      `${g.shared.slice(0, 12)} (input \`sha\`) does not contain v1.4.1 (${g.released.slice(0, 12)}) (input ` +
        '`contains`): it is 2 commits behind it. Deploy a commit that includes it.',
    );
    expect(result.rows[0]).toMatchObject({ check: 'contains', result: 'blocked' });
    expect(result.decidedAt).toBe('2026-12-05T10:00:00.000Z');
  });

  it('blocks a sha on another line (main without the hotfix), naming where they diverged', async () => {
    const g = graph();
    const result = await guard(g.port, { contains: g.hotfix, queue: 'true' }, g.onMain);
    expect(result.decision).toBe('blocked');
    expect(result.reason).toBe(
      `${g.onMain.slice(0, 12)} (input \`sha\`) does not contain ${g.hotfix.slice(0, 12)} (input \`contains\`): ` +
        `they diverged at ${g.shared.slice(0, 12)} (it lacks 1 commit of that line and has 1 of its own). Deploy a commit that ` +
        'includes it.',
    );
    // Checked first: the queue never ran.
    expect(result.rows.map((r) => r.check)).toEqual(['contains']);
  });

  it('fails with an error naming the input when a commit is unknown', async () => {
    const g = graph();
    const unknownContains = await guard(g.port, { contains: 'v9.9.9' }, g.released);
    expect(unknownContains).toMatchObject({ decision: 'blocked', failed: true });
    expect(unknownContains.reason).toBe(
      'Input \'contains\' is invalid: expected a commit SHA, tag or branch of this repository, got "v9.9.9".',
    );
    expect(unknownContains.rows[0]?.result).toBe('failed');
    const unknownSha = await guard(g.port, { contains: g.hotfix }, 'f'.repeat(40));
    expect(unknownSha.reason).toBe(
      `Input 'sha' is invalid: expected a commit SHA, tag or branch of this repository, got "${'f'.repeat(40)}".`,
    );
  });

  it('names the permission when the token cannot read contents', async () => {
    const g = graph();
    github.restrictToken({ actions: 'read' });
    try {
      const result = await guard(g.port, { contains: g.hotfix }, g.released);
      expect(result).toMatchObject({ decision: 'blocked', failed: true });
      expect(result.reason).toMatch(/contents: read/);
    } finally {
      github.restrictToken(null);
    }
  });
});

describe('containsVerdict', () => {
  const comparison = (status: 'ahead' | 'behind' | 'identical' | 'diverged', ahead: number, behind: number) => ({
    status,
    ahead_by: ahead,
    behind_by: behind,
    base_commit: { sha: 'a'.repeat(40) },
    merge_base_commit: { sha: 'b'.repeat(40) },
  });
  it('passes ahead and identical, blocks behind and diverged, in singular and plural', () => {
    expect(containsVerdict(comparison('ahead', 3, 0), 'v1', 'main')).toEqual({
      passed: true,
      detail: `main contains v1 (${'a'.repeat(12)}) (3 commits after it)`,
    });
    expect(containsVerdict(comparison('identical', 0, 0), 'v1', 'main').passed).toBe(true);
    expect(containsVerdict(comparison('behind', 0, 1), 'v1', 'main')).toMatchObject({
      passed: false,
      reason: expect.stringContaining('it is 1 commit behind it'),
    });
    expect(containsVerdict(comparison('diverged', 2, 5), 'v1', 'main')).toMatchObject({
      passed: false,
      reason: expect.stringContaining(
        `they diverged at ${'b'.repeat(12)} (it lacks 5 commits of that line and has 2 of its own)`,
      ),
    });
  });
});
