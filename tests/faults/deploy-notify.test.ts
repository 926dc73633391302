import { expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator } from '@shipshape/testing/github-emulator';
import { startSlackEmulator, type SlackEmulator, type SlackFault } from '@shipshape/testing/slack-emulator';
import { runActionBundle, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';
import { bundleUnderTest, concurrentCases, describeBundle } from './support';

/**
 * deploy-notify's committed bundle under Slack's faults (429, 5xx, `ok: false`) with a bot token, and the partial
 * failure the suite is built to survive: the release is created, Slack is down, and re-running both steps completes
 * the job with one release and one message. Each case has its own emulators, so the cases run concurrently.
 */

const CHANNEL = 'C0FAULTS';
const POST = 'chat.postMessage';

interface Fixture {
  slack: SlackEmulator;
  notify(inputs?: Record<string, string>): Promise<RunResult>;
}

async function withFixture(test: (f: Fixture) => Promise<void>): Promise<void> {
  const slack = await startSlackEmulator({ channels: [CHANNEL] });
  try {
    const workspace = mkdtempSync(join(tmpdir(), 'faults-notify-'));
    const notify = (inputs: Record<string, string> = {}) =>
      runActionBundle({
        action: bundleUnderTest('deploy-notify'),
        repository: 'octo-org/notified',
        runId: 5151,
        workspace,
        timeoutMs: 30_000,
        inputs: {
          token: slack.token,
          channel: CHANNEL,
          'api-url': slack.apiUrl,
          status: 'started',
          version: '1.2.3',
          environment: 'production',
          ...inputs,
        },
      });
    await test({ slack, notify });
  } finally {
    await slack.close();
  }
}

const posts = (slack: SlackEmulator): number => slack.requests.filter((r) => r.method === POST).length;

const TRANSIENT: [string, SlackFault][] = [
  ['429, Retry-After 1', { status: 429, retryAfter: 1 }],
  ['500', { status: 500 }],
  ['502', { status: 502 }],
  ['503', { status: 503 }],
];
const FINAL: [string, SlackFault][] = [
  ['ok:false channel_not_found', { error: 'channel_not_found' }],
  ['ok:false invalid_auth', { error: 'invalid_auth' }],
];

describeBundle(
  'deploy-notify',
  () => {
    it('without faults: one post, one message', async () => {
      await withFixture(async ({ slack, notify }) => {
        const result = await notify();
        expect(result.exitCode).toBe(0);
        expect(posts(slack)).toBe(1);
        expect(slack.messages(CHANNEL)).toHaveLength(1);
      });
    });

    concurrentCases([
      ...TRANSIENT.map(
        ([name, fault]) =>
          [
            `${name} on ${POST}: retried (bounded), exactly one message`,
            () =>
              withFixture(async ({ slack, notify }) => {
                slack.fault(POST, fault);
                const result = await notify();
                expect(result.exitCode).toBe(0);
                expect(result.outputs['message-ts']).toBe(slack.messages(CHANNEL)[0]?.ts);
                expect(slack.messages(CHANNEL)).toHaveLength(1);
                expect(posts(slack)).toBeGreaterThanOrEqual(2);
                expect(posts(slack)).toBeLessThanOrEqual(3);
              }),
          ] as const,
      ),
      ...FINAL.map(
        ([name, fault]) =>
          [
            `${name}: not retried, a warning naming the call and the error; a re-run posts the one message`,
            () =>
              withFixture(async ({ slack, notify }) => {
                slack.fault(POST, fault);
                const failed = await notify();
                expect(failed.exitCode).toBe(0);
                const warnings = failed.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
                expect(warnings.join('\n')).toMatch(new RegExp(`${POST.replace('.', '\\.')} failed.*${fault.error}`));
                expect(posts(slack)).toBe(1);
                expect(slack.messages(CHANNEL)).toHaveLength(0);
                const rerun = await notify();
                expect(rerun.exitCode).toBe(0);
                expect(slack.messages(CHANNEL)).toHaveLength(1);
              }),
          ] as const,
      ),
      [
        `every ${POST} answers 503 with fail-on-error: true: a bounded number of attempts, then an error naming the call`,
        () =>
          withFixture(async ({ slack, notify }) => {
            slack.fault(POST, { status: 503, times: Infinity });
            const failed = await notify({ 'fail-on-error': 'true', timeout: '5' });
            expect(failed.exitCode).toBe(1);
            expect(failed.failure).toMatch(/chat\.postMessage/);
            expect(failed.stderr).not.toMatch(/\n\s+at /);
            expect(posts(slack)).toBeLessThanOrEqual(6);
            expect(slack.messages(CHANNEL)).toHaveLength(0);
          }),
      ] as const,
      [
        'partial failure: the release is created, Slack is down; re-running both steps gives one release and one message',
        async () => {
          const github = await startGitHubEmulator();
          try {
            await withFixture(async ({ slack, notify }) => {
              const changelog = '# Changelog\n\n## [1.2.3] - 2026-03-01\n\n- The deploy waits for staging.\n';
              const repo = github.repo('octo-org/notified');
              const sha = repo.commit({ branch: 'main', files: { 'CHANGELOG.md': changelog } });
              repo.tag('v1.2.3', sha);
              const workspace = mkdtempSync(join(tmpdir(), 'faults-partial-'));
              writeFileSync(join(workspace, 'CHANGELOG.md'), changelog);
              const release = () =>
                runActionBundle({
                  action: bundleUnderTest('changelog-release'),
                  ref: 'refs/tags/v1.2.3',
                  sha,
                  event: {
                    name: 'push',
                    payload: { ...webhookExample<Record<string, unknown>>('push'), ref: 'refs/tags/v1.2.3' },
                  },
                  apiUrl: github.url,
                  repository: 'octo-org/notified',
                  workspace,
                  timeoutMs: 30_000,
                });
              // The workflow: release, then notify with the release notes; Slack is down for the whole first attempt.
              const first = await release();
              expect(first.outputs.result).toBe('created');
              slack.fault(POST, { status: 503, times: Infinity });
              const down = await notify({ 'fail-on-error': 'true', timeout: '5', notes: first.outputs.notes ?? '' });
              expect(down.exitCode).toBe(1);
              expect(slack.messages(CHANNEL)).toHaveLength(0);
              // "Re-run failed jobs": both steps run again.
              slack.clearFaults();
              const again = await release();
              expect(again.outputs.result).toBe('unchanged');
              const up = await notify({ 'fail-on-error': 'true', notes: again.outputs.notes ?? '' });
              expect(up.exitCode).toBe(0);
              expect(repo.releases).toHaveLength(1);
              expect(slack.messages(CHANNEL).filter((m) => !m.thread_ts)).toHaveLength(1);
              github.assertNoViolations();
            });
          } finally {
            await github.close();
          }
        },
      ] as const,
    ]);

    // Incoming webhooks are at most once: a webhook cannot be read back, so only an answer that proves the message was
    // not taken (429 with Retry-After; a refused connection) is retried. Slack documents HTTP 500 `rollup_error` as
    // "something strange and unusual happened" (https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks):
    // the message may be in the channel, so a retry could post it twice and ping its mentions twice.
    const webhookRun = (slack: SlackEmulator, notifyInputs: Record<string, string>) =>
      runActionBundle({
        action: bundleUnderTest('deploy-notify'),
        repository: 'octo-org/notified',
        runId: 5152,
        workspace: mkdtempSync(join(tmpdir(), 'faults-webhook-')),
        timeoutMs: 30_000,
        inputs: {
          'webhook-url': slack.webhookUrl(CHANNEL),
          status: 'failed',
          version: '1.2.3',
          mention: 'here',
          timeout: '3',
          ...notifyInputs,
        },
      });
    const AMBIGUOUS: [string, SlackFault, number][] = [
      ['500 after posting', { status: 500, afterApply: true }, 1],
      ['503 before posting', { status: 503 }, 0],
      ['a dropped connection after posting', { drop: true, afterApply: true }, 1],
      ['a hang past the request timeout after posting', { delayMs: 5000, afterApply: true }, 1],
    ];
    concurrentCases([
      ...AMBIGUOUS.map(
        ([name, fault, posted]) =>
          [
            `webhook, ${name}: not retried (at most once), a warning and a summary saying it may have been posted`,
            () =>
              withFixture(async ({ slack }) => {
                slack.fault('webhook', fault);
                const result = await webhookRun(slack, {});
                expect(result.exitCode).toBe(0);
                expect(slack.count('webhook')).toBe(1);
                expect(slack.messages(CHANNEL)).toHaveLength(posted);
                // Every warning: a failed status also looks up the rollback plans, whose warning (no GitHub here)
                // may come first.
                const warning = result.annotations
                  .filter((a) => a.level === 'warning')
                  .map((a) => a.message)
                  .join('\n');
                expect(warning).toMatch(
                  /may have been posted: an incoming webhook is posted at most once, so it is not retried/,
                );
                expect(result.summary).toMatch(/at most once/);
              }),
          ] as const,
      ),
      [
        'webhook, 429 with Retry-After: Slack did not take it, so it is retried; one message',
        () =>
          withFixture(async ({ slack }) => {
            slack.fault('webhook', { status: 429, retryAfter: 1 });
            const result = await webhookRun(slack, {});
            expect(result.exitCode).toBe(0);
            expect(slack.count('webhook')).toBe(2);
            expect(slack.messages(CHANNEL)).toHaveLength(1);
          }),
      ] as const,
    ]);
  },
  { usesGitHubClient: false, alsoNeeds: ['changelog-release'] },
);
