import { describe, expect, it } from '@jest/globals';
import { MarkdownTooComplexError, parseMarkdownWithin, withinParseBudget } from '@shipshape/markdown/bounded-parse';

/** The changelog finder runs each lookup, with every parse it makes, under one budget (one watchdog thread). */
describe('withinParseBudget', () => {
  it('returns what the job returns; parses inside it keep their size limit', () => {
    const headings = withinParseBudget(5_000, () => ['# a', '## b'].map((text) => parseMarkdownWithin(text).children[0]?.type));
    expect(headings).toEqual(['heading', 'heading']);
    expect(() => withinParseBudget(5_000, () => parseMarkdownWithin('x'.repeat(101), { maxChars: 100, timeoutMs: 60_000 }))).toThrow(/at most 100/);
  });

  it('ends a job that overruns the budget with a time error, however long the inner limits are, and stays usable', () => {
    const slow = (): unknown => withinParseBudget(100, () => parseMarkdownWithin('*a'.repeat(200_000), { maxChars: 1_000_000, timeoutMs: 60_000 }));
    expect(slow).toThrow(MarkdownTooComplexError);
    expect(slow).toThrow(/longer than 0.1 s/);
    expect(parseMarkdownWithin('## After\n', { maxChars: 100, timeoutMs: 1_000 }).children[0]?.type).toBe('heading');
    expect(withinParseBudget(1_000, () => 42)).toBe(42);
  });

  it('reports runaway nesting inside a budget as a depth (or time) error, and passes other errors through', () => {
    expect(() => withinParseBudget(300, () => parseMarkdownWithin(`${'- '.repeat(5_000)}x`, { maxChars: 1_000_000, timeoutMs: 60_000 }))).toThrow(
      /nested too deeply|longer than/,
    );
    expect(() =>
      withinParseBudget(1_000, () => {
        throw new TypeError('not a parse error');
      }),
    ).toThrow(TypeError);
  });

  it('nested budgets are covered by the outermost one', () => {
    expect(withinParseBudget(1_000, () => withinParseBudget(1, () => parseMarkdownWithin('# a').children.length))).toBe(1);
  });
});
