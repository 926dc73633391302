import { Script, createContext, type Context } from 'node:vm';
import type { Root } from 'mdast';
import { ShipshapeError } from '@shipshape/kit/errors';
import { parseMarkdown, parseMarkdownBlocks } from './parse';

/**
 * micromark's emphasis and list resolution is super-linear on some inputs (measured here: 20 KB of `*a` takes
 * 1.5 s, 200 KB over a minute; 3000 nested list markers overflow the stack). Text we did not write is parsed
 * under a time budget and a size limit, so a hostile or broken description gets a clear verdict, never a hang.
 */
export class MarkdownTooComplexError extends ShipshapeError {
  constructor(
    readonly reason: 'size' | 'time' | 'depth',
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

function parseCatchingDepth(normalized: string, parse: (text: string) => Root): Root {
  try {
    return parse(normalized);
  } catch (error) {
    if (error instanceof RangeError) throw new MarkdownTooComplexError('depth', 'the text is nested too deeply to parse');
    throw error;
  }
}

function checkSize(normalized: string, limits: ParseLimits): void {
  if (normalized.length > limits.maxChars) {
    throw new MarkdownTooComplexError('size', `the text is ${normalized.length} characters long; at most ${limits.maxChars} are parsed`);
  }
}

function parseBounded(normalized: string, limits: ParseLimits, parse: (text: string) => Root): Root {
  checkSize(normalized, limits);
  return withinParseBudget(limits.timeoutMs, () => parseCatchingDepth(normalized, parse));
}

/**
 * Texts up to this long are parsed without a watchdog. The slowest inputs of this size measured here (2,048
 * nested `>`, or `*a` repeated) take about 0.1 s, so such a parse can overrun a deadline by that much at most, and
 * the deadline is checked after it; a watchdog thread costs about half a millisecond, more than parsing a
 * typical changelog section.
 */
export const UNWATCHED_PARSE_CHARS = 2_048;

/**
 * One wall-clock budget for a series of parses (the changelog finder parses a few small pieces of one document, and
 * sometimes the whole of it). Small texts are parsed directly and the deadline is checked after each; larger ones
 * run under the watchdog for the time that is left.
 */
export class ParseDeadline {
  private readonly endsAt: number;

  constructor(private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS) {
    this.endsAt = performance.now() + limits.timeoutMs;
  }

  parse(normalized: string): Root {
    return this.run(normalized, parseMarkdown);
  }

  /** The block structure only (`parseMarkdownBlocks`). */
  parseBlocks(normalized: string): Root {
    return this.run(normalized, parseMarkdownBlocks);
  }

  private run(normalized: string, parse: (text: string) => Root): Root {
    checkSize(normalized, this.limits);
    const left = this.endsAt - performance.now();
    if (left <= 0) throw timeoutError(this.limits.timeoutMs);
    if (normalized.length > UNWATCHED_PARSE_CHARS) {
      try {
        return withinParseBudget(Math.ceil(left), () => parseCatchingDepth(normalized, parse));
      } catch (error) {
        // The watchdog ran for the time left; the budget the caller knows is the whole one.
        if (error instanceof MarkdownTooComplexError && error.reason === 'time') throw timeoutError(this.limits.timeoutMs);
        throw error;
      }
    }
    const tree = parseCatchingDepth(normalized, parse);
    if (performance.now() > this.endsAt) throw timeoutError(this.limits.timeoutMs);
    return tree;
  }
}

export function parseMarkdownWithin(normalized: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Root {
  return parseBounded(normalized, limits, parseMarkdown);
}

/** `parseMarkdownBlocks` (the block structure only) under the same limits. */
export function parseMarkdownBlocksWithin(normalized: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Root {
  return parseBounded(normalized, limits, parseMarkdownBlocks);
}
