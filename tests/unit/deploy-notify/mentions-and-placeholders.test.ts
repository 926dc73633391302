import { describe, expect, it } from '@jest/globals';
import { Inputs, InputError, MemoryLogger, mapInputSource, systemClock } from '@shipshape/kit';
import { readSettings } from '../../../actions/deploy-notify/src/inputs';
import { sendNotification, type SlackPorts } from '../../../actions/deploy-notify/src/deliver';
import type { SlackMessage } from '@shipshape/slack';

const WEBHOOK = { 'webhook-url': 'https://hooks.slack.com/services/T0/B0/secret' };
const read = (values: Record<string, string>) =>
  readSettings(new Inputs(mapInputSource({ status: 'started', ...WEBHOOK, ...values })), { readFile: () => undefined });

function thrown(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('deploy-notify: the mention inputs refuse everyone (the README promise)', () => {
  it.each([
    ['mention', 'everyone'],
    ['mention', '@everyone'],
    ['mention', 'here <!everyone>'],
    ['mention-on-failure', 'everyone'],
  ])('%s: %j is an input error naming the input and the accepted forms', (input, value) => {
    const error = thrown(() => read({ [input]: value }));
    expect(error.input).toBe(input);
    expect(error.message).toMatch(
      new RegExp(
        `^Input '${input}' is invalid: expected mentions separated by spaces or commas: here, channel, <!subteam\\^S…>, <@U…> or a bare`,
      ),
    );
    expect(error.message).toContain('everyone is refused');
    expect(error.message).toContain(`got "${value.split(' ').at(-1) ?? ''}"`);
  });

  it('here, channel, a subteam and a user are still read', () => {
    expect(read({ mention: 'here, channel <!subteam^S0ONCALL> U0123ABCD' }).mentions).toEqual([
      '<!here>',
      '<!channel>',
      '<!subteam^S0ONCALL>',
      '<@U0123ABCD>',
    ]);
  });
});

describe('deploy-notify: custom template placeholders', () => {
  it('an unknown placeholder is an input error naming it and listing the known ones, before anything is sent', () => {
    const error = thrown(() => read({ template: 'Deploying {versoin} to {Environment}' }));
    expect(error.input).toBe('template');
    expect(error.message).toContain(
      'expected a custom template using only the placeholders {version}, {environment}, {actor}, {run_url}',
    );
    expect(error.message).toContain('got "{versoin}, {Environment} (did you mean {environment}?)"');
  });

  it('a known placeholder that is empty in this run is a warning, and the message is still sent', async () => {
    const sent: SlackMessage[] = [];
    const ports: SlackPorts = {
      webhook: () => async (message) => {
        sent.push(message);
      },
      bot: () => {
        throw new Error('no bot in this test');
      },
    };
    const log = new MemoryLogger();
    const settings = read({ template: 'Deploying {version} to {environment}: {reason}', version: '2.0.0' });
    const run = {
      repository: 'o/r',
      runId: 1,
      runAttempt: 1,
      sha: 'abc',
      serverUrl: 'https://github.com',
      triggeringActor: 'octocat',
      payload: {},
    };
    const result = await sendNotification(settings, run, ports, { clock: systemClock, log });
    expect(result.failure).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0])).toContain('Deploying v2.0.0 to production:');
    expect(log.lines.filter((e) => e.level === 'warning').map((e) => e.message)).toEqual([
      "the template's {reason} is empty in this message and renders as nothing",
    ]);
  });
});
