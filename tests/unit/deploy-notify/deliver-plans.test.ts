import { describe, expect, it } from '@jest/globals';
import { FakeClock, Inputs, mapInputSource, MemoryLogger } from '@shipshape/kit';
import { messageTexts } from '@shipshape/testing/slack-emulator';
import { sendNotification, type NotifyPorts, type RunFacts } from '../../../actions/deploy-notify/src/deliver';
import type { ShippedPullsPort } from '../../../actions/deploy-notify/src/github-port';
import { readSettings } from '../../../actions/deploy-notify/src/inputs';
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
