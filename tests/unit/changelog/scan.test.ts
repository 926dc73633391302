import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse } from '@shipshape/changelog';
import { definitionLabel, scanDocument } from '@shipshape/changelog/scan';

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
    const text = lines('```md', '## 9.9.9', '```', '', '<!--', '## 8.8.8', '-->', '', '<details>', '## 7.7.7', '', '## 1.0.0');
    expect(scanDocument(text)?.headings.map((h) => h.raw)).toEqual(['1.0.0']);
  });

  it('is unsure (undefined) when a fence never closes or a heading with digits may sit in a list', () => {
    expect(scanDocument(lines('## 1.0.0', '```', 'open'))).toBeUndefined();
    expect(scanDocument(lines('- item', '  ## 1.0.0'))).toBeUndefined();
    expect(scanDocument(lines('- item', '  ```', '  code', 'back', '  ```'))).toBeUndefined();
    expect(scanDocument(lines('line one', 'line 2', '===='))).toBeUndefined();
  });

  it('a definition cannot interrupt a paragraph; a dash line under a list item is no setext heading', () => {
    const scan = scanDocument(lines('text', '[a]: https://a', '', '- 1.0.0', '---'));
    expect(scan?.definitions).toEqual([]);
    expect(scan?.headings).toEqual([]);
  });
});

describe('fast path = full parse', () => {
  const cases: [string, string, string][] = [
    ['fence in a list item', lines('## 1.1.0', '', '- a:', '  ```', '  ## 1.0.0', '  ```', '', '## 1.0.0', '', '- b'), '1.0.0'],
    ['html comment', lines('## 1.1.0', '', '<!--', '## 1.0.0', '-->', '', '## 1.0.0', '', 'real'), '1.0.0'],
    ['duplicate anchors', lines('## 1.0.0 notes', '', '## [1.0.0] notes', '', '- x', '', '[1.0.0]: https://c'), '1.0.0'],
    ['same-level notes heading', lines('## 2.0.0', '', "## What's Changed", '', '* x', '', '## 1.0.0'), '2.0.0'],
    ['higher-level end', lines('# Pkg', '## 2.0.0', '- x', '# Other', '- y'), '2.0.0'],
    ['trailing anchors', lines('## 2.0.0', '- x', '', '<a name="1.0.0"></a>', '## 1.0.0', '- y'), '2.0.0'],
    ['last section with definitions', lines('## 1.0.0', '- [x]', '', '[x]: https://x', '[y]: https://y'), '1.0.0'],
    ['missing', lines('## 1.0.0', '- x'), '2.0.0'],
  ];
  it.each(cases)('%s', (...row) => {
    const [, text, version] = row;
    expect(findVersionSection(text, version)).toEqual(findVersionSectionByFullParse(text, version));
  });
});
