import { expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
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
} from './support';

/**
 * deploy-guard's committed bundle under every GitHub fault: on a read of its commit gate (the combined status) and
 * on its one write, the merge-freeze commit status that `freeze: sync` gives a pull request. Each case has its own
 * emulator, so the cases run concurrently; retries wait for real (1 s).
 */

const STATUS = 'GET /repos/{owner}/{repo}/commits/{ref}/status';
const CHECKS = 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs';
const CREATE_STATUS = 'POST /repos/{owner}/{repo}/statuses/{sha}';
const CREATE_REF = 'POST /repos/{owner}/{repo}/git/refs';
const DELETE_REF = 'DELETE /repos/{owner}/{repo}/git/refs/{ref}';
const MATCHING_REFS = 'GET /repos/{owner}/{repo}/git/matching-refs/{ref}';
const REPOSITORY = 'octo-org/guarded';

interface Fixture {
  github: GitHubEmulator;
  repo: EmulatedRepository;
  sha: string;
  guard(inputs: RunOptions['inputs'], extra?: Partial<RunOptions>): Promise<RunResult>;
}

async function withFixture(test: (f: Fixture) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const github = await startGitHubEmulator();
  try {
    const repo = github.repo(REPOSITORY);
    const sha = repo.head('main');
    repo.addWorkflow({ name: 'Release', path: '.github/workflows/release.yml' });
    repo.addWorkflowRun({
      workflow: 'Release',
      id: 1001,
      status: 'in_progress',
      head_sha: sha,
      created_at: new Date().toISOString(),
    });
    // An explicit workspace: the harness's default one is made through a dynamic import, which jest refuses in
    // concurrent tests once the first of them has finished.
    const workspace = mkdtempSync(join(tmpdir(), 'faults-guard-'));
    const guard = (inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}) =>
      runActionBundle({
        workspace,
        action: bundleUnderTest('deploy-guard'),
        apiUrl: github.url,
        repository: REPOSITORY,
        sha,
        runId: 1001,
        env,
        timeoutMs: 30_000,
        ...extra,
        inputs: { 'poll-interval': '0.05', timeout: '20', ...inputs },
      });
    await test({ github, repo, sha, guard });
    github.assertNoViolations();
  } finally {
    await github.close();
  }
}

/** A pull request opened while the merge freeze is on: `freeze: sync` must give its head one pending status. */
function frozenPull(f: Fixture): { options: Partial<RunOptions>; head: string } {
  const head = f.repo.branch('feature', f.repo.commit({ files: { 'feature.txt': 'x' } }));
  f.repo.addPullRequest({ number: 6, title: 'Feature', head: { ref: 'feature', sha: head } });
  f.repo.refs.set('refs/shipshape/freeze/main', f.sha);
  const payload = webhookExample<{
    pull_request: { number: number; head: { sha: string }; base: { ref: string }; labels: unknown[] };
  }>('pull_request', 'opened');
  payload.pull_request.number = 6;
  payload.pull_request.head.sha = head;
  payload.pull_request.base.ref = 'main';
  payload.pull_request.labels = [];
  return { options: { event: { name: 'pull_request', payload } }, head };
}

const SYNC = { freeze: 'sync', 'freeze-reason': 'Out-of-band deploy in progress' };
const freezeStatuses = (f: Fixture, head: string) => f.repo.statuses(head).filter((s) => s.context === 'merge-freeze');

describeBundle('deploy-guard', () => {
  it('without faults: the gate reads the status and the check runs once; sync writes one status, a re-run none', async () => {
    await withFixture(async (f) => {
      f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
      const gate = await f.guard({ 'commit-gate': 'true' });
      expect(gate.outputs.decision).toBe('proceed');
      // On GitHub the guard's own job is an unfinished check run of the commit, known as ours by its details_url.
      expect(routeCounts(f.github)).toEqual({ [STATUS]: 1, [CHECKS]: 1 });
      const { options, head } = frozenPull(f);
      const first = await f.guard(SYNC, options);
      expect(first.exitCode).toBe(0);
      const again = await f.guard(SYNC, options);
      expect(again.exitCode).toBe(0);
      expect(freezeStatuses(f, head)).toHaveLength(1);
      expect(freezeStatuses(f, head)[0]).toMatchObject({
        state: 'pending',
        description: 'Out-of-band deploy in progress',
      });
    });
  });

  concurrentCases([
    ...TRANSIENT.map(
      ({ name, fault }) =>
        [
          `${name} on the commit gate’s status read: retried once, then proceeds`,
          () =>
            withFixture(async (f) => {
              f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
              f.github.fault(STATUS, fault);
              const result = await f.guard({ 'commit-gate': 'true' });
              expect(result.failure).toBeUndefined();
              expect(result.outputs.decision).toBe('proceed');
              expect(routeCounts(f.github)).toEqual({ [STATUS]: 2, [CHECKS]: 1 });
            }, envFor(fault)),
        ] as const,
    ),
    ...TRANSIENT.map(
      ({ name, fault }) =>
        [
          `${name} on the freeze status write: retried once, exactly one status`,
          () =>
            withFixture(async (f) => {
              const { options, head } = frozenPull(f);
              f.github.fault(CREATE_STATUS, fault);
              const result = await f.guard(SYNC, options);
              expect(result.failure).toBeUndefined();
              expect(result.exitCode).toBe(0);
              expect(routeCounts(f.github)[CREATE_STATUS]).toBe(2);
              expect(freezeStatuses(f, head)).toHaveLength(1);
            }, envFor(fault)),
        ] as const,
    ),
    ...FINAL.map(
      ({ name, fault }) =>
        [
          `${name} on the commit gate’s status read: one request, an error naming the call`,
          () =>
            withFixture(async (f) => {
              f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
              f.github.fault(STATUS, fault);
              const result = await f.guard({ 'commit-gate': 'true' });
              expect(result.exitCode).toBe(1);
              expect(result.outputs.decision).toBe('blocked');
              expect(result.failure).toMatch(new RegExp(`^${escapeRoute(STATUS)} failed \\(HTTP ${fault.status}\\)`));
              expect(result.stderr).not.toMatch(/\n\s+at /);
              expect(routeCounts(f.github)[STATUS]).toBe(1);
            }),
        ] as const,
    ),
    ...FINAL.map(
      ({ name, fault }) =>
        [
          `${name} on the freeze status write: an error naming the call; a re-run writes the one status`,
          () =>
            withFixture(async (f) => {
              const { options, head } = frozenPull(f);
              f.github.fault(CREATE_STATUS, fault);
              const failed = await f.guard(SYNC, options);
              expect(failed.exitCode).toBe(1);
              expect(failed.failure).toMatch(
                new RegExp(`${escapeRoute(CREATE_STATUS)} failed \\(HTTP ${fault.status}\\)`),
              );
              expect(routeCounts(f.github)[CREATE_STATUS]).toBe(1);
              expect(freezeStatuses(f, head)).toHaveLength(0);
              const rerun = await f.guard(SYNC, options);
              expect(rerun.exitCode).toBe(0);
              expect(freezeStatuses(f, head)).toHaveLength(1);
            }),
        ] as const,
    ),
    [
      // Issue 16 item 11. GitHub answers 422 to POST …/git/refs for several reasons; only "Reference already exists"
      // (e.g. renovatebot/renovate#20281) means another run froze the branch first. "Reference update failed"
      // (github/rest-api-description#4887) means nothing was written: the branch is NOT frozen.
      'freeze on: a 422 "Reference update failed" on creating the freeze ref fails, naming the call; no PR is marked frozen',
      () =>
        withFixture(async (f) => {
          const head = f.repo.branch('feature', f.repo.commit({ files: { 'feature.txt': 'x' } }));
          f.repo.addPullRequest({ number: 6, title: 'Feature', head: { ref: 'feature', sha: head } });
          f.github.fault(CREATE_REF, {
            status: 422,
            body: {
              message: 'Reference update failed',
              documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference',
            },
          });
          const result = await f.guard({ freeze: 'on' });
          expect(result.exitCode).toBe(1);
          expect(result.outputs.decision).toBe('blocked');
          expect(result.failure).toMatch(
            new RegExp(`^${escapeRoute(CREATE_REF)} failed \\(HTTP 422\\): Reference update failed`),
          );
          expect(result.stderr).not.toMatch(/\n\s+at /);
          expect(f.repo.refs.has('refs/shipshape/freeze/main')).toBe(false);
          expect(freezeStatuses(f, head)).toHaveLength(0);
        }),
    ] as const,
    [
      'freeze off: a 422 other than "Reference does not exist" on deleting the freeze ref fails, naming the call; PRs stay frozen',
      () =>
        withFixture(async (f) => {
          const { head } = frozenPull(f);
          f.repo.addStatus(head, { context: 'merge-freeze', state: 'pending', description: 'frozen' });
          f.github.fault(DELETE_REF, {
            status: 422,
            body: {
              message: 'Reference update failed',
              documentation_url: 'https://docs.github.com/rest/git/refs#delete-a-reference',
            },
          });
          const result = await f.guard({ freeze: 'off' });
          expect(result.exitCode).toBe(1);
          expect(result.failure).toMatch(
            new RegExp(`^${escapeRoute(DELETE_REF)} failed \\(HTTP 422\\): Reference update failed`),
          );
          expect(f.repo.refs.has('refs/shipshape/freeze/main')).toBe(true);
          expect(freezeStatuses(f, head).map((s) => s.state)).toEqual(['pending']);
        }),
    ] as const,
    ...FINAL.map(
      ({ name, fault }) =>
        [
          `freeze on: ${name} on listing the queued merge groups fails, naming the call; a re-run marks the group and writes nothing twice`,
          () =>
            withFixture(async (f) => {
              const head = f.repo.branch('feature', f.repo.commit({ files: { 'feature.txt': 'x' } }));
              f.repo.addPullRequest({ number: 6, title: 'Feature', head: { ref: 'feature', sha: head } });
              const group = f.repo.branch(
                'gh-readonly-queue/main/pr-5-aaaa',
                f.repo.commit({ files: { 'queued.txt': 'x' } }),
              );
              f.github.fault(MATCHING_REFS, fault);
              const failed = await f.guard({ freeze: 'on' });
              expect(failed.exitCode).toBe(1);
              expect(failed.failure).toMatch(
                new RegExp(`^${escapeRoute(MATCHING_REFS)} failed \\(HTTP ${fault.status}\\)`),
              );
              expect(failed.stderr).not.toMatch(/\n\s+at /);
              expect(freezeStatuses(f, group)).toHaveLength(0);
              const rerun = await f.guard({ freeze: 'on' });
              expect(rerun.exitCode).toBe(0);
              expect(freezeStatuses(f, group)).toEqual([expect.objectContaining({ state: 'pending' })]);
              expect(freezeStatuses(f, head)).toEqual([expect.objectContaining({ state: 'pending' })]);
            }),
        ] as const,
    ),
    [
      'freeze on: another run creates the freeze ref between our read and our write ("Reference already exists"): frozen, PRs marked',
      () =>
        withFixture(async (f) => {
          const head = f.repo.branch('feature', f.repo.commit({ files: { 'feature.txt': 'x' } }));
          f.repo.addPullRequest({ number: 6, title: 'Feature', head: { ref: 'feature', sha: head } });
          const stop = f.github.onRequest((request) => {
            if (request.route !== 'GET /repos/{owner}/{repo}/git/ref/{ref}' || !request.url.includes('shipshape'))
              return;
            stop();
            f.repo.refs.set('refs/shipshape/freeze/main', f.sha);
          });
          const result = await f.guard({ freeze: 'on' });
          expect(result.failure).toBeUndefined();
          expect(result.exitCode).toBe(0);
          expect(routeCounts(f.github)[CREATE_REF]).toBe(1);
          expect(freezeStatuses(f, head)).toEqual([expect.objectContaining({ state: 'pending' })]);
        }),
    ] as const,
    [
      'an ambiguous failure (status written, then 500): the commit ends with the one status it needs; a re-run adds none',
      () =>
        withFixture(async (f) => {
          const { options, head } = frozenPull(f);
          f.github.fault(CREATE_STATUS, { status: 500, afterApply: true });
          const result = await f.guard(SYNC, options);
          expect(result.exitCode).toBe(0);
          const written = freezeStatuses(f, head).length;
          const rerun = await f.guard(SYNC, options);
          expect(rerun.exitCode).toBe(0);
          expect(freezeStatuses(f, head)).toHaveLength(written);
          expect(freezeStatuses(f, head)[0]).toMatchObject({ state: 'pending' });
        }),
    ] as const,
  ]);
});
