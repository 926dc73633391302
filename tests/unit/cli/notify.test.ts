import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { notifyCommand } from '../../../packages/cli/src/commands/notify';
import type { CliIO } from '../../../packages/cli/src/io';

function fakeIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'notify-flags-'));
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd };
}

const HINT = "Run 'shipshape notify --help' for usage.\n";

describe('shipshape notify: mentions', () => {
  it.each([['everyone'], ['@everyone'], ['<!everyone>'], ['here, everyone']])(
    '--mention %j is refused, naming the flag and the accepted forms (exit 2)',
    async (mention) => {
      const io = fakeIO();
      expect(await notifyCommand.run(['render', '--mention', mention], io)).toBe(2);
      const err = io.err.join('');
      expect(err).toMatch(
        /^shipshape notify: --mention is invalid: expected mentions separated by spaces or commas: here, channel, <!subteam\^S…>/,
      );
      expect(err).toContain('everyone is refused');
      expect(err.endsWith(HINT)).toBe(true);
      expect(io.out).toEqual([]);
    },
  );

  it('--mention-on-failure refuses everyone the same way', async () => {
    const io = fakeIO();
    expect(await notifyCommand.run(['render', '--status', 'failed', '--mention-on-failure', 'everyone'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^shipshape notify: --mention-on-failure is invalid: .*, got "everyone"\./);
  });

  it('here and channel are still accepted', async () => {
    const io = fakeIO();
    expect(await notifyCommand.run(['render', '--mention', 'here channel'], io)).toBe(0);
    expect((JSON.parse(io.out.join('')) as { text: string }).text).toMatch(/^<!here> <!channel> /);
  });
});

describe('shipshape notify: custom template placeholders', () => {
  it('an unknown placeholder is refused by name, with the known ones listed (exit 2), nothing rendered', async () => {
    const io = fakeIO();
    const template = 'Shipped {versoin} to {environment} ({run-url})';
    expect(await notifyCommand.run(['render', '--template', template, '--version', '1.2.3'], io)).toBe(2);
    const err = io.err.join('');
    expect(err).toContain('shipshape notify: --template is invalid');
    expect(err).toContain('{versoin}');
    expect(err).toContain('{run-url} (did you mean {run_url}?)');
    expect(err).toContain('{version}, {environment}, {actor}, {run_url}, {release_url}, {reason}, {status}');
    expect(io.out).toEqual([]);
  });

  it('a known placeholder that is empty renders as nothing, with a warning naming it (exit 0)', async () => {
    const io = fakeIO();
    const template = 'Shipped {version} to {environment}: {reason} ({release_url})';
    expect(await notifyCommand.run(['render', '--template', template, '--version', '1.2.3'], io)).toBe(0);
    expect(io.err).toEqual([
      "shipshape notify: warning: the template's {reason} and {release_url} are empty in this message and render as nothing\n",
    ]);
    expect(JSON.stringify(JSON.parse(io.out.join('')))).toContain('Shipped v1.2.3 to production:');
  });

  it('says nothing when every placeholder used has a value', async () => {
    const io = fakeIO();
    const template = 'Shipped {version} to {environment}: {reason}';
    expect(await notifyCommand.run(['render', '--template', template, '--version', '1', '--reason', 'fix'], io)).toBe(
      0,
    );
    expect(io.err).toEqual([]);
  });
});

describe('shipshape notify: usage errors', () => {
  it.each([
    [[], "shipshape notify: expected 'render' or 'send'\n"],
    [['publish'], "shipshape notify: expected 'render' or 'send', got \"publish\"\n"],
    [['render', '--status', 'done'], 'shipshape notify: --status must be one of started, succeeded, failed, cancelled'],
    [['render', '--version'], 'shipshape notify: --version needs a value: <version>\n'],
  ])('%j: exit 2, prefixed, with the hint', async (argv, start) => {
    const io = fakeIO();
    expect(await notifyCommand.run(argv, io)).toBe(2);
    expect(io.err.join('').startsWith(start)).toBe(true);
    expect(io.err.join('').endsWith(HINT)).toBe(true);
  });

  it('Slack refusing the post is a failure, exit 1, prefixed, without the hint', async () => {
    const fetch = (async () => new Response('invalid_payload', { status: 400 })) as typeof globalThis.fetch;
    const io = { ...fakeIO(), env: { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/secret' }, fetch };
    expect(await notifyCommand.run(['send', '--version', '1.0.0'], io)).toBe(1);
    expect(io.err.join('')).toMatch(/^shipshape notify: send: .*invalid_payload/);
    expect(io.err.join('')).not.toContain('secret');
    expect(io.err.join('')).not.toContain('--help');
  });
});
