import { describe, expect, it } from '@jest/globals';
import { MarkdownTooComplexError, ParseDeadline, parseMarkdownWithin, UNWATCHED_PARSE_CHARS, withinParseBudget } from '@shipshape/markdown/bounded-parse';

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

/** The changelog finder's parses share one deadline: small ones run directly, larger ones under the watchdog. */
describe('ParseDeadline', () => {
  it('parses, within the size limit', () => {
    const deadline = new ParseDeadline({ maxChars: 100, timeoutMs: 5_000 });
    expect(deadline.parse('# a').children[0]?.type).toBe('heading');
    expect(deadline.parseBlocks('- *b*').children[0]?.type).toBe('list');
    expect(() => deadline.parse('x'.repeat(101))).toThrow(/at most 100/);
  });

  it('ends a large parse that overruns the time left, reporting the whole budget', () => {
    const deadline = new ParseDeadline({ maxChars: 1_000_000, timeoutMs: 100 });
    expect(() => deadline.parse('*a'.repeat(200_000))).toThrow(/longer than 0.1 s/);
  });

  it('fails the first small parse that finishes past the deadline, and every one after it', () => {
    // Each of these small parses takes tens of milliseconds (emphasis is super-linear in micromark).
    const deadline = new ParseDeadline({ maxChars: 1_000_000, timeoutMs: 300 });
    const small = '*a'.repeat(UNWATCHED_PARSE_CHARS / 2);
    let parses = 0;
    const parseUntilLate = (): void => {
      for (;;) {
        deadline.parse(small);
        parses += 1;
      }
    };
    expect(parseUntilLate).toThrow(MarkdownTooComplexError);
    expect(parses).toBeGreaterThan(0);
    expect(() => deadline.parse('# a')).toThrow(/longer than 0.3 s/);
  });

  it('reports runaway nesting as a depth (or time) error', () => {
    const deadline = new ParseDeadline({ maxChars: 1_000_000, timeoutMs: 300 });
    expect(() => deadline.parse(`${'- '.repeat(5_000)}x`)).toThrow(/nested too deeply|longer than/);
  });
});
