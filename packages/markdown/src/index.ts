// The public surface of @shipshape/markdown: reading untrusted Markdown within a budget, and what the actions
// derive from the tree (outlines, plain text, field labels, slugs). Everything else in src/ is internal.
export {
  DEFAULT_PARSE_LIMITS,
  MarkdownTooComplexError,
  ParseDeadline,
  UNWATCHED_PARSE_CHARS,
  parseMarkdownBlocksWithin,
  parseMarkdownWithin,
  withinParseBudget,
  type ParseLimits,
} from './bounded-parse';
export { measureMarkdown, type MarkdownWork } from './complexity';
export {
  DEFAULT_BLOCK_COMPLEXITY_LIMITS,
  DEFAULT_COMPLEXITY_LIMITS,
  judgeComplexity,
  type ComplexityLimits,
  type ComplexityVerdict,
} from './complexity-limits';
export { splitAcceptedFields, splitFields, type FieldLabel } from './fields';
export { matchKey } from './match-key';
export { normalizeMarkdown } from './normalize';
export { Outline, outlineOf, type OutlineEntry, type OutlineItem, type OutlineOptions } from './outline';
export { parseMarkdown, parseMarkdownBlocks } from './parse';
export { plainText, visibleHtmlText, type PlainText } from './plain-text';
export { sliceSource } from './slice';
export { Slugger, slugOnce } from './slug';
export { treeDepth } from './tree-depth';
export { wipReason } from './wip';
