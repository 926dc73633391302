import type { Root } from 'mdast';
import { MarkdownTooComplexError, parseMarkdownWithin, type ParseLimits } from '@shipshape/markdown';

/**
 * Changelogs are untrusted and micromark is super-linear on some inputs (bounded-parse.ts): every parse here runs
 * under a budget, so a hostile changelog ends the step with a clear error instead of running until the job's timeout.
 * A section lookup runs whole (all its parses) under one deadline. The budget is generous: the full-parse fallback
 * of a 5 MB changelog takes about a minute on a small machine.
 */
export const CHANGELOG_PARSE_LIMITS: ParseLimits = {
  maxChars: 20 * 1024 * 1024,
  timeoutMs: 120_000,
  // Real changelogs are larger than PR bodies: the full-parse fallback of pnpm's (625 KB) is estimated at 469 MB and
  // date-fns' (123 KB) at 137 MB, over the 128 MB a PR body may use. 1 GiB reads them (and a 700 KB link-heavy one,
  // 780 MB), keeps a read under about 1.2 GB (the estimate is at least the measured peak on every hostile shape and
  // within 18 % on real changelogs), far below a runner's memory, and still refuses issue 15's hostile shapes (the
  // 1,000 × 100 table is estimated at 1.6 GB, 30,000 definitions at 1.3 GB; ladders and delimiter runs are refused by
  // nesting and resolver work). Block and pipe counts bound CPU for PR bodies; here the 120 s deadline does.
  complexity: { maxEstimatedBytes: 1024 * 1024 * 1024, maxBlocks: 1_000_000, maxPipes: 1_000_000 },
};

const EXPLANATION = 'The changelog could not be read';

/** A parse refusal as the reader of a changelog sees it: what could not be read, the limit, and what to look for. */
export function explained(error: unknown): unknown {
  if (!(error instanceof MarkdownTooComplexError) || error.message.startsWith(EXPLANATION)) return error;
  return new MarkdownTooComplexError(
    error.reason,
    `${EXPLANATION}: ${error.message}. Check it for runaway nesting or emphasis.`,
  );
}

/** One bounded parse of a whole changelog (`listVersions`, `unreleasedContent`); a refusal is `explained`. */
export function parseChangelog(text: string): Root {
  try {
    return parseMarkdownWithin(text, CHANGELOG_PARSE_LIMITS);
  } catch (error) {
    throw explained(error);
  }
}
