import { describe, expect, it } from '@jest/globals';
import {
  MarkdownTooComplexError,
  ParseDeadline,
  parseMarkdownWithin,
  UNWATCHED_PARSE_CHARS,
  withinParseBudget,
} from '../../../packages/markdown/src/bounded-parse';

/**
 * The changelog finder runs each lookup, with every parse it makes, under one budget (one watchdog thread). No test
 * here depends on how fast the machine is: a job that must be stopped never ends by itself, a job that must finish
 * has a budget far above anything it needs, and the deadline's clock is a fake one that the test moves.
 */

/** A job that never ends: only the watchdog can stop it. */
const forever = (): never => {
  for (;;) {
    // Busy: the watchdog interrupts running JavaScript.
  }
};

const GENEROUS_MS = 600_000;

describe('withinParseBudget', () => {
  it('returns what the job returns; parses inside it keep their size limit', () => {
    const headings = withinParseBudget(GENEROUS_MS, () =>
      ['# a', '## b'].map((text) => parseMarkdownWithin(text).children[0]?.type),
    );
    expect(headings).toEqual(['heading', 'heading']);
    expect(() =>
      withinParseBudget(GENEROUS_MS, () =>
        parseMarkdownWithin('x'.repeat(101), { maxChars: 100, timeoutMs: GENEROUS_MS }),
      ),
    ).toThrow(/at most 100/);
  });

  it('ends a job that overruns the budget with a time error, however long the inner limits are, and stays usable', () => {
    expect(() => withinParseBudget(50, forever)).toThrow(MarkdownTooComplexError);
    expect(() => withinParseBudget(50, forever)).toThrow(/longer than 0.05 s/);
    expect(parseMarkdownWithin('## After\n', { maxChars: 100, timeoutMs: GENEROUS_MS }).children[0]?.type).toBe(
      'heading',
    );
    expect(withinParseBudget(GENEROUS_MS, () => 42)).toBe(42);
  });

  it('reports runaway nesting inside a budget as a depth error naming the line and the limit, and passes other errors through', () => {
    expect(() =>
      withinParseBudget(GENEROUS_MS, () =>
        parseMarkdownWithin(`${'- '.repeat(5_000)}x`, { maxChars: 1_000_000, timeoutMs: GENEROUS_MS }),
      ),
    ).toThrow(
      'the text is nested too deeply: a line nests up to 5000 block quotes, list items or indents; at most 100 are read',
    );
    expect(() =>
      withinParseBudget(GENEROUS_MS, () => {
        throw new TypeError('not a parse error');
      }),
    ).toThrow(TypeError);
  });

  it('nested budgets are covered by the outermost one', () => {
    expect(
      withinParseBudget(GENEROUS_MS, () => withinParseBudget(1, () => parseMarkdownWithin('# a').children.length)),
    ).toBe(1);
  });
});

/** A clock the test moves: `advance` happens inside a parse, as if that parse had been slow. */
function fakeClock(): { now: () => number; advance: (ms: number) => void } {
  let at = 1_000;
  return { now: () => at, advance: (ms) => (at += ms) };
}

/** The changelog finder's parses share one deadline: small ones run directly, larger ones under the watchdog. */
describe('ParseDeadline', () => {
  it('parses, within the size limit', () => {
    const deadline = new ParseDeadline({ maxChars: 100, timeoutMs: GENEROUS_MS });
    expect(deadline.parse('# a').children[0]?.type).toBe('heading');
    expect(deadline.parseBlocks('- *b*').children[0]?.type).toBe('list');
    expect(() => deadline.parse('x'.repeat(101))).toThrow(/at most 100/);
  });

  it('fails the first small parse that finishes past the deadline, and every one after it, reporting the whole budget', () => {
    // Readings of the clock in order: the constructor's, then one before and one after each small parse.
    const readings = [0, 0, 100, 100, 400, 400];
    const deadline = new ParseDeadline({ maxChars: 1_000_000, timeoutMs: 300 }, () => readings.shift() ?? 1_000);
    const small = '- *a*\n'.repeat(UNWATCHED_PARSE_CHARS / 8);
    expect(deadline.parse(small).children[0]?.type).toBe('list');
    // This parse ends at 400, past the deadline at 300: it finishes but is reported late.
    expect(() => deadline.parseBlocks(small)).toThrow(/longer than 0.3 s/);
    expect(() => deadline.parse('# a')).toThrow(/longer than 0.3 s/);
    expect(readings).toEqual([]);
  });

  it('runs a large parse under the watchdog for the time left, and reports the whole budget when it runs out', () => {
    const clock = fakeClock();
    const deadline = new ParseDeadline({ maxChars: 1_000_000, timeoutMs: GENEROUS_MS }, clock.now);
    const large = '- *a*\n'.repeat(UNWATCHED_PARSE_CHARS / 6 + 1);
    expect(deadline.parse(large).children[0]?.type).toBe('list');
    clock.advance(GENEROUS_MS);
    expect(() => deadline.parse(large)).toThrow(/longer than 600 s/);
  });

  it('reports runaway nesting as a depth error', () => {
    const deadline = new ParseDeadline({ maxChars: 1_000_000, timeoutMs: GENEROUS_MS });
    expect(() => deadline.parse(`${'- '.repeat(5_000)}x`)).toThrow(/nested too deeply: a line nests up to 5000/);
    expect(() => deadline.parseBlocks(`${'>'.repeat(10_000)} x`)).toThrow(
      /nested too deeply: a line nests up to 10000/,
    );
  });
});
