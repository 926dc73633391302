import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { buildMainMessage, buildNotesReplies, buildWebhookMessage, markdownToMrkdwn, notesBlocks, type DeployContext, type SlackMessage } from '@shipshape/slack';
import { mentionsIn, messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';
import { fuzzRuns } from './runs';

/** Pieces that stress the renderer: Slack control sequences, entities, Markdown syntax, long runs, odd Unicode. */
const FRAGMENTS = [
  '<!channel>', '<!here>', '<!everyone>', '<@U123ABC>', '<!subteam^S1|@x>', '<https://evil|https://bank>', '<mailto:a@b|x>',
  '&lt;!here&gt;', '&amp;', '&#60;!channel&#62;', '&', '<', '>', '|', '<!', '<@', '\\<!channel\\>',
  '**', '__', '*', '_', '~~', '`', '```', '~~~', '\n', '\n\n', '# ', '## ', '- ', '  - ', '1. ', '> ', '---', '| a | b |\n|---|---|\n| <!here> | x |',
  '[x](https://ok.example)', '[x](javascript:alert(1))', '[x][r]', '\n\n[r]: https://r.example', '![i](https://i.example/a.png)',
  'https://auto.example/path', '<details>', '</details>', '<!-- c -->', '<br>', 'Vec<T>', '::error::x', '🚀', '\u200b', 'é', '\ud83d',
];

const markdown = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 2, arbitrary: fc.string({ maxLength: 20 }) }, { weight: 1, arbitrary: fc.constantFrom('word ', 'x'.repeat(400), 'y '.repeat(800)) }), { maxLength: 60 })
  .map((parts) => parts.join(''));

const ctx: DeployContext = { status: 'failed', template: { kind: 'deploy' }, environment: 'production', version: '1.2.3', actor: 'octocat', releaseUrl: 'https://github.com/o/r/releases/tag/v1.2.3' };

/** Only our own links may open a `<` in the output: `<http…` / `<mailto:…`, each closed before the next `<`. */
function expectOnlyLinks(mrkdwn: string): void {
  expect(mentionsIn(mrkdwn)).toEqual([]);
  expect(mrkdwn).not.toMatch(/<[!@#]/);
  for (const m of mrkdwn.matchAll(/</g)) {
    const rest = mrkdwn.slice(m.index);
    expect(rest).toMatch(/^<(?:https?:|mailto:)[^<>\s|]*(?:\|[^<>]*)?>/);
  }
}

const textsOf = (m: SlackMessage): string[] => messageTexts(m as { text: string; blocks: unknown[] });

describe('mrkdwn renderer (fuzz)', () => {
  it('never lets input produce a mention, a broadcast or a control sequence', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        expectOnlyLinks(markdownToMrkdwn(md));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('always gives payloads within Block Kit limits, with no pings but the input mentions', () => {
    fc.assert(
      fc.property(markdown, fc.constantFrom('<!channel> & <@U1>', 'ops', 'a'.repeat(300)), (md, actor) => {
        const c = { ...ctx, actor, reason: actor };
        const blocks = notesBlocks(md);
        const messages = [buildMainMessage(c, { mentions: ['<!subteam^S0ONCALL>'] }), buildWebhookMessage(c, blocks, { mentions: ['<!subteam^S0ONCALL>'] }), ...buildNotesReplies(c, blocks)];
        for (const message of messages) {
          expect(validateSlackMessage(message)).toEqual([]);
          for (const text of textsOf(message)) expect(mentionsIn(text).every((x) => x === '<!subteam^S0ONCALL>')).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});
