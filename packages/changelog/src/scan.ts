/**
 * A line scanner that finds the top-level heading lines and link-reference definition lines of a Markdown
 * document without building its syntax tree. It exists for speed only: remark parses a 5 MB changelog in tens of
 * seconds, while the scanner reads it in milliseconds and lets remark parse just the few kilobytes that hold one
 * version's section. It never decides what a heading *means* (remark does, on the slice); it only has to know
 * where the block structure restarts at the top level. Whenever it cannot be sure (an unclosed fence, a heading
 * that may sit inside a list, a multi-line setext heading with digits) it answers `undefined`, and the caller
 * parses the whole document instead.
 */

export interface ScannedHeading {
  /** Offset of the heading's first line (the text line of a setext heading). */
  start: number;
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
  /** The label, lower-cased with whitespace collapsed (how CommonMark compares labels). */
  label: string;
}

export interface ScannedDocument {
  headings: ScannedHeading[];
  definitions: ScannedDefinition[];
}

type HtmlEnd = RegExp | 'blank';

const HTML_STARTS: [RegExp, HtmlEnd][] = [
  [/^<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^<!--/, /-->/],
  [/^<\?/, /\?>/],
  [/^<![A-Za-z]/, />/],
  [/^<!\[CDATA\[/, /\]\]>/],
  [
    /^<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:\s|\/?>|$)/i,
    'blank',
  ],
];
/** HTML block type 7: a whole open or closing tag alone on its line (cannot interrupt a paragraph). */
const HTML_TAG_LINE = /^(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)\s*$/;
const DEFINITION = /^\[((?:[^\]\\[]|\\.){1,999})\]:[ \t]*\S/;
const CONTAINED_DEFINITION = /^(?:[>\s]|[-*+][ \t]|\d{1,9}[.)][ \t])*\[(?:[^\]\\[]|\\.)+\]:/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const DIGIT_OR_UNRELEASED = /\d|unreleased/i;

const SPACE = 32;
const TAB = 9;

/** A list item marker at `i`: `-`, `*`, `+`, or up to nine digits and `.` / `)`, then a space, a tab or the line end. */
function isListMarker(source: string, i: number, eol: number): boolean {
  const code = source.charCodeAt(i);
  let k = i + 1;
  if (code === 45 || code === 42 || code === 43) {
    // - * +
  } else if (code >= 48 && code <= 57) {
    while (k < eol && k - i < 9 && source.charCodeAt(k) >= 48 && source.charCodeAt(k) <= 57) k++;
    const mark = source.charCodeAt(k);
    if (mark !== 46 && mark !== 41) return false;
    k++;
  } else {
    return false;
  }
  return k === eol || source.charCodeAt(k) === SPACE || source.charCodeAt(k) === TAB;
}

/** `## 1.2.3 ##` → `1.2.3`: an ATX heading's optional closing sequence (after a space) is not its text. */
function stripClosingHashes(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end === text.length) return text;
  if (end === 0) return '';
  return text[end - 1] === ' ' || text[end - 1] === '\t' ? text.slice(0, end).trimEnd() : text;
}

/** Scans normalized Markdown (LF line endings, no BOM). `undefined`: not sure, parse the whole document. */
export function scanDocument(source: string): ScannedDocument | undefined {
  const headings: ScannedHeading[] = [];
  const definitions: ScannedDefinition[] = [];
  let fence: { char: string; length: number; indent: number } | undefined;
  let html: { end: HtmlEnd; indent: number } | undefined;
  /** What the previous line was, for setext underlines and definitions (which cannot interrupt a paragraph). */
  let previous: 'blank' | 'paragraph' | 'other' = 'blank';
  let paragraphLines = 0;
  let paragraphStart = 0;
  let paragraphIndent = 0;
  /** Inside a block quote or list item until the next blank line: unmarked lines are lazy continuations. */
  let inContainer = false;
  const length = source.length;
  let pos = 0;
  let indent = 0;
  let lineStart = 0;
  let nextColon = source.indexOf(']:');
  const endParagraph = (): void => {
    previous = 'other';
    paragraphLines = 0;
    // A block that starts in column 0 closes any open block quote or list item.
    if (indent === 0) inContainer = false;
  };
  // A function, not a comparison: TypeScript would narrow `previous` without seeing the closures' assignments.
  const afterParagraph = (): boolean => previous === 'paragraph';
  const continueParagraph = (): void => {
    if (previous === 'paragraph') {
      paragraphLines += 1;
    } else {
      previous = 'paragraph';
      paragraphLines = 1;
      paragraphStart = lineStart;
      paragraphIndent = indent;
    }
    // A paragraph that may be a lazy continuation or sit in a list item is never a setext candidate.
    if (inContainer || indent > 0) paragraphLines = Math.max(paragraphLines, 2);
  };
  while (pos <= length) {
    let eol = source.indexOf('\n', pos);
    if (eol === -1) eol = length;
    lineStart = pos;
    pos = eol + 1;
    let i = lineStart;
    while (i < eol && source.charCodeAt(i) === SPACE) i++;
    indent = i - lineStart;
    let j = i;
    while (j < eol && (source.charCodeAt(j) === SPACE || source.charCodeAt(j) === TAB)) j++;
    const blank = j === eol;

    if (fence) {
      if (!blank && fence.indent > 0 && indent < fence.indent) return undefined;
      if (!blank && indent <= 3 && source[i] === fence.char) {
        const line = source.slice(i, eol).trimEnd();
        if (line.length >= fence.length && line === fence.char.repeat(line.length)) fence = undefined;
      }
      continue;
    }
    if (html) {
      if (html.end === 'blank') {
        if (blank) {
          html = undefined;
          previous = 'blank';
          inContainer = false;
        }
        continue;
      }
      if (!blank && html.indent > 0 && indent < html.indent) return undefined;
      if (html.end.test(source.slice(lineStart, eol))) html = undefined;
      continue;
    }
    if (blank) {
      previous = 'blank';
      paragraphLines = 0;
      inContainer = false;
      continue;
    }
    if (indent >= 4 || source.charCodeAt(i) === TAB) {
      // Indented code, or the continuation of a paragraph or list item: never a top-level block start.
      if (afterParagraph()) paragraphLines += 1;
      else previous = 'other';
      continue;
    }
    const first = source[i] as string;

    if ((first === '`' || first === '~') && source[i + 1] === first && source[i + 2] === first) {
      let run = 3;
      while (source[i + run] === first) run++;
      if (!(first === '`' && source.slice(i + run, eol).includes('`'))) {
        fence = { char: first, length: run, indent };
        endParagraph();
        continue;
      }
    }
    if (first === '<') {
      const line = source.slice(i, eol);
      const start = HTML_STARTS.find(([open]) => open.test(line));
      const typeSeven = !start && !afterParagraph() && HTML_TAG_LINE.test(line);
      if (start || typeSeven) {
        const end = start ? start[1] : 'blank';
        const closedOnSameLine = end !== 'blank' && end.test(line.slice(2));
        if (!closedOnSameLine) html = { end, indent };
        endParagraph();
        continue;
      }
    }
    if (first === '#') {
      let hashes = 1;
      while (hashes < 7 && source[i + hashes] === '#') hashes++;
      const after = source[i + hashes];
      if (hashes <= 6 && (i + hashes === eol || after === ' ' || after === '\t')) {
        const raw = stripClosingHashes(source.slice(i + hashes, eol).trim());
        if (indent > 0 && DIGIT_OR_UNRELEASED.test(raw)) return undefined;
        headings.push({ start: lineStart, end: eol, depth: hashes, raw, indented: indent > 0 });
        endParagraph();
        continue;
      }
    }
    if ((first === '=' || first === '-') && afterParagraph()) {
      const line = source.slice(i, eol);
      if (/^(?:=+|-+)[ \t]*$/.test(line)) {
        if (paragraphLines === 1 && paragraphIndent === 0 && indent === 0) {
          const raw = source.slice(paragraphStart, source.indexOf('\n', paragraphStart)).trim();
          headings.push({ start: paragraphStart, end: eol, depth: first === '=' ? 1 : 2, raw, indented: false });
        } else if (DIGIT_OR_UNRELEASED.test(source.slice(paragraphStart, lineStart))) {
          return undefined;
        }
        endParagraph();
        continue;
      }
    }
    if ((first === '*' || first === '-' || first === '_') && (source[i + 1] === first || source[i + 2] === first) && THEMATIC.test(source.slice(i, eol))) {
      endParagraph();
      continue;
    }
    if (first === '>' || isListMarker(source, i, eol)) {
      // A definition inside a block quote or list item still defines its label for the whole document. The next
      // `]:` is remembered, so looking for it stays linear over the whole scan.
      if (nextColon !== -1 && nextColon < i) nextColon = source.indexOf(']:', i);
      if (nextColon !== -1 && nextColon < eol && CONTAINED_DEFINITION.test(source.slice(i, eol))) return undefined;
      endParagraph();
      inContainer = true;
      continue;
    }
    if (first === '[' && !afterParagraph()) {
      const definition = DEFINITION.exec(source.slice(i, eol));
      // After a block quote or list item, this may be a lazy continuation line or a definition: too close to call.
      if (definition && inContainer) return undefined;
      if (definition) {
        const label = (definition[1] ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
        definitions.push({ start: i, end: eol, label });
        previous = 'other';
        continue;
      }
    }
    continueParagraph();
  }
  if (fence || (html && html.end !== 'blank')) return undefined;
  return { headings, definitions };
}

/** Whether a heading's raw source may name a version or Unreleased (cheap, over-inclusive). */
export function mayNameVersion(raw: string): boolean {
  return DIGIT_OR_UNRELEASED.test(raw);
}
