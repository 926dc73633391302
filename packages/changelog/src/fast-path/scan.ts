/**
 * A line scanner that finds the top-level heading lines and link-reference definition lines of a Markdown
 * document without building its syntax tree. It exists for speed only: remark parses a 5 MB changelog in tens of
 * seconds, while the scanner reads it in milliseconds and lets remark parse just the few kilobytes that hold one
 * version's section. It never decides what a heading *means* (remark does, on the slice); it only has to know
 * where the block structure restarts at the top level. Whenever it cannot be sure (an unclosed fence, a heading
 * that may sit inside a list, a multi-line setext heading with digits) it answers `undefined`, and the caller
 * parses the whole document instead.
 */

import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { codes, constants } from 'micromark-util-symbol';

export interface ScannedHeading {
  /** Offset of the heading's first line (the text line of a setext heading). */
  start: number;
  /** 1-based line number of `start`. */
  line: number;
  /** Offset just past the heading's last line (without its newline). */
  end: number;
  depth: number;
  /** The heading's inline source (ATX: without the `#` markers). */
  raw: string;
  /** Indented by 1–3 spaces: it may belong to a list item, so it is only a hint. */
  indented: boolean;
}

export interface ScannedDefinition {
  start: number;
  end: number;
  /**
   * Offsets of the label as written (between the brackets; a footnote's with its `^`): offsets, not a string, so a
   * file with thousands of definitions costs no allocation per definition. Compare with `labelMatches`.
   */
  labelStart: number;
  labelEnd: number;
}

export interface ScannedDocument {
  headings: ScannedHeading[];
  /** In document order. */
  definitions: ScannedDefinition[];
}

type HtmlEnd = RegExp | 'blank';

const HTML_STARTS: [RegExp, HtmlEnd][] = [
  [/^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
  [
    /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i,
    'blank',
  ],
];
/**
 * HTML block type 7: a whole open or closing tag alone on its line (cannot interrupt a paragraph). Whitespace here
 * is what micromark counts as whitespace: spaces and tabs (JavaScript's `\s` would also take a no-break space).
 */
const HTML_TAG_LINE =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][\w.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;
/**
 * A link reference definition whose destination and optional title are plainly valid and end on its line (what
 * changelogs write: `[1.2.3]: https://…/compare/v1.2.2...v1.2.3`). Sticky: tested in place at a line's `[`.
 * Destinations with parentheses, escapes, control characters or Unicode whitespace, and anything else that starts
 * like a definition (`DEFINITION_LIKE`), make the scanner unsure: a definition that is not valid is paragraph text,
 * and one that continues on the next line changes how that line reads.
 */
const DEFINITION =
  /\[(?:[^\\[\]\n]|\\[^\n])+\]:[ \t]*(?:<[^<>\n\\]*>|[^\s\p{Cc}<()\\][^\s\p{Cc}()\\]*)(?:[ \t]+(?:"[^"\\\n]*"|'[^'\\\n]*'|\([^()\\\n]*\)))?[ \t]*(?=\n|$)/uy;
/**
 * A GFM footnote definition (`[^1]: text`): a container whose first line defines its label. Its label has no
 * whitespace (GFM's rule); escapes are left to the unsure path.
 */
const FOOTNOTE_DEFINITION = /\[\^[^\s\\[\]]+\]:/y;
/** A label that is closed by `]:`, or still open at the end of the line (a label may span lines). */
const DEFINITION_LIKE = /\[(?:[^\\[\]\n]|\\[^\n])*(?:\]:|\\?(?=\n|$))/y;
/** After block quote and list markers, a definition, or a label still open at the end of the line (it may go on). */
const CONTAINED_DEFINITION = /^(?:[>\s]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[(?:(?:[^\]\\[]|\\.)+\]:|(?:[^\]\\[]|\\.)*\\?$)/;
/** A GFM table delimiter row (`| --- | :-: |`, `-:`): a paragraph line above it may be a table's header. */
const TABLE_DELIMITER = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const DIGIT_OR_UNRELEASED = /\d|unreleased/i;

/**
 * Whether a block quote or list item line (from `i`) may hold a link reference definition after its markers: the
 * first character that no marker sequence can consume (`>`, whitespace, `-*+`, digits, `.`, `)`) must be `[`.
 * Non-ASCII characters may be Unicode whitespace, which `CONTAINED_DEFINITION` does consume: the regex decides.
 */
function mayHoldContainedDefinition(source: string, i: number, eol: number): boolean {
  for (let k = i; k < eol; k++) {
    const code = source.charCodeAt(k);
    if (code === codes.leftSquareBracket || code > codes.del) return CONTAINED_DEFINITION.test(source.slice(i, eol));
    // > space tab - * + . ) and digits; other ASCII whitespace goes to the regex.
    if (
      code === codes.greaterThan ||
      code === codes.space ||
      code === codes.ht ||
      code === codes.dash ||
      code === codes.asterisk ||
      code === codes.plusSign ||
      code === codes.dot ||
      code === codes.rightParenthesis
    )
      continue;
    if (code >= codes.digit0 && code <= codes.digit9) continue;
    if (code < codes.space) return CONTAINED_DEFINITION.test(source.slice(i, eol));
    return false;
  }
  return false;
}

/** A GFM table delimiter row: cells of dashes with a pipe or an alignment colon (`---` alone is a setext underline). */
function isTableDelimiter(line: string): boolean {
  return (line.includes('|') || line.includes(':')) && TABLE_DELIMITER.test(line);
}

/**
 * Whether the line before the one at `lineStart` reads as text when it heads a table: a table interrupts the
 * paragraph above its header, and its header line is then read afresh, where a lone tag starts an HTML block,
 * `2.` a list, and `[x]:` a definition.
 */
function isPlainTableHeader(source: string, lineStart: number): boolean {
  const start = source.lastIndexOf('\n', lineStart - 2) + 1;
  const eol = lineStart - 1;
  let i = start;
  while (i < eol && source.charCodeAt(i) === codes.space) i++;
  const first = source.charCodeAt(i);
  return (
    i - start < 4 &&
    first !== codes.ht &&
    first !== codes.lessThan &&
    first !== codes.leftSquareBracket &&
    !isListMarker(source, i, eol)
  );
}

/**
 * Whether the list item marker at `i` (`isListMarker`) may interrupt a paragraph: a bullet or `1.` / `1)`, with
 * content after it (micromark's rule).
 */
function listItemInterrupts(source: string, i: number, eol: number): boolean {
  const code = source.charCodeAt(i);
  let k = i + 1;
  if (code === codes.digit1) {
    // Only a one-digit `1` (micromark's rule): `10.` cannot interrupt.
    const mark = source.charCodeAt(k);
    if (mark !== codes.dot && mark !== codes.rightParenthesis) return false;
    k++;
  } else if (code !== codes.dash && code !== codes.asterisk && code !== codes.plusSign) return false;
  while (k < eol && (source.charCodeAt(k) === codes.space || source.charCodeAt(k) === codes.ht)) k++;
  return k < eol;
}

/**
 * A list item marker at `i`: `-`, `*`, `+`, or up to nine digits and `.` / `)`, then a space, a tab or the line end.
 */
function isListMarker(source: string, i: number, eol: number): boolean {
  const code = source.charCodeAt(i);
  let k = i + 1;
  if (code === codes.dash || code === codes.asterisk || code === codes.plusSign) {
    // - * +
  } else if (code >= codes.digit0 && code <= codes.digit9) {
    while (k < eol && k - i < 9 && source.charCodeAt(k) >= codes.digit0 && source.charCodeAt(k) <= codes.digit9) k++;
    const mark = source.charCodeAt(k);
    if (mark !== codes.dot && mark !== codes.rightParenthesis) return false;
    k++;
  } else {
    return false;
  }
  return k === eol || source.charCodeAt(k) === codes.space || source.charCodeAt(k) === codes.ht;
}

/** A sticky regex's match at `at` in `source`: the scanner tests lines in place instead of slicing them out. */
function matchesAt(regex: RegExp, source: string, at: number): boolean {
  regex.lastIndex = at;
  return regex.test(source);
}

/** JavaScript's `trim` on ASCII: tab, line feed, vertical tab, form feed, carriage return, space. */
const isAsciiWhitespace = (code: number): boolean => code === codes.space || (code >= codes.ht && code <= codes.cr);

/**
 * An ATX heading's text from `from` to `to` (after its `#` markers), as `stripClosingHashes(text.trim())` gives it,
 * computed on offsets so that only the result is allocated. Non-ASCII characters at the edges (Unicode whitespace,
 * which `trim` also strips) take the string path.
 */
function atxHeadingText(source: string, from: number, to: number): string {
  let a = from;
  let b = to;
  while (a < b && isAsciiWhitespace(source.charCodeAt(a))) a++;
  while (b > a && isAsciiWhitespace(source.charCodeAt(b - 1))) b--;
  let k = b;
  while (k > a && source.charCodeAt(k - 1) === codes.numberSign) k--;
  if (k === a) {
    if (k < b) b = a;
  } else if (k < b && (source.charCodeAt(k - 1) === codes.space || source.charCodeAt(k - 1) === codes.ht)) {
    b = k;
    while (b > a && isAsciiWhitespace(source.charCodeAt(b - 1))) b--;
  }
  if (
    a < b &&
    (source.charCodeAt(a) > codes.del || source.charCodeAt(b - 1) > codes.del || source.charCodeAt(k - 1) > codes.del)
  ) {
    return stripClosingHashes(source.slice(from, to).trim());
  }
  return source.slice(a, b);
}

/** `## 1.2.3 ##` → `1.2.3`: an ATX heading's optional closing sequence (after a space) is not its text. */
function stripClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length) return text;
  if (end === 0) return '';
  return text[end - 1] === ' ' || text[end - 1] === '\t' ? text.slice(0, end).trimEnd() : text;
}

/**
 * What the previous line was, for setext underlines and definitions (which cannot interrupt a paragraph). After a
 * definition, a line that would start a paragraph may be the definition's title or a lazy continuation of a
 * footnote, so the scanner is unsure. Plain numbers: the scanner's loop compares them on every line.
 */
const BLANK_LINE = 0;
const PARAGRAPH_LINE = 1;
const DEFINITION_LINE = 2;
const OTHER_LINE = 3;
/**
 * An indented line (4 spaces or a tab) that continues no paragraph: indented code at the top level, but paragraph
 * text in a list item or footnote that a blank line left open, and then the next unmarked line is a lazy
 * continuation. The scanner does not track which: what reads differently after it makes the scanner unsure.
 */
const INDENTED_LINE = 4;

const isAsciiLetter = (code: number): boolean =>
  (code >= codes.lowercaseA && code <= codes.lowercaseZ) || (code >= codes.uppercaseA && code <= codes.uppercaseZ);

/** From an ASCII lower-case letter's code to its upper case's. */
export const TO_UPPER_CASE = codes.lowercaseA - codes.uppercaseA;

/**
 * How many times a scanner has started reading lines (`scanUntil` calls), in this process: the work counter that lets
 * a test prove the fast path did not run (`findVersionSection(text, version, { fastPath: false })` leaves it as it
 * was). Counted once per call, not per line, so it costs the scan nothing.
 */
export const scannerWork = { reads: 0 };

/** Where a scan stands: reading, read to the end, or given up because a line could read two ways. */
export type ScanState = 'reading' | 'done' | 'unsure';

/**
 * Scans normalized Markdown (LF line endings, no BOM), as far as asked: `scanUntil(n)` reads lines until `n`
 * headings are known, so a caller looking for one section stops reading at its end. The scan resumes where it
 * stopped, so reading on costs nothing twice. `unsure`: parse the whole document instead.
 * Written for speed (it reads every line of a 5 MB file): character codes, the state in locals while the loop
 * runs, no closures over it, and the commonest lines (text, `- item`) decided first.
 */
export class DocumentScanner {
  readonly headings: ScannedHeading[] = [];
  /** In document order. */
  readonly definitions: ScannedDefinition[] = [];
  state: ScanState = 'reading';
  /** Offset of the first line not read yet. */
  position = 0;
  private line = 0;
  private fence: { char: number; length: number; indent: number } | undefined;
  private html: { end: HtmlEnd; indent: number } | undefined;
  private previous: number = BLANK_LINE;
  private paragraphLines = 0;
  private paragraphStart = 0;
  private paragraphStartLine = 0;
  private paragraphIndent = 0;
  /** Inside a block quote or list item until the next blank line: unmarked lines are lazy continuations. */
  private inContainer = false;
  /**
   * The open paragraph has had a table delimiter row under one of its lines: its lines from there may be a GFM
   * table's rows or the paragraph's text (see the delimiter check in `scanUntil`).
   */
  private rows = false;

  constructor(readonly source: string) {}

  /**
   * Whether a block can start at `position` as at the top of a document: no fence, HTML block, paragraph, block
   * quote or list item is open there (true after a heading in column 0, which is where `scanUntil` stops).
   */
  get atTopLevel(): boolean {
    return (
      this.state === 'reading' &&
      this.fence === undefined &&
      this.html === undefined &&
      !this.inContainer &&
      this.previous !== PARAGRAPH_LINE
    );
  }

  /** Reads to the end. False when unsure. */
  scanToEnd(): boolean {
    return this.scanUntil(Number.POSITIVE_INFINITY);
  }

  /**
   * Reads lines until `headingCount` headings are known or the document ends; stops right after the heading line
   * that completes the count. False when unsure.
   */
  scanUntil(headingCount: number): boolean {
    if (this.state !== 'reading') return this.state === 'done';
    scannerWork.reads += 1;
    const { source, headings, definitions } = this;
    let {
      fence,
      html,
      previous,
      paragraphLines,
      paragraphStart,
      paragraphStartLine,
      paragraphIndent,
      inContainer,
      rows,
      line,
    } = this;
    const length = source.length;
    let pos = this.position;
    let stopped = false;
    while (pos <= length) {
      let eol = source.indexOf('\n', pos);
      if (eol === -1) eol = length;
      const lineStart = pos;
      pos = eol + 1;
      line += 1;
      let i = lineStart;
      // charCodeAt past the end is NaN and the line feed is no space: the loop stops at `eol`.
      let first = source.charCodeAt(i);
      while (first === codes.space) first = source.charCodeAt(++i);
      const indent = i - lineStart;

      lineKind: {
        if (fence === undefined && html === undefined && indent < 4) {
          // Paragraph text: a letter starts no other block, so the line goes straight to the paragraph steps below
          // (a labelled break, not a shared closure: closures would move the scanner's state out of registers on its
          // hottest path, most changelog lines).
          if (isAsciiLetter(first)) break lineKind;
          // `- item`: a list item whose text starts with a letter is no thematic break, setext underline or
          // contained definition.
          if (
            (first === codes.dash || first === codes.asterisk || first === codes.plusSign) &&
            source.charCodeAt(i + 1) === codes.space &&
            isAsciiLetter(source.charCodeAt(i + 2))
          ) {
            previous = OTHER_LINE;
            paragraphLines = 0;
            inContainer = true;
            continue;
          }
        }

        let j = i;
        while (j < eol && (source.charCodeAt(j) === codes.space || source.charCodeAt(j) === codes.ht)) j++;
        const blank = j === eol;

        if (fence) {
          if (!blank && fence.indent > 0 && indent < fence.indent) return this.giveUp();
          if (!blank && indent <= 3 && first === fence.char) {
            let run = 1;
            while (source.charCodeAt(i + run) === first) run++;
            let k = i + run;
            while (k < eol && (source.charCodeAt(k) === codes.space || source.charCodeAt(k) === codes.ht)) k++;
            if (run >= fence.length && k === eol) fence = undefined;
          }
          continue;
        }
        if (html) {
          // An HTML block indented into a list item ends at a line indented less (a lazy line cannot continue it).
          if (!blank && html.indent > 0 && indent < html.indent) return this.giveUp();
          if (html.end === 'blank') {
            if (blank) {
              html = undefined;
              previous = BLANK_LINE;
              inContainer = false;
            }
            continue;
          }
          if (html.end.test(source.slice(lineStart, eol))) html = undefined;
          continue;
        }
        if (blank) {
          previous = BLANK_LINE;
          paragraphLines = 0;
          inContainer = false;
          continue;
        }
        if (indent >= 4 || first === codes.ht) {
          // Indented code, or the continuation of a paragraph or list item: never a top-level block start. But a
          // definition in a list item or footnote (after a blank line) defines its label for the whole document.
          if (source.charCodeAt(j) === codes.leftSquareBracket && matchesAt(DEFINITION_LIKE, source, j))
            return this.giveUp();
          // Under a table delimiter row: a paragraph's text, or indented code after the table's rows.
          if (previous === PARAGRAPH_LINE && rows) return this.giveUp();
          // After a definition, an indented line is text of the paragraph the definition was read from.
          if (previous === DEFINITION_LINE) return this.giveUp();
          if (previous === PARAGRAPH_LINE) paragraphLines += 1;
          else previous = INDENTED_LINE;
          continue;
        }
        // Every branch below that starts a block other than a paragraph ends the paragraph; one that starts in
        // column 0 also closes any open block quote or list item.
        let endsParagraph = false;
        let isDefinition = false;
        if (
          (first === codes.graveAccent || first === codes.tilde) &&
          source.charCodeAt(i + 1) === first &&
          source.charCodeAt(i + 2) === first
        ) {
          // ``` or ~~~
          let run = 3;
          while (source.charCodeAt(i + run) === first) run++;
          if (!(first === codes.graveAccent && source.slice(i + run, eol).includes('`'))) {
            fence = { char: first, length: run, indent };
            endsParagraph = true;
          }
        }
        if (!endsParagraph && first === codes.lessThan) {
          // <
          const text = source.slice(i, eol);
          const start = HTML_STARTS.find(([open]) => open.test(text));
          // Under a table delimiter row, a lone tag is a paragraph's text or an HTML block after the table's rows.
          if (!start && previous === PARAGRAPH_LINE && rows) return this.giveUp();
          const loneTag = !start && HTML_TAG_LINE.test(text);
          // A lone tag cannot interrupt a paragraph: after a list item or block quote line (or an indented line) it may
          // be a lazy continuation, after a definition it may continue the paragraph the definition was read from. In
          // a list item or block quote (an indented paragraph may be in one), micromark may also start an HTML block
          // with it after a lazy line (measured).
          if (
            loneTag &&
            (inContainer ||
              previous === DEFINITION_LINE ||
              previous === INDENTED_LINE ||
              (previous === PARAGRAPH_LINE && paragraphIndent > 0))
          ) {
            return this.giveUp();
          }
          const typeSeven = loneTag && previous !== PARAGRAPH_LINE;
          if (start || typeSeven) {
            const end = start ? start[1] : 'blank';
            // After the `<`: `<?>` and `<!-->` open and close on their line.
            const closedOnSameLine = end !== 'blank' && end.test(text.slice(1));
            if (!closedOnSameLine) html = { end, indent };
            endsParagraph = true;
          }
        }
        if (!endsParagraph && first === codes.numberSign) {
          // #
          let hashes = 1;
          while (hashes < 7 && source.charCodeAt(i + hashes) === codes.numberSign) hashes++;
          const after = source.charCodeAt(i + hashes);
          if (hashes <= 6 && (i + hashes === eol || after === codes.space || after === codes.ht)) {
            const raw = atxHeadingText(source, i + hashes, eol);
            if (indent > 0 && DIGIT_OR_UNRELEASED.test(raw)) return this.giveUp();
            headings.push({ start: lineStart, line, end: eol, depth: hashes, raw, indented: indent > 0 });
            endsParagraph = true;
          }
        }
        if (!endsParagraph && (first === codes.equalsTo || first === codes.dash) && previous === PARAGRAPH_LINE) {
          // = or -: a setext underline?
          if (/^(?:=+|-+)[ \t]*$/.test(source.slice(i, eol))) {
            // Under a table delimiter row: a row (`===`), a thematic break after the rows (`---`), or a setext
            // underline.
            if (rows) return this.giveUp();
            // An underline cannot be lazy: after a block quote or list item, `===` may start a paragraph of its own
            // (and `---` of three or more is a thematic break either way).
            if (inContainer && !(first === codes.dash && THEMATIC.test(source.slice(i, eol)))) return this.giveUp();
            if (paragraphLines === 1 && paragraphIndent === 0 && indent === 0) {
              const raw = source.slice(paragraphStart, source.indexOf('\n', paragraphStart)).trim();
              headings.push({
                start: paragraphStart,
                line: paragraphStartLine,
                end: eol,
                depth: first === codes.equalsTo ? 1 : 2,
                raw,
                indented: false,
              });
            } else if (DIGIT_OR_UNRELEASED.test(source.slice(paragraphStart, lineStart))) {
              return this.giveUp();
            }
            endsParagraph = true;
          }
        }
        if (
          !endsParagraph &&
          (first === codes.asterisk || first === codes.dash || first === codes.underscore) &&
          (source.charCodeAt(i + 1) === first || source.charCodeAt(i + 2) === first) &&
          THEMATIC.test(source.slice(i, eol))
        ) {
          // * - _ thematic break
          endsParagraph = true;
        }
        // A list item that cannot interrupt a paragraph (`2.`, an empty item) continues the paragraph's text at the
        // top level. In a block quote or list item (or after an indented paragraph, which may sit in a list item) it
        // may instead be the next item, and the scanner's guess that a container is open may be wrong (after an empty
        // item): the lines after it read differently either way (an underline, a definition), so it gives up. Under a
        // table delimiter row, it is a list after the table's rows.
        const item = !endsParagraph && first !== codes.greaterThan && isListMarker(source, i, eol);
        const cannotInterrupt = item && previous === PARAGRAPH_LINE && !listItemInterrupts(source, i, eol);
        if (cannotInterrupt && (inContainer || paragraphIndent > 0)) return this.giveUp();
        const textualItem = cannotInterrupt;
        if (textualItem && rows) return this.giveUp();
        if (!endsParagraph && !textualItem && (first === codes.greaterThan || item)) {
          // A definition inside a block quote or list item still defines its label for the whole document.
          if (mayHoldContainedDefinition(source, i, eol)) return this.giveUp();
          previous = OTHER_LINE;
          paragraphLines = 0;
          inContainer = true;
          continue;
        }
        // A GFM footnote definition can interrupt a paragraph (a link definition cannot).
        if (
          !endsParagraph &&
          first === codes.leftSquareBracket &&
          previous === PARAGRAPH_LINE &&
          source.charCodeAt(i + 1) === codes.caret &&
          matchesAt(FOOTNOTE_DEFINITION, source, i)
        ) {
          return this.giveUp();
        }
        if (!endsParagraph && first === codes.leftSquareBracket && previous !== PARAGRAPH_LINE) {
          if (
            (source.charCodeAt(i + 1) === codes.caret && matchesAt(FOOTNOTE_DEFINITION, source, i)) ||
            matchesAt(DEFINITION, source, i)
          ) {
            // After a block quote, list item or indented line, this may be a lazy continuation line or a definition;
            // indented, it may belong to a list item after a blank line (and a definition there is no top-level one):
            // too close to call.
            if (inContainer || indent > 0 || previous === INDENTED_LINE) return this.giveUp();
            const labelEnd = definitionLabelEnd(source, i);
            if (labelEnd === undefined) return this.giveUp();
            // A label of only whitespace defines nothing: the line is paragraph text.
            isDefinition = labelEnd !== -1;
            if (isDefinition) definitions.push({ start: i, end: eol, labelStart: i + 1, labelEnd });
            // A footnote definition is a container: the lines after it may be lazy continuations of its paragraph.
            if (isDefinition && source.charCodeAt(i + 1) === codes.caret) inContainer = true;
          } else if (matchesAt(DEFINITION_LIKE, source, i)) {
            return this.giveUp();
          }
        }
        if (endsParagraph) {
          previous = OTHER_LINE;
          paragraphLines = 0;
          if (indent === 0) inContainer = false;
          if (headings.length >= headingCount) {
            stopped = true;
            break;
          }
          continue;
        }
        if (isDefinition) {
          previous = DEFINITION_LINE;
          continue;
        }
        // A delimiter row under a paragraph line may make a GFM table (whether it does depends on the header's cells).
        // Either way, the lines that follow read alike up to a blank line or a line that interrupts a paragraph (and
        // ends a table's rows too): the lines that could read two ways give up above.
        if (
          (previous === PARAGRAPH_LINE || inContainer) &&
          (first === codes.verticalBar || first === codes.dash || first === codes.colon) &&
          isTableDelimiter(source.slice(i, eol))
        ) {
          // In a list item or block quote, micromark reads the lines after a table that is not one differently from
          // plain lazy lines (measured), and an indented paragraph may sit in a list item after a blank line, where a
          // table's rows end at the first line that is not indented (rows are never lazy): too close to call.
          if (inContainer || paragraphIndent > 0 || indent > 0 || !isPlainTableHeader(source, lineStart))
            return this.giveUp();
          rows = true;
        }
      }
      // Paragraph text.
      if (previous === DEFINITION_LINE) return this.giveUp();
      if (previous === PARAGRAPH_LINE) {
        paragraphLines += 1;
      } else {
        paragraphLines = previous === INDENTED_LINE ? 2 : 1;
        previous = PARAGRAPH_LINE;
        paragraphStart = lineStart;
        paragraphStartLine = line;
        paragraphIndent = indent;
        rows = false;
      }
      if (inContainer || indent > 0) paragraphLines = Math.max(paragraphLines, 2);
    }
    this.fence = fence;
    this.html = html;
    this.previous = previous;
    this.paragraphLines = paragraphLines;
    this.paragraphStart = paragraphStart;
    this.paragraphStartLine = paragraphStartLine;
    this.paragraphIndent = paragraphIndent;
    this.inContainer = inContainer;
    this.rows = rows;
    this.line = line;
    this.position = pos;
    if (stopped) return true;
    if (fence || (html && html.end !== 'blank')) return this.giveUp();
    this.state = 'done';
    return true;
  }

  private giveUp(): false {
    this.state = 'unsure';
    return false;
  }
}

/**
 * Where the label of a definition-shaped line starting at `open` (its `[`) ends: the first `]` that is not escaped
 * (a label holds no unescaped brackets). -1 for a label of only spaces and tabs (it defines nothing); undefined for
 * one longer than micromark reads.
 */
function definitionLabelEnd(source: string, open: number): number | undefined {
  let labelEnd = open + 1;
  let blankLabel = true;
  for (
    let code = source.charCodeAt(labelEnd);
    code !== codes.rightSquareBracket;
    code = source.charCodeAt(++labelEnd)
  ) {
    if (code !== codes.space && code !== codes.ht) blankLabel = false;
    if (code === codes.backslash) labelEnd++;
  }
  if (labelEnd - open - 1 > constants.linkReferenceSizeMax) return undefined;
  return blankLabel ? -1 : labelEnd;
}

/**
 * Where the definition on the line starting at `lineStart` ends (its line's end), when that line is a plain one by
 * itself: `[label]: dest` in column 0, its label closed by the `]` at `labelEnd`, with an ordinary destination
 * and optional title ending on the line (what `DEFINITION` reads), not a footnote. -1 otherwise. Whether the line
 * really is a definition also depends on the lines before it; that is the caller's part.
 */
export function plainDefinitionEnd(source: string, lineStart: number, labelEnd: number): number {
  if (source.charCodeAt(lineStart) !== codes.leftSquareBracket || source.charCodeAt(lineStart + 1) === codes.caret)
    return -1;
  // The regex beats a loop over the characters here (measured: about 65 ns against 130 ns a line).
  if (!matchesAt(DEFINITION, source, lineStart)) return -1;
  const end = DEFINITION.lastIndex;
  return definitionLabelEnd(source, lineStart) === labelEnd ? end : -1;
}

/** The whole document's scan; `undefined`: not sure, parse the whole document. */
export function scanDocument(source: string): ScannedDocument | undefined {
  const scanner = new DocumentScanner(source);
  return scanner.scanToEnd() ? { headings: scanner.headings, definitions: scanner.definitions } : undefined;
}

/** Block quote markers and indentation at the start of a label's continuation lines. */
const CONTINUATION_MARKERS = /\n[ \t>]*/g;

/**
 * The labels that `[…]` pairs in `text` may refer to, normalized like definition labels: for every `[`, the text
 * up to the first unescaped `]` if no unescaped `[` comes first. Over-inclusive (code spans, escaped openers and
 * link texts count too); never misses a label that a link reference in `text` uses, even one spanning lines (in a
 * block quote, with and without the `>` markers) or one longer than a definition's label can be (a reference's
 * label has no limit, and its runs of whitespace collapse).
 */
export function bracketLabels(text: string): Set<string> {
  const labels = new Set<string>();
  let open = text.indexOf('[');
  while (open !== -1) {
    let k = open + 1;
    let nextOpen = -1;
    for (; k < text.length; k++) {
      const code = text.charCodeAt(k);
      if (code === codes.backslash) k++;
      else if (code === codes.leftSquareBracket) {
        nextOpen = k;
        break;
      } else if (code === codes.rightSquareBracket) {
        const written = text.slice(open + 1, k);
        const label = normalizeIdentifier(written);
        if (label !== '') labels.add(label);
        if (written.includes('\n')) {
          const unquoted = normalizeIdentifier(written.replace(CONTINUATION_MARKERS, '\n'));
          if (unquoted !== '') labels.add(unquoted);
        }
        break;
      }
    }
    open = nextOpen !== -1 ? nextOpen : text.indexOf('[', k + 1);
  }
  return labels;
}

/**
 * Whether a label as written normalizes (micromark's `normalizeIdentifier`: whitespace collapsed and trimmed, case
 * folded) to `key`, an already normalized label. Printable ASCII is compared in place, without building the
 * normalized string: thousands of definitions are checked per lookup.
 */
export function labelMatches(source: string, definition: ScannedDefinition, key: string): boolean {
  const { labelStart, labelEnd } = definition;
  for (let k = labelStart; k < labelEnd; k++) {
    let code = source.charCodeAt(k);
    // Whitespace, control and non-ASCII characters: the full rule. Up to here the label was plain ASCII, which
    // normalizes in place, so an earlier mismatch is final.
    if (code <= codes.space || code >= codes.del)
      return normalizeIdentifier(source.slice(labelStart, labelEnd)) === key;
    if (code >= codes.lowercaseA && code <= codes.lowercaseZ) code -= TO_UPPER_CASE;
    if (code !== key.charCodeAt(k - labelStart)) return false;
  }
  return labelEnd - labelStart === key.length;
}

/** The label of a scanned definition, as written. */
export function definitionLabel(source: string, definition: ScannedDefinition): string {
  return source.slice(definition.labelStart, definition.labelEnd);
}

/** Above this many label comparisons per lookup, the definitions' labels are normalized once into a map instead. */
const MAX_PAIRWISE = 50_000;

/** The definitions whose labels normalize to one of `keys` (normalized labels), in document order. */
export function definitionsWithLabels(
  source: string,
  definitions: readonly ScannedDefinition[],
  keys: ReadonlySet<string>,
): ScannedDefinition[] {
  if (keys.size === 0) return [];
  if (keys.size * definitions.length > MAX_PAIRWISE)
    return definitions.filter((d) => keys.has(normalizeIdentifier(definitionLabel(source, d))));
  const found: ScannedDefinition[] = [];
  for (const definition of definitions) {
    for (const key of keys) {
      if (labelMatches(source, definition, key)) {
        found.push(definition);
        break;
      }
    }
  }
  return found;
}

/** Whether a heading's raw source may name a version or Unreleased (cheap, over-inclusive). */
export function mayNameVersion(raw: string): boolean {
  return DIGIT_OR_UNRELEASED.test(raw);
}
