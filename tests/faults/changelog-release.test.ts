import { expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { runActionBundle, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';
import {
  FINAL,
  TRANSIENT,
  bundleUnderTest,
  concurrentCases,
  describeBundle,
  envFor,
  escapeRoute,
  routeCounts,
  type FaultCase,
} from './support';

/**
 * changelog-release's committed bundle under every GitHub fault, on its read (list releases) and its write (create
 * the release). Each case has its own emulator, so the cases run concurrently; retries wait for real (1 s).
 */

const LIST = 'GET /repos/{owner}/{repo}/releases';
const CREATE = 'POST /repos/{owner}/{repo}/releases';
const UPDATE = 'PATCH /repos/{owner}/{repo}/releases/{release_id}';
const DELETE = 'DELETE /repos/{owner}/{repo}/releases/{release_id}';
const REPOSITORY = 'octo-org/faulty';
const CHANGELOG =
  '# Changelog\n\n## [1.2.3] - 2026-03-01\n\n### Fixed\n\n- The deploy waits for staging.\n\n## [1.2.2] - 2026-02-01\n\n- Older.\n';

interface Fixture {
  github: GitHubEmulator;
  repo: EmulatedRepository;
  release(inputs?: Record<string, string>): Promise<RunResult>;
}

async function withFixture(test: (f: Fixture) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const github = await startGitHubEmulator();
  try {
    const repo = github.repo(REPOSITORY);
    const sha = repo.commit({ branch: 'main', files: { 'CHANGELOG.md': CHANGELOG }, message: 'Release 1.2.3' });
    repo.tag('v1.2.3', sha);
    const workspace = mkdtempSync(join(tmpdir(), 'faults-changelog-'));
    writeFileSync(join(workspace, 'CHANGELOG.md'), CHANGELOG);
    const release = (inputs: Record<string, string> = {}) =>
      runActionBundle({
        action: bundleUnderTest('changelog-release'),
        inputs,
        ref: 'refs/tags/v1.2.3',
        sha,
        event: {
          name: 'push',
          payload: { ...webhookExample<Record<string, unknown>>('push'), ref: 'refs/tags/v1.2.3' },
        },
        apiUrl: github.url,
        repository: REPOSITORY,
        workspace,
        env,
        timeoutMs: 30_000,
      });
    await test({ github, repo, release });
    github.assertNoViolations();
  } finally {
    await github.close();
  }
}

const both = (cases: FaultCase[]): [string, FaultCase][] =>
  [LIST, CREATE].flatMap((route) => cases.map((c): [string, FaultCase] => [route, c]));

const transient = ([route, { name, fault }]: [string, FaultCase]) =>
  [
    `${name} on ${route}: retried once, one release, the run succeeds`,
    () =>
      withFixture(async ({ github, repo, release }) => {
        github.fault(route, fault);
        const result = await release();
        expect(result.failure).toBeUndefined();
        expect(result.exitCode).toBe(0);
        expect(result.outputs.result).toBe('created');
        const expected: Record<string, number> = { [LIST]: 1, [CREATE]: 1 };
        expected[route] = 2;
        expect(routeCounts(github)).toEqual(expected);
        expect(repo.releases).toHaveLength(1);
        expect(repo.releases[0]).toMatchObject({ tag_name: 'v1.2.3', draft: false });
      }, envFor(fault)),
  ] as const;

const final = ([route, { name, fault }]: [string, FaultCase]) =>
  [
    `${name} on ${route}: one request, an error naming the call, no release; a re-run completes`,
    () =>
      withFixture(async ({ github, repo, release }) => {
        github.fault(route, fault);
        const failed = await release();
        expect(failed.exitCode).toBe(1);
        expect(failed.failure).toMatch(new RegExp(`^${escapeRoute(route)} failed \\(HTTP ${fault.status}\\)`));
        expect(failed.stderr).not.toMatch(/\n\s+at /);
        expect(routeCounts(github)[route]).toBe(1);
        expect(repo.releases).toHaveLength(0);
        const rerun = await release();
        expect(rerun.exitCode).toBe(0);
        expect(rerun.outputs.result).toBe('created');
        expect(repo.releases).toHaveLength(1);
      }),
  ] as const;

const ambiguous = [
  'an ambiguous failure (created, then 500): the retry meets the existing release; still one release',
  () =>
    withFixture(async ({ github, repo, release }) => {
      github.fault(CREATE, { status: 500, afterApply: true });
      const result = await release();
      expect(result.failure).toBeUndefined();
      expect(result.exitCode).toBe(0);
      expect(repo.releases).toHaveLength(1);
      expect(routeCounts(github)[CREATE]).toBe(2);
      expect(routeCounts(github)[UPDATE] ?? 0).toBeLessThanOrEqual(1);
    }),
] as const;

/**
 * Two runs racing with `draft: true` both create a draft (the first create is answered late, so the other run's list
 * still sees none); the run whose draft has the higher id deletes it. These cases put the fault on that delete.
 */
// Both creates wait at a barrier until both have arrived, so both runs listed before either draft exists: the race
// happens on a busy machine too (a latency on the first create only made it likely).
const racingDrafts = (fixture: Fixture): Promise<RunResult[]> => {
  fixture.github.fault(CREATE, { holdUntil: 2, times: 2 });
  return Promise.all([fixture.release({ draft: 'true' }), fixture.release({ draft: 'true' })]);
};

const transientDelete = ({ name, fault }: FaultCase) =>
  [
    `${name} on ${DELETE} (two runs racing with draft): retried once, one draft, both runs succeed`,
    () =>
      withFixture(async (fixture) => {
        const { github, repo } = fixture;
        github.fault(DELETE, fault);
        const runs = await racingDrafts(fixture);
        expect(runs.map((r) => r.failure)).toEqual([undefined, undefined]);
        expect(routeCounts(github)[DELETE]).toBe(2);
        expect(repo.releases).toHaveLength(1);
        expect(repo.releases[0]).toMatchObject({ tag_name: 'v1.2.3', draft: true });
      }, envFor(fault)),
  ] as const;

const finalDelete = [
  `422 on ${DELETE} (two runs racing with draft): the run that lost names the call; nothing is retried`,
  () =>
    withFixture(async (fixture) => {
      const { github, repo } = fixture;
      github.fault(DELETE, { status: 422, body: { message: 'Validation Failed' } });
      const runs = await racingDrafts(fixture);
      const failed = runs.filter((r) => r.exitCode !== 0);
      expect(failed).toHaveLength(1);
      expect(failed[0]?.failure).toMatch(new RegExp(`^${escapeRoute(DELETE)} failed \\(HTTP 422\\)`));
      expect(failed[0]?.stderr).not.toMatch(/\n\s+at /);
      expect(routeCounts(github)[DELETE]).toBe(1);
      // The duplicate draft stays (it was not deleted); the other run's draft is the one both runs agree on.
      expect(repo.releases.filter((r) => r.draft)).toHaveLength(2);
    }),
] as const;

const goneOnDelete = [
  `404 on ${DELETE} (two runs racing with draft): the duplicate is already gone; both runs succeed`,
  () =>
    withFixture(async (fixture) => {
      const { github } = fixture;
      github.fault(DELETE, { status: 404 });
      const runs = await racingDrafts(fixture);
      expect(runs.map((r) => r.failure)).toEqual([undefined, undefined]);
      expect(routeCounts(github)[DELETE]).toBe(1);
    }),
] as const;

describeBundle('changelog-release', () => {
  it('without faults: one list, one create; a re-run writes nothing', async () => {
    await withFixture(async ({ github, repo, release }) => {
      const first = await release();
      expect(first.exitCode).toBe(0);
      expect(first.outputs.result).toBe('created');
      expect(routeCounts(github)).toEqual({ [LIST]: 1, [CREATE]: 1 });
      github.resetTraffic();
      const again = await release();
      expect(again.outputs.result).toBe('unchanged');
      expect(routeCounts(github)).toEqual({ [LIST]: 1 });
      expect(repo.releases).toHaveLength(1);
    });
  });

  concurrentCases([
    ...both(TRANSIENT).map(transient),
    ...both(FINAL).map(final),
    ambiguous,
    ...TRANSIENT.map(transientDelete),
    finalDelete,
    goneOnDelete,
  ]);
});
