import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';

/**
 * deploy-notify's committed bundle on the two input rules its README promises: `everyone` is not a mention it
 * takes, and a custom template may use only its placeholders (an empty one is a warning, not an error).
 */

let slack: SlackEmulator;
let channelCounter = 0;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: [] });
});
afterAll(() => slack.close());

function newChannel(): string {
  const id = `C0RULES${String(++channelCounter).padStart(4, '0')}`;
  slack.addChannel(id);
  return id;
}

function notify(inputs: RunOptions['inputs']): Promise<RunResult> {
  return runActionBundle({
    action: 'deploy-notify',
    repository: 'octo-org/octo-repo',
    runId: 4343,
    timeoutMs: 30_000,
    inputs,
  });
}

const commands = (result: RunResult, name: string): string[] =>
  parseWorkflowCommands(result.stdout)
    .filter((c) => c.command === name)
    .map((c) => c.message);

describe('deploy-notify input rules, through the bundle', () => {
  it.each([['mention'], ['mention-on-failure']])(
    '%s: everyone fails the step, naming the input; nothing is posted',
    async (input) => {
      const channel = newChannel();
      const result = await notify({ 'webhook-url': slack.webhookUrl(channel), status: 'failed', [input]: 'everyone' });
      expect(result.exitCode).toBe(1);
      const errors = commands(result, 'error').join('\n');
      expect(errors).toContain(`Input '${input}' is invalid: expected mentions separated by spaces or commas: here`);
      expect(errors).toContain('everyone is refused');
      expect(slack.messages(channel)).toEqual([]);
    },
  );

  it('an unknown placeholder fails the step, naming it and the known ones; nothing is posted', async () => {
    const channel = newChannel();
    const result = await notify({
      'webhook-url': slack.webhookUrl(channel),
      status: 'started',
      version: '1.0.0',
      template: 'Shipping {version} to {enviroment}',
    });
    expect(result.exitCode).toBe(1);
    const errors = commands(result, 'error').join('\n');
    expect(errors).toContain("Input 'template' is invalid");
    expect(errors).toContain('{enviroment}');
    expect(errors).toContain('{version}, {environment}, {actor}, {run_url}, {release_url}, {reason}, {status}');
    expect(slack.messages(channel)).toEqual([]);
  });

  it('a known placeholder left empty is a warning naming it, and the message is posted', async () => {
    const channel = newChannel();
    const result = await notify({
      'webhook-url': slack.webhookUrl(channel),
      status: 'started',
      version: '1.0.0',
      template: 'Shipping {version} to {environment}: {reason}',
    });
    expect(result.exitCode).toBe(0);
    expect(commands(result, 'warning')).toContain(
      "the template's {reason} is empty in this message and renders as nothing",
    );
    expect(slack.messages(channel)).toHaveLength(1);
  });
});
