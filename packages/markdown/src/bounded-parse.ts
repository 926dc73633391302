import { Script, createContext, type Context } from 'node:vm';
import type { Root } from 'mdast';
import { ShipshapeError } from '@shipshape/kit';
import { measureMarkdown } from './complexity';
import {
  DEFAULT_BLOCK_COMPLEXITY_LIMITS,
  DEFAULT_COMPLEXITY_LIMITS,
  judgeComplexity,
  type ComplexityLimits,
} from './complexity-limits';
import { parseMarkdown, parseMarkdownBlocks } from './parse';
import { treeDepth } from './tree-depth';

/**
 * micromark's emphasis and list resolution is super-linear on some inputs, deep nesting overflows the stack, and it
 * holds every token of a text in memory (packages/markdown/README.md has the figures). Text we did not write is
 * measured first (complexity.ts: memory,
 * nesting, delimiter work), then parsed under a time budget, and the tree's depth is checked, so a hostile or
 * broken description gets a clear verdict naming the limit, never a hang, an out-of-memory crash or a stack overflow.
 */
export class MarkdownTooComplexError extends ShipshapeError {
  constructor(
    readonly reason: 'size' | 'time' | 'depth' | 'memory' | 'delimiters',
    message: string,
  ) {
    super(message);
  }
}

export interface ParseLimits {
  /** Longest text parsed, in UTF-16 code units. */
  maxChars: number;
  /** Wall-clock budget for the parse, in milliseconds. */
  timeoutMs: number;
  /**
   * The limits checked before micromark runs (memory, nesting, delimiter work) and on the tree (depth):
   * `DEFAULT_COMPLEXITY_LIMITS` (block parses: `DEFAULT_BLOCK_COMPLEXITY_LIMITS`) where not given. `false` turns the
   * check off — only for measuring micromark itself
   * (the bench); untrusted text must never be parsed without it (packages/markdown/README.md).
   */
  complexity?: Partial<ComplexityLimits> | false;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = { maxChars: 2 * 1024 * 1024, timeoutMs: 30_000 };

let watchdog: { context: Context; script: Script } | undefined;
/** Whether a budget is running: parses inside it are covered by it and start no watchdog of their own. */
let budgetRunning = false;

const timeoutError = (timeoutMs: number): MarkdownTooComplexError =>
  new MarkdownTooComplexError('time', `parsing the text took longer than ${timeoutMs / 1000} s`);

/**
 * Runs `job` under one wall-clock budget; every `parseMarkdownWithin` inside it is covered by that budget (its own
 * `timeoutMs` is not used; its `maxChars` still is). A caller that parses several pieces of one document (the
 * changelog finder) pays for one watchdog instead of one per parse: each watchdog is a thread that is started and
 * joined, which costs from tens of microseconds to milliseconds on a busy machine, more than a small parse itself.
 * Nested budgets are covered by the outermost one.
 */
export function withinParseBudget<T>(timeoutMs: number, job: () => T): T {
  if (budgetRunning) return job();
  let result: { value: T } | undefined;
  try {
    // The vm watchdog terminates whatever JavaScript runs under it when the budget is spent, including the
    // functions called from the script; the parser keeps no state between parses, so it stays usable.
    // One context and one compiled script for every budget: creating a context costs about a millisecond.
    watchdog ??= { context: createContext({ job: undefined }), script: new Script('job()') };
    watchdog.context.job = () => {
      result = { value: job() };
    };
    budgetRunning = true;
    try {
      watchdog.script.runInContext(watchdog.context, { timeout: timeoutMs });
    } finally {
      // Reset here, not in the job: a terminated job runs no `finally` of its own.
      budgetRunning = false;
      watchdog.context.job = undefined;
    }
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw timeoutError(timeoutMs);
    throw error;
  }
  if (!result) throw new MarkdownTooComplexError('time', 'the parser stopped before finishing');
  return result.value;
}

/**
 * The pre-check, the parse and the depth check. `inline` says whether the parse reads inline constructs (whose
 * delimiter resolvers are what `inlineWork` bounds).
 */
function parseChecked(normalized: string, limits: ParseLimits, parse: (text: string) => Root, inline: boolean): Root {
  const defaults = inline ? DEFAULT_COMPLEXITY_LIMITS : DEFAULT_BLOCK_COMPLEXITY_LIMITS;
  const complexity = limits.complexity === false ? undefined : { ...defaults, ...limits.complexity };
  if (complexity) {
    const verdict = judgeComplexity(measureMarkdown(normalized), complexity, inline);
    if (!verdict.ok) throw new MarkdownTooComplexError(verdict.reason, verdict.message);
  }
  let tree: Root;
  try {
    tree = parse(normalized);
  } catch (error) {
    if (error instanceof RangeError)
      throw new MarkdownTooComplexError('depth', 'the text is nested too deeply to parse');
    throw error;
  }
  if (complexity) {
    const depth = treeDepth(tree, complexity.maxTreeDepth);
    if (depth > complexity.maxTreeDepth) {
      throw new MarkdownTooComplexError(
        'depth',
        `the text is nested too deeply: its elements nest more than ${complexity.maxTreeDepth} levels deep; at most ${complexity.maxTreeDepth} are read`,
      );
    }
  }
  return tree;
}

function checkSize(normalized: string, limits: ParseLimits): void {
  if (normalized.length > limits.maxChars) {
    throw new MarkdownTooComplexError(
      'size',
      `the text is ${normalized.length} characters long; at most ${limits.maxChars} are parsed`,
    );
  }
}

function parseBounded(normalized: string, limits: ParseLimits, parse: (text: string) => Root, inline: boolean): Root {
  checkSize(normalized, limits);
  return withinParseBudget(limits.timeoutMs, () => parseChecked(normalized, limits, parse, inline));
}

/**
 * Texts up to this long are parsed without a watchdog: even the slowest shapes of this size finish quickly, so such
 * a parse overruns a deadline by little, and the deadline is checked after it; a watchdog thread costs more than
 * parsing a typical changelog section (docs/performance.md, row 6).
 */
export const UNWATCHED_PARSE_CHARS = 2_048;

/**
 * One wall-clock budget for a series of parses (the changelog finder parses a few small pieces of one document, and
 * sometimes the whole of it). Small texts are parsed directly and the deadline is checked after each; larger ones
 * run under the watchdog for the time that is left.
 */
export class ParseDeadline {
  private readonly endsAt: number;

  /** `now` reads the clock in milliseconds (`performance.now` unless a test passes its own). */
  constructor(
    private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.endsAt = now() + limits.timeoutMs;
  }

  parse(normalized: string): Root {
    return this.run(normalized, parseMarkdown, true);
  }

  /** The block structure only (`parseMarkdownBlocks`). */
  parseBlocks(normalized: string): Root {
    return this.run(normalized, parseMarkdownBlocks, false);
  }

  private run(normalized: string, parse: (text: string) => Root, inline: boolean): Root {
    checkSize(normalized, this.limits);
    const left = this.endsAt - this.now();
    if (left <= 0) throw timeoutError(this.limits.timeoutMs);
    if (normalized.length > UNWATCHED_PARSE_CHARS) {
      try {
        return withinParseBudget(Math.ceil(left), () => parseChecked(normalized, this.limits, parse, inline));
      } catch (error) {
        // The watchdog ran for the time left; the budget the caller knows is the whole one.
        if (error instanceof MarkdownTooComplexError && error.reason === 'time')
          throw timeoutError(this.limits.timeoutMs);
        throw error;
      }
    }
    const tree = parseChecked(normalized, this.limits, parse, inline);
    if (this.now() > this.endsAt) throw timeoutError(this.limits.timeoutMs);
    return tree;
  }
}

export function parseMarkdownWithin(normalized: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Root {
  return parseBounded(normalized, limits, parseMarkdown, true);
}

/** `parseMarkdownBlocks` (the block structure only) under the same limits. */
export function parseMarkdownBlocksWithin(normalized: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Root {
  return parseBounded(normalized, limits, parseMarkdownBlocks, false);
}
