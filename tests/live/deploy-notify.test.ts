import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { LIVE_VARIABLES, readLiveEnvironment } from './environment';
import { closeTarget, liveContractRequested, openTarget } from './open-target';
import { INJECTED, injectedCommands, runOnTarget } from './run-on-target';
import type { ContractTarget } from './target';

/**
 * Live contract, deploy-notify: a deploy started then succeeded, through the incoming webhook (always) and through a
 * bot token (emulated mode always; live mode when SHIPSHAPE_LIVE_SLACK_TOKEN and SHIPSHAPE_LIVE_SLACK_CHANNEL are
 * set). Slack cannot tell us what a webhook posted (it answers `ok`, with no message ts), so live mode checks the
 * action's own result; emulated mode also checks the channel as the emulator records it.
 * What this leaves in Slack cannot be removed: see tests/README.md, "Live contract".
 */

let t: ContractTarget | undefined;

beforeAll(async () => {
  t = await openTarget();
}, 120_000);
afterEach(() => t?.verifyTraffic());
afterAll(async () => {
  if (t) await closeTarget(t);
}, 300_000);

function target(): ContractTarget {
  if (!t) throw new Error('live contract: the target did not open (see beforeAll)');
  return t;
}

/** Whether this run has a bot token: the emulator always does; live mode only with both variables set. */
function botAvailable(): boolean {
  if (!liveContractRequested()) return true;
  try {
    const env = readLiveEnvironment(process.env);
    return env === undefined || env.slackBot !== undefined;
  } catch {
    // A broken environment fails every test in beforeAll, with the variable named.
    return true;
  }
}

// Mentions stay out of the notes: a live run posts into a real channel, and the security suite owns hostile mentions.
const notes = (prefix: string): string =>
  [`- Deployed by the shipshape live contract (${prefix}).`, `::error::${INJECTED}`, `::add-mask::${INJECTED}`].join(
    '\n',
  );

/** The log without the mask registrations themselves (the only place a secret may appear). */
const unmasked = (stdout: string): string => stdout.replace(/^::add-mask::.*$/gm, '');

describe('live contract: deploy-notify', () => {
  it('an incoming webhook gets a started message, then a succeeded one; the webhook URL is masked and never shown', async () => {
    const t = target();
    const common = {
      'webhook-url': t.slack.webhookUrl,
      version: '1.2.3',
      environment: t.prefix,
      'fail-on-error': 'true',
    };
    const posted = t.emulators?.slack.messages(t.emulators.webhookChannel).length ?? 0;

    const started = await runOnTarget(t, {
      action: 'deploy-notify',
      inputs: { ...common, status: 'started', notes: notes(t.prefix) },
    });
    expect(started.failure).toBeUndefined();
    expect(started.exitCode).toBe(0);
    expect(started.masks).toContain(t.slack.webhookUrl);
    expect(unmasked(started.stdout + started.stderr)).not.toContain(t.slack.webhookUrl);
    expect(injectedCommands(started)).toEqual([]);

    const succeeded = await runOnTarget(t, { action: 'deploy-notify', inputs: { ...common, status: 'succeeded' } });
    expect(succeeded.failure).toBeUndefined();
    expect(succeeded.exitCode).toBe(0);
    expect(unmasked(succeeded.stdout + succeeded.stderr)).not.toContain(t.slack.webhookUrl);

    if (t.emulators) {
      // A webhook cannot edit: one new message per status, in order.
      const shown = t.emulators.slack.messages(t.emulators.webhookChannel).slice(posted);
      expect(shown.map((m) => m.via)).toEqual(['webhook', 'webhook']);
      expect(shown.map((m) => m.text)).toEqual([
        expect.stringContaining(`Deploying v1.2.3 to ${t.prefix}`),
        expect.stringContaining(`Deployed v1.2.3 to ${t.prefix}`),
      ]);
    }
  }, 300_000);

  const bot = botAvailable();
  if (!bot)
    console.info(
      `live contract: deploy-notify's bot-token scenario is skipped: set ${LIVE_VARIABLES.slackToken} and ${LIVE_VARIABLES.slackChannel} to run it.`,
    );
  (bot ? it : it.skip)(
    'a bot token posts the started message and edits that same message to succeeded',
    async () => {
      const t = target();
      const credentials = t.slack.bot;
      if (!credentials) throw new Error('live contract: no bot token in this run');
      const common = {
        token: credentials.token,
        channel: credentials.channel,
        'api-url': t.slack.apiUrl,
        version: '1.2.3',
        environment: t.prefix,
        'fail-on-error': 'true',
      };

      const started = await runOnTarget(t, {
        action: 'deploy-notify',
        inputs: { ...common, status: 'started', notes: notes(t.prefix) },
      });
      expect(started.failure).toBeUndefined();
      expect(started.exitCode).toBe(0);
      const ts = started.outputs['message-ts'] ?? '';
      expect(ts).toMatch(/^\d+\.\d{6}$/);
      expect(started.outputs.channel).toBe(credentials.channel);
      expect(started.outputs.permalink).toMatch(/^https:\/\//);
      expect(started.masks).toContain(credentials.token);
      expect(unmasked(started.stdout + started.stderr)).not.toContain(credentials.token);
      expect(injectedCommands(started)).toEqual([]);

      const succeeded = await runOnTarget(t, {
        action: 'deploy-notify',
        inputs: { ...common, status: 'succeeded', 'message-ts': ts },
      });
      expect(succeeded.failure).toBeUndefined();
      expect(succeeded.exitCode).toBe(0);
      expect(succeeded.outputs['message-ts']).toBe(ts);

      if (t.emulators) {
        const message = t.emulators.slack.message(credentials.channel, ts);
        expect(message?.edits).toHaveLength(1);
        expect(message?.text).toContain(`Deployed v1.2.3 to ${t.prefix}`);
        expect(
          t.emulators.slack
            .messages(credentials.channel)
            .filter((m) => (m.text ?? '').includes(t.prefix) && m.via === 'api'),
        ).toHaveLength(1);
      }
    },
    300_000,
  );
});
