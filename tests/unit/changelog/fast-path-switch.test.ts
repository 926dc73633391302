import { describe, expect, it } from '@jest/globals';
import {
  findVersionSection,
  findVersionSectionByFullParse,
  listVersions,
  prepareChangelog,
  suggestNearest,
  type ReadOptions,
} from '@shipshape/changelog';
import { scannerWork } from '../../../packages/changelog/src/fast-path';
import { MarkdownTooComplexError } from '../../../packages/markdown/src/bounded-parse';

/**
 * `{ fastPath: false }`: the switch that keeps a scanner bug from ever blocking a release. The work is counted, never
 * timed: `scannerWork.reads` counts the scanner's reads, and a file whose old sections only the full parse refuses
 * shows which path read it.
 */

const lines = (...text: string[]): string => text.join('\n');

const KEEP_A_CHANGELOG = lines(
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '## [1.2.3] - 2026-03-01',
  '',
  '### Fixed',
  '',
  '- The deploy waits for staging ([#12][pr12]).',
  '',
  '```md',
  '## 9.9.9',
  '```',
  '',
  '## [1.2.2] - 2026-02-01',
  '',
  '- Older.',
  '',
  '[1.2.3]: https://github.com/o/r/compare/v1.2.2...v1.2.3',
  '[pr12]: https://github.com/o/r/pull/12',
  '',
);

/** A newest section the fast path reads alone, above an old one nested deeper than the limits let a parse read. */
const DEEP_OLD_SECTION = lines(
  '# Changelog',
  '',
  '## 2.0.0',
  '',
  '- New.',
  '',
  '## 1.0.0',
  '',
  `${'>'.repeat(101)} nested`,
  '',
);

/** How many times a scanner read lines while `read` ran. */
function scannerReads(read: () => unknown): number {
  const before = scannerWork.reads;
  read();
  return scannerWork.reads - before;
}

const OFF: ReadOptions = { fastPath: false };

describe('findVersionSection with { fastPath: false }', () => {
  it('never runs the scanner; the default and { fastPath: true } do', () => {
    expect(scannerReads(() => findVersionSection(KEEP_A_CHANGELOG, '1.2.3', OFF))).toBe(0);
    expect(scannerReads(() => findVersionSection(KEEP_A_CHANGELOG, '1.2.3'))).toBeGreaterThan(0);
    expect(scannerReads(() => findVersionSection(KEEP_A_CHANGELOG, '1.2.3', { fastPath: true }))).toBeGreaterThan(0);
  });

  it.each([
    ['a Keep a Changelog file', KEEP_A_CHANGELOG, '1.2.3', true],
    ['a version only a code fence names', KEEP_A_CHANGELOG, '9.9.9', false],
    ['a changelog without headings', lines('**1.3.2** (2026-11-13)', '- x', '', '**1.3.1**', '- y', ''), '1.3.2', true],
    ['a missing version', KEEP_A_CHANGELOG, '3.0.0', false],
  ])('gives the full parse’s answer, as the fast path does: %s', (_name, text, version, found) => {
    const reference = findVersionSectionByFullParse(text, version);
    expect(reference !== undefined).toBe(found);
    expect(findVersionSection(text, version, OFF)).toEqual(reference);
    expect(findVersionSection(text, version)).toEqual(reference);
  });

  it('parses the whole file: an old section the limits refuse is refused, where the fast path never parses it', () => {
    expect(findVersionSection(DEEP_OLD_SECTION, '2.0.0')?.ownBody).toBe('- New.');
    expect(() => findVersionSection(DEEP_OLD_SECTION, '2.0.0', OFF)).toThrow(MarkdownTooComplexError);
    expect(() => findVersionSection(DEEP_OLD_SECTION, '2.0.0', OFF)).toThrow(
      /^The changelog could not be read: the text is nested too deeply: a line nests up to 101 /,
    );
  });
});

describe('the hints with { fastPath: false }', () => {
  it('listVersions reads the headings from the full parse, without the scanner', () => {
    let versions: string[] = [];
    expect(scannerReads(() => (versions = listVersions(KEEP_A_CHANGELOG, OFF)))).toBe(0);
    expect(versions).toEqual(['1.2.3', '1.2.2']);
    expect(scannerReads(() => listVersions(KEEP_A_CHANGELOG))).toBeGreaterThan(0);
  });

  it('suggestNearest gives the same hint without the scanner', () => {
    let hint: string | undefined;
    expect(scannerReads(() => (hint = suggestNearest(KEEP_A_CHANGELOG, '1.2.4', OFF)))).toBe(0);
    expect(hint).toBe('did you mean 1.2.3?');
    expect(suggestNearest(KEEP_A_CHANGELOG, '1.2.4')).toBe(hint);
  });
});

describe('prepareChangelog with { fastPath: false }', () => {
  const withUnreleased = KEEP_A_CHANGELOG.replace(
    '## [Unreleased]\n',
    '## [Unreleased]\n\n### Added\n\n- Wish lists.\n',
  );

  it('locates Unreleased by the whole parse, never the scanner, and cuts the same release', () => {
    const options = { bump: 'auto' as const, date: '2026-12-05' };
    let off: ReturnType<typeof prepareChangelog> | undefined;
    expect(scannerReads(() => (off = prepareChangelog(withUnreleased, { ...options, fastPath: false })))).toBe(0);
    let on: ReturnType<typeof prepareChangelog> | undefined;
    expect(scannerReads(() => (on = prepareChangelog(withUnreleased, options)))).toBeGreaterThan(0);
    expect(off).toEqual(on);
    expect(off?.version).toBe('1.3.0');
  });
});
