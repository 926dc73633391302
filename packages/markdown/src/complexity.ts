/**
 * What a Markdown text will cost micromark, read in one pass over its characters before it is parsed. micromark
 * keeps every token of the document in memory until the tree is built, and some of its resolvers walk back over
 * those tokens once per closing delimiter, so neither the length of a text nor a wall-clock budget bounds what a
 * hostile text costs (issue 15; figures in packages/markdown/README.md). The figures here bound both:
 *
 * - `estimatedBytes`: an upper bound of the heap the parse needs, a weighted sum of what makes tokens (characters,
 *   punctuation, line endings, block starts, table pipes). The weights are measured (`MEMORY_WEIGHTS`).
 * - `deepestNesting`: the most containers (block quotes, list items, indents) a line can open. micromark and every
 *   recursive walk of its tree use stack per level.
 * - `inlineWork`: an upper bound of the steps of micromark's delimiter resolvers (emphasis, strikethrough, link
 *   ends), which walk back over all earlier tokens of a paragraph for each closer: closers × paragraph length.
 */

export interface MarkdownWork {
  chars: number;
  lines: number;
  /**
   * Characters that start an inline construct in micromark (`!`, `&`, `*`, `<`, `[`, `\`, `]`, `_`, `` ` ``, and GFM's
   * `~`): each may become tokens of its own. Other punctuation is read as text, like letters.
   */
  punctuation: number;
  /** `|`: each may end a table cell. */
  pipes: number;
  /** `](` (a link's or image's resource), `[^` (a footnote) and autolink literal starts (`www.`, `://`, `@`): each may become a node of its own. */
  links: number;
  /** Block quote markers (`>`) at the start of lines (not counted as punctuation). */
  quoteMarkers: number;
  /** List item markers and ATX headings at the start of lines (their punctuation not counted as such). */
  blockStarts: number;
  /** Σ over lines of the containers the line may open or continue (a lazy line: those of the line before it). */
  nestingTotal: number;
  /** The most containers a line may open or continue (see `lineNesting`), and the first line (1-based) with it. */
  deepestNesting: number;
  deepestLine: number;
  /** Σ over paragraphs (over-approximated: see `startsNewInline`) of closing delimiters × the paragraph's length. */
  inlineWork: number;
  /**
   * Σ over possible setext underlines (a line of only `=` or only `-` after a non-blank line) of their offset: turning
   * a paragraph into a setext heading costs micromark time in proportion to everything read before it (quadratic in
   * all; README), in block parses too.
   */
  setextWork: number;
  /** An upper bound of the parse's heap, in bytes (`MEMORY_WEIGHTS`). */
  estimatedBytes: number;
}

/**
 * Bytes of heap per feature, measured with `tests/bench/markdown-memory.bench.ts` (peak RSS of a parse by remark-parse
 * + remark-gfm, less the process's RSS before it, on the worst shapes found, 30,000–100,000 characters each) and
 * rounded up so that every shape measured stays under its estimate. See packages/markdown/README.md.
 */
export const MEMORY_WEIGHTS = {
  char: 450,
  punctuation: 6_000,
  pipe: 12_500,
  link: 10_000,
  line: 6_000,
  quoteMarker: 5_000,
  blockStart: 14_000,
  /** Per container a line continues: each open container adds tokens to every line inside it. */
  nesting: 1_500,
} as const;

const TAB = 9;
const LINE_FEED = 10;
const SPACE = 32;
const GREATER_THAN = 62;
const HASH = 35;
const ASTERISK = 42;
const PLUS = 43;
const DASH = 45;
const UNDERSCORE = 95;
const TILDE = 126;
const BACKTICK = 96;
const PIPE = 124;
const CLOSE_BRACKET = 93;
const DIGIT_ONE = 49;
const DOT = 46;
const CLOSE_PAREN = 41;
const SLASH = 47;

/** micromark's text constructs start at these codes (micromark/lib/constructs.js `text`, and GFM's strikethrough). */
const isConstructStart = (code: number): boolean =>
  code === 33 ||
  code === 38 ||
  code === ASTERISK ||
  code === 60 ||
  code === 91 ||
  code === 92 ||
  code === CLOSE_BRACKET ||
  code === UNDERSCORE ||
  code === BACKTICK ||
  code === TILDE;

/** Only what micromark certainly treats as whitespace before a delimiter: counting more closers is always safe. */
const isSpaceTabOrLineFeed = (code: number): boolean => code === SPACE || code === TAB || code === LINE_FEED;

interface LineStart {
  /** Containers the line's prefix may open or continue: each `>` and list marker, and one per two columns of indent. */
  nesting: number;
  /** `>` markers in the prefix. */
  quotes: number;
  /** List markers in the prefix, and 1 for an ATX heading. */
  markers: number;
  /** `*` bullets in the prefix (already counted as `markers`, not to be counted as `punctuation` too). */
  markerPunctuation: number;
  /** Whether the line certainly ends any paragraph before it (see `startsNewInline`). */
  newInline: boolean;
  /** Whether the line is an ATX heading (its own inline content: the next line starts another). */
  heading: boolean;
  /** Where the line's own block begins: after its `>` markers and indent. */
  blockAt: number;
}

/** Index of the first character at or after `at` that is not a space or a tab, and the columns skipped. */
function skipBlanks(text: string, at: number, end: number): { at: number; columns: number } {
  let columns = 0;
  let i = at;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE) columns += 1;
    else if (code === TAB) columns += 4 - (columns % 4);
    else break;
  }
  return { at: i, columns };
}

/**
 * Whether the rest of a line (after its `>` prefix and at most three spaces) ends any paragraph it follows, in
 * every container context: a blank line, an ATX heading, a bullet list item with content, an ordered item numbered
 * `1` with content, a fence, or a GFM footnote definition. Each of these can interrupt a paragraph (CommonMark
 * 0.31, §4.2, §4.5, §5.2, §5.3; micromark-extension-gfm-footnote starts a definition as a container, which checks no
 * `interrupt` flag),
 * and one indented by at most three spaces is never a paragraph's continuation, whatever list item it sits in:
 * too little indent for the item makes it a block of an outer container, which closes the item. Lines that are not
 * recognised here merely join the paragraph before them, which over-counts its work and never under-counts it.
 */
function startsNewInline(
  text: string,
  at: number,
  end: number,
): { newInline: boolean; heading: boolean; container?: boolean } {
  if (at >= end) return { newInline: true, heading: false };
  const code = text.charCodeAt(at);
  const next = at + 1 < end ? text.charCodeAt(at + 1) : LINE_FEED;
  const hasContentAfter = (from: number): boolean => {
    const rest = skipBlanks(text, from, end);
    return rest.at > from && rest.at < end;
  };
  if (code === HASH) {
    let hashes = at;
    while (hashes < end && text.charCodeAt(hashes) === HASH) hashes++;
    const heading =
      hashes - at <= 6 && (hashes === end || text.charCodeAt(hashes) === SPACE || text.charCodeAt(hashes) === TAB);
    return { newInline: heading, heading };
  }
  if ((code === DASH || code === PLUS || code === ASTERISK) && (next === SPACE || next === TAB))
    return { newInline: hasContentAfter(at + 1), heading: false };
  if (code === DIGIT_ONE && (next === DOT || next === CLOSE_PAREN))
    return { newInline: hasContentAfter(at + 2), heading: false };
  // A footnote definition is a container like a list item (counted with the block starts, as headings are).
  if (code === 91 /* [ */ && next === 94 /* ^ */) {
    const footnote = isFootnoteDefinitionStart(text, at + 2, end);
    return { newInline: footnote, heading: false, container: footnote };
  }
  if (code === BACKTICK || code === TILDE) {
    let run = at;
    while (run < end && text.charCodeAt(run) === code) run++;
    let backtickAfter = false;
    for (let i = run; i < end && code === BACKTICK && !backtickAfter; i++)
      backtickAfter = text.charCodeAt(i) === BACKTICK;
    // A backtick fence's info string holds no backtick (§4.5).
    const fence = run - at >= 3 && !backtickAfter;
    return { newInline: fence, heading: false };
  }
  return { newInline: false, heading: false };
}

/**
 * `label]:` after `[^`: a label of up to 999 characters without whitespace or brackets
 * (micromark-extension-gfm-footnote).
 */
function isFootnoteDefinitionStart(text: string, at: number, end: number): boolean {
  let i = at;
  for (; i < end && i - at <= 999; i++) {
    const code = text.charCodeAt(i);
    if (code === CLOSE_BRACKET) break;
    if (code <= SPACE || code === 91 || code === 92) return false;
  }
  return i > at && i < end && text.charCodeAt(i) === CLOSE_BRACKET && text.charCodeAt(i + 1) === 58; /* : */
}

function readLineStart(text: string, start: number, end: number): LineStart {
  let nesting = 0;
  let markers = 0;
  let quotes = 0;
  let markerPunctuation = 0;
  let at = start;
  for (;;) {
    const blanks = skipBlanks(text, at, end);
    nesting += Math.floor(blanks.columns / 2);
    at = blanks.at;
    if (at >= end) break;
    const code = text.charCodeAt(at);
    const next = at + 1 < end ? text.charCodeAt(at + 1) : LINE_FEED;
    if (code === GREATER_THAN) {
      nesting += 1;
      quotes += 1;
      at += 1;
    } else if ((code === DASH || code === PLUS || code === ASTERISK) && (next === SPACE || next === TAB)) {
      nesting += 1;
      markers += 1;
      if (code === ASTERISK) markerPunctuation += 1;
      at += 1;
    } else if (code >= 48 && code <= 57) {
      let digits = at;
      while (digits < end && digits - at < 10 && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57)
        digits++;
      const delimiter = digits < end ? text.charCodeAt(digits) : LINE_FEED;
      const after = digits + 1 < end ? text.charCodeAt(digits + 1) : LINE_FEED;
      if ((delimiter !== DOT && delimiter !== CLOSE_PAREN) || (after !== SPACE && after !== TAB && after !== LINE_FEED))
        break;
      nesting += 1;
      markers += 1;
      at = digits + 1;
    } else {
      break;
    }
  }
  // Where the `>` prefix ends, the line's own block begins: only its first three columns of indent are skipped.
  let blockAt = start;
  for (;;) {
    const blanks = skipBlanks(text, blockAt, end);
    if (blanks.at < end && text.charCodeAt(blanks.at) === GREATER_THAN) blockAt = blanks.at + 1;
    else break;
  }
  const indent = skipBlanks(text, blockAt, end);
  const kind =
    indent.columns <= 3 ? startsNewInline(text, indent.at, end) : { newInline: indent.at >= end, heading: false };
  if (kind.heading || kind.container) markers += 1;
  return {
    nesting,
    quotes,
    markers,
    markerPunctuation,
    newInline: kind.newInline,
    heading: kind.heading,
    blockAt: indent.at,
  };
}

/**
 * A line of only `=` or only `-` (spaces allowed between and after): a setext underline when it follows paragraph text.
 */
function isSetextUnderline(text: string, at: number, end: number): boolean {
  const marker = text.charCodeAt(at);
  if (at >= end || (marker !== 61 /* = */ && marker !== DASH)) return false;
  for (let i = at; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== marker && code !== SPACE && code !== TAB) return false;
  }
  return true;
}

const isBlank = (text: string, start: number, end: number): boolean => skipBlanks(text, start, end).at >= end;

/**
 * A line that micromark certainly reads as a whole link reference definition when one may start: `[label]: dest`,
 * at most three spaces in, a label of printable ASCII without brackets, backslashes or a leading `^` (a footnote),
 * a destination without spaces, angle brackets or parentheses (which could leave it unbalanced), and nothing after
 * it. Anything else is treated as paragraph text, which can only over-count.
 */
function isPlainDefinition(text: string, start: number, end: number): boolean {
  const indent = skipBlanks(text, start, end);
  if (indent.columns > 3 || text.charCodeAt(indent.at) !== 91 /* [ */) return false;
  let at = indent.at + 1;
  if (text.charCodeAt(at) === 94 /* ^ */) return false;
  let labelChars = 0;
  let labelHasText = false;
  for (; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === CLOSE_BRACKET) break;
    if (code < 32 || code > 126 || code === 91 || code === 92) return false;
    if (code !== SPACE) labelHasText = true;
    labelChars += 1;
  }
  if (at >= end || !labelHasText || labelChars > 999 || text.charCodeAt(at + 1) !== 58 /* : */) return false;
  const destination = skipBlanks(text, at + 2, end);
  let destinationEnd = destination.at;
  while (destinationEnd < end) {
    const code = text.charCodeAt(destinationEnd);
    if (code <= 32 || code === 127 || code === 60 || code === 62 || code === 40 || code === CLOSE_PAREN || code === 92)
      break;
    destinationEnd += 1;
  }
  return destinationEnd > destination.at && isBlank(text, destinationEnd, end);
}

/** Reads `text` once; memory used is constant whatever its length. */
export function measureMarkdown(text: string): MarkdownWork {
  const work: MarkdownWork = {
    chars: text.length,
    lines: 0,
    punctuation: 0,
    pipes: 0,
    links: 0,
    quoteMarkers: 0,
    blockStarts: 0,
    nestingTotal: 0,
    deepestNesting: 0,
    deepestLine: 0,
    inlineWork: 0,
    setextWork: 0,
    estimatedBytes: 0,
  };
  let chunkStart = 0;
  let chunkClosers = 0;
  let previousWasHeading = false;
  let previousWasBlank = true;
  let openNesting = 0;
  // Whether a link reference definition may start here: at the start of a block, or after one (§4.7: a definition
  // cannot interrupt a paragraph).
  let definitionsMayStart = true;
  const closeChunk = (at: number): void => {
    work.inlineWork += chunkClosers * (at - chunkStart);
    chunkStart = at;
    chunkClosers = 0;
  };
  for (let lineStart = 0; lineStart <= text.length;) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    work.lines += 1;
    const line = readLineStart(text, lineStart, lineEnd);
    work.quoteMarkers += line.quotes;
    work.blockStarts += line.markers;
    work.punctuation -= line.markerPunctuation;
    // A lazy continuation line (paragraph text without its containers' markers) still makes micromark try every open
    // container: it costs the depth of the line before it. Blank lines end paragraphs, and with them laziness.
    const lineIsBlank = line.blockAt >= lineEnd;
    openNesting = lineIsBlank ? 0 : Math.max(line.nesting, openNesting);
    work.nestingTotal += openNesting;
    if (line.nesting > work.deepestNesting) {
      work.deepestNesting = line.nesting;
      work.deepestLine = work.lines;
    }
    if (line.newInline || previousWasHeading) {
      closeChunk(lineStart);
      definitionsMayStart =
        !line.newInline || line.heading || lineStart === lineEnd || isBlank(text, lineStart, lineEnd);
    }
    previousWasHeading = line.heading;
    if (!previousWasBlank && isSetextUnderline(text, line.blockAt, lineEnd)) work.setextWork += lineStart;
    previousWasBlank = lineIsBlank;
    // A definition holds no inline content: its brackets are not closers, and it ends no paragraph.
    const definition = definitionsMayStart && isPlainDefinition(text, lineStart, lineEnd);
    if (definition) closeChunk(lineStart);
    else if (!line.newInline) definitionsMayStart = false;
    let previous = LINE_FEED;
    for (let i = lineStart; i < lineEnd; i++) {
      const code = text.charCodeAt(i);
      if (code === PIPE) work.pipes += 1;
      else if (isConstructStart(code)) work.punctuation += 1;
      if (
        (code === 40 /* ( */ && previous === CLOSE_BRACKET) ||
        (code === 94 /* ^ */ && previous === 91) ||
        code === 64 /* @ */ ||
        (code === SLASH && previous === SLASH && i >= 2 && text.charCodeAt(i - 2) === 58) /* : */
      )
        work.links += 1;
      else if (
        code === DOT &&
        (previous === 119 || previous === 87) &&
        i >= 3 &&
        (text.charCodeAt(i - 2) | 32) === 119 &&
        (text.charCodeAt(i - 3) | 32) === 119
      )
        work.links += 1;
      // A run of `*`, `_` or `~` that follows no whitespace may close (micromark's attention and strikethrough
      // tokenizers: a closer needs a non-whitespace character before it); each `]` may end a label.
      const delimiter = code === ASTERISK || code === UNDERSCORE || code === TILDE;
      if ((delimiter && previous !== code && !isSpaceTabOrLineFeed(previous)) || code === CLOSE_BRACKET)
        chunkClosers += 1;
      previous = code;
    }
    if (definition) {
      chunkClosers = 0;
      chunkStart = lineEnd;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  closeChunk(text.length);
  work.estimatedBytes =
    work.chars * MEMORY_WEIGHTS.char +
    work.punctuation * MEMORY_WEIGHTS.punctuation +
    work.pipes * MEMORY_WEIGHTS.pipe +
    work.links * MEMORY_WEIGHTS.link +
    work.lines * MEMORY_WEIGHTS.line +
    work.quoteMarkers * MEMORY_WEIGHTS.quoteMarker +
    work.blockStarts * MEMORY_WEIGHTS.blockStart +
    work.nestingTotal * MEMORY_WEIGHTS.nesting;
  return work;
}
