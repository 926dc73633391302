import { expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
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
} from './support';

/**
 * plan-lint's committed bundle under every GitHub fault: on its read of the live pull request and on its one write,
 * the PR comment (`comment: true`, a plan missing its rollback strategy). Each case has its own emulator, so the
 * cases run concurrently; retries wait for real (1 s). The plan fails in every case (exit 1) — by design; what
 * matters is which error is reported and that there is never a second comment.
 *
 * plan-lint creates its comment without the client's blind 5xx retry (a 5xx may come after GitHub created it): on a
 * failure it lists the comments again and tries once more only if its comment is not there. Rate limits (403/429)
 * are still waited out by the client. A comment that cannot be written is a warning naming the call.
 */

const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
const COMMENT = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
const LIST_COMMENTS = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
const REPOSITORY = 'octo-org/planned';
const BODY = [
  '## Solution',
  '**Original issue and supporting materials**: #12',
  '**Downsides**: None.',
  '## Roll-out plan',
  '**Deployment risks**: N/A',
  '**Deployment assistants**: @ops',
  '**Backing services related changes**: none',
  '**Backuping steps**: snapshot the orders table',
  '**Deployment steps**:',
  '  1. [ ] run the migration',
  '## Verification plan',
  'Watch the error rate for 30 minutes.',
  '',
].join('\n');

interface Fixture {
  github: GitHubEmulator;
  repo: EmulatedRepository;
  lint(): Promise<RunResult>;
}

async function withFixture(test: (f: Fixture) => Promise<void>, env: Record<string, string> = {}): Promise<void> {
  const github = await startGitHubEmulator();
  try {
    const repo = github.repo(REPOSITORY);
    repo.addPullRequest({ number: 8, title: 'Export orders', body: BODY });
    const payload = webhookExample<Record<string, unknown> & { pull_request: Record<string, unknown> }>(
      'pull_request',
      'opened',
    );
    payload.number = 8;
    payload.pull_request.number = 8;
    const workspace = mkdtempSync(join(tmpdir(), 'faults-plan-'));
    const lint = () =>
      runActionBundle({
        action: bundleUnderTest('plan-lint'),
        apiUrl: github.url,
        repository: REPOSITORY,
        workspace,
        inputs: { comment: 'true' },
        event: { name: 'pull_request', payload },
        env,
        timeoutMs: 30_000,
      });
    await test({ github, repo, lint });
    github.assertNoViolations();
  } finally {
    await github.close();
  }
}

/** The requests of a run without faults, per route (measured once, shared by the cases). */
let baseline: Promise<Record<string, number>> | undefined;
function baselineCounts(): Promise<Record<string, number>> {
  baseline ??= (async () => {
    let counts: Record<string, number> = {};
    await withFixture(async ({ github, lint }) => {
      await lint();
      counts = routeCounts(github);
    });
    return counts;
  })();
  return baseline;
}

/** The plan problem is the failure, not the API: the missing rollback strategy is named. */
const failsOnThePlan = (result: RunResult): void => {
  expect(result.exitCode).toBe(1);
  expect(result.failure).toMatch(/Rollback strategy/i);
  expect(result.failure).not.toMatch(/HTTP|failed \(/);
};

describeBundle('plan-lint', () => {
  it('without faults: one comment; a re-run edits it, never a second one', async () => {
    await withFixture(async ({ github, repo, lint }) => {
      failsOnThePlan(await lint());
      expect(routeCounts(github)[COMMENT]).toBe(1);
      failsOnThePlan(await lint());
      expect(repo.comments(8)).toHaveLength(1);
      expect(routeCounts(github)[COMMENT]).toBe(1);
    });
  });

  concurrentCases([
    ...[PULL, COMMENT].flatMap((route) =>
      TRANSIENT.map(
        ({ name, fault }) =>
          [
            `${name} on ${route}: retried once, one comment`,
            () =>
              withFixture(async ({ github, repo, lint }) => {
                const expected = { ...(await baselineCounts()) };
                expected[route] = (expected[route] ?? 0) + 1;
                const rateLimit = fault.status === 403 || fault.status === 429;
                if (route === COMMENT && !rateLimit) expected[LIST_COMMENTS] = (expected[LIST_COMMENTS] ?? 0) + 1;
                github.fault(route, fault);
                failsOnThePlan(await lint());
                expect(routeCounts(github)).toEqual(expected);
                expect(repo.comments(8)).toHaveLength(1);
              }, envFor(fault)),
          ] as const,
      ),
    ),
    ...FINAL.map(
      ({ name, fault }) =>
        [
          `${name} on ${PULL}: one request, an error naming the call, no comment; a re-run leaves exactly one`,
          () =>
            withFixture(async ({ github, repo, lint }) => {
              github.fault(PULL, fault);
              const failed = await lint();
              expect(failed.exitCode).toBe(1);
              expect(failed.failure).toMatch(new RegExp(`^${escapeRoute(PULL)} failed \\(HTTP ${fault.status}\\)`));
              expect(failed.stderr).not.toMatch(/\n\s+at /);
              expect(routeCounts(github)[PULL]).toBe(1);
              expect(repo.comments(8)).toHaveLength(0);
              failsOnThePlan(await lint());
              expect(repo.comments(8)).toHaveLength(1);
            }),
        ] as const,
    ),
    ...FINAL.map(
      ({ name, fault }) =>
        [
          `${name} on every ${COMMENT}: two attempts, a warning naming the call; a re-run leaves exactly one comment`,
          () =>
            withFixture(async ({ github, repo, lint }) => {
              github.fault(COMMENT, { ...fault, times: Infinity });
              const failed = await lint();
              failsOnThePlan(failed);
              const named = new RegExp(`${escapeRoute(COMMENT)} failed \\(HTTP ${fault.status}\\)`);
              expect(failed.annotations.some((a) => a.level === 'warning' && named.test(a.message))).toBe(true);
              expect(routeCounts(github)[COMMENT]).toBe(2);
              expect(repo.comments(8)).toHaveLength(0);
              github.clearFaults();
              failsOnThePlan(await lint());
              expect(repo.comments(8)).toHaveLength(1);
            }),
        ] as const,
    ),
    [
      'an ambiguous failure (comment posted, then 500): still exactly one comment after the run and a re-run',
      () =>
        withFixture(async ({ github, repo, lint }) => {
          github.fault(COMMENT, { status: 500, afterApply: true });
          await lint();
          failsOnThePlan(await lint());
          expect(repo.comments(8)).toHaveLength(1);
        }),
    ] as const,
  ]);
});
