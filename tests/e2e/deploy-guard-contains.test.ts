import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';

/**
 * deploy-guard's committed bundle with `contains` against the GitHub emulator's commit graph: a hotfix made on a
 * release branch must be in the commit being deployed. Each test has its own emulator and workspace, so the tests run
 * concurrently (they spend their time in child processes).
 */

const COMPARE = 'GET /repos/{owner}/{repo}/compare/{basehead}';

interface Lab {
  github: GitHubEmulator;
  name: string;
  repo: EmulatedRepository;
  /** main: initial → shared; release/1.4 from shared: hotfix → v1.4.1; main: one more commit (without the fix). */
  commits: { shared: string; hotfix: string; released: string; onMain: string };
  guard(sha: string, inputs: RunOptions['inputs'], extra?: Partial<RunOptions>): Promise<RunResult>;
}

function scenario(name: string, body: (lab: Lab) => Promise<void>): void {
  it.concurrent(name, async () => {
    const github = await startGitHubEmulator({ validateResponses: true });
    const workspace = mkdtempSync(join(tmpdir(), 'deploy-guard-contains-e2e-'));
    try {
      const repoName = 'octo-org/hotfix';
      const repo = github.repo(repoName);
      const shared = repo.commit({ message: 'shared' });
      repo.branch('release/1.4', shared);
      const hotfix = repo.commit({ branch: 'release/1.4', files: { 'fix.txt': 'fix\n' }, message: 'Fix the outage' });
      const released = repo.commit({ branch: 'release/1.4', message: 'Release 1.4.1' });
      repo.tag('v1.4.1', released);
      const onMain = repo.commit({ files: { 'feature.txt': 'new\n' }, message: 'Feature' });
      await body({
        github,
        name: repoName,
        repo,
        commits: { shared, hotfix, released, onMain },
        guard: (sha, inputs, extra = {}) =>
          runActionBundle({
            action: 'deploy-guard',
            apiUrl: github.url,
            repository: repoName,
            sha,
            runId: 1001,
            timeoutMs: 20_000,
            workspace,
            ...extra,
            inputs: { 'poll-interval': 0.05, ...inputs },
          }),
      });
      github.assertNoViolations();
    } finally {
      await github.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
}

describe('deploy-guard contains (bundle against the emulator)', () => {
  scenario(
    'proceeds when the deployed commit contains the hotfix, with checked-sha, decided-at and one compare',
    async ({ github, commits, guard }) => {
      const before = Date.now();
      const result = await guard(commits.released, { contains: commits.hotfix });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.decision).toBe('proceed');
      expect(result.outputs.reason).toBe('contains passed');
      expect(result.outputs['checked-sha']).toBe(commits.released);
      const decidedAt = result.outputs['decided-at'] ?? '';
      expect(decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(decidedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(result.summary).toMatch(/\| contains \| passed \|/);
      expect(github.count(COMPARE)).toBe(1);
      expect(github.requests.find((r) => r.route === COMPARE)?.url).toContain(
        `${commits.hotfix}...${commits.released}`,
      );
    },
  );

  scenario(
    'blocks and fails the step when the deployed commit (main) lacks the hotfix, naming both commits',
    async ({ github, commits, guard }) => {
      const result = await guard(commits.onMain, { contains: 'v1.4.1', queue: 'true' });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.decision).toBe('blocked');
      const reason = result.outputs.reason ?? '';
      expect(reason).toBe(
        `${commits.onMain.slice(0, 12)} (input \`sha\`) does not contain v1.4.1 (${commits.released.slice(0, 12)}) ` +
          `(input \`contains\`): they diverged at ${commits.shared.slice(0, 12)} (it lacks 2 commits of that line and ` +
          'has 1 of its own). Deploy a commit that includes it.',
      );
      expect(result.failure).toBe(reason);
      expect(result.outputs['decided-at']).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(result.summary).toMatch(/\| contains \| blocked \|/);
      // Blocked before the queue looked at anything.
      expect(github.count('GET /repos/{owner}/{repo}/actions/runs/{run_id}')).toBe(0);
    },
  );

  scenario('blocks an older deployed commit (behind the hotfix)', async ({ commits, guard }) => {
    const result = await guard(commits.shared, { contains: commits.hotfix });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.reason).toMatch(/does not contain .*: it is 1 commit behind it\./);
  });

  scenario(
    'an unknown commit is an error naming the input; a malformed one is refused before any request',
    async ({ github, commits, guard }) => {
      const unknown = await guard(commits.released, { contains: 'v9.9.9' });
      expect(unknown.exitCode).toBe(1);
      expect(unknown.outputs.decision).toBe('blocked');
      expect(unknown.failure).toBe(
        'Input \'contains\' is invalid: expected a commit SHA, tag or branch of this repository, got "v9.9.9".',
      );
      github.resetTraffic();
      const malformed = await guard(commits.released, { contains: '::stop-commands::x' });
      expect(malformed.exitCode).toBe(1);
      expect(malformed.failure).toMatch(/^Input 'contains' is invalid: expected a commit SHA, tag or branch name/);
      expect(malformed.stdout).not.toMatch(/^::stop-commands::/m);
      expect(github.count()).toBe(0);
    },
  );

  scenario('names the permission when the token cannot read contents', async ({ github, commits, guard }) => {
    github.restrictToken({ actions: 'read' });
    const result = await guard(commits.released, { contains: commits.hotfix });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/compare.*HTTP 403.*contents: read/s);
  });
});
