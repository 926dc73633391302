import type { Root } from 'mdast';
import { MarkdownTooComplexError, parseMarkdownWithin, type ParseLimits } from '@shipshape/markdown';

/**
 * Changelogs are untrusted and micromark is super-linear on some inputs (bounded-parse.ts): every parse here runs
 * under a budget, so a hostile changelog ends the step with a clear error instead of running until the job's timeout.
 * A section lookup runs whole (all its parses) under one deadline. The budget is generous: a full-parse fallback of
 * a multi-megabyte changelog takes most of it on a small machine.
 */
export const CHANGELOG_PARSE_LIMITS: ParseLimits = {
  maxChars: 20 * 1024 * 1024,
  timeoutMs: 120_000,
  // Real changelogs are larger than PR bodies, so a changelog may use far more estimated memory than a PR body,
  // still far below a runner's, and issue 15's hostile shapes are still refused (the figures behind both:
  // packages/markdown/README.md, "Complexity limits"). Block and pipe counts bound CPU for PR bodies; here the
  // deadline does.
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
