import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findVersionSection, listVersions } from '@shipshape/changelog';
import { markdownToMrkdwn } from '@shipshape/slack';
import { markdownToMrkdwnByRemark } from '../../../packages/slack/src/mrkdwn-remark';
import { corpusAvailable, corpusManifest, corpusText } from '@shipshape/testing/corpus';

/**
 * The Slack renderer's front end is markdown-it (its tokens turned into mdast); the remark-parse + remark-gfm front
 * end it replaced is kept as the reference. Both feed the same mdast → mrkdwn renderer, so any difference in output
 * is a difference in how the two parsers read the Markdown.
 */
const available = corpusAvailable();
const files = available
  ? corpusManifest()
      .filter((e) => e.kind === 'changelog')
      .map((e) => e.file)
  : [];

/**
 * Every known difference, with the reason it is accepted. Over the changelog corpus there is none: each of these
 * is a corner where two CommonMark/GFM parsers read the text differently, and none lets text ping or forge a link
 * (the renderer escapes whatever the parser gives it).
 */
const ACCEPTED_DIFFERENCES: { markdown: string; ours: string; remark: string; reason: string }[] = [
  {
    markdown: '| a | b |\n| - | - |\n| 1 | 2 | 3 |',
    ours: '```\na | b\n--+--\n1 | 2\n```',
    remark: '```\na | b |\n--+---+--\n1 | 2 | 3\n```',
    reason: 'a row with more cells than the header: GFM ignores the excess (GitHub does not show it); mdast keeps it',
  },
  {
    markdown: 'see \\[x](https://ok.example)- next',
    ours: 'see [x](<https://ok.example/>)- next',
    remark: 'see [x](<https://ok.example)-/> next',
    reason:
      "autolink literal boundaries: linkify-it ends a bare URL before `)` it did not open; micromark's GFM rule keeps it",
  },
  {
    markdown: 'mail a@b.example`',
    ours: 'mail a@b.example`',
    remark: 'mail <mailto:a@b.example|a@b.example>`',
    reason: 'autolink literal boundaries: linkify-it does not end an address at a backtick; GFM does',
  },
  {
    markdown: 'go to www.w.example> now',
    ours: 'go to <http://www.w.example/|www.w.example>&gt; now',
    remark: 'go to www.w.example&gt; now',
    reason: 'autolink literal boundaries: a `www.` link followed by `>` (GFM drops the link, we end it before `>`)',
  },
  {
    markdown: 'mailto:a@b.example',
    ours: '<mailto:a@b.example>',
    remark: 'mailto:<mailto:a@b.example|a@b.example>',
    reason:
      'linkify-it links the whole `mailto:` address; this remark-gfm version links only the part after the scheme',
  },
  {
    markdown: '# ~a~ title',
    ours: '*~a~ title*',
    remark: '*a title*',
    reason:
      'single-tilde strikethrough is a remark-gfm extension markdown-it lacks; outside headings and link labels both render `~a~`',
  },
  {
    markdown: 'run `a\nb` now',
    ours: 'run `a b` now',
    remark: 'run `a\nb` now',
    reason:
      'a line ending inside a code span is a space in CommonMark (and keeps the span on one line in Slack); mdast keeps the newline',
  },
  {
    markdown: '[r]: https://r.example\n*',
    ours: '•',
    remark: '*',
    reason:
      'a line right after a link reference definition: markdown-it starts a new block (an empty list item), micromark continues the paragraph',
  },
  {
    markdown: '[r]: https://r.example\n    indented',
    ours: '```\nindented\n```',
    remark: 'indented',
    reason: 'same as above: markdown-it reads indented code after a definition, micromark a paragraph continuation',
  },
  {
    markdown: 'see [r][\n\n[r]: https://r.example/',
    ours: 'see <https://r.example/|r>[',
    remark: 'see [r][',
    reason:
      'a shortcut reference followed by a `[` that opens no label: a link in CommonMark and markdown-it, text in micromark',
  },
  {
    markdown: 'see [r](\n\n[r]: https://r.example/',
    ours: 'see [r](',
    remark: 'see <https://r.example/|r>(',
    reason:
      'a shortcut reference followed by an unclosed `(`: micromark falls back to the reference, markdown-it leaves text',
  },
  {
    markdown: 'x\n- 3. ',
    ours: 'x\n\n3.',
    remark: 'x\n\n• 3.',
    reason: 'an empty ordered item opening a bullet item: markdown-it reads a nested list, micromark the text `3.`',
  },
  {
    markdown: 'a|\n---',
    ours: '```\na\n-\n```',
    remark: '*a|*',
    reason:
      'a one-column table whose delimiter row has no pipe: a table for markdown-it, a setext heading for micromark',
  },
  {
    markdown: '**é🚀****<x',
    ours: '**é🚀****&lt;x',
    remark: '*é🚀***&lt;x',
    reason:
      'emphasis delimiters next to an emoji: micromark counts symbols as punctuation for flanking (CommonMark 0.31), markdown-it does not',
  },
  {
    markdown: '    code\n3. third\n]',
    ours: '```\ncode\n```\n\n3. third\n    ]',
    remark: '```\ncode\n```\n\n3. third\n]',
    reason: 'a lazy continuation line of a list item that follows indented code: markdown-it keeps it in the item',
  },
  {
    markdown: '    code\n3. third\n1. first',
    ours: '```\ncode\n```\n\n3. third\n4. first',
    remark: '```\ncode\n```\n\n3. third\n\n1. first',
    reason:
      'an ordered list right after indented code: one list for markdown-it (same delimiter, as CommonMark says), two for micromark',
  },
  {
    markdown: '*a**~~',
    ours: '_a_*~~',
    remark: '*a**~~',
    reason:
      'a `**` closer right before `~~`: markdown-it closes the `*` emphasis (CommonMark flanking rules), micromark leaves it open',
  },
  {
    markdown: 'text\n>*',
    ours: 'text\n\n> •',
    remark: 'text\n\n> *',
    reason: 'a lone `*` at the start of a new block quote is an empty list item for markdown-it, text for micromark',
  },
];

describe('markdown-it front end vs the remark reference over the changelog corpus', () => {
  it('has the changelog entries when the corpus is present', () => {
    expect(available ? files.length : 16).toBe(16);
  });

  for (const file of files) {
    it(`${file}: every version section renders the same through both parsers`, () => {
      const text = corpusText(file);
      const versions = [...new Set(listVersions(text))];
      expect(versions.length).toBeGreaterThan(0);
      for (const version of versions) {
        const body = findVersionSection(text, version)?.body ?? '';
        expect({ version, mrkdwn: markdownToMrkdwn(body) }).toEqual({
          version,
          mrkdwn: markdownToMrkdwnByRemark(body),
        });
      }
    });
  }

  it('and the whole file of each changelog renders the same too', () => {
    for (const file of files) {
      const text = corpusText(file);
      expect({ file, mrkdwn: markdownToMrkdwn(text) }).toEqual({ file, mrkdwn: markdownToMrkdwnByRemark(text) });
    }
  });
});

describe('accepted differences between the two front ends', () => {
  it.each(ACCEPTED_DIFFERENCES.map((d) => [d.reason, d] as const))('%s', (...row) => {
    const [, d] = row;
    expect(markdownToMrkdwn(d.markdown)).toBe(d.ours);
    expect(markdownToMrkdwnByRemark(d.markdown)).toBe(d.remark);
  });
});

describe('markdown-it front end vs the remark reference (fuzz)', () => {
  // Release-note constructs and the characters that trip parsers, without the accepted differences above: no bare
  // URLs or addresses, no tables, definitions only at the end, code spans and fences closed on their own lines.
  const FRAGMENTS = [
    '<!channel>',
    '<@U1>',
    '&amp;',
    '&',
    '<',
    '>',
    '|',
    '**',
    '__',
    '*',
    '_',
    ' ~~struck~~ ',
    '`code`',
    '\n```sh\nnpm ci\n```\n',
    '\nline ',
    '\n\npara ',
    '# ',
    '## ',
    '\n- item ',
    '\n  - nested ',
    '\n1. first ',
    '\n3. third ',
    '> ',
    '\n\n---\n\n',
    '[x](https://ok.example)',
    '[x](<https://ok.example/a b>)',
    '[x][r] ',
    '[r] ',
    '![i](https://i.example/a.png)',
    '<https://auto.example/a>',
    '<details>',
    '<!-- c -->',
    '<br>',
    'Vec<T>',
    'word',
    'two words',
    ' ',
    '(',
    ')',
    '[',
    ']',
    '\n- [ ] task ',
    '\n- [x] done ',
    '\\*',
    '\\<',
    'a    b',
    'a\tb',
    ' é🚀 ',
  ];
  const markdown = fc
    .array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 })
    .map((parts) => `${parts.join('')}\n\n[r]: https://r.example/ref\n`);

  it('gives the same mrkdwn as remark', () => {
    fc.assert(
      fc.property(markdown, (md) => {
        expect(markdownToMrkdwn(md)).toBe(markdownToMrkdwnByRemark(md));
      }),
      { numRuns: Number(process.env.PARITY_RUNS ?? 400) },
    );
  });
});
