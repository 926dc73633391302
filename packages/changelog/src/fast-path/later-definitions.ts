/**
 * Link reference definitions after the part of a document the scanner has read, found without reading the lines in
 * between. A changelog's section sits near the top and the definitions it uses sit at the bottom, so reading the
 * megabytes of older sections line by line only to reach those definitions would cost more than everything else.
 *
 * Every definition holds `]:` right after its label, so the `]:` pairs are the candidates. A candidate counts as a
 * definition only when its line is plainly one (`plainDefinitionEnd`) and nothing before it can change how it reads:
 * a blank line, or a run of such lines back to a blank line or to where the scanner stopped, comes first; no fence
 * or raw HTML block opener lies between the scanner's stop and that run (those are the only blocks that go on
 * past a blank line into a line in column 0); and the next line cannot continue the definition. Anything else
 * that may define a wanted label (a definition in a list item or block quote, a label over two lines, a footnote)
 * makes the lookup unsure, and the caller reads the lines after all.
 */

import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import { codes, constants } from 'micromark-util-symbol';
import { labelMatches, plainDefinitionEnd, TO_UPPER_CASE, type ScannedDefinition } from './scan';

/** The HTML block starts that a blank line does not end (CommonMark's types 1–5), after a `<`. */
const RAW_HTML_START = /(?:[!?]|(?:pre|script|style|textarea)(?:[\s>]|$))/iy;
const FNV_OFFSET = 0x811c9dc5 & 0x3fffffff;
const NOT_SIMPLE = -1;

/**
 * One step of a label's hash, over its characters from last to first. Only labels of printable ASCII other than
 * space are hashed (their normalized form is their upper case); any other label is `NOT_SIMPLE` and compared in
 * full. Kept within 30 bits so that it stays a small integer in V8.
 */
function hashStep(hash: number, code: number): number {
  if (hash === NOT_SIMPLE || code <= codes.space || code >= codes.del) return NOT_SIMPLE;
  return (
    Math.imul(hash ^ (code >= codes.lowercaseA && code <= codes.lowercaseZ ? code - TO_UPPER_CASE : code), 0x01000193) &
    0x3fffffff
  );
}

function labelHash(text: string, from: number, to: number): number {
  let hash = FNV_OFFSET;
  for (let k = to - 1; k >= from; k--) hash = hashStep(hash, text.charCodeAt(k));
  return hash;
}

const isSpaceOrTab = (code: number): boolean => code === codes.space || code === codes.ht;

export class LaterDefinitions {
  // Every `]:` whose `[` opens its line, in document order, as parallel arrays of small integers: a long changelog
  // has thousands, and one lookup needs one or two of them. A line is checked to be a definition only when needed.
  private readonly starts: number[] = [];
  private readonly labelEnds: number[] = [];
  /**
   * The hash of each line's label (`labelHash`); the lines whose labels are not simple also in `otherLabels`. A
   * lookup compares the hashes one by one: that is cheaper than building a map of thousands of entries for the
   * few keys one lookup has (measured: 0.3 ms against 0.7 ms for 5,000 definitions).
   */
  private readonly hashes: number[] = [];
  private readonly otherLabels: number[] = [];
  /** The line's end if it is a plain definition line, -1 if not, 0 while unknown. */
  private readonly ends: number[] = [];
  /** Every other `]:`: a definition in a list item or block quote, a label over two lines, or no definition. */
  private readonly doubtful: number[] = [];
  /** Their labels, normalized, once asked (null: none; undefined: cannot tell). */
  private doubtfulLabels: (string | null | undefined)[] | undefined;
  /** The first fence or raw HTML opener at or after `openerFrom` (-1: none). */
  private openerFrom = -1;
  private openerAt = -1;

  /** `from`: a line start; the lines from there on are indexed. */
  constructor(
    private readonly source: string,
    readonly from: number,
  ) {
    for (let at = source.indexOf(']:', from); at !== -1; at = source.indexOf(']:', at + 2)) {
      // Back to the `[` on the same line, hashing the label on the way.
      let open = at - 1;
      let hash = FNV_OFFSET;
      while (open >= from) {
        const code = source.charCodeAt(open);
        if (code === codes.leftSquareBracket || code === codes.rightSquareBracket || code === codes.lf) break;
        hash = hashStep(hash, code);
        open--;
      }
      if (!(
        open >= from &&
        open < at - 1 &&
        source.charCodeAt(open) === codes.leftSquareBracket &&
        (open === from || source.charCodeAt(open - 1) === codes.lf)
      )) {
        this.doubtful.push(at);
        continue;
      }
      const index = this.starts.push(open) - 1;
      this.labelEnds.push(at);
      this.ends.push(0);
      this.hashes.push(hash);
      if (hash === NOT_SIMPLE) this.otherLabels.push(index);
    }
  }

  /**
   * The label that the `]` at `at` may close, normalized: the text after the nearest `[` before it, if that is no
   * further than a label can be long. `null`: no label (nothing there can be a definition: no `[` within reach, or
   * an unescaped `]` first, which a label cannot hold). `undefined`: cannot tell, because the bracket met is
   * escaped (the label may start further back) or the label goes over lines (in a block quote or list item the
   * markers of the next line are not part of it).
   */
  private labelClosedAt(at: number): string | null | undefined {
    const { source } = this;
    const limit = Math.max(this.from, at - constants.linkReferenceSizeMax - 1);
    for (let k = at - 1; k >= limit; k--) {
      const code = source.charCodeAt(k);
      if (code !== codes.leftSquareBracket && code !== codes.rightSquareBracket) continue;
      if (k > this.from && source.charCodeAt(k - 1) === codes.backslash) return undefined;
      if (code === codes.rightSquareBracket) return null;
      const text = source.slice(k + 1, at);
      if (text.includes('\n')) return undefined;
      const label = normalizeIdentifier(text);
      return label === '' ? null : label;
    }
    return null;
  }

  /**
   * The definitions at or after `start` whose labels normalize to one of `keys`, in document order. `start` is
   * a line start at or after `from` where a block starts as at the top of a document (the scanner's stop).
   * `undefined`: not decidable without reading the lines from `start`.
   */
  find(start: number, keys: ReadonlySet<string>): ScannedDefinition[] | undefined {
    if (start < this.from) return undefined;
    if (keys.size === 0) return [];
    this.doubtfulLabels ??= this.doubtful.map((at) => this.labelClosedAt(at));
    for (const [i, at] of this.doubtful.entries()) {
      const label = this.doubtfulLabels[i];
      if (at >= start && (label === undefined || (label !== null && keys.has(label)))) return undefined;
    }
    const { source, starts, hashes } = this;
    const candidates = new Set<number>();
    for (const index of this.otherLabels) if ((starts[index] as number) >= start) candidates.add(index);
    for (const key of keys) {
      // A simple label's hash equals its key's; other labels are compared with every key. A key that is not simple
      // (whitespace, other characters) cannot come from a simple label.
      const hash = labelHash(key, 0, key.length);
      if (hash === NOT_SIMPLE) continue;
      for (let index = 0; index < hashes.length; index++) {
        if (hashes[index] === hash && (starts[index] as number) >= start) candidates.add(index);
      }
    }
    const found: ScannedDefinition[] = [];
    for (const index of [...candidates].sort((a, b) => a - b)) {
      const lineStart = starts[index] as number;
      const definition = {
        start: lineStart,
        end: 0,
        labelStart: lineStart + 1,
        labelEnd: this.labelEnds[index] as number,
      };
      if (![...keys].some((key) => labelMatches(source, definition, key))) continue;
      definition.end = this.endOf(index);
      if (definition.end === -1 || !this.standsAlone(index, start)) return undefined;
      found.push(definition);
    }
    return found;
  }

  private endOf(index: number): number {
    let end = this.ends[index] as number;
    if (end === 0) {
      end = plainDefinitionEnd(this.source, this.starts[index] as number, this.labelEnds[index] as number);
      this.ends[index] = end;
    }
    return end;
  }

  /** Whether the plain definition line `index` is a definition, judged by its neighbours (see the file's note). */
  private standsAlone(index: number, start: number): boolean {
    const { source, starts } = this;
    let first = index;
    for (;;) {
      const lineStart = starts[first] as number;
      if (lineStart === start) break;
      // The line before is another plain definition line…
      if (first > 0 && this.endOf(first - 1) === lineStart - 1) {
        first -= 1;
        continue;
      }
      // …or blank.
      let k = lineStart - 2;
      while (k >= start && isSpaceOrTab(source.charCodeAt(k))) k--;
      if (k < start || source.charCodeAt(k) === codes.lf) break;
      return false;
    }
    if (this.openerBetween(start, starts[first] as number)) return false;
    const end = this.endOf(index);
    if (end >= source.length) return true;
    // The next line cannot continue the definition (a title on its own line): blank, or another `[…]:` line.
    if (starts[index + 1] === end + 1) return true;
    let k = end + 1;
    while (isSpaceOrTab(source.charCodeAt(k))) k++;
    return k >= source.length || source.charCodeAt(k) === codes.lf;
  }

  /** Whether a fence or raw HTML block opener lies in [from, to). */
  private openerBetween(from: number, to: number): boolean {
    if (this.openerFrom === -1 || from < this.openerFrom || (this.openerAt !== -1 && this.openerAt < from)) {
      this.openerFrom = from;
      this.openerAt = this.firstOpener(from);
    }
    return this.openerAt !== -1 && this.openerAt < to;
  }

  private firstOpener(from: number): number {
    const { source } = this;
    let first = -1;
    const earlier = (at: number): void => {
      if (at !== -1 && (first === -1 || at < first)) first = at;
    };
    earlier(source.indexOf('```', from));
    earlier(source.indexOf('~~~', from));
    for (
      let at = source.indexOf('<', from);
      at !== -1 && (first === -1 || at < first);
      at = source.indexOf('<', at + 1)
    ) {
      RAW_HTML_START.lastIndex = at + 1;
      if (RAW_HTML_START.test(source)) earlier(at);
    }
    return first;
  }
}
