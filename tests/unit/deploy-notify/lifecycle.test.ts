import { describe, expect, it } from '@jest/globals';
import { FakeClock, MemoryLogger } from '@shipshape/kit';
import type { RollbackPlans, SlackMessage } from '@shipshape/slack';
import { mentionsIn, messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';
import {
  notifyDeployWithBot,
  notifyWithWebhook,
  VERSION_HISTORY_PAGES,
} from '../../../actions/deploy-notify/src/notify';
import { FakeBot } from './fake-bot';
import { request } from './requests';

/** The release lifecycle with a bot token: deployed → verified, failures with the choice and plans, thread-version. */

const NOW = Date.parse('2026-01-01T00:10:00Z');
function deps(now = NOW) {
  return { clock: new FakeClock(now), log: new MemoryLogger() };
}

const text = (m: SlackMessage | undefined): string =>
  m === undefined ? '' : messageTexts(m as { text: string; blocks: unknown[] }).join('\n');

const PLANS: RollbackPlans = {
  pulls: [
    {
      number: 42,
      title: 'Faster <checkout>',
      url: 'https://github.com/o/r/pull/42',
      sections: [
        { name: 'Rollback strategy', lines: ['Revert the PR, then <!channel> run the down migration'] },
        { name: 'Deployment assistants', lines: ['@alice'] },
      ],
    },
  ],
  notes: [],
};

describe('deployed and verified', () => {
  it('deployed → verified edit one message, with the time of each edit as posted-at', async () => {
    const bot = new FakeBot();
    const started = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    expect(started.postedAt).toBe('2026-01-01T00:10:00.000Z');
    const ts = started.messageTs ?? '';
    const deployed = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ messageTs: ts }, { status: 'deployed' }),
      deps(NOW + 60_000),
    );
    expect(deployed.postedAt).toBe('2026-01-01T00:11:00.000Z');
    expect(bot.top('C1')[0]?.message.text).toMatch(/^🟡 Deployed v1\.2\.3 to production, not yet verified after/);
    expect(JSON.stringify(bot.top('C1')[0]?.message.blocks)).toContain('*Status*\\nDeployed, not yet verified');
    const verified = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ messageTs: ts }, { status: 'verified' }),
      deps(NOW + 120_000),
    );
    expect(verified.messageTs).toBe(ts);
    const [message] = bot.top('C1');
    expect(bot.top('C1')).toHaveLength(1);
    expect(message?.edits).toBe(2);
    expect(message?.message.text).toMatch(/^🟢 Verified v1\.2\.3 in production after/);
    expect(message?.message.metadata?.event_payload.status).toBe('verified');
    // Neither is a failure: nothing broadcast, nothing in the thread, no choice to make.
    expect(bot.thread('C1', ts)).toHaveLength(0);
    expect(text(message?.message)).not.toContain('What now?');
  });
});

describe('failures spell out the choice and carry the rollback plans', () => {
  it('smoke-failed: the edit says fix forward or roll back; the broadcast alert quotes the plans, escaped', async () => {
    const bot = new FakeBot();
    const started = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    const ts = started.messageTs ?? '';
    await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ messageTs: ts, plans: PLANS, mentionsOnFailure: ['<!subteam^S0ONCALL>'] }, { status: 'smoke-failed' }),
      deps(NOW + 60_000),
    );
    const main = bot.top('C1')[0]?.message;
    expect(text(main)).toContain(
      'Either fix forward: ship a hotfix release with the fix. Or roll back: run the rollback',
    );
    // The edited message is the record; the alert (broadcast from the thread) carries the plans.
    expect(text(main)).not.toContain('Rollback plans');
    const [alert] = bot.thread('C1', ts);
    expect(alert?.broadcast).toBe(true);
    const alertText = text(alert?.message);
    expect(alertText).toContain('What now?');
    expect(alertText).toContain('<https://github.com/o/r/pull/42|#42 Faster &lt;checkout&gt;>');
    expect(alertText).toContain('>Revert the PR, then &lt;!channel&gt; run the down migration');
    expect(alertText).toContain('_Deployment assistants_\n>@alice');
    expect(new Set(mentionsIn(alertText))).toEqual(new Set(['<!subteam^S0ONCALL>']));
    expect(validateSlackMessage(alert?.message as SlackMessage)).toEqual([]);
  });

  it('a failure posted fresh (no earlier message) carries the plans itself; rolled-back states no choice', async () => {
    const bot = new FakeBot();
    await notifyDeployWithBot(bot, 'C1', undefined, request({ plans: PLANS }, { status: 'failed' }), deps());
    const failed = text(bot.top('C1')[0]?.message);
    expect(failed).toContain('What now?');
    expect(failed).toContain('*Rollback plans of the pull requests this release shipped*');
    const other = new FakeBot();
    await notifyDeployWithBot(other, 'C1', undefined, request({ plans: PLANS }, { status: 'rolled-back' }), deps());
    const rolledBack = text(other.top('C1')[0]?.message);
    expect(rolledBack).not.toContain('What now?');
    expect(rolledBack).toContain('#42 Faster');
  });

  it('a webhook message and the failure webhook alert both carry the choice and the plans', async () => {
    const sent: SlackMessage[] = [];
    const alerts: SlackMessage[] = [];
    await notifyWithWebhook(
      async (m) => {
        sent.push(m);
      },
      request({ plans: PLANS }, { status: 'failed' }),
      deps(),
      async (m) => {
        alerts.push(m);
      },
    );
    for (const m of [...sent, ...alerts]) {
      expect(text(m)).toContain('What now?');
      expect(text(m)).toContain('#42 Faster');
      expect(validateSlackMessage(m)).toEqual([]);
    }
    expect(alerts).toHaveLength(1);
  });
});

describe('thread-version', () => {
  it('finds the deploy message of the version posted by another run, updates it and replies once in its thread', async () => {
    const bot = new FakeBot();
    const release = await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ key: { repository: 'o/r', runId: '100', environment: 'production' } }, { version: '1.2.3' }),
      deps(),
    );
    bot.chatter('C1', 'lunch?');
    // Another release of another version, newer: not the one asked for.
    await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ key: { repository: 'o/r', runId: '101', environment: 'production' } }, { version: '1.2.4' }),
      deps(),
    );
    const rollback = request(
      { key: { repository: 'o/r', runId: '200', environment: 'production' }, threadVersion: 'v1.2.3', plans: PLANS },
      { status: 'rolled-back', version: undefined, reason: 'checkout errors' },
    );
    const log = deps(NOW + 3_600_000);
    const result = await notifyDeployWithBot(bot, 'C1', undefined, rollback, log);
    expect(result.messageTs).toBe(release.messageTs);
    const ts = release.messageTs ?? '';
    const original = bot.top('C1').find((m) => m.ts === ts);
    expect(original?.message.text).toMatch(/^↩️ Deploy v1\.2\.3 to production rolled back \(by octocat\)$/);
    // The message keeps the run that posted it; the reply is the rollback run's.
    expect(original?.message.metadata?.event_payload).toMatchObject({ run_id: '100', status: 'rolled-back' });
    const replies = bot.thread('C1', ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.message.metadata?.event_payload).toMatchObject({ run_id: '200', kind: 'outcome' });
    expect(text(replies[0]?.message)).toContain('#42 Faster');
    expect(log.log.text('info')).toContain('Found the deploy message of v1.2.3');
    // A re-run (a new attempt) of the rollback step posts nothing new.
    await notifyDeployWithBot(bot, 'C1', undefined, { ...rollback, runAttempt: '2' }, deps(NOW + 3_700_000));
    expect(bot.thread('C1', ts)).toHaveLength(1);
    expect(bot.top('C1')).toHaveLength(3);
  });

  it('not found: a warning and a new message, which a re-run of the step then finds by the same version', async () => {
    const bot = new FakeBot();
    const rollback = request(
      { key: { repository: 'o/r', runId: '200', environment: 'production' }, threadVersion: '9.9.9' },
      { status: 'rolled-back', version: '9.9.9' },
    );
    const first = deps();
    const posted = await notifyDeployWithBot(bot, 'C1', undefined, rollback, first);
    expect(first.log.text('warning')).toMatch(
      /No deploy message of 9\.9\.9 for production in C1 in the last 30 days: posting a new message\./,
    );
    expect(bot.top('C1')).toHaveLength(1);
    const again = await notifyDeployWithBot(bot, 'C1', undefined, { ...rollback, runAttempt: '2' }, deps());
    expect(again.messageTs).toBe(posted.messageTs);
    expect(bot.top('C1')).toHaveLength(1);
  });

  it('looks back 30 days and reads at most VERSION_HISTORY_PAGES pages', async () => {
    const bot = new FakeBot();
    bot.pageSize = 1;
    for (let i = 0; i < VERSION_HISTORY_PAGES + 5; i++) bot.chatter('C1', `chatter ${i}`);
    const log = deps();
    await notifyDeployWithBot(
      bot,
      'C1',
      undefined,
      request({ threadVersion: '1.0.0' }, { status: 'rolled-back', version: '1.0.0' }),
      log,
    );
    const versionCalls = bot.historyCalls.slice(0, VERSION_HISTORY_PAGES);
    expect(bot.historyCalls.length).toBeGreaterThanOrEqual(VERSION_HISTORY_PAGES);
    expect(Number(versionCalls[0]?.oldestTs)).toBe((NOW - 30 * 86_400_000) / 1000);
    expect(log.log.text('warning')).toContain(
      `Looked for the deploy message of 1.0.0 in the ${VERSION_HISTORY_PAGES} newest messages of C1 and stopped`,
    );
  });
});

describe("thread-version adopts only this bot's message", () => {
  const rollback = request(
    { key: { repository: 'o/r', runId: '200', environment: 'production' }, threadVersion: '1.2.3' },
    { status: 'rolled-back', version: '1.2.3' },
  );

  /** The bot's own release message of 1.2.3, then a newer one with the same metadata posted by another app. */
  async function channelWithImpostor(bot: FakeBot): Promise<{ own: string; impostor: string }> {
    const release = await notifyDeployWithBot(bot, 'C1', undefined, request(), deps());
    const metadata = bot.top('C1')[0]?.message.metadata;
    if (metadata === undefined) throw new Error('the release message has no metadata');
    const impostor = bot.postedByOtherApp('C1', { text: 'Deploy 1.2.3', blocks: [], metadata });
    return { own: release.messageTs ?? '', impostor: impostor.ts };
  }

  it('skips a message with matching metadata that another app posted, and asks auth.test once', async () => {
    const bot = new FakeBot();
    const { own, impostor } = await channelWithImpostor(bot);
    expect(bot.calls).not.toContain('identity');
    const log = deps(NOW + 3_600_000);
    const result = await notifyDeployWithBot(bot, 'C1', undefined, rollback, log);
    expect(result.messageTs).toBe(own);
    expect(bot.top('C1').find((m) => m.ts === impostor)?.edits).toBe(0);
    expect(bot.thread('C1', impostor)).toHaveLength(0);
    expect(bot.top('C1').find((m) => m.ts === own)?.message.metadata?.event_payload).toMatchObject({
      status: 'rolled-back',
    });
    expect(log.log.text('warning')).toContain(
      `Skipped message ${impostor} in C1: its metadata names the deploy of 1.2.3, but another app posted it.`,
    );
    expect(bot.calls.filter((c) => c === 'identity')).toHaveLength(1);
  });

  it("only the other app's message: not adopted, a new message is posted", async () => {
    const bot = new FakeBot();
    const metadata = {
      event_type: 'shipshape_deploy',
      event_payload: {
        repository: 'o/r',
        run_id: '100',
        environment: 'production',
        status: 'started',
        version: '1.2.3',
      },
    };
    const impostor = bot.postedByOtherApp('C1', { text: 'Deploy 1.2.3', blocks: [], metadata });
    const result = await notifyDeployWithBot(bot, 'C1', undefined, rollback, deps());
    expect(result.messageTs).not.toBe(impostor.ts);
    expect(bot.top('C1')).toHaveLength(2);
    expect(impostor.edits).toBe(0);
  });

  it('auth.test failing is a warning, and any poster is accepted as before', async () => {
    const bot = new FakeBot();
    const { impostor } = await channelWithImpostor(bot);
    bot.failing.add('identity');
    const log = deps(NOW + 3_600_000);
    const result = await notifyDeployWithBot(bot, 'C1', undefined, rollback, log);
    expect(result.messageTs).toBe(impostor);
    expect(log.log.text('warning')).toContain(
      'Could not tell which messages this bot posted (auth.test: identity failed: missing_scope); thread-version ' +
        'takes the deploy message of 1.2.3 whoever posted it.',
    );
    expect(bot.calls.filter((c) => c === 'identity')).toHaveLength(1);
  });

  it('a token auth.test names no bot for is a warning too', async () => {
    const bot = new FakeBot();
    const { impostor } = await channelWithImpostor(bot);
    bot.identityAnswer = { userId: 'U0PERSON' };
    const log = deps(NOW + 3_600_000);
    expect((await notifyDeployWithBot(bot, 'C1', undefined, rollback, log)).messageTs).toBe(impostor);
    expect(log.log.text('warning')).toContain('auth.test named no bot_id: not a bot token?');
  });
});
