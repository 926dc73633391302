import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { messageTexts, startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import type { ExpressionContext } from './expressions';
import { readJob, runJob, type StepReport } from './workflow';

/**
 * workflows-examples/out-of-band.yml and staging.yml executed step by step (GitHub's expression engine for
 * `if:` and `with:`, each action from its committed bundle through the runner) against the emulators. The
 * point of the out-of-band test: when the deploy fails, the `if: always()` steps still lift the freeze and
 * send the all-clear. Changed from the workflow: no cancel window (15 minutes there), a 1 s poll and an 8 s
 * guard timeout (so a guard that waits fails the step within seconds).
 */

const CHANNEL = 'C0DEPLOYS';
let github: GitHubEmulator;
let slack: SlackEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
  slack = await startSlackEmulator({ channels: [CHANNEL] });
});
afterEach(() => {
  github.assertNoViolations();
  expect(slack.violations).toEqual([]);
});
afterAll(async () => {
  await github.close();
  await slack.close();
});

function setup(workflow: string): { name: string; sha: string; ctx: ExpressionContext; runId: number } {
  const name = `acme/oob-${++counter}`;
  const repo = github.repo(name);
  const sha = repo.head('main');
  const runId = 7000 + counter;
  repo.addWorkflow({
    name: workflow,
    path: `.github/workflows/${workflow === 'Staging' ? 'staging' : 'out-of-band'}.yml`,
  });
  repo.addWorkflowRun({
    workflow,
    id: runId,
    status: 'in_progress',
    created_at: new Date().toISOString(),
    head_sha: sha,
    jobs: 1,
  });
  repo.addStatus(sha, { context: 'ci/test', state: 'success' });
  const ctx: ExpressionContext = {
    github: {
      repository: name,
      sha,
      ref: 'refs/heads/main',
      event_name: 'workflow_dispatch',
      token: 'ghs_demo',
      run_id: String(runId),
    },
    steps: {},
    secrets: { SLACK_BOT_TOKEN: slack.token, SLACK_WEBHOOK_URL: slack.webhookUrl(CHANNEL) },
    vars: { SLACK_DEPLOY_CHANNEL: CHANNEL },
    inputs: {},
    job: { status: 'success' },
  };
  return { name, sha, ctx, runId };
}

const statusOf = (reports: StepReport[], title: RegExp): string | undefined =>
  reports.find((r) => title.test(r.title))?.status;

describe('out-of-band.yml, executed', () => {
  it('a failed deploy still lifts the freeze and sends the all-clear (if: always())', async () => {
    const { name, sha, ctx, runId } = setup('Out-of-band deploy');
    const repo = github.repo(name);
    const featureSha = repo.commit({ branch: 'feature', files: { 'feature.txt': 'x' }, message: 'Feature' });
    repo.addPullRequest({
      number: 7,
      title: 'Unrelated feature',
      body: '',
      user: 'octocat',
      base: 'main',
      head: { ref: 'feature', sha: featureSha },
      state: 'open',
    });
    const reason = 'hotfix for INC-42: checkout returns 500';
    ctx.inputs = { reason };
    const before = slack.messages(CHANNEL).length;
    const reports = await runJob(readJob('out-of-band.yml', 'deploy'), ctx, {
      runner: {
        apiUrl: github.url,
        repository: name,
        sha,
        runId,
        workflow: 'Out-of-band deploy',
        event: {
          name: 'workflow_dispatch',
          payload: {
            inputs: { reason },
            ref: 'refs/heads/main',
            repository: { full_name: name, default_branch: 'main' },
          },
        },
        timeoutMs: 20_000,
      },
      // Short bounds so a guard that waits on something fails the step within seconds, never the test's timeout.
      overrides: {
        'deploy-guard': { 'poll-interval': '1', timeout: '8', 'cancel-window': '0' },
        'deploy-notify': { 'api-url': slack.apiUrl },
      },
      runScript: () => 'failure',
      secretValues: [],
      onStep: () => undefined,
    });
    const failed = reports
      .filter((r) => r.result && r.result.exitCode !== 0)
      .map((r) => `${r.title}: ${r.result?.failure ?? ''}`);
    expect(failed).toEqual([]);
    expect(statusOf(reports, /^Freeze merges/)).toBe('success');
    expect(statusOf(reports, /^Ask the team/)).toBe('success');
    expect(statusOf(reports, /^Check the commit/)).toBe('success');
    expect(statusOf(reports, /^Deploy/)).toBe('failure');
    expect(statusOf(reports, /^Report the outcome/)).toBe('success');
    expect(statusOf(reports, /^Lift the freeze/)).toBe('success');
    expect(statusOf(reports, /^Tell the team merging may resume/)).toBe('success');
    expect(ctx.job.status).toBe('failure');
    // The open PR was held (pending) during the freeze and released (success) after it.
    const freezeStatuses = repo
      .statuses(featureSha)
      .filter((s) => s.context === 'merge-freeze')
      .map((s) => s.state);
    expect(freezeStatuses[0]).toBe('success');
    expect(freezeStatuses).toContain('pending');
    // Slack: the freeze notice (with the reason), the failed outcome; the notice is then edited to the all-clear.
    const messages = slack.messages(CHANNEL).slice(before);
    const texts = messages.map((m) => messageTexts(m).join('\n'));
    expect(texts.some((t) => t.includes('INC-42'))).toBe(true);
    expect(texts.some((t) => /fail/i.test(t))).toBe(true);
    const notice = messages.find((m) => m.ts === ctx.steps['freeze-notice']?.outputs['message-ts']);
    expect(notice?.edits.length).toBeGreaterThan(0);
  });
});

describe('staging.yml, executed', () => {
  it('queues, deploys, and reports through the webhook with the job status', async () => {
    const { name, sha, ctx, runId } = setup('Staging');
    const before = slack.messages(CHANNEL).length;
    ctx.github.event_name = 'push';
    const reports = await runJob(readJob('staging.yml', 'deploy'), ctx, {
      runner: {
        apiUrl: github.url,
        repository: name,
        sha,
        runId,
        workflow: 'Staging',
        event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha } },
        timeoutMs: 30_000,
      },
      overrides: { 'deploy-guard': { 'poll-interval': '1' }, 'deploy-notify': { 'api-url': slack.apiUrl } },
      secretValues: [],
      onStep: () => undefined,
    });
    expect(reports.map((r) => r.status)).toEqual(['success', 'placeholder', 'placeholder', 'success']);
    const posted = slack.messages(CHANNEL).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.via).toBe('webhook');
    expect(messageTexts(posted[0] ?? {}).join('\n')).toMatch(/staging/i);
  });
});
