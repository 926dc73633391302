import { describe, expect, it } from '@jest/globals';
import { FakeClock, Inputs, mapInputSource, MemoryLogger } from '@shipshape/kit';
import type { HttpPost, HttpResponse } from '@shipshape/slack';
import { messageTexts } from '@shipshape/testing/slack-emulator';
import { sendNotification, type NotifyPorts, type RunFacts } from '../../../actions/deploy-notify/src/deliver';
import type { ShippedPullsPort } from '../../../actions/deploy-notify/src/github-port';
import { readSettings } from '../../../actions/deploy-notify/src/inputs';
import { PLAN_BUDGET_MS } from '../../../actions/deploy-notify/src/rollback-plans';
import { slackDeliveryPorts } from '../../../actions/deploy-notify/src/slack-ports';
import { FakeBot } from './fake-bot';

/** When the domain asks GitHub for the rollback plans: failures only, with a token, and never at the alert's cost. */

const RUN: RunFacts = {
  repository: 'o/r',
  runId: 77,
  runAttempt: 1,
  sha: 'abc1234',
  serverUrl: 'https://github.com',
  triggeringActor: 'octocat',
  payload: {},
};

const settings = (values: Record<string, string>) =>
  readSettings(
    new Inputs(
      mapInputSource({
        token: 'xoxb-1-a',
        channel: 'C0123456789',
        'github-token': 'ghs_x',
        version: '2.0.0',
        ...values,
      }),
    ),
    { readFile: () => undefined },
  );

function ports(bot: FakeBot, github: () => Promise<ShippedPullsPort>, opened: string[]): NotifyPorts {
  return {
    webhook: () => async () => undefined,
    bot: () => bot,
    github: async (token) => {
      opened.push(token);
      return github();
    },
  };
}

const port = (calls: string[]): ShippedPullsPort => ({
  latestReleaseTag: async () => {
    calls.push('latest');
    return 'v1.9.0';
  },
  compare: async (base, head) => {
    calls.push(`compare ${base}...${head}`);
    return { total: 1, shas: ['c1'] };
  },
  pullsOfCommit: async () => [
    {
      number: 5,
      title: 'Flag',
      body: '## Rollback strategy\nTurn the flag off.',
      html_url: 'https://github.com/o/r/pull/5',
      merged_at: '2026-01-01T00:00:00Z',
    },
  ],
});

const deps = () => ({ clock: new FakeClock(Date.parse('2026-01-01T00:10:00Z')), log: new MemoryLogger() });

describe('sendNotification and the rollback plans', () => {
  it('a failure compares since the latest release up to the run commit, and the message quotes the plan', async () => {
    const bot = new FakeBot();
    const opened: string[] = [];
    const calls: string[] = [];
    const result = await sendNotification(
      settings({ status: 'failed' }),
      RUN,
      ports(bot, async () => port(calls), opened),
      deps(),
    );
    expect(result.failure).toBeUndefined();
    expect(opened).toEqual(['ghs_x']);
    expect(calls).toEqual(['latest', 'compare v1.9.0...abc1234']);
    const text = messageTexts(bot.top('C0123456789')[0]?.message ?? { text: '' }).join('\n');
    expect(text).toContain('<https://github.com/o/r/pull/5|#5 Flag>');
    expect(text).toContain('>Turn the flag off.');
  });

  it('successes and rollback-plans: false never open the GitHub port', async () => {
    const cases: Record<string, string>[] = [
      { status: 'verified' },
      { status: 'deployed' },
      { status: 'failed', 'rollback-plans': 'false' },
    ];
    for (const values of cases) {
      const opened: string[] = [];
      await sendNotification(
        settings(values),
        RUN,
        ports(new FakeBot(), async () => port([]), opened),
        deps(),
      );
      expect(opened).toEqual([]);
    }
  });

  it('a GitHub client that cannot be created is a warning, and the alert is still delivered', async () => {
    const bot = new FakeBot();
    const d = deps();
    const result = await sendNotification(
      settings({ status: 'smoke-failed' }),
      RUN,
      ports(bot, async () => {
        throw new Error('GITHUB_API_URL is not a URL');
      }, []),
      d,
    );
    expect(result.outcome?.messageTs).toBeDefined();
    expect(d.log.text('warning')).toBe('Rollback plans not quoted: GITHUB_API_URL is not a URL');
    expect(bot.top('C0123456789')).toHaveLength(1);
  });
});

/** A Slack that answers each method (the URL's last segment, `webhook` for a hook) from a queue, then `ok`. */
function scriptedSlack(answers: Record<string, { status: number; retryAfter?: string; body: string }[]>) {
  const calls: string[] = [];
  const fetch: HttpPost = async (url) => {
    const method = url.includes('/services/') ? 'webhook' : (url.split('/').pop() ?? '');
    calls.push(method);
    const answer = answers[method]?.shift();
    const ok = method === 'webhook' ? 'ok' : JSON.stringify({ ok: true, channel: 'C0123456789', ts: '1.000100' });
    const response: HttpResponse = {
      status: answer?.status ?? 200,
      headers: { get: (name) => (name === 'retry-after' ? (answer?.retryAfter ?? null) : null) },
      text: async () => answer?.body ?? ok,
    };
    return response;
  };
  return { calls, fetch };
}

/** A GitHub whose every commit → pulls request takes 7 s: the lookup runs until its own budget is spent. */
function slowGitHub(clock: FakeClock, requests: string[]): ShippedPullsPort {
  return {
    latestReleaseTag: async () => 'v1.9.0',
    compare: async () => ({ total: 60, shas: Array.from({ length: 60 }, (_, i) => `c${i}`) }),
    pullsOfCommit: async (sha) => {
      requests.push(sha);
      await clock.sleep(7_000);
      return [];
    },
  };
}

describe('the Slack budget (`timeout`) starts when the delivery does, not before the rollback plans', () => {
  const timeoutMs = 30_000;

  it('after a lookup that spent its whole budget, a webhook alert rate-limited for 20 s is still delivered', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:10:00Z'));
    const log = new MemoryLogger();
    const slack = scriptedSlack({ webhook: [{ status: 429, retryAfter: '20', body: 'rate_limited' }] });
    const requests: string[] = [];
    const hook = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX';
    const result = await sendNotification(
      readSettings(
        new Inputs(mapInputSource({ 'webhook-url': hook, 'github-token': 'ghs_x', status: 'failed', timeout: '30' })),
        { readFile: () => undefined },
      ),
      RUN,
      {
        ...slackDeliveryPorts({ fetch: slack.fetch, clock, log, timeoutMs }),
        github: async () => slowGitHub(clock, requests),
      },
      { clock, log },
    );
    // The lookup ran until its budget was spent (more than the whole Slack budget) ...
    expect(requests.length).toBeGreaterThan(timeoutMs / 7_000);
    expect(requests.length).toBeGreaterThanOrEqual(PLAN_BUDGET_MS / 7_000);
    expect(requests.length).toBeLessThan(60);
    // ... and the delivery still waited out the Retry-After and posted on its second attempt.
    expect(result.failure).toBeUndefined();
    expect(slack.calls).toEqual(['webhook', 'webhook']);
    expect(clock.sleeps.filter((ms) => ms === 20_000)).toHaveLength(1);
  });

  it('with a bot token, the history read and the post both still get their retries after a slow lookup', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:10:00Z'));
    const log = new MemoryLogger();
    const limited = { status: 429, retryAfter: '10', body: JSON.stringify({ ok: false, error: 'ratelimited' }) };
    const slack = scriptedSlack({
      'conversations.history': [limited, { status: 200, body: JSON.stringify({ ok: true, messages: [] }) }],
      'chat.postMessage': [limited],
    });
    const requests: string[] = [];
    const result = await sendNotification(
      settings({ status: 'smoke-failed', timeout: '30' }),
      RUN,
      {
        ...slackDeliveryPorts({ fetch: slack.fetch, clock, log, timeoutMs }),
        github: async () => slowGitHub(clock, requests),
      },
      { clock, log },
    );
    expect(requests.length).toBeGreaterThanOrEqual(PLAN_BUDGET_MS / 7_000);
    expect(result.failure).toBeUndefined();
    expect(result.outcome?.messageTs).toBe('1.000100');
    expect(slack.calls.slice(0, 4)).toEqual([
      'conversations.history',
      'conversations.history',
      'chat.postMessage',
      'chat.postMessage',
    ]);
    expect(clock.sleeps.filter((ms) => ms === 10_000)).toHaveLength(2);
  });

  it('the budget is shared by every call of the delivery: 429s past `timeout` give up', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:10:00Z'));
    const log = new MemoryLogger();
    const limited = { status: 429, retryAfter: '20', body: 'rate_limited' };
    const slack = scriptedSlack({ webhook: [limited, limited] });
    const hook = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX';
    const result = await sendNotification(
      readSettings(new Inputs(mapInputSource({ 'webhook-url': hook, status: 'verified', timeout: '30' })), {
        readFile: () => undefined,
      }),
      RUN,
      slackDeliveryPorts({ fetch: slack.fetch, clock, log, timeoutMs }),
      { clock, log },
    );
    expect(slack.calls).toEqual(['webhook', 'webhook']);
    expect(result.failure).toMatch(
      /gave up after 2 attempts: the next retry would exceed the 30 s left of the time budget/,
    );
  });
});
