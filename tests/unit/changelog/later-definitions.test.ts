import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse } from '@shipshape/changelog';
import {
  DefinitionIndex,
  definitionLabel,
  DocumentScanner,
  LaterDefinitions,
  scanDocument,
} from '../../../packages/changelog/src/fast-path';

/**
 * The definitions below the scanner's stop, found without reading the lines in between: exact when the lines
 * around a candidate settle it, unsure (and the scanner reads on) when they do not.
 */

const lines = (...l: string[]): string => `${l.join('\n')}\n`;

/** A scanner stopped right after the first heading, the index over the rest, and the answer for `keys`. */
function lookUp(text: string, ...keys: string[]): { labels: string[] | undefined; scanner: DocumentScanner } {
  const scanner = new DocumentScanner(text);
  expect(scanner.scanUntil(1)).toBe(true);
  const later = new LaterDefinitions(text, scanner.position);
  const found = later.find(scanner.position, new Set(keys));
  return { labels: found?.map((d) => definitionLabel(text, d)), scanner };
}

const head = ['## 1.1.0', '', '- uses [1.1.0] and [ref]', '', '## 1.0.0', '', '- older', ''];

describe('LaterDefinitions', () => {
  it('finds a definition block at the bottom, labels compared like micromark (case, spaces)', () => {
    const text = lines(...head, '[1.1.0]: https://a', '[ Ref ]: https://b', '[other]: https://c');
    expect(lookUp(text, '1.1.0', 'REF').labels).toEqual(['1.1.0', ' Ref ']);
    expect(lookUp(text, 'MISSING').labels).toEqual([]);
  });

  it('accepts a definition right after the stop, after a blank line, or after other definition lines', () => {
    expect(lookUp(lines('## 1.1.0', '[ref]: https://a'), 'REF').labels).toEqual(['ref']);
    expect(lookUp(lines(...head, '[a]: https://a', '[b]: https://b', '[ref]: https://c'), 'REF').labels).toEqual([
      'ref',
    ]);
  });

  it.each([
    ['after a paragraph line (paragraph text)', lines(...head, 'text', '[ref]: https://a')],
    ['after an invalid definition line', lines(...head, '[a]: <broken', '[ref]: https://a')],
    ['with a title on the next line', lines(...head, '[ref]: https://a', '"title"')],
    ['with a setext underline after it', lines(...head, '[ref]: https://a', '===')],
    ['after a fence opener', lines(...head, '```', '', '[ref]: https://a')],
    ['after an HTML comment opener', lines(...head, '<!--', '', '[ref]: https://a', '-->')],
    ['in a list item', lines(...head, '- [ref]: https://a')],
    ['in a block quote', lines(...head, '> [ref]: https://a')],
    ['indented', lines(...head, '  [ref]: https://a')],
    ['with its label over two lines', lines(...head, '[the', 'ref]: https://a', '[ref]: https://b')],
    ['with a destination on the next line', lines(...head, '[ref]:', '  https://a')],
  ])('is unsure about a candidate %s', (...row) => {
    const [, text] = row;
    expect(lookUp(text, 'REF').labels).toBeUndefined();
  });

  it('is unsure about any label written over two lines (in a block quote, the markers are not part of it)', () => {
    const text = lines(...head, '[the', 'ref]: https://a');
    expect(lookUp(text, 'THE REF').labels).toBeUndefined();
    expect(lookUp(lines(...head, '> [the', '> ref]: https://a'), 'THE REF').labels).toBeUndefined();
  });

  it('knows that a `]:` after another `]` closes no label', () => {
    expect(lookUp(lines(...head, 'a]b]: c', '', '[ref]: https://a'), 'B').labels).toEqual([]);
  });

  it('ignores what cannot define a wanted label', () => {
    const text = lines(
      ...head,
      '- [other]: https://a',
      'text [x]: y',
      '```',
      '[unwanted]: https://b',
      '```',
      '',
      '[ref]: https://c',
    );
    // The fence comes before the wanted definition: unsure about that one, yet nothing defines `1.1.0`.
    expect(lookUp(text, '1.1.0').labels).toEqual([]);
    expect(lookUp(text, 'REF').labels).toBeUndefined();
  });
});

describe('DefinitionIndex', () => {
  it('answers from the lines read and the lookup below, without reading on', () => {
    const text = lines(...head, '[1.1.0]: https://a', '[ref]: https://b');
    const scanner = new DocumentScanner(text);
    scanner.scanUntil(1);
    const found = new DefinitionIndex(scanner).withLabels(new Set(['REF']));
    expect(found?.map((d) => definitionLabel(text, d))).toEqual(['ref']);
    expect(scanner.state).toBe('reading');
  });

  it('reads on to the end when the lookup is unsure, and then answers exactly', () => {
    const text = lines(...head, 'text', '[ref]: https://a', '', '[ref]: https://b');
    const scanner = new DocumentScanner(text);
    scanner.scanUntil(1);
    const found = new DefinitionIndex(scanner).withLabels(new Set(['REF']));
    expect(scanner.state).toBe('done');
    expect(found?.map((d) => text.slice(d.start, d.end))).toEqual(['[ref]: https://b']);
  });
});

describe('DocumentScanner', () => {
  const document = lines(
    '# Changelog',
    '',
    '## [1.1.0]',
    '- a',
    '```',
    '## not a heading',
    '```',
    '[x]: https://x',
    '',
    'Setext 1.0.0',
    '====',
    '',
    '## [0.9.0]',
    '[y]: https://y',
  );

  it('reads in pieces exactly what it reads at once', () => {
    const whole = scanDocument(document);
    for (const step of [1, 2, 3]) {
      const scanner = new DocumentScanner(document);
      for (let count = step; scanner.state === 'reading'; count += step) scanner.scanUntil(count);
      expect({ headings: scanner.headings, definitions: scanner.definitions }).toEqual(whole);
    }
  });

  it('stops right after the heading that completes the count, at the top level', () => {
    const scanner = new DocumentScanner(document);
    scanner.scanUntil(2);
    expect(scanner.headings.map((h) => h.raw)).toEqual(['Changelog', '[1.1.0]']);
    expect(document.slice(scanner.position).startsWith('- a\n')).toBe(true);
    expect(scanner.atTopLevel).toBe(true);
  });
});

describe('fast path = full parse, with definitions below the section', () => {
  const cases: [string, string][] = [
    [
      'the newest of a Keep a Changelog file',
      lines(
        '## [1.1.0] - 2024-02-01',
        '- [#1](u) and [x]',
        '',
        '## [1.0.0]',
        '- y',
        '',
        '[1.1.0]: https://c',
        '[x]: https://x',
      ),
    ],
    [
      'a label defined twice below',
      lines('## 1.1.0', '- [x]', '', '## 1.0.0', '', '[x]: https://first', '', '[X]: https://second'),
    ],
    ['a definition only in a later list item', lines('## 1.1.0', '- [x]', '', '## 1.0.0', '- [x]: https://listed')],
    ['a footnote definition at the end', lines('## 1.1.0', '- see [^n]', '', '## 1.0.0', '', '[^n]: the note')],
  ];
  it.each(cases)('%s', (...row) => {
    const [, text] = row;
    expect(findVersionSection(text, '1.1.0')).toEqual(findVersionSectionByFullParse(text, '1.1.0'));
    expect(findVersionSection(text, '1.0.0')).toEqual(findVersionSectionByFullParse(text, '1.0.0'));
  });
});
