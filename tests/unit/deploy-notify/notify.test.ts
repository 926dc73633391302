import { describe, expect, it } from '@jest/globals';
import { FakeClock, MemoryLogger } from '@shipshape/kit';
import { notesBlocks, type DeployContext, type SlackMessage } from '@shipshape/slack';
import {
  freezeWithBot,
  mentionsFor,
  notifyDeployWithBot,
  notifyWithWebhook,
  tsToMs,
  unfreezeWithBot,
} from '../../../actions/deploy-notify/src/notify';
import { FakeBot } from './fake-bot';
import { ctx, request } from './requests';

function deps(now = Date.parse('2026-01-01T00:10:00Z')) {
  return { clock: new FakeClock(now), log: new MemoryLogger() };
}

describe('one message per deploy (bot token)', () => {
  it('started posts with the notes in the thread; succeeded edits it with the elapsed time and posts nothing else', async () => {
    const bot = new FakeBot();
    const first = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ notes: notesBlocks('## Fixes\n\n- one') }),
      deps(),
    );
    expect(bot.top('C1')).toHaveLength(1);
    expect(bot.thread('C1', first.messageTs ?? '')).toHaveLength(1);
    expect(first.permalink).toMatch(/^https:\/\/fake\.slack\.com/);
    const startedMs = tsToMs(first.messageTs ?? '');
    const later = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ messageTs: first.messageTs }, { status: 'succeeded' }),
      deps(startedMs + 95_000),
    );
    expect(later.messageTs).toBe(first.messageTs);
    const [message] = bot.top('C1');
    expect(message?.edits).toBe(1);
    expect(message?.message.text).toBe('✅ Deployed v1.2.3 to production after 1m 35s (by octocat)');
    expect(message?.message.metadata).toEqual({
      event_type: 'shipshape_deploy',
      event_payload: {
        repository: 'o/r',
        run_id: '100',
        environment: 'production',
        status: 'succeeded',
        version: '1.2.3',
      },
    });
    expect(bot.thread('C1', first.messageTs ?? '')).toHaveLength(1);
    expect(later.problems).toEqual([]);
  });

  it('a failure edits without pinging in the edit, and broadcasts one alert with the failure mentions, even when re-run', async () => {
    const bot = new FakeBot();
    const first = await notifyDeployWithBot(bot, 'C1', 'C9', request({ mentions: ['<!here>'] }), deps());
    expect(bot.top('C1')[0]?.message.text).toMatch(/^<!here> /);
    const failed = request(
      { messageTs: first.messageTs, mentions: ['<!here>'], mentionsOnFailure: ['<!subteam^S1>'] },
      { status: 'smoke-failed' },
    );
    await notifyDeployWithBot(bot, 'C1', 'C9', failed, deps());
    await notifyDeployWithBot(bot, 'C1', 'C9', failed, deps());
    expect(bot.top('C1')[0]?.message.text).not.toContain('<!');
    const alerts = bot.thread('C1', first.messageTs ?? '');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.broadcast).toBe(true);
    expect(alerts[0]?.message.text).toMatch(/^<!subteam\^S1> 🔥 Smoke tests failed/);
    expect(bot.top('C9')).toHaveLength(1);
    expect(JSON.stringify(bot.top('C9')[0]?.message.blocks)).toContain('|Deploy message>');
  });

  it('a success with mentions replies in the thread (an edit notifies nobody) without broadcasting', async () => {
    const bot = new FakeBot();
    const first = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ messageTs: first.messageTs, mentions: ['<@U0RELEASE>'] }, { status: 'succeeded' }),
      deps(),
    );
    const replies = bot.thread('C1', first.messageTs ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.broadcast).toBe(false);
    expect(replies[0]?.message.text).toMatch(/^<@U0RELEASE> ✅/);
  });

  it('without message-ts, finds the message of this run by its metadata (a re-run), not that of another run', async () => {
    const bot = new FakeBot();
    await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ key: { repository: 'o/r', runId: '99', environment: 'production' } }),
      deps(),
    );
    const mine = await notifyDeployWithBot(bot, 'C1', undefined, request({ notes: notesBlocks('- a') }), deps());
    const again = await notifyDeployWithBot(bot, 'C1', undefined, request({ notes: notesBlocks('- a') }), deps());
    expect(again.messageTs).toBe(mine.messageTs);
    expect(bot.top('C1')).toHaveLength(2);
    expect(bot.thread('C1', mine.messageTs ?? '')).toHaveLength(1);
  });

  it('when history cannot be read it warns and posts; when the thread cannot be read it does not risk duplicate notes', async () => {
    const bot = new FakeBot();
    bot.failing.add('history');
    const d = deps();
    const first = await notifyDeployWithBot(bot, 'C1', undefined, request({ notes: notesBlocks('- a') }), d);
    expect(d.log.text('warning')).toMatch(/a re-run may post a second message/);
    expect(bot.thread('C1', first.messageTs ?? '')).toHaveLength(1);
    bot.failing.add('replies');
    const later = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ messageTs: first.messageTs, notes: notesBlocks('- a') }, { status: 'succeeded' }),
      deps(),
    );
    expect(later.problems.join('\n')).toMatch(/release notes not posted: could not read the thread/);
    expect(bot.thread('C1', first.messageTs ?? '')).toHaveLength(1);
  });

  it('a failed edit (message_not_found) throws for the caller to report; a failed permalink is only a problem', async () => {
    const bot = new FakeBot();
    await expect(
      notifyDeployWithBot(
        bot,
        'C1',
        undefined,
        request({ messageTs: '1700000000.000001' }, { status: 'failed' }),
        deps(),
      ),
    ).rejects.toThrow(/message_not_found/);
    bot.failing.add('permalink');
    const outcome = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    expect(outcome.messageTs).toBeDefined();
    expect(outcome.problems).toEqual(['permalink: permalink failed: missing_scope']);
  });
});

describe('freeze and unfreeze (bot token)', () => {
  it('unfreeze edits the newest freeze still on and broadcasts "resume merging" once', async () => {
    const bot = new FakeBot();
    const freeze = await freezeWithBot(
      bot,
      'C1',
      request({ mentions: ['<!here>'] }, { template: { kind: 'freeze' }, reason: 'hotfix' }),
      deps(),
    );
    expect(bot.top('C1')[0]?.message.text).toMatch(/^<!here> 🧊 Merge freeze: production: please hold off/);
    const unfreezeReq = request(
      { key: { repository: 'o/r', runId: '200', environment: 'production' } },
      { template: { kind: 'unfreeze' } },
    );
    const lifted = await unfreezeWithBot(bot, 'C1', unfreezeReq, deps());
    expect(lifted.messageTs).toBe(freeze.messageTs);
    expect(bot.top('C1')[0]?.message.text).toMatch(/Merge freeze lifted/);
    await unfreezeWithBot(bot, 'C1', { ...unfreezeReq, messageTs: freeze.messageTs }, deps());
    const replies = bot.thread('C1', freeze.messageTs ?? '');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.broadcast).toBe(true);
    // A second unfreeze without a ts finds no freeze still on: it posts its own message.
    await unfreezeWithBot(bot, 'C1', unfreezeReq, deps());
    expect(bot.top('C1')).toHaveLength(2);
  });
});

describe('webhook and mentions', () => {
  it('posts the whole message, notes included, through the webhook', async () => {
    const sent: unknown[] = [];
    const outcome = await notifyWithWebhook(
      async (m) => void sent.push(m),
      request({ notes: notesBlocks('- one'), mentionsOnFailure: ['<!here>'] }, { status: 'failed' }),
      deps(),
    );
    expect(sent).toHaveLength(1);
    expect(outcome.message.text).toMatch(/^<!here> ❌/);
    expect(JSON.stringify(outcome.message.blocks)).toContain('• one');
  });

  it('a failure also posts an alert through the failure webhook, pinging mention-on-failure; other outcomes do not', async () => {
    for (const status of ['failed', 'smoke-failed', 'rolled-back'] as const) {
      const main: SlackMessage[] = [];
      const alerts: SlackMessage[] = [];
      const log = deps();
      const outcome = await notifyWithWebhook(
        async (m) => void main.push(m),
        request(
          { notes: notesBlocks('- one'), mentions: ['<!here>'], mentionsOnFailure: ['<!subteam^S1>'] },
          { status },
        ),
        log,
        async (m) => void alerts.push(m),
      );
      expect(main).toHaveLength(1);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]?.text).toMatch(/^<!subteam\^S1> /);
      expect(JSON.stringify(alerts[0]?.blocks)).not.toContain('• one'); // the alert, not the notes
      expect(outcome.actions).toEqual([
        'Posted through the incoming webhook.',
        `Posted the ${status} alert through the failure webhook.`,
      ]);
    }
    for (const [status, template] of [
      ['started', { kind: 'deploy' }],
      ['succeeded', { kind: 'deploy' }],
      ['cancelled', { kind: 'deploy' }],
      ['failed', { kind: 'freeze' }],
    ] as const) {
      const alerts: SlackMessage[] = [];
      await notifyWithWebhook(
        async () => undefined,
        request({}, { status, template }),
        deps(),
        async (m) => void alerts.push(m),
      );
      expect({ status, template, alerts }).toEqual({ status, template, alerts: [] });
    }
  });

  it('a failure webhook that fails leaves the main message delivered and reports a problem', async () => {
    const main: SlackMessage[] = [];
    const outcome = await notifyWithWebhook(
      async (m) => void main.push(m),
      request({}, { status: 'failed' }),
      deps(),
      async () => {
        throw new Error('Slack webhook failed (HTTP 404): no_service');
      },
    );
    expect(main).toHaveLength(1);
    expect(outcome.problems).toEqual([
      'alert through the failure webhook: Slack webhook failed (HTTP 404): no_service',
    ]);
  });

  it('failures ping mention-on-failure when given, otherwise mention; successes ping mention only', () => {
    const r = (status: DeployContext['status'], onFailure: string[]) =>
      mentionsFor({ ctx: ctx({ status }), mentions: ['<!here>'], mentionsOnFailure: onFailure });
    expect(r('failed', ['<!subteam^S1>'])).toEqual(['<!subteam^S1>']);
    expect(r('rolled-back', [])).toEqual(['<!here>']);
    expect(r('succeeded', ['<!subteam^S1>'])).toEqual(['<!here>']);
  });
});

describe('re-runs read the channel history page by page', () => {
  // Slack pages conversations.history with a cursor (https://docs.slack.dev/apis/web-api/pagination); one page is not
  // the whole channel since the run started.
  it("finds the first attempt's message behind 450 newer messages, reading pages of 200", async () => {
    const bot = new FakeBot();
    const first = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    for (let i = 0; i < 450; i++) bot.chatter('C1', `chatter ${i}`);
    const rerun = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ runAttempt: '2' }, { status: 'succeeded' }),
      deps(),
    );
    expect(rerun.messageTs).toBe(first.messageTs);
    expect(bot.top('C1').filter((m) => m.message.metadata !== undefined)).toHaveLength(1);
    const calls = bot.historyCalls.slice(-3);
    expect(calls.map((c) => c.cursor)).toEqual([undefined, '200', '400']);
    expect(calls.every((c) => c.limit === 200)).toBe(true);
  });

  it('as a non-Marketplace app (15 messages a page) it still pages, within the page cap', async () => {
    const bot = new FakeBot();
    bot.pageSize = 15;
    const first = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    for (let i = 0; i < 40; i++) bot.chatter('C1', `chatter ${i}`);
    const rerun = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ runAttempt: '2' }, { status: 'succeeded' }),
      deps(),
    );
    expect(rerun.messageTs).toBe(first.messageTs);
  });

  it('stops after 10 pages (2,000 messages), warns that a second message may follow, and posts', async () => {
    const bot = new FakeBot();
    await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    for (let i = 0; i < 2100; i++) bot.chatter('C1', `chatter ${i}`);
    bot.historyCalls.length = 0;
    const d = deps();
    await notifyDeployWithBot(bot, 'C1', undefined, request({ runAttempt: '2' }, { status: 'succeeded' }), d);
    expect(bot.historyCalls).toHaveLength(10);
    expect(d.log.text('warning')).toMatch(
      /in the 2000 newest messages of C1 and stopped \(10 pages\); a re-run may post a second message/,
    );
    expect(bot.top('C1').filter((m) => m.message.metadata !== undefined)).toHaveLength(2);
  });

  it("searches back to the run's start when it is known (minus 5 minutes of clock skew), else 30 days", async () => {
    const bot = new FakeBot();
    const runStartedMs = Date.parse('2026-01-01T00:00:00Z');
    await notifyDeployWithBot(bot, 'C1', undefined, request({ runStartedMs }), deps());
    expect(bot.historyCalls[0]?.oldestTs).toBe(((runStartedMs - 300_000) / 1000).toFixed(6));
    await notifyDeployWithBot(bot, 'C2', undefined, request(), deps());
    expect(bot.historyCalls.at(-1)?.oldestTs).toBe(
      ((Date.parse('2026-01-01T00:10:00Z') - 30 * 86_400_000) / 1000).toFixed(6),
    );
  });
});
