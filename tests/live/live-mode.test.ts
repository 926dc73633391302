import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import { LIVE_VARIABLES } from './environment';
import { closeTarget, openTarget } from './open-target';
import { openScratchPullRequest, setStatus } from './repository-setup';
import { runOnTarget } from './run-on-target';

/**
 * A rehearsal of live mode: the switch `npm run test:live` flips (the SHIPSHAPE_LIVE_CONTRACT global and
 * SHIPSHAPE_LIVE_REPO), the environment, the live target and a scenario's steps and cleanup through it, with the
 * variables aimed at the emulators on 127.0.0.1. Live mode proper, against github.com and Slack, has never run from
 * this project's machines: they cannot reach either.
 */

let github: GitHubEmulator;
let slack: SlackEmulator;
const REPOSITORY = 'octo-org/rehearsal';
const saved: Record<string, string | undefined> = {};
const liveGlobal = globalThis as { SHIPSHAPE_LIVE_CONTRACT?: unknown };
const requested = liveGlobal.SHIPSHAPE_LIVE_CONTRACT;

function setEnv(values: Partial<Record<(typeof LIVE_VARIABLES)[keyof typeof LIVE_VARIABLES], string>>): void {
  for (const name of Object.values(LIVE_VARIABLES)) {
    if (!(name in saved)) saved[name] = process.env[name];
    const value = values[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

beforeAll(async () => {
  github = await startGitHubEmulator();
  slack = await startSlackEmulator({ channels: ['C0REHEARSAL'] });
  github.repo(REPOSITORY);
  liveGlobal.SHIPSHAPE_LIVE_CONTRACT = true;
});
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  github.assertNoViolations();
});
afterAll(async () => {
  liveGlobal.SHIPSHAPE_LIVE_CONTRACT = requested;
  await github.close();
  await slack.close();
});

describe('live mode, rehearsed against the emulators', () => {
  it('without the switch `npm run test:live` sets (here: npm test), a complete live environment still runs emulated', async () => {
    github.resetTraffic();
    setEnv({
      SHIPSHAPE_LIVE_REPO: REPOSITORY,
      SHIPSHAPE_LIVE_TOKEN: 'github_pat_rehearsal',
      SHIPSHAPE_LIVE_SLACK_WEBHOOK: slack.webhookUrl('C0REHEARSAL'),
      SHIPSHAPE_LIVE_API_URL: github.url,
    });
    liveGlobal.SHIPSHAPE_LIVE_CONTRACT = undefined;
    try {
      const t = await openTarget();
      expect(t.mode).toBe('emulated');
      expect(t.apiUrl).not.toBe(github.url);
      await closeTarget(t);
    } finally {
      liveGlobal.SHIPSHAPE_LIVE_CONTRACT = true;
    }
    expect(github.count()).toBe(0);
  });

  it('SHIPSHAPE_LIVE_REPO without a token or a webhook fails before any request, naming both', async () => {
    github.resetTraffic();
    setEnv({ SHIPSHAPE_LIVE_REPO: REPOSITORY, SHIPSHAPE_LIVE_API_URL: github.url });
    await expect(openTarget()).rejects.toThrow(/SHIPSHAPE_LIVE_TOKEN and SHIPSHAPE_LIVE_SLACK_WEBHOOK are not set/);
    expect(github.count()).toBe(0);
  });

  it('opens the live target from the environment; scenario steps, the bundles and cleanup go where it points', async () => {
    const webhook = slack.webhookUrl('C0REHEARSAL');
    setEnv({
      SHIPSHAPE_LIVE_REPO: REPOSITORY,
      SHIPSHAPE_LIVE_TOKEN: 'github_pat_rehearsal',
      SHIPSHAPE_LIVE_SLACK_WEBHOOK: webhook,
      SHIPSHAPE_LIVE_API_URL: github.url,
    });
    const t = await openTarget();
    try {
      expect(t).toMatchObject({
        mode: 'live',
        repository: REPOSITORY,
        apiUrl: github.url,
        token: 'github_pat_rehearsal',
        emulators: undefined,
        slack: { webhookUrl: webhook, bot: undefined },
      });
      const pr = await openScratchPullRequest(t, { title: 'Rehearsal', body: 'rehearsal' });
      await setStatus(t, pr.headSha, { context: `${t.prefix}/ci`, state: 'success', description: 'rehearsal' });
      const gate = await runOnTarget(t, {
        action: 'deploy-guard',
        sha: pr.headSha,
        inputs: {
          'commit-gate': 'true',
          sha: pr.headSha,
          'required-checks': `${t.prefix}/ci`,
          'poll-interval': '1',
          timeout: '30',
        },
      });
      expect(gate.outputs.decision).toBe('proceed');
      const notified = await runOnTarget(t, {
        action: 'deploy-notify',
        inputs: {
          'webhook-url': t.slack.webhookUrl,
          status: 'started',
          version: '1.0.0',
          environment: t.prefix,
          'fail-on-error': 'true',
        },
      });
      expect(notified.exitCode).toBe(0);
      expect(slack.messages('C0REHEARSAL').map((m) => m.text)).toEqual([
        expect.stringContaining(`Deploying v1.0.0 to ${t.prefix}`),
      ]);
      // Everything went to the address the environment named, with its token.
      expect(
        github.requests.filter((r) => r.method === 'POST' && r.route === 'POST /repos/{owner}/{repo}/pulls'),
      ).toHaveLength(1);
      expect(new Set(github.requests.map((r) => r.headers.authorization))).toEqual(
        new Set(['token github_pat_rehearsal']),
      );
    } finally {
      await closeTarget(t);
    }
    const repo = github.repo(REPOSITORY);
    expect([...repo.refs.keys()].filter((ref) => ref.includes(t.prefix))).toEqual([]);
    expect([...repo.pullRequests.values()].map((p) => p.state)).toEqual(['closed']);
  }, 120_000);
});
