import { MarkdownTooComplexError, parseMarkdownWithin, type ParseLimits, normalizeMarkdown } from '@shipshape/markdown';
import type { MrkdwnChunk } from './fence';
import { chunksToText, renderRoot, verbatim } from './mrkdwn';

/**
 * The renderer as it was before markdown-it: remark-parse + remark-gfm (micromark) build the tree, the same
 * renderRoot renders it. Kept as the reference the markdown-it front end is held to (the parity test over the
 * changelog corpus) and as a row of the benchmark; no action imports it, so remark stays out of their bundles.
 */
export const REMARK_PARSE_LIMITS: ParseLimits = { maxChars: 1024 * 1024, timeoutMs: 5_000 };

export function markdownToMrkdwnChunksByRemark(markdown: string): MrkdwnChunk[] {
  const normalized = normalizeMarkdown(markdown);
  try {
    return renderRoot(parseMarkdownWithin(normalized, REMARK_PARSE_LIMITS));
  } catch (error) {
    if (!(error instanceof MarkdownTooComplexError)) throw error;
    return verbatim(normalized);
  }
}

export function markdownToMrkdwnByRemark(markdown: string): string {
  return chunksToText(markdownToMrkdwnChunksByRemark(markdown));
}
