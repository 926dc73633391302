import type { MarkdownWork } from './complexity';

/**
 * What one parse may cost, checked on `measureMarkdown`'s figures before micromark runs (and, for the depth, on the
 * tree after it). The defaults keep a parse under about 200 MB of heap and a second or two of CPU on the worst
 * shapes measured (packages/markdown/README.md, "Complexity limits").
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
 * - 128 MiB: an action's process holds 50–80 MB before it parses, and the estimate is at least the measured peak
 *   on every hostile shape in the README's table (real documents: within 15 % of it), so the process stays under the
 *   300 MB goal of issue 15; the parse time follows the token count, and the worst shapes just under this limit
 *   take about 2 s of CPU on the bench machine. A realistic 65,536-character description (GitHub's largest) is
 *   estimated at 101 MB: it is read.
 * - 100 containers: GitHub's own parser (cmark-gfm) limits list nesting since its fix for deep nesting
 *   (https://github.com/github/cmark-gfm/pull/324); no real document comes near.
 * - 50 million resolver steps: about a second of CPU on the bench machine (measured: `*_a` repeated 8,000 times
 *   makes 3.8 × 10⁸ steps and took 7.3 s under load); a paragraph of 8,000 characters needs hundreds of closing
 *   delimiters to reach it.
 * - 4 million characters read before setext underlines: 4,000 `a`/`=` pairs (3.2 × 10⁷) took 15.6 s of CPU, so
 *   about 2 s; twenty `---` underlines under paragraphs spread over a 65,536-character description make 1.3 × 10⁶.
 * - 3,000 block starts and 8,000 pipes: the memory limit alone let through a tight list of 6,000 `- a` items and a
 *   table of 10,000 1-character cells, which took 2.3 s and 1.7 s of CPU in plan-lint (bench, hostile-markdown);
 *   a realistic 65,536-character description has about 700 block starts and 1,300 pipes.
 * - Tree depth 400: a hundred nested lists make 200 levels (list and item), plus inline nesting; Node's default stack
 *   holds thousands of frames of a simple recursive walk.
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
 * no inline constructs, so they cost at most 0.82 of the estimate on every shape measured (inline-heavy ones:
 * 0.09–0.15;
 * a tight list 0.80, a wide table 0.82): 192 MiB of estimate stays under 160 MB. Blocks cost less time too (8,000 list
 * items: 2.1 s of CPU; 15,000 1-character cells: 1.7 s). A release of 3,000 changes (200 KB) is read.
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
