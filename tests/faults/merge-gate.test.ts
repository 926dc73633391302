import { expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
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
} from './support';

/**
 * merge-gate's committed bundle under every GitHub fault on its two reads for a review event: the live pull request
 * and its reviews (1 of 3 leads approved, so the gate blocks). A transient fault is retried and the verdict is the
 * same; a final one fails the step with an error naming the call, never a verdict made without the data.
 */

const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
const REVIEWS = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
const REPOSITORY = 'octo-org/gated';

async function withGate(
  test: (github: GitHubEmulator, gate: () => Promise<RunResult>) => Promise<void>,
  env: Record<string, string> = {},
): Promise<void> {
  const github = await startGitHubEmulator();
  try {
    const repo = github.repo(REPOSITORY);
    repo.addPullRequest({ number: 8, title: 'Release', user: 'dave' });
    repo.addReview(8, { user: 'alice', state: 'APPROVED' });
    const payload = webhookExample<Record<string, unknown> & { pull_request: Record<string, unknown> }>(
      'pull_request_review',
      'submitted',
    );
    payload.pull_request.number = 8;
    const gate = () =>
      runActionBundle({
        action: bundleUnderTest('merge-gate'),
        apiUrl: github.url,
        repository: REPOSITORY,
        inputs: { leads: 'alice, bob, carol' },
        event: { name: 'pull_request_review', payload },
        env,
        timeoutMs: 30_000,
      });
    await test(github, gate);
    github.assertNoViolations();
  } finally {
    await github.close();
  }
}

/** The verdict, not the API, is the failure: 1 of 2 approvals, one missing. */
const blockedOnQuorum = (result: RunResult): void => {
  expect(result.exitCode).toBe(1);
  expect(result.outputs.missing).toBe('1');
  expect(result.failure).toMatch(/^#8 may not be merged: quorum: 1 of 2/);
};

describeBundle('merge-gate', () => {
  it('without faults: two requests, blocked on the quorum', async () => {
    await withGate(async (github, gate) => {
      blockedOnQuorum(await gate());
      expect(routeCounts(github)).toEqual({ [PULL]: 1, [REVIEWS]: 1 });
    });
  });

  concurrentCases([
    ...[PULL, REVIEWS].flatMap((route) =>
      TRANSIENT.map(
        ({ name, fault }) =>
          [
            `${name} on ${route}: retried once, the same verdict`,
            () =>
              withGate(async (github, gate) => {
                github.fault(route, fault);
                blockedOnQuorum(await gate());
                expect(routeCounts(github)).toEqual({
                  [PULL]: route === PULL ? 2 : 1,
                  [REVIEWS]: route === REVIEWS ? 2 : 1,
                });
              }, envFor(fault)),
          ] as const,
      ),
    ),
    ...[PULL, REVIEWS].flatMap((route) =>
      FINAL.map(
        ({ name, fault }) =>
          [
            `${name} on ${route}: one request, an error naming the call, no verdict`,
            () =>
              withGate(async (github, gate) => {
                github.fault(route, fault);
                const failed = await gate();
                expect(failed.exitCode).toBe(1);
                expect(failed.failure).toMatch(new RegExp(`^${escapeRoute(route)} failed \\(HTTP ${fault.status}\\)`));
                expect(failed.stderr).not.toMatch(/\n\s+at /);
                expect(failed.outputs.allowed).toBeUndefined();
                expect(routeCounts(github)[route]).toBe(1);
              }),
          ] as const,
      ),
    ),
  ]);
});
