import type { MarkdownWork } from './complexity';

/**
 * What one parse may cost, checked on `measureMarkdown`'s figures before micromark runs (and, for the depth, on the
 * tree after it). The defaults and the measurements behind them: packages/markdown/README.md, "Complexity
 * limits".
 */
export interface ComplexityLimits {
  /** Most heap a parse may need by `MEMORY_WEIGHTS`, in bytes. */
  maxEstimatedBytes: number;
  /** Most containers (block quotes, list items, indents) one line may open or continue. */
  maxNesting: number;
  /** Most delimiter-resolver steps (`MarkdownWork.inlineWork`); not checked when inline constructs are off. */
  maxInlineWork: number;
  /** Most setext-heading work (`MarkdownWork.setextWork`). */
  maxSetextWork: number;
  /**
   * Most block starts (list items, headings, footnote definitions, `>` markers): each costs micromark time of its own.
   */
  maxBlocks: number;
  /** Most `|` (table cells). */
  maxPipes: number;
  /**
   * Deepest tree accepted: every recursive walk of the tree (mdast-util-to-string, the callers' own) uses stack per
   * level.
   */
  maxTreeDepth: number;
}

/**
 * Why each default (the measurements behind them: packages/markdown/README.md, "Complexity limits"):
 * - memory: an action's process already holds some heap before it parses, and the estimate is at least the measured
 *   peak on every hostile shape, so the process stays under issue 15's goal while a GitHub-sized description is read;
 * - nesting: GitHub's own parser (cmark-gfm) limits list nesting since https://github.com/github/cmark-gfm/pull/324;
 * - resolver steps, setext work, block starts and pipes: each bounds a shape whose parse time the memory limit alone
 *   let through, with room for every real description in the corpus;
 * - tree depth: a hundred nested lists plus inline nesting, far below what Node's stack holds in a recursive walk.
 */
export const DEFAULT_COMPLEXITY_LIMITS: ComplexityLimits = {
  maxEstimatedBytes: 128 * 1024 * 1024,
  maxNesting: 100,
  maxInlineWork: 50_000_000,
  maxSetextWork: 4_000_000,
  maxBlocks: 3_000,
  maxPipes: 8_000,
  maxTreeDepth: 400,
};

/**
 * The limits of block-only parses (`parseMarkdownBlocks`: the changelog finder reads a section's blocks). They read
 * no inline constructs, so they cost a fraction of the estimate and less time per block; the README gives the figures.
 */
export const DEFAULT_BLOCK_COMPLEXITY_LIMITS: ComplexityLimits = {
  ...DEFAULT_COMPLEXITY_LIMITS,
  maxEstimatedBytes: 192 * 1024 * 1024,
  maxBlocks: 6_000,
  maxPipes: 12_000,
};

export type ComplexityVerdict =
  { ok: true } | { ok: false; reason: 'size' | 'memory' | 'depth' | 'delimiters'; message: string };

const megabytes = (bytes: number): string => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

/** Whether `work` fits `limits`; when it does not, which limit it passes, in a sentence naming the limit. */
export function judgeComplexity(work: MarkdownWork, limits: ComplexityLimits, inline: boolean): ComplexityVerdict {
  if (work.deepestNesting > limits.maxNesting) {
    return {
      ok: false,
      reason: 'depth',
      message: `the text is nested too deeply: a line nests up to ${work.deepestNesting} block quotes, list items or indents; at most ${limits.maxNesting} are read`,
    };
  }
  if (work.estimatedBytes > limits.maxEstimatedBytes) {
    return {
      ok: false,
      reason: 'memory',
      message: `the text is too large to parse safely: its ${work.chars.toLocaleString('en-US')} characters (${work.lines.toLocaleString('en-US')} lines) would need about ${megabytes(work.estimatedBytes)} of memory; at most ${megabytes(limits.maxEstimatedBytes)} are used`,
    };
  }
  const blocks = work.blockStarts + work.quoteMarkers;
  if (blocks > limits.maxBlocks) {
    return {
      ok: false,
      reason: 'size',
      message: `the text has too many blocks to parse safely: ${blocks.toLocaleString('en-US')} list items, headings and block quote markers; at most ${limits.maxBlocks.toLocaleString('en-US')} are read`,
    };
  }
  if (work.pipes > limits.maxPipes) {
    return {
      ok: false,
      reason: 'size',
      message: `the text has too many table cells to parse safely: ${work.pipes.toLocaleString('en-US')} \`|\`; at most ${limits.maxPipes.toLocaleString('en-US')} are read`,
    };
  }
  if (work.setextWork > limits.maxSetextWork) {
    return {
      ok: false,
      reason: 'delimiters',
      message: `the text has too many setext heading underlines (lines of \`=\` or \`-\` under text): reading them would take about ${work.setextWork.toExponential(1)} parser steps; at most ${limits.maxSetextWork.toExponential(1)} are taken`,
    };
  }
  if (inline && work.inlineWork > limits.maxInlineWork) {
    return {
      ok: false,
      reason: 'delimiters',
      message: `the text has too many emphasis, strikethrough or link delimiters in one paragraph: matching them would take about ${work.inlineWork.toExponential(1)} parser steps; at most ${limits.maxInlineWork.toExponential(1)} are taken`,
    };
  }
  return { ok: true };
}
