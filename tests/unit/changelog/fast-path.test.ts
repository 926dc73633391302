import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse } from '@shipshape/changelog';
import {
  bracketLabels,
  definitionLabel,
  definitionsWithLabels,
  labelMatches,
  mayContainVersion,
  plainHeadingText,
  scanDocument,
  type ScannedDefinition,
} from '../../../packages/changelog/src/fast-path';

/**
 * The pieces the fast path uses to avoid parsing (label lookups, heading texts computed from the source, the
 * candidate filter) and the cases where an earlier version of it disagreed with a full parse.
 */

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

describe('bracketLabels', () => {
  it('collects every label a link reference could use, normalized like micromark (whitespace, case folding)', () => {
    expect([...bracketLabels('see [Foo  Bar] and [a][REF] or ![img][] and [x](url)')]).toEqual([
      'FOO BAR',
      'A',
      'REF',
      'IMG',
      'X',
    ]);
    expect([...bracketLabels('a label over\n[two\nlines] and [straße]')]).toEqual(['TWO LINES', 'STRASSE']);
  });
  it('skips escaped brackets and blank labels', () => {
    expect([...bracketLabels('[a\\]b] [ ] [] [c [d]')]).toEqual(['A\\]B', 'D']);
  });
  it('keeps long labels (their whitespace collapses) and labels over block quote lines, with and without the markers', () => {
    expect([...bracketLabels(`[a${' '.repeat(1_000)}b]`)]).toEqual(['A B']);
    expect([...bracketLabels('> see [foo\n> bar]')]).toEqual(['FOO > BAR', 'FOO BAR']);
  });
});

describe('labelMatches / definitionsWithLabels', () => {
  const text = lines(
    '[1.2.3]: https://a',
    '[Ref Name]: https://b',
    '[  spaced\tout ]: https://c',
    '[STRASSE]: https://d',
    '[ref name]: https://e',
  );
  const definitions = scanDocument(text)?.definitions ?? [];
  const labels = (found: ScannedDefinition[]): string[] => found.map((d) => definitionLabel(text, d));

  it('compares a label as written with a normalized one, in place for ASCII and by the full rule otherwise', () => {
    expect(labelMatches(text, definitions[0] as ScannedDefinition, '1.2.3')).toBe(true);
    expect(labelMatches(text, definitions[0] as ScannedDefinition, '1.2.30')).toBe(false);
    expect(labelMatches(text, definitions[1] as ScannedDefinition, 'REF NAME')).toBe(true);
    expect(labelMatches(text, definitions[2] as ScannedDefinition, 'SPACED OUT')).toBe(true);
    expect(labelMatches(text, definitions[3] as ScannedDefinition, [...bracketLabels('[straße]')][0] ?? '')).toBe(true);
  });

  it('finds every definition of the labels, in document order', () => {
    expect(labels(definitionsWithLabels(text, definitions, new Set(['REF NAME', '1.2.3'])))).toEqual([
      '1.2.3',
      'Ref Name',
      'ref name',
    ]);
    expect(definitionsWithLabels(text, definitions, new Set())).toEqual([]);
    // Past the pairwise limit the labels are normalized once instead: same answer.
    const many = new Set(Array.from({ length: 20_000 }, (_, i) => `L${i}`).concat(['SPACED OUT']));
    expect(labels(definitionsWithLabels(text, definitions, many))).toEqual(['  spaced\tout ']);
  });
});

describe('plainHeadingText', () => {
  const defined =
    (...keys: string[]) =>
    (key: string) =>
      keys.includes(key);
  it('drops the brackets of defined labels only, like a shortcut link reference', () => {
    expect(plainHeadingText('[1.2.3] - 2024-01-01', defined('1.2.3'))).toBe('1.2.3 - 2024-01-01');
    expect(plainHeadingText('[1.2.3] - 2024-01-01', defined())).toBe('[1.2.3] - 2024-01-01');
    expect(plainHeadingText('[Unreleased] [1.0.0]', defined('UNRELEASED'))).toBe('Unreleased [1.0.0]');
  });
  it('gives up on nested or unmatched brackets', () => {
    expect(plainHeadingText('[[1.2.3]]', defined('1.2.3'))).toBeUndefined();
    expect(plainHeadingText('1.2.3]', defined())).toBeUndefined();
    expect(plainHeadingText('[1.2.3', defined())).toBeUndefined();
  });
});

describe('mayContainVersion', () => {
  it('is true whenever the plain text may contain the version', () => {
    expect(mayContainVersion('[1.2.3] - 2024', '1.2.3')).toBe(true);
    expect(mayContainVersion('1.[2].3', '1.2.3')).toBe(true);
    expect(mayContainVersion('1.*2*.3', '1.2.3')).toBe(true);
    expect(mayContainVersion('[1.2](https://x).3', '1.2.3')).toBe(true);
    expect(mayContainVersion('1\\.2\\.3', '1.2.3')).toBe(true);
    expect(mayContainVersion('&#49;.2.3', '1.2.3')).toBe(true);
  });
  it('is false when it cannot', () => {
    expect(mayContainVersion('[1.2.4] - 2024-01-03', '1.2.3')).toBe(false);
    expect(mayContainVersion('Added', '1.2.3')).toBe(false);
    expect(mayContainVersion('*1.3.0*', '1.2.3')).toBe(false);
  });
});

describe('scanDocument is unsure where a line could read two ways', () => {
  it('a definition whose destination or title it does not fully read, or a label that goes on to the next line', () => {
    expect(scanDocument(lines('[a]:', '  https://a'))).toBeUndefined();
    expect(scanDocument(lines('[a', 'b]: https://a'))).toBeUndefined();
    expect(scanDocument(lines('[a]: https://a/(b)'))).toBeUndefined();
    expect(scanDocument(lines('[a]: https://a "title'))).toBeUndefined();
    expect(scanDocument(lines('[a]: https://a "title"'))?.definitions).toHaveLength(1);
    expect(scanDocument(lines('[a]: <https://a b> (title)'))?.definitions).toHaveLength(1);
  });
  it('a paragraph line right after a definition (a title or a continuation)', () => {
    expect(scanDocument(lines('[a]: https://a', '"title"'))).toBeUndefined();
    expect(scanDocument(lines('[a]: https://a', 'text'))).toBeUndefined();
    expect(scanDocument(lines('[a]: https://a', '', 'text'))?.definitions).toHaveLength(1);
  });
  it('a definition in a list item or block quote, but not a list item that merely starts with a letter or digit', () => {
    expect(scanDocument(lines('- [a]: https://a'))).toBeUndefined();
    expect(scanDocument(lines('> [a]: https://a'))).toBeUndefined();
    expect(scanDocument(lines('- 1. [a]: https://a'))).toBeUndefined();
    expect(scanDocument(lines('- item [a]: https://a', '1. one'))?.headings).toEqual([]);
  });
  it('a label of only whitespace defines nothing; a footnote definition counts as one', () => {
    const blank = scanDocument(lines('[ ]: x', '[a]: https://a'));
    expect(blank?.definitions).toEqual([]);
    const footnote = lines('[^1]: a note', '');
    expect(scanDocument(footnote)?.definitions.map((d) => definitionLabel(footnote, d))).toEqual(['^1']);
  });
  it('records line numbers, and reads closing fences and closing hashes exactly', () => {
    const text = lines(
      '# A',
      '',
      '```',
      '## 9.9.9',
      '``` \t',
      '',
      'B 1.0',
      '===',
      '',
      '## 2.0.0 ##',
      '##   ',
      '## 3.0.0#',
    );
    expect(scanDocument(text)?.headings.map((h) => [h.line, h.depth, h.raw])).toEqual([
      [1, 1, 'A'],
      [7, 1, 'B 1.0'],
      [10, 2, '2.0.0'],
      [11, 2, ''],
      [12, 2, '3.0.0#'],
    ]);
    // A closing fence may be followed by spaces and tabs only.
    expect(scanDocument(lines('```', '``` x', '## 1.0.0'))).toBeUndefined();
  });
});

describe('fast path = full parse', () => {
  const cases: [string, string, string][] = [
    ['heading spelled with a character reference', lines('## &#49;.2.3', '', '- x'), '1.2.3'],
    ['heading split by emphasis', lines('## 1.*2*.3', '', '- x'), '1.2.3'],
    ['heading with escapes', lines('## 1\\.2\\.3', '', '- x'), '1.2.3'],
    [
      'heading whose link reference is defined',
      lines('## [1.2.3] - 2024-01-01', '', '- x', '', '## [1.2.2]', '', '[1.2.3]: https://c'),
      '1.2.3',
    ],
    ['heading whose brackets are no reference', lines('## [1.2.3] - 2024-01-01', '', '- x', '', '## [1.2.2]'), '1.2.3'],
    [
      'closing hashes after Unicode whitespace',
      lines('## 1.2.3 #\u00a0', '', '- x', '', '## 1.2.3', '', '- y'),
      '1.2.3',
    ],
    [
      'reference over two lines',
      lines('## 1.2.3', '', '- see [foo', 'bar]', '', '## 1.2.2', '', '[foo bar]: https://x'),
      '1.2.3',
    ],
    [
      'reference with other spacing',
      lines('## 1.2.3', '', '- see [foo  bar]', '', '## 1.2.2', '', '[foo bar]: https://x'),
      '1.2.3',
    ],
    [
      'reference matched by case folding',
      lines('## 1.2.3', '', '- see [STRASSE]', '', '## 1.2.2', '', '[straße]: https://x'),
      '1.2.3',
    ],
    [
      'blank label is no definition',
      lines('## 1.2.3', '', '- see [a]', '', '## 1.2.2', '', '[ ]: x', '[a]: https://x'),
      '1.2.3',
    ],
    [
      'many definitions, a few used',
      lines(
        '## 2.0.0',
        '',
        '- [1.0.5] and [1.0.7]',
        '',
        ...Array.from({ length: 300 }, (_, i) => `[1.0.${i}]: https://x/${i}`),
      ),
      '2.0.0',
    ],
    [
      'duplicate anchors across markup',
      lines('## *1.0.0*', '', '## [1.0.0]', '', '## 1.0.0', '', '- x', '', '[1.0.0]: https://c'),
      '1.0.0',
    ],
    // Sections read as blocks only (nothing in them can be a reference) whose headings still need their text.
    [
      'inner heading spelled with emphasis',
      lines('## 2.0.0', '', '- a', '', '### *Un*released', '', '- b', '', '## 1.0.0', '', '- c'),
      '2.0.0',
    ],
    [
      'inner heading naming a version through a reference',
      lines('## 2.0.0', '', '- a', '', '### [v]1.5.0', '', '## 1.0.0', '', '[v]: https://v'),
      '2.0.0',
    ],
    [
      'section with a table, a footnote call and code',
      lines('## 2.0.0', '', '| a | b |', '| - | - |', '| `## 1.0.0` | [^x] |', '', '## 1.0.0', '', '[^x]: note'),
      '2.0.0',
    ],
  ];
  it.each(cases)('%s', (...row) => {
    const [, text, version] = row;
    const fast = findVersionSection(text, version);
    expect(fast).toEqual(findVersionSectionByFullParse(text, version));
    expect(fast).toBeDefined();
  });
});

/**
 * A version missing from the headings: the fast path reads version lines (a changelog written without headings)
 * only when no heading names a version, and parses the whole file for them only when a line could be one.
 */
describe('fast path = full parse, version missing from the headings', () => {
  const cases: [string, string, string, boolean][] = [
    [
      'headings that are links name versions: no version lines',
      lines('## [1.2.3](https://x) (2030-01-01)', '', '**1.2.2 / 2029-01-01**', '- x'),
      '1.2.2',
      false,
    ],
    [
      'a heading spelled with a character reference names a version',
      lines('## &#49;.2.3', '', '**1.2.2**', '- x'),
      '1.2.2',
      false,
    ],
    ['an Unreleased heading: no version lines', lines('## [Unreleased]', '', '**1.2.2**', '- x'), '1.2.2', false],
    [
      'no version heading: the bold line opens the section',
      lines('# Changelog', '', '**1.2.2** (2029-01-01)', '- x', '', '**1.2.1**', '- y'),
      '1.2.2',
      true,
    ],
    [
      'a version line inside a block quote is not top-level',
      lines('# Changelog', '', '> **1.2.2**', '> - x'),
      '1.2.2',
      false,
    ],
    [
      'a version line after a heading with digits that names none',
      lines('## Notes for 2030', '', 'v1.2.2 - May 1, 2030', '', '- x'),
      '1.2.2',
      true,
    ],
    ['deep block quotes, no version line anywhere', `${'>'.repeat(3_000)} 1.2.2\n`, '1.2.2', false],
  ];
  it.each(cases)('%s', (...row) => {
    const [, text, version, found] = row;
    const fast = findVersionSection(text, version);
    expect(fast !== undefined).toBe(found);
    if (!text.startsWith('>>>')) expect(fast).toEqual(findVersionSectionByFullParse(text, version));
  });
});
