import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildMainMessage,
  buildNotesReplies,
  buildWebhookMessage,
  markdownToMrkdwn,
  markdownToMrkdwnChunks,
  notesBlocks,
  type DeployContext,
  type SlackMessage,
} from '@shipshape/slack';
import { mentionsIn, messageTexts, validateSlackMessage } from '@shipshape/testing/slack-emulator';
import { fuzzRuns } from './runs';

/** Pieces that stress the renderer: Slack control sequences, entities, Markdown syntax, long runs, odd Unicode. */
const FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123ABC>',
  '<!subteam^S1|@x>',
  '<https://evil|https://bank>',
  '<mailto:a@b|x>',
  '&lt;!here&gt;',
  '&amp;',
  '&#60;!channel&#62;',
  '&',
  '<',
  '>',
  '|',
  '<!',
  '<@',
  '\\<!channel\\>',
  '**',
  '__',
  '*',
  '_',
  '~~',
  '`',
  '```',
  '~~~',
  '\n',
  '\n\n',
  '# ',
  '## ',
  '- ',
  '  - ',
  '1. ',
  '> ',
  '---',
  '| a | b |\n|---|---|\n| <!here> | x |',
  '[x](https://ok.example)',
  '[x](javascript:alert(1))',
  '[x][r]',
  '\n\n[r]: https://r.example',
  '![i](https://i.example/a.png)',
  'https://auto.example/path',
  '<details>',
  '</details>',
  '<!-- c -->',
  '<br>',
  'Vec<T>',
  '::error::x',
  '🚀',
  '\u200b',
  'é',
  '\ud83d',
];

const markdown = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
      { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
      { weight: 1, arbitrary: fc.constantFrom('word ', 'x'.repeat(400), 'y '.repeat(800)) },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

const ctx: DeployContext = {
  status: 'failed',
  template: { kind: 'deploy' },
  environment: 'production',
  version: '1.2.3',
  actor: 'octocat',
  releaseUrl: 'https://github.com/o/r/releases/tag/v1.2.3',
};

/** Only our own links may open a `<` in the output: `<http…` / `<mailto:…`, each closed before the next `<`. */
function expectOnlyLinks(mrkdwn: string): void {
  expect(mentionsIn(mrkdwn)).toEqual([]);
  expect(mrkdwn).not.toMatch(/<[!@#]/);
  const link = /<(?:https?:|mailto:)[^<>\s|]*(?:\|[^<>]*)?>/y;
  for (const m of mrkdwn.matchAll(/</g)) {
    link.lastIndex = m.index;
    if (!link.test(mrkdwn))
      expect(mrkdwn.slice(m.index, m.index + 200)).toMatch(/^<(?:https?:|mailto:)[^<>\s|]*(?:\|[^<>]*)?>/);
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
        const messages = [
          buildMainMessage(c, { mentions: ['<!subteam^S0ONCALL>'] }),
          buildWebhookMessage(c, blocks, { mentions: ['<!subteam^S0ONCALL>'] }),
          ...buildNotesReplies(c, blocks),
        ];
        for (const message of messages) {
          expect(validateSlackMessage(message)).toEqual([]);
          for (const text of textsOf(message))
            expect(mentionsIn(text).every((x) => x === '<!subteam^S0ONCALL>')).toBe(true);
        }
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});

/**
 * Disguised links (issue 15, item 5), generated: a trusted host spelled with invisible characters, look-alike letters
 * and dots, spaces around dots, a trailing dot, emphasis or a scheme, as the label of a link to another host. The
 * label must never be a live link label; the real target is always shown bare.
 */
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\u202e', '\u2066'];
const LOOKALIKE: Record<string, string[]> = {
  a: ['а', 'ａ'],
  e: ['е', 'ｅ'],
  o: ['о', 'ο', 'ｏ'],
  i: ['і', 'ι'],
  c: ['с', 'ϲ'],
  p: ['р', 'ρ'],
  x: ['х', 'χ'],
  '.': ['。', '．', '｡', ' . ', '.'],
};
const disguisedLabel = fc
  .tuple(
    fc.constantFrom('github.com', 'good.example', 'pay.bank.example', 'accounts.google.com'),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLE)), { maxLength: 4 }),
    fc.array(fc.nat(), { maxLength: 3 }),
    fc.constantFrom('', 'https://', 'http://', 'www.'),
    fc.constantFrom('', '.', '/login', '/'),
    fc.constantFrom(['', ''], ['*', '*'], ['_', '_'], ['`', '`']),
  )
  .map(([host, invisible, swaps, scheme, tail, [open, close]]) => {
    const chars = [...host];
    for (const n of swaps) {
      const i = n % chars.length;
      const options = LOOKALIKE[chars[i] ?? ''];
      if (options) chars[i] = options[n % options.length] ?? chars[i] ?? '';
    }
    for (const [n, ch] of invisible) chars.splice(n % (chars.length + 1), 0, ch);
    return `${open}${scheme}${chars.join('')}${tail}${close}`;
  });

describe('disguised link labels (fuzz)', () => {
  it('a label spelling another host, however disguised, never becomes the label of a live link', () => {
    fc.assert(
      fc.property(disguisedLabel, (label) => {
        const out = markdownToMrkdwn(`Moved: [${label}](https://evil.example/x)`);
        expect({ label, out, labelled: /<https:\/\/evil\.example\/x\|/.test(out) }).toEqual({
          label,
          out,
          labelled: false,
        });
        expect(out).toContain('<https://evil.example/x>');
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});

/**
 * The inputs that slow Markdown parsers down (see tests/fuzz/pathological-markdown.test.ts, where micromark needs
 * them kept to "thousands"), at ten times those sizes and more: markdown-it is linear on them. Each must render,
 * escaped, and text nested past markdown-it's limit goes out verbatim. No time is asserted here (a busy machine would
 * fail it): a hang ends in Jest's test timeout, and speed belongs in `npm run bench`.
 */
const repeat = (unit: string, times: number): string => unit.repeat(times);
const lines = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

const PATHOLOGICAL: [string, string][] = [
  ['20,000 nested > on one line', `${repeat('>', 20_000)} deep`],
  ['20,000 lines of > nested up to 50 deep', lines(20_000, (i) => `${repeat('>', (i % 50) + 1)} quote ${i}`)],
  ['100,000 [', repeat('[', 100_000)],
  ['50,000 [ then 50,000 ]', `${repeat('[', 50_000)}a${repeat(']', 50_000)}`],
  ['50,000 [a](', repeat('[a](', 50_000)],
  ['50,000 ![', repeat('![', 50_000)],
  [
    '50,000 reference definitions and uses',
    `${lines(50_000, (i) => `[x${i}]`)}\n\n${lines(50_000, (i) => `[x${i}]: https://example.com/${i}`)}`,
  ],
  ['unclosed <!-- before 500 KB', `<!--${repeat('text\n', 100_000)}`],
  ['50,000 unclosed <!--', repeat('<!-- ', 50_000)],
  ['100,000 *', `${repeat('*', 100_000)}a`],
  ['100,000 "*a "', repeat('*a ', 100_000)],
  ['50,000 "**a_"', repeat('**a_', 50_000)],
  ['50,000 "_*"', repeat('_*', 50_000)],
  ['50,000 "~~a"', repeat('~~a', 50_000)],
  ['100,000 backticks', repeat('`', 100_000)],
  ['200,000 <', repeat('<', 200_000)],
  ['100,000 www. autolinks', repeat('www.', 100_000)],
  ['50,000 e-mail-like words', repeat('a@b.c@d.e ', 50_000)],
  ['a list nested 500 deep', lines(500, (i) => `${repeat('  ', i)}- level ${i}`)],
  ['20,000 table rows', `| a | b |\n| - | - |\n${lines(20_000, (i) => `| ${i} | x |`)}`],
  ['200,000 | and a delimiter row', `${repeat('|', 200_000)}\n${repeat('-|', 50_000)}`],
  ['NUL bytes and lone surrogates', repeat('a\u0000\ud800b\udfff', 50_000)],
  // Link labels judged for disguise (packages/slack/src/disguise.ts): each check must stay linear in the label.
  ['a 200,000-letter link label', `[${repeat('a', 200_000)}](https://x.example)`],
  ['200,000 spaces inside a link label', `[a${repeat(' ', 200_000)}b](https://x.example)`],
  ['a URL label followed by 100,000 !', `[https://a${repeat('!', 100_000)}x](https://y.example)`],
  ['100,000 "a." in a link label', `[${repeat('a.', 100_000)}](https://x.example)`],
  ['50,000 "a://" and "www." in one label word', `[${repeat('a://www.', 50_000)}](https://x.example)`],
];

describe('pathological Markdown through the markdown-it front end', () => {
  it.each(PATHOLOGICAL)('%s: renders, escaped', (...row) => {
    const [, text] = row;
    const out = markdownToMrkdwn(text);
    expectOnlyLinks(out);
  });

  it('sends text nested deeper than the parser keeps verbatim in one code block, not cut', () => {
    const deep = lines(200, (i) => `${repeat('  ', i)}- level ${i} <!channel>`);
    const chunks = markdownToMrkdwnChunks(deep);
    expect(chunks).toEqual([{ kind: 'code', code: expect.stringContaining('level 199 &lt;!channel&gt;') }]);
    expect(markdownToMrkdwnChunks(`${repeat('> ', 150)}quote`)).toEqual([
      { kind: 'code', code: expect.stringContaining('quote') },
    ]);
    // Up to 49 list levels (98 block levels) render as a list.
    const rendered = markdownToMrkdwn(lines(49, (i) => `${repeat('  ', i)}- level ${i}`));
    expect(rendered.startsWith('• level 0\n')).toBe(true);
    expect(rendered.endsWith(`\n${'    '.repeat(48)}• level 48`)).toBe(true);
  });
});
