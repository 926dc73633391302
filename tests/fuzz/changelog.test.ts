import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findVersionSection, findVersionSectionByFullParse, listVersions, suggestNearest } from '@shipshape/changelog';
import { MarkdownTooComplexError } from '../../packages/markdown/src/bounded-parse';
import { normalizeMarkdown } from '../../packages/markdown/src/parse';
import { fuzzRuns } from './runs';

/**
 * The version-section finder on generated changelogs: whatever it finds is a verbatim slice of the input, and the
 * scanner's fast path answers exactly what a full remark parse answers.
 */

const version = fc
  .tuple(fc.nat(12), fc.nat(12), fc.nat(30), fc.option(fc.constantFrom('-rc.1', '-beta.2', '-next.0'), { nil: '' }))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre}`);

const heading = (v: string): fc.Arbitrary<string> =>
  fc.constantFrom(
    `## [${v}] - 2024-01-01`,
    `## [${v}](https://x/compare/a...b) (2024-01-01)`,
    `# [${v}](https://x) (2024-01-01)`,
    `## ${v}`,
    `### v${v}`,
    `#### Version ${v} — May 1st, 2024`,
    `${v} / 2020-01-01\n==========`,
    `<a name="${v}"></a>\n## ${v} (2024-01-01)`,
    `## @scope/pkg@${v}`,
    // Date first (Node.js, HISTORY.md files), and a stray dot after the version.
    `## 2024-01-01, Version ${v} 'Name' (LTS), @someone`,
    `2024-01-01 / ${v}\n==========`,
    `## v${v}. / 2024-01-01`,
  );

const line = fc.oneof(
  fc.constantFrom(
    '- a change',
    '* **scope:** fix ([#1](https://x/1))',
    '### Fixed',
    "## What's Changed",
    '# Older releases',
    '- uses [a link][ref] and [1.0.0]',
    '```md\n## 9.9.9\n- [x]: no\n```',
    '<!--\n## 8.8.8\n-->',
    '<details>\n## 7.7.7\n</details>',
    '- item\n  ```\n  ## 6.6.6\n  ```',
    '> ## 5.5.5 quoted',
    '  * indented bullet\n    - nested',
    'Paragraph text\n---',
    '---',
    '[ref]: https://ref',
    '[1.0.0]: https://one',
    // Definitions the lookup after the scanner's stop must judge by their surroundings, or give up on.
    '```\n[ref]: https://fenced\n```',
    '~~~\n[1.0.0]: https://fenced',
    '- [ref]: https://in-a-list',
    '> [1.0.0]: https://quoted',
    '   [ref]: https://indented',
    '[REF]: https://upper-case',
    '[ ref ]: https://spaced',
    '[ref]:\n  https://next-line',
    '[1.0.0]: https://one\n"a title on the next line"',
    '[1.0.0]: https://one "title"',
    '[ref]: <https://angle>',
    '[ref]: https://paren(s)',
    'a paragraph\n[ref]: https://continuation',
    '[ref]: https://x\n===',
    '<!--\n[1.0.0]: https://commented',
    '<pre>\n\n[ref]: https://in-pre\n</pre>',
    '[^fn]: a footnote',
    '- see [^fn] and [REF] and [1.0.0][]',
    '[ref\nsplit]: https://two-lines',
    // Tables: rows, delimiter rows, and cell counts that do and do not make one.
    '| a | b |\n| - | :-: |\n| [ref] | `## 9.9.9` |',
    'a | b\n--- | ---',
    'a | b | c\n-|-',
    '-|-',
    '| 1.0.0 |',
    '## [Unreleased]',
    '### Upgrading to 3.0.0',
    '',
  ),
  fc.string({
    unit: fc.constantFrom(
      '#',
      '-',
      '*',
      '`',
      '~',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      ':',
      ' ',
      '\n',
      'a',
      '1',
      '.',
      '=',
      '!',
      '\\',
      '|',
    ),
    maxLength: 40,
  }),
);

const changelog = fc
  .array(fc.tuple(version, fc.array(line, { maxLength: 6 })), { minLength: 1, maxLength: 8 })
  .chain((blocks) =>
    fc.tuple(
      fc.tuple(...blocks.map(([v]) => heading(v))),
      fc.constant(blocks),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.array(line, { maxLength: 3 }),
    ),
  )
  .map(([headings, blocks, eol, bom, trailer]) => {
    const parts = blocks.map(([, lines], i) => [headings[i], '', ...lines, ''].join('\n'));
    const text = [...parts, ...trailer].join('\n');
    return { text: `${bom ? '\ufeff' : ''}${text.replace(/\n/g, eol)}`, versions: blocks.map(([v]) => v) };
  });

describe('findVersionSection (fuzz)', () => {
  it('finds a verbatim slice of the input, equal to what a full parse finds', () => {
    fc.assert(
      fc.property(changelog, ({ text, versions }) => {
        const source = normalizeMarkdown(text);
        for (const v of [...versions, '1.2.3']) {
          const section = findVersionSection(text, v);
          expect(section).toEqual(findVersionSectionByFullParse(text, v));
          if (!section) continue;
          expect(source).toContain(section.ownBody);
          expect(source).toContain(section.heading);
          expect(section.body.startsWith(section.ownBody)).toBe(true);
          expect(section.body).not.toContain('\r');
        }
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  // Single lines that start (or almost start) blocks, side by side: where the scanner's reading of one line depends
  // on the line before it (lazy lines, what may interrupt a paragraph, table rows).
  const soupLine = fc.constantFrom(
    ...[
      'a | b',
      '| a | b |',
      'a | b | c',
      '1.0.0 | y',
      'x',
      'text 1.0.0',
      '-|-',
      '--- | ---',
      ':-:',
      '-:',
      '  -|-',
      '    -|-',
    ],
    ...['## 1.0.0', '## 2.0.0', '  ## 1.0.0', '### 1.0.0', '# Top', '1.0.0\n===', '1.0.0\n---', '', '', '```', '~~~'],
    ...[
      '> q',
      '> ## 1.0.0',
      '- item',
      '- ## 1.0.0',
      '-',
      '* * *',
      '---',
      '===',
      '2. two',
      '1. one',
      '    code',
      '\tcode',
    ],
    ...[
      '<div>',
      '<a>',
      '</a>',
      '<!--',
      '-->',
      '<pre>',
      '</pre>',
      '[x]: /u',
      '[1.0.0]: /v',
      '[^1]: note',
      '- [x]',
      'see [x] [1.0.0]',
    ],
    ...[
      '1) one',
      '+ x',
      '*',
      '>',
      '  > q',
      '   - item',
      '  text',
      '___',
      '<?x?>',
      '<!-- c -->',
      '[x]:',
      '/u',
      '"title"',
      '  [x]: /u',
    ],
  );
  it('line soups: the fast path finds what a full parse finds', () => {
    fc.assert(
      fc.property(fc.array(soupLine, { minLength: 2, maxLength: 16 }), fc.boolean(), (lines, finalNewline) => {
        const text = `${lines.join('\n')}${finalNewline ? '\n' : ''}`;
        for (const v of ['1.0.0', '2.0.0'])
          expect(findVersionSection(text, v)).toEqual(findVersionSectionByFullParse(text, v));
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  // Changelogs written without headings: a version line (bold or plain) opens each version.
  const versionLine = (v: string): fc.Arbitrary<string> =>
    fc.constantFrom(
      `**${v} / 2024-01-01**`,
      `**${v}** (2024-01-01)`,
      `v${v} - May 1, 2024`,
      `v${v}:`,
      `${v}`,
      `**${v}**\nmore of the paragraph`,
    );
  const headingless = fc
    .array(fc.tuple(version, fc.array(line, { maxLength: 5 })), { minLength: 1, maxLength: 6 })
    .chain((blocks) => fc.tuple(fc.tuple(...blocks.map(([v]) => versionLine(v))), fc.constant(blocks)))
    .map(([lines, blocks]) => ({
      text: blocks.map(([, body], i) => [lines[i], ...body, ''].join('\n')).join('\n'),
      versions: blocks.map(([v]) => v),
    }));
  it('version lines in a changelog without headings: the fast path finds what a full parse finds', () => {
    fc.assert(
      fc.property(headingless, ({ text, versions }) => {
        for (const v of [...versions, '1.2.3']) {
          const section = findVersionSection(text, v);
          expect(section).toEqual(findVersionSectionByFullParse(text, v));
          if (section) expect(normalizeMarkdown(text)).toContain(section.ownBody);
        }
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('never throws on arbitrary text, and the hints are one line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), version, (text, v) => {
        const section = findVersionSection(text, v);
        if (section) expect(normalizeMarkdown(text)).toContain(section.ownBody);
        listVersions(text);
        expect(suggestNearest(text, v) ?? '').not.toContain('\n');
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});

/**
 * Hostile changelogs (60–300 KB): each lookup ends with a verbatim section, no section, or a clear
 * MarkdownTooComplexError naming the limit it hit (the parse is bounded in time and memory, packages/markdown) —
 * never another error. How long they take is measured in the bench (tests/bench), not asserted here.
 */
describe('pathological inputs', () => {
  const big = (unit: string, bytes = 60_000): string => unit.repeat(Math.ceil(bytes / unit.length));
  const cases: [string, string][] = [
    ['deep block quotes', `${'>'.repeat(5_000)} ## 1.0.0\n`],
    ['deep list nesting', Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i * 2)}- ## 1.0.0`).join('\n')],
    ['unclosed brackets', `## 1.0.0\n\n${big('[')}\n`],
    ['unclosed emphasis', `## 1.0.0\n\n${big('*a _b ')}\n`],
    ['backtick runs', `## 1.0.0\n\n${big('`` ` ``` ')}\n`],
    ['unclosed fence', `## 1.0.0\n\n\`\`\`\n${big('## 1.0.0\n')}`],
    ['many headings', big('## 1.0.0\n')],
    [
      'many definitions',
      `## 1.0.0\n\n- [a]\n\n${Array.from({ length: 20_000 }, (_, i) => `[l${i}]: https://x/${i}`).join('\n')}\n`,
    ],
    ['one long line', `## 1.0.0\n\n${big('word ', 300_000)}\n`],
    ['html comment never closed', `## 1.0.0\n\n<!--\n${big('## 2.0.0\n')}`],
    ['setext storms', big('1.0.0\n===\n')],
    ['`]:` everywhere below the section', `## 1.0.0\n\n- [x]\n\n## 0.9.0\n\n${big('x]:', 1_000_000)}\n`],
  ];
  it.each(cases)('%s', (...row) => {
    const [, text] = row;
    for (const wanted of ['1.0.0', '2.0.0']) {
      let section: ReturnType<typeof findVersionSection>;
      try {
        section = findVersionSection(text, wanted);
      } catch (error) {
        expect(error).toBeInstanceOf(MarkdownTooComplexError);
        expect((error as Error).message).toMatch(
          /^The changelog could not be read: .+ Check it for runaway nesting or emphasis\.$/s,
        );
        continue;
      }
      if (section) expect(normalizeMarkdown(text)).toContain(section.ownBody);
    }
  });
});
