/**
 * What the fast path can tell about a heading from its source alone, without parsing it: whether its text may hold
 * a version (a cheap filter that is never wrong when it says no), and the plain text of a heading whose only markup
 * is `[…]` pairs. Anything else is parsed (find-by-scan.ts).
 */

import { codes } from 'micromark-util-symbol';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { ScannedHeading } from './scan';

/** A text's letters and digits, lower-cased: what a GitHub anchor keeps of it. */
export const skeleton = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Whether the characters of `needle` occur in `haystack` in order (not necessarily together). */
export function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (let k = 0; k < needle.length; k++) {
    const found = haystack.indexOf(needle.charAt(k), at);
    if (found === -1) return false;
    at = found + 1;
  }
  return true;
}

/**
 * Whether a heading's plain text may contain `wanted`, from its source alone (never wrong when it says no). The
 * plain text keeps the source's characters in order and drops only markup: with no markup but brackets, `wanted`
 * must be in the source once brackets are ignored; with other markup it must be a subsequence (`1.*2*.3`,
 * `[1.2](u).3`, `1\.2.3`); a character reference (`&#49;`) can spell any character.
 */
export function mayContainVersion(raw: string, wanted: string): boolean {
  // Most headings (`### Added`) have no digit: rejected with the cheapest test.
  if (isAsciiDigit(wanted.charCodeAt(0)) && !mayHoldDigit(raw)) return false;
  if (raw.includes(wanted) || raw.includes('&')) return true;
  // The cheapest test that rejects most headings first.
  if (!isSubsequence(wanted, raw)) return false;
  // Plain apart from brackets: the plain text is the source with some brackets removed.
  return INLINE_MARKUP.test(raw) || includesIgnoringBrackets(raw, wanted);
}

export const isAsciiDigit = (code: number): boolean => code >= codes.digit0 && code <= codes.digit9;

/** Whether `raw` has an ASCII digit or a `&` (a character reference can spell one). */
export function mayHoldDigit(raw: string): boolean {
  for (let k = 0; k < raw.length; k++) {
    const code = raw.charCodeAt(k);
    if (isAsciiDigit(code) || code === codes.ampersand) return true;
  }
  return false;
}

/** Whether `text` with every `[` and `]` removed contains `part` (which holds no brackets). */
function includesIgnoringBrackets(text: string, part: string): boolean {
  const first = part.charAt(0);
  for (let at = text.indexOf(first); at !== -1; at = text.indexOf(first, at + 1)) {
    let k = 1;
    for (let p = at + 1; k < part.length && p < text.length; p++) {
      const code = text.charCodeAt(p);
      if (code === codes.leftSquareBracket || code === codes.rightSquareBracket) continue;
      if (code !== part.charCodeAt(k)) break;
      k++;
    }
    if (k === part.length) return true;
  }
  return false;
}

/** Anything in a heading's source that may make its plain text differ from it, except `[…]` pairs. */
const INLINE_MARKUP = /[\\`*_~<!&]|\][([]|\[\^/;
/** Whitespace other than a space: a tab, or Unicode whitespace that a closing `#` sequence does not strip. */
const OTHER_WHITESPACE = /[^\S ]/;

/** The source line of a heading's text (the first line of a setext heading). */
function headingLine(source: string, heading: ScannedHeading): string {
  const eol = source.indexOf('\n', heading.start);
  return source.slice(heading.start, eol === -1 || eol > heading.end ? heading.end : eol);
}

/**
 * Whether a heading's source is plain text apart from `[…]` pairs: no emphasis, code, escapes, character
 * references, HTML, images, inline links, full references or footnote calls, and no whitespace but spaces.
 */
export function isPlainHeading(source: string, heading: ScannedHeading): boolean {
  return !INLINE_MARKUP.test(heading.raw) && !OTHER_WHITESPACE.test(headingLine(source, heading));
}

/**
 * The plain text (`toString`, trimmed) of a plain heading (`isPlainHeading`) whose brackets form separate pairs,
 * without parsing it: each `[label]` is a shortcut link reference, whose text stays and whose brackets go, exactly
 * when its label is defined. `undefined` when the brackets nest or are unmatched.
 */
export function plainHeadingText(raw: string, isDefined: (label: string) => boolean): string | undefined {
  let text = '';
  let from = 0;
  let open = -1;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    if (char === '[') {
      if (open !== -1) return undefined;
      open = i;
    } else if (char === ']') {
      if (open === -1) return undefined;
      const inner = raw.slice(open + 1, i);
      if (isDefined(normalizeIdentifier(inner))) {
        text += raw.slice(from, open) + inner;
        from = i + 1;
      }
      open = -1;
    }
  }
  if (open !== -1) return undefined;
  return (text + raw.slice(from)).trim();
}
