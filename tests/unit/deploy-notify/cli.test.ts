import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notifyCommand } from '../../../packages/cli/src/commands/notify';
import type { CliIO } from '../../../packages/cli/src/io';
import { mentionsIn, validateSlackMessage } from '@shipshape/testing/slack-emulator';

function fakeIO(
  env: Record<string, string> = {},
  fetch?: typeof globalThis.fetch,
): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = mkdtempSync(join(tmpdir(), 'notify-cli-'));
  writeFileSync(join(cwd, 'NOTES.md'), '## Fixes\n\n- Fix <!channel> **bold** [pr](https://github.com/o/r/pull/1)\n');
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd, ...(fetch ? { fetch } : {}) };
}

describe('shipshape notify', () => {
  it('render prints exactly the webhook body, valid and escaped', async () => {
    const io = fakeIO();
    expect(
      await notifyCommand.run(
        [
          'render',
          '--status',
          'succeeded',
          '--version',
          '1.2.3',
          '--environment',
          'production',
          '--notes-file',
          'NOTES.md',
        ],
        io,
      ),
    ).toBe(0);
    const body = JSON.parse(io.out.join('')) as { text: string; blocks: unknown[] };
    expect(body.text).toBe('✅ Deployed v1.2.3 to production');
    expect(validateSlackMessage(body)).toEqual([]);
    expect(JSON.stringify(body)).toContain('• Fix &lt;!channel&gt; *bold* <https://github.com/o/r/pull/1|pr>');
    expect(mentionsIn(JSON.stringify(body))).toEqual([]);
  });

  it('renders the freeze preset with the reason', async () => {
    const io = fakeIO();
    expect(
      await notifyCommand.run(['render', '--template', 'freeze', '--reason', 'hotfix', '--mention', 'here'], io),
    ).toBe(0);
    expect(JSON.parse(io.out.join('')).text).toBe(
      '<!here> 🧊 Merge freeze: production: please hold off on merging anything until further notice',
    );
  });

  it('send posts the same body to SLACK_WEBHOOK_URL', async () => {
    const sent: string[] = [];
    const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
      sent.push(String(init?.body));
      return new Response('ok', { status: 200 });
    }) as typeof globalThis.fetch;
    const io = fakeIO({ SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/secret' }, fetch);
    expect(await notifyCommand.run(['send', '--status', 'started', '--version', '2.0.0'], io)).toBe(0);
    expect(JSON.parse(sent[0] ?? '{}').text).toBe('🚀 Deploying v2.0.0 to production');
  });

  it.each([
    [['render', '--status', 'done'], /--status must be one of/],
    [['render', '--template', 'freez'], /--template is invalid/],
    [['render', '--notes-file', 'MISSING.md'], /cannot read MISSING.md/],
    [['publish'], /expected 'render' or 'send'/],
    [['send'], /set SLACK_WEBHOOK_URL/],
  ])('exits 2 for %j', async (...row) => {
    const [argv, message] = row as [string[], RegExp];
    const io = fakeIO();
    expect(await notifyCommand.run(argv, io)).toBe(2);
    expect(io.err.join('')).toMatch(message);
  });
});
