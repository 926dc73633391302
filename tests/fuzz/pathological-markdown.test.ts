import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findVersionSection } from '@shipshape/changelog';
import { MarkdownTooComplexError, parseMarkdownWithin } from '../../packages/markdown/src/bounded-parse';
import { normalizeMarkdown } from '../../packages/markdown/src/parse';
import { fuzzRuns } from './runs';

/**
 * The Markdown inputs known to slow parsers down — thousands of nested `>` or `[`, an unclosed `<!--`, long
 * emphasis runs — through packages/markdown's bounded parser and packages/changelog's section finder. Each gets a
 * verdict: a tree (a section), or a `MarkdownTooComplexError` naming the limit it passes, decided before micromark
 * runs by counting work (packages/markdown/src/complexity.ts), never a stack overflow or another error. Nothing here
 * is timed: how long a parse takes depends on how busy the machine is; `npm run bench` (hostile-markdown) measures
 * the time and memory of the worst of these.
 */
const repeat = (unit: string, times: number): string => unit.repeat(times);
const lines = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

/** Each input, and the bounded parser's verdict: `ok`, or the reason it is refused. */
const PATHOLOGICAL: [string, string, string][] = [
  ['2,000 nested > on one line', `${repeat('>', 2000)} deep`, 'depth'],
  ['2,000 lines of > nested up to 50 deep', lines(2000, (i) => `${repeat('>', (i % 50) + 1)} quote ${i}`), 'memory'],
  ['2,000 nested "> " with a list inside each', lines(2000, (i) => `${repeat('> ', (i % 20) + 1)}- item`), 'memory'],
  ['10,000 [', repeat('[', 10_000), 'ok'],
  ['5,000 [ then 5,000 ]', `${repeat('[', 5000)}a${repeat(']', 5000)}`, 'delimiters'],
  ['5,000 [a](', repeat('[a](', 5000), 'delimiters'],
  ['5,000 ![', repeat('![', 5000), 'ok'],
  ['10,000 [x]: reference definitions', lines(10_000, (i) => `[x${i}]: https://example.com/${i}`), 'memory'],
  ['unclosed <!-- before 50 KB', `<!--${repeat('text\n', 10_000)}`, 'ok'],
  ['5,000 unclosed <!--', repeat('<!-- ', 5000), 'ok'],
  ['10,000 *', `${repeat('*', 10_000)}a`, 'ok'],
  ['10,000 _', `${repeat('_', 10_000)}a`, 'ok'],
  ['10,000 "*a "', repeat('*a ', 10_000), 'ok'],
  ['2,500 "**a_"', repeat('**a_', 2500), 'ok'],
  ['2,500 "_*"', repeat('_*', 2500), 'ok'],
  ['5,000 "~~a"', repeat('~~a', 5000), 'delimiters'],
  ['10,000 backticks', repeat('`', 10_000), 'ok'],
  ['20,000 <', repeat('<', 20_000), 'ok'],
  ['10,000 www. autolinks', repeat('www.', 10_000), 'ok'],
  ['a list nested 100 deep', lines(100, (i) => `${repeat('  ', i)}- level ${i}`), 'ok'],
  ['2,000 table rows', `| a | b |\n| - | - |\n${lines(2000, (i) => `| ${i} | x |`)}`, 'ok'],
  ['20,000 | and a delimiter row', `${repeat('|', 20_000)}\n${repeat('-|', 5000)}`, 'memory'],
  ['NUL bytes and lone surrogates', repeat('a\u0000\ud800b\udfff', 5000), 'ok'],
  // Issue 15, items 1, 6 and 7.
  ['a 1,000-level block quote ladder', lines(1000, (i) => `${repeat('> ', i + 1)}level ${i}`), 'depth'],
  [
    'a 1,000 × 100 table',
    `${repeat('| h ', 100)}|\n${repeat('| - ', 100)}|\n${lines(1000, (i) => `${repeat(`| ${i} `, 100)}|`)}`,
    'memory',
  ],
  ['30,000 link reference definitions', lines(30_000, (i) => `[d${i}]: https://example.com/${i}`), 'memory'],
  ['`*_a` to 65,536 characters', repeat('*_a', 21_845), 'memory'],
  ['`**a_` to 65,536 characters', repeat('**a_', 16_384), 'memory'],
  ['80 KB of nested `>` and `-`', lines(4000, (i) => `${repeat('> - ', (i % 10) + 1)}x`), 'memory'],
  ['10,000 nested >', `${repeat('>', 10_000)} x`, 'depth'],
  ['5,000 nested "- "', `${repeat('- ', 5_000)}x`, 'depth'],
  ['emphasis nested 500 deep', `${repeat('*', 1_000)}a${repeat('*', 1_000)}`, 'depth'],
];

/** A changelog whose 1.0.0 section holds the pathological text. */
const changelogAround = (text: string): string =>
  `# Changelog\n\n## [1.0.0] - 2026-03-01\n\n${text}\n\n## [0.9.0] - 2026-02-01\n\n- Older.\n`;

/**
 * The verdict of the bounded parser: `ok`, or the reason of its `MarkdownTooComplexError` (anything else is rethrown).
 */
function verdictOf(text: string): string {
  try {
    expect(parseMarkdownWithin(normalizeMarkdown(text)).type).toBe('root');
    return 'ok';
  } catch (error) {
    if (error instanceof MarkdownTooComplexError) return error.reason;
    throw error;
  }
}

/** The changelog finder gives the section as a verbatim slice, or a clear error; never another error. */
function expectSectionOrClearError(changelog: string): void {
  try {
    const section = findVersionSection(changelog, '1.0.0');
    expect(section?.version).toBe('1.0.0');
    expect(changelog).toContain(section?.body ?? '\u0000missing');
  } catch (error) {
    expect(error).toBeInstanceOf(MarkdownTooComplexError);
    expect((error as Error).message).toMatch(/^The changelog could not be read: .*(at most|longer than)/);
  }
}

describe('pathological Markdown: each input gets a verdict, decided by counted work', () => {
  it.each(PATHOLOGICAL)('parse: %s', (_name, text, verdict) => {
    expect(verdictOf(text)).toBe(verdict);
  });

  it.each(PATHOLOGICAL)('changelog finder: %s', (_name, text) => {
    expectSectionOrClearError(changelogAround(text));
  });
});

describe('pathological Markdown (fuzz): compositions of slow constructs', () => {
  const token = fc.constantFrom(
    '>',
    '> ',
    '[',
    ']',
    '(',
    ')',
    '![',
    '<!--',
    '-->',
    '*',
    '**',
    '_',
    '__',
    '~~',
    '`',
    '```',
    '<',
    '|',
    '- ',
    '  ',
    '\n',
    '#',
    'a',
    ' ',
    '\\',
    '&amp;',
    '1. ',
  );
  const run = fc.tuple(token, fc.integer({ min: 1, max: 400 })).map(([t, n]) => t.repeat(n));
  const text = fc.array(run, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

  it('never throws anything but a clear complexity error, in the parser and the changelog finder', () => {
    fc.assert(
      fc.property(text, (markdown) => {
        expect(['ok', 'size', 'time', 'depth', 'memory', 'delimiters']).toContain(verdictOf(markdown));
        expectSectionOrClearError(changelogAround(markdown));
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
