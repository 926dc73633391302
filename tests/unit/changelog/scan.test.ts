import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse } from '@shipshape/changelog';
import { definitionLabel, scanDocument } from '../../../packages/changelog/src/fast-path';

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('scanDocument', () => {
  it('finds ATX and single-line setext headings and top-level definitions', () => {
    const text = lines('# Title', '', '1.0.0 / 2020-01-01', '===', '', '[a]: https://a', '', '## 0.9.0 ##');
    const scan = scanDocument(text);
    expect(scan?.headings.map((h) => [h.depth, h.raw])).toEqual([
      [1, 'Title'],
      [1, '1.0.0 / 2020-01-01'],
      [2, '0.9.0'],
    ]);
    expect(scan?.definitions.map((d) => definitionLabel(text, d))).toEqual(['a']);
  });

  it('skips headings inside fences and HTML blocks', () => {
    const text = lines(
      '```md',
      '## 9.9.9',
      '```',
      '',
      '<!--',
      '## 8.8.8',
      '-->',
      '',
      '<details>',
      '## 7.7.7',
      '',
      '## 1.0.0',
    );
    expect(scanDocument(text)?.headings.map((h) => h.raw)).toEqual(['1.0.0']);
  });

  it('is unsure (undefined) when a fence never closes or a heading with digits may sit in a list', () => {
    expect(scanDocument(lines('## 1.0.0', '```', 'open'))).toBeUndefined();
    expect(scanDocument(lines('- item', '  ## 1.0.0'))).toBeUndefined();
    expect(scanDocument(lines('- item', '  ```', '  code', 'back', '  ```'))).toBeUndefined();
    expect(scanDocument(lines('line one', 'line 2', '===='))).toBeUndefined();
  });

  it('reads through a table to the blank line or the heading after it', () => {
    const table = lines(
      '| Version | Node |',
      '| :-- | --: |',
      '| 1.0.0 | 18 |',
      '2.0.0 | 20',
      '[x]: /not-a-definition',
      '## 1.0.0',
      '| a |',
      '|---|',
      '| b |',
      '',
      '## 0.9.0',
    );
    const scan = scanDocument(table);
    expect(scan?.headings.map((h) => h.raw)).toEqual(['1.0.0', '0.9.0']);
    expect(scan?.definitions).toEqual([]);
  });

  it('is unsure where a line under a table delimiter reads one way as a row and another as paragraph text', () => {
    for (const after of ['    indented', '\tindented', '<a>', '===', '---', '2. two', '-', '[^1]: note']) {
      expect(scanDocument(lines('a | b', '-|-', after, '', '## 1.0.0'))).toBeUndefined();
    }
  });

  it('a definition cannot interrupt a paragraph; a dash line under a list item is no setext heading', () => {
    const scan = scanDocument(lines('text', '[a]: https://a', '', '- 1.0.0', '---'));
    expect(scan?.definitions).toEqual([]);
    expect(scan?.headings).toEqual([]);
  });
});

describe('fast path = full parse', () => {
  const cases: [string, string, string][] = [
    [
      'fence in a list item',
      lines('## 1.1.0', '', '- a:', '  ```', '  ## 1.0.0', '  ```', '', '## 1.0.0', '', '- b'),
      '1.0.0',
    ],
    ['html comment', lines('## 1.1.0', '', '<!--', '## 1.0.0', '-->', '', '## 1.0.0', '', 'real'), '1.0.0'],
    [
      'duplicate anchors',
      lines('## 1.0.0 notes', '', '## [1.0.0] notes', '', '- x', '', '[1.0.0]: https://c'),
      '1.0.0',
    ],
    ['same-level notes heading', lines('## 2.0.0', '', "## What's Changed", '', '* x', '', '## 1.0.0'), '2.0.0'],
    ['higher-level end', lines('# Pkg', '## 2.0.0', '- x', '# Other', '- y'), '2.0.0'],
    ['trailing anchors', lines('## 2.0.0', '- x', '', '<a name="1.0.0"></a>', '## 1.0.0', '- y'), '2.0.0'],
    ['last section with definitions', lines('## 1.0.0', '- [x]', '', '[x]: https://x', '[y]: https://y'), '1.0.0'],
    ['missing', lines('## 1.0.0', '- x'), '2.0.0'],
    // Found in review: the CommonMark block parse, the scanner and the definition lookup disagreed with remark.
    ['a one-column table without a pipe', '## 1.2.3\na\n-:\n    c\n[x]: /u', '1.2.3'],
    ['a table then indented code', '## 1.2.3 [x]\na\n-:\n    code\n[x]: /u', '1.2.3'],
    [
      'a table row that looks like a setext underline',
      '## [1.2.3] - 2024-01-01\n| a |\n| - |\n===\n[x\\]: y]: z',
      '1.2.3',
    ],
    [
      'a quoted label over two lines, far below',
      `## [Release 1.2.3]\n\n${'### F\n\n'.repeat(8)}> [Release\n> 1.2.3]: https://x`,
      '1.2.3',
    ],
    ['a quoted label over two lines', '## [Release 1.2.3]\n\n> [Release\n> 1.2.3]: https://x', '1.2.3'],
    ['a definition in a list item after a blank line', '## 1.2.3 [x]\n\n- item\n\n    [x]: /u', '1.2.3'],
    ['a tab-indented definition in a list item', '## 1.2.3 [x]\n\n- item\n\n\t[x]: /u', '1.2.3'],
    ['a definition in a footnote', '## 1.2.3 [x]\n\n[^fn]: note\n\n    [x]: /u', '1.2.3'],
    ['a footnote definition interrupting a paragraph', '## 1.2.3[^1]\na\n[^1]: b', '1.2.3'],
    ['`<?>` opens and closes', '<?>\n## 1.2.3', '1.2.3'],
    ['a lone tag after a list item (lazy)', '- a\n<br>\n## 1.2.3', '1.2.3'],
    ['a lone tag after a block quote (lazy)', '> q\n<a>\n## 1.2.3', '1.2.3'],
    ['a lone tag after a definition', '[x]: /u\n<a>\n## 1.2.3', '1.2.3'],
    ['a no-break space in a tag', '<a\u00a0b>\n## 1.2.3', '1.2.3'],
    ['a no-break space after a block tag name', '<div\u00a0x>\n## 1.2.3', '1.2.3'],
    ['a no-break space after a lone tag', '<a>\u00a0\n## 1.2.3', '1.2.3'],
    ['a lone tag after a table', '| a |\n| - |\n<a>\n## 1.2.3', '1.2.3'],
    ['a reference over block quote lines', '## 1.2.3\n\n> see [foo\n> bar]\n\n[foo bar]: https://x', '1.2.3'],
    ['a reference longer than a definition label', `## 1.2.3\n\n- [a${' '.repeat(1_000)}b]\n\n[a b]: /u`, '1.2.3'],
    ['a no-break space after the trailing definitions', '## 1.2.3\n\n[a]: /u\n\n\u00a0', '1.2.3'],
    // Found by the table fuzz: what may follow an indented line.
    [
      'a lone tag after a footnote paragraph reopened by an indented line',
      '[^1]: note\n\n\tcode\n</pre>\nx\n| a | b |\n## 1.0.0\n- y',
      '1.0.0',
    ],
    ['an indented line after a definition', '[1.0.0]: /v\n\tcode\n1.0.0\n===\n', '1.0.0'],
    [
      'a definition after a list paragraph reopened by an indented line',
      lines('- a', '', '    b', '[x]: /u', '', '## 1.0.0', '- [x]'),
      '1.0.0',
    ],
    [
      'a setext heading after a list paragraph reopened by an indented line',
      lines('- a', '', '    b', '1.0.0', '===', '## 1.0.0', '- y'),
      '1.0.0',
    ],
    [
      'a multi-line setext heading whose second line is a list marker that cannot interrupt',
      '1.0.0 | y\n2. two\n===\n### 1.0.0\n',
      '1.0.0',
    ],
    ['an equals line after a block quote is no underline', '> q\na | b | c\n</a>\n===\n1.0.0\n===\n***', '1.0.0'],
    ['an equals line after a lazy line', '> q\n\tcode\n| a | b |\n===\n</a>\n  ## 1.0.0\n2. two', '1.0.0'],
    ['a table header that is a lone tag', 'x\n<a>\n:-:\n## 1.0.0', '1.0.0'],
    ['a delimiter row in a list item', '-|-|-\n- item\n  -|-\n</a>\n</pre>\n- [x]\n## 1.0.0\n1. one\n', '1.0.0'],
    ['a setext heading after an empty list item', '-\n1.0.0 | y\n2. two\n---\na | b\na | b', '1.0.0'],
    ['an ordered list item continued over lines', lines('1. one', '   more', '2. two', '## 1.0.0', '- y'), '1.0.0'],
    ['a lone tag after a lazy line', '- one\na\n<a>\n</a>\n## 1.0.0', '1.0.0'],
    // Found in review: an empty item after a lazy line, and a table in a list item after a blank line.
    ['an empty list item after a lazy line, then a definition', '## 1.0.0\n\nsee [x]\n1. y\nb\n2.\n[x]: /u', '1.0.0'],
    [
      'a table in a list item after a blank line, then a definition',
      '## 1.0.0\n\nsee [x]\n- y\n\n  a | b\n  -|-\n[x]: /u',
      '1.0.0',
    ],
    [
      'an empty list item after an indented paragraph, then a definition',
      '## [1.0.0]\n\nsee [x] [1.0.0]\n\n2. c\n\n   b\n2.\n[x]: /u\n',
      '1.0.0',
    ],
    ['a ten after a paragraph line cannot interrupt it', '1.0.0\n10. x\n---\n\nbody\n', '1.0.0'],
    [
      'an HTML block in a list item ends at an unindented line',
      '- Fixed\n  <details>\n  <summary>x</summary>\n## [1.0.0]\nbody\n',
      '1.0.0',
    ],
    ['a lone tag after an indented paragraph', '1. y\n\n   b\n<a>\n[1.0.0]: /v\n\n## [1.0.0]\n\nbody\n', '1.0.0'],
    [
      'a table in a list item with an unindented definition after it',
      '## [1.0.0]\n\n- Added options:\n\n  | Option | Default |\n  | ------ | ------- |\n  | `x`    | 1       |\n[1.0.0]: https://e.com/v1.0.0\n',
      '1.0.0',
    ],
    ['a sibling item holding a definition', '1. y\n   b\n2. [1.0.0]: /v\n\n## [1.0.0]\n\nbody\n', '1.0.0'],
    [
      'an empty bullet after a paragraph that an empty item left at the top level',
      '## [1.0.0]\n\nsee [x] [y]\n\n### 1.0.0\n1.\n"t"\n* \n2. two\n=\n[x]:\nx\n',
      '1.0.0',
    ],
    // Tables: read through, or given up on where a row and a paragraph's text read differently.
    [
      'a table before the section',
      lines(
        '## 2.0.0',
        '',
        '| a | b |',
        '| - | - |',
        '| [1.0.0] | `## 1.0.0` |',
        '',
        '## 1.0.0',
        '- y',
        '',
        '[1.0.0]: /u',
      ),
      '1.0.0',
    ],
    ['a table ended by a heading', lines('a | b', '--- | ---', 'c | d', '## 1.0.0', '- y'), '1.0.0'],
    [
      'a paragraph with a table-like delimiter (cells differ)',
      lines('a | b | c', '--- | ---', 'd', '## 1.0.0', '- y'),
      '1.0.0',
    ],
    ['a table ended by a fence', lines('a | b', '-|-', '```', '## 1.0.0', '```', '## 1.0.0', '- y'), '1.0.0'],
    ['a table ended by a block quote', lines('a | b', '-|-', '> ## 1.0.0', '## 1.0.0', '- y'), '1.0.0'],
    ['a table ended by a list item', lines('a | b', '-|-', '- ## 1.0.0', '## 1.0.0', '- y'), '1.0.0'],
    ['a table row shaped like a definition', lines('## 1.0.0', 'a | b', '-|-', '[x]: /u', '', '- [x]'), '1.0.0'],
    ['a table header under paragraph text', lines('text', 'a | b', '-|-', 'c', '', '## 1.0.0', '- y'), '1.0.0'],
    ['indented code after a table', lines('a | b', '-|-', '    ## 1.0.0', '## 1.0.0', '- y'), '1.0.0'],
    ['an ordered list after a table', lines('a | b', '-|-', '2. x', '## 1.0.0', '- y'), '1.0.0'],
    ['a dash line after a table', lines('1.0.0 | b', '-|-', '---', '## 1.0.0', '- y'), '1.0.0'],
    ['an equals line after a table', lines('1.0.0 | b', '-|-', '===', '## 1.0.0', '- y'), '1.0.0'],
    ['a table in a list item', lines('- a | b', '  -|-', '  c', '## 1.0.0', '- y'), '1.0.0'],
    ['a block tag after a table', lines('a | b', '-|-', '<div>', '## 1.0.0', '', '## 1.0.0', '- y'), '1.0.0'],
  ];
  it.each(cases)('%s', (...row) => {
    const [, text, version] = row;
    expect(findVersionSection(text, version)).toEqual(findVersionSectionByFullParse(text, version));
  });
});
