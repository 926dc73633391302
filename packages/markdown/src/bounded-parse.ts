import { Script, createContext, type Context } from 'node:vm';
import type { Root } from 'mdast';
import { ShipshapeError } from '@shipshape/kit/errors';
import { parseMarkdown } from './parse';

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

export function parseMarkdownWithin(normalized: string, limits: ParseLimits = DEFAULT_PARSE_LIMITS): Root {
  if (normalized.length > limits.maxChars) {
    throw new MarkdownTooComplexError('size', `the text is ${normalized.length} characters long; at most ${limits.maxChars} are parsed`);
  }
  let tree: Root | undefined;
  try {
    // The vm watchdog terminates whatever JavaScript runs under it when the budget is spent, including the
    // parser called from the script; the processor keeps no state between parses, so it stays usable.
    // One context and one compiled script for every parse: creating a context costs about a millisecond, and the
    // changelog finder parses each candidate heading on its own.
    watchdog ??= { context: createContext({ job: undefined }), script: new Script('job()') };
    watchdog.context.job = () => (tree = parseMarkdown(normalized));
    try {
      watchdog.script.runInContext(watchdog.context, { timeout: limits.timeoutMs });
    } finally {
      watchdog.context.job = undefined;
    }
  } catch (error) {
    if ((error as { code?: string } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new MarkdownTooComplexError('time', `parsing the text took longer than ${limits.timeoutMs / 1000} s`);
    }
    if (error instanceof RangeError) throw new MarkdownTooComplexError('depth', 'the text is nested too deeply to parse');
    throw error;
  }
  if (!tree) throw new MarkdownTooComplexError('time', 'the parser stopped before finishing');
  return tree;
}
