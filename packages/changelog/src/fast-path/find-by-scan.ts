/**
 * The fast path's glue: the scanner (scan.ts) finds the candidate heading lines, and remark parses only the slice that
 * holds the wanted section. It answers exactly what the full parse (../section.ts) would, or gives up (README.md).
 */

import type { Definition, Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { codes } from 'micromark-util-symbol';
import type { ParseDeadline } from '@shipshape/markdown';
import { Slugger } from '@shipshape/markdown';
import {
  cutSection,
  endOf,
  startOf,
  type DocumentDefinition,
  type FoundHeading,
  type VersionSection,
} from '../section';
import { headingVersion, namesVersionOrUnreleased } from '../version-heading';
import { DefinitionIndex } from './definition-index';
import {
  isAsciiDigit,
  isPlainHeading,
  isSubsequence,
  mayContainVersion,
  mayHoldDigit,
  plainHeadingText,
  skeleton,
} from './heading-text';
import { bracketLabels, DocumentScanner, mayNameVersion, type ScannedDefinition, type ScannedHeading } from './scan';

/** What the fast path works with: the document, its scanner (read as far as needed), its definitions, one deadline. */
interface Lookup {
  source: string;
  scanner: DocumentScanner;
  definitions: DefinitionIndex;
  deadline: ParseDeadline;
}

/** The definitions whose labels `text`'s brackets may use, in document order; `undefined`: the scanner is unsure. */
function definitionsUsable(lookup: Lookup, text: string): ScannedDefinition[] | undefined {
  return lookup.definitions.withLabels(bracketLabels(text));
}

/**
 * The heading node of one scanned heading, parsed with the definitions it may use (a Keep a Changelog heading
 * `## [1.2.3]` is a link reference when `[1.2.3]: …` is defined, and its text is then `1.2.3`).
 */
function parseHeading(lookup: Lookup, heading: ScannedHeading): Heading | undefined {
  const { source } = lookup;
  const text = source.slice(heading.start, heading.end);
  const defs = text.includes('[') ? definitionsUsable(lookup, text) : [];
  if (defs === undefined) return undefined;
  const tree = lookup.deadline.parse(
    defs.length > 0 ? `${text}\n\n${defs.map((d) => source.slice(d.start, d.end)).join('\n\n')}` : text,
  );
  const node = tree.children[0];
  const rest = tree.children.slice(1);
  return node?.type === 'heading' && rest.every((n) => n.type === 'definition') ? node : undefined;
}

/**
 * A plain heading's text (`isPlainHeading`), without parsing; `undefined` when its brackets nest or the scanner is
 * unsure.
 */
function plainTextOf(lookup: Lookup, heading: ScannedHeading): string | undefined {
  let unsure = false;
  const text = plainHeadingText(heading.raw, (key) => {
    const defined = lookup.definitions.isDefined(key);
    if (defined === undefined) unsure = true;
    return defined === true;
  });
  return unsure ? undefined : text;
}

/** A scanned heading's plain text (trimmed): computed when its source is plain, else parsed. */
function headingText(lookup: Lookup, heading: ScannedHeading): string | undefined {
  if (isPlainHeading(lookup.source, heading)) {
    const text = plainTextOf(lookup, heading);
    if (text !== undefined) return text;
  }
  const node = parseHeading(lookup, heading);
  return node && toString(node).trim();
}

/** Only spaces, tabs and line feeds: what Markdown counts as blank (`trim` would also take a no-break space). */
const MARKDOWN_BLANK = /^[ \t\n]*$/;

/**
 * Where the document's trailing block of link-reference definitions (and blank lines) begins, after `from`: those
 * definitions are not part of any section, so the slice stops there and only the ones it uses are parsed with it.
 * Needs the whole document scanned.
 */
function trailingDefinitionsStart(source: string, definitions: readonly ScannedDefinition[], from: number): number {
  let end = source.length;
  for (let k = definitions.length - 1; k >= 0; k--) {
    const def = definitions[k] as ScannedDefinition;
    // A footnote definition is content (remark keeps it in the section), not a link definition.
    if (
      def.start < from ||
      source.charCodeAt(def.start + 1) === codes.caret ||
      !MARKDOWN_BLANK.test(source.slice(def.end, end))
    )
      break;
    end = def.start;
  }
  return end;
}

/** How many more headings the scanner reads when the fast path needs the next one. */
const HEADINGS_PER_READ = 8;

/**
 * Makes heading `index` known if the document has it. False when the scanner is unsure; afterwards
 * `scanner.headings[index]` is undefined only at the end of the document.
 */
function readThrough(scanner: DocumentScanner, index: number): boolean {
  return index < scanner.headings.length || scanner.scanUntil(index + HEADINGS_PER_READ);
}

/**
 * Whether a scanned heading after the found one (at `depth`) may end its section. A heading whose source is plain
 * and whose text names no version is settled here; any other candidate is left to remark (and when the scanner
 * became unsure, the next definition lookup says so).
 */
function mayEndSection(lookup: Lookup, heading: ScannedHeading, depth: number): boolean {
  if (heading.depth < depth) return true;
  if (!mayNameVersion(heading.raw)) return false;
  if (!isPlainHeading(lookup.source, heading)) return true;
  const text = plainTextOf(lookup, heading);
  return text === undefined || namesVersionOrUnreleased(text);
}

/**
 * The fast path: the scanner reads up to the candidate heading lines; remark parses only the candidate heading
 * (unless its source is plain text) and the slice from it to the next heading that can end the section (plus the
 * definitions the slice may use). The scanner stops there: the definitions further down are looked up without
 * reading the lines in between (`DefinitionIndex`). Answers `null` when the document certainly has no such
 * version, `undefined` when the scanner was unsure.
 */
function findByScan(lookup: Lookup, wanted: string): VersionSection | null | undefined {
  const { source, scanner } = lookup;
  const { headings } = scanner;
  let at = -1;
  let title: string | undefined;
  // The headings before the found one that have a digit: only they can share its anchor (below).
  const withDigits: ScannedHeading[] = [];
  for (let k = 0; ; k++) {
    if (!readThrough(scanner, k)) return undefined;
    const candidate = headings[k];
    if (!candidate) break;
    if (candidate.indented) continue;
    if (!mayHoldDigit(candidate.raw)) {
      if (isAsciiDigit(wanted.charCodeAt(0))) continue;
    } else {
      withDigits.push(candidate);
    }
    if (!mayContainVersion(candidate.raw, wanted)) continue;
    const text = headingText(lookup, candidate);
    if (text === undefined) return undefined;
    if (headingVersion(text) === wanted) {
      at = k;
      title = text;
      break;
    }
  }
  if (title === undefined) return null;
  const found = headings[at] as ScannedHeading;
  // GitHub numbers repeated anchors in document order; only a heading whose letters and digits contain the found
  // heading's, in order, can share its anchor, so only those are parsed. The found heading names a version, so
  // those headings have digits (or a `&`: a character reference can spell one).
  const slugger = new Slugger();
  const wantedSkeleton = skeleton(title);
  const wantedDigits = wantedSkeleton.replace(/\D/g, '');
  for (const earlier of withDigits) {
    if (earlier === found) break;
    // Cheap first: the raw text holds the plain text's digits in order (markup only adds characters; `&` entities
    // are the exception).
    const mayCollide =
      earlier.raw.includes('&') ||
      (isSubsequence(wantedDigits, earlier.raw) && isSubsequence(wantedSkeleton, skeleton(earlier.raw)));
    if (!mayCollide) continue;
    // Brackets are the only markup in most version headings, and a slug drops them: `[1.2.3] - date` slugs the same
    // whether or not `[1.2.3]` is a link reference, so such a heading needs no parse.
    if (isPlainHeading(source, earlier)) {
      slugger.slug(earlier.raw);
      continue;
    }
    const node = parseHeading(lookup, earlier);
    if (!node) return undefined;
    slugger.slug(toString(node).trim());
  }
  const info: FoundHeading = { version: wanted, title, anchor: slugger.slug(title) };
  let next = at + 1;
  for (;;) {
    for (;;) {
      if (!readThrough(scanner, next)) return undefined;
      const heading = headings[next];
      if (!heading) break;
      if (mayEndSection(lookup, heading, found.depth)) break;
      next++;
    }
    const complete = next >= headings.length;
    const sliceEnd = complete
      ? trailingDefinitionsStart(source, scanner.definitions, found.start)
      : (headings[next] as ScannedHeading).end;
    const slice: Slice = {
      found,
      info,
      end: sliceEnd,
      complete,
      within: headings.slice(at + 1, complete ? headings.length : next + 1),
    };
    // When nothing after the heading can be a link reference (no bracket names a defined label) nor an HTML
    // anchor, only the slice's blocks matter: remark reads them without their inline content, a third cheaper.
    // The last heading counts only if it does not end the section, and then the next, longer slice checks it.
    const body = source.slice(found.end, complete ? sliceEnd : (headings[next] as ScannedHeading).start);
    const usable = body.includes('<') ? [] : definitionsUsable(lookup, body);
    if (usable === undefined) return undefined;
    const blocksOnly = !body.includes('<') && usable.length === 0;
    let section = blocksOnly ? cutFromSlice(lookup, slice, true) : 'unsure';
    if (section === 'unsure') section = cutFromSlice(lookup, slice, false);
    if (section === 'unsure') return undefined;
    if (section) return section;
    next++;
  }
}

interface Slice {
  found: ScannedHeading;
  info: FoundHeading;
  /** Where the slice ends: the end of the heading that may end the section, or the trailing definitions. */
  end: number;
  /** The slice runs to the end of the document (less its trailing definitions). */
  complete: boolean;
  /** The scanned headings after the found one, up to the one that may end the section. */
  within: ScannedHeading[];
}

/**
 * Parses one slice (from the found heading to the heading that may end its section, plus the definitions it may
 * use) and cuts the section from it. `blocksOnly`: the caller made sure no inline content can matter; the texts of
 * the headings come from the scanner then. `undefined`: the section goes on past the slice; `'unsure'`: remark
 * disagrees with the scanner, or the scanner is unsure.
 */
function cutFromSlice(lookup: Lookup, slice: Slice, blocksOnly: boolean): VersionSection | undefined | 'unsure' {
  const { source } = lookup;
  const { found, end: sliceEnd, complete } = slice;
  const text = source.slice(found.start, sliceEnd);
  const usable = blocksOnly ? [] : definitionsUsable(lookup, text);
  if (usable === undefined) return 'unsure';
  const outside = usable.filter((d) => d.start < found.start || d.start >= sliceEnd);
  const tail = outside.map((d) => source.slice(d.start, d.end));
  const whole = tail.length > 0 ? `${text}\n\n${tail.join('\n\n')}` : text;
  const tree = blocksOnly ? lookup.deadline.parseBlocks(whole) : lookup.deadline.parse(whole);
  const nodes = tree.children.filter((n) => startOf(n) < text.length);
  const first = nodes[0];
  if (first?.type !== 'heading' || startOf(first) !== 0) return 'unsure';
  if (!complete) {
    const last = nodes.at(-1);
    const lastStart = (slice.within.at(-1) as ScannedHeading).start - found.start;
    if (last?.type !== 'heading' || startOf(last) !== lastStart) return 'unsure';
  }
  let titleOf: ((heading: Heading) => string) | undefined;
  if (blocksOnly) {
    const titles = new Map<number, string>();
    for (const node of nodes.slice(1)) {
      if (node.type !== 'heading') continue;
      const scanned = slice.within.find((h) => h.start === found.start + startOf(node));
      const title = scanned && headingText(lookup, scanned);
      if (title === undefined) return 'unsure';
      titles.set(startOf(node), title);
    }
    titleOf = (heading) => titles.get(startOf(heading)) ?? '';
  }
  // Offsets of the appended definitions, mapped back to the document.
  const appendedAt: number[] = [];
  let offset = text.length + 2;
  for (const [i, d] of outside.entries()) {
    appendedAt.push(offset);
    offset += d.end - d.start + (i < outside.length - 1 ? 2 : 0);
  }
  const definitions: DocumentDefinition[] = [];
  for (const n of tree.children) {
    if (n.type !== 'definition') continue;
    const def = n as Definition;
    const local = startOf(def);
    if (local < text.length) {
      definitions.push({
        at: found.start + local,
        identifier: def.identifier,
        text: source.slice(found.start + local, found.start + endOf(def)),
      });
    } else {
      const i = appendedAt.indexOf(local);
      const original = outside[i];
      if (!original) return 'unsure';
      definitions.push({
        at: original.start,
        identifier: def.identifier,
        text: source.slice(original.start, original.end),
      });
    }
  }
  return cutSection(source, found.start, nodes, complete, slice.info, definitions, found.line, titleOf);
}

/**
 * Whether some top-level heading certainly names a version or Unreleased (the scanner has read the whole document):
 * then the file has no version lines, and a missing version needs no full parse. Headings are read in order, parsed
 * one by one only when their source is not plain; in most changelogs the first heading with a digit settles it.
 */
function hasVersionHeading(lookup: Lookup): boolean {
  for (const heading of lookup.scanner.headings) {
    if (heading.indented || !mayNameVersion(heading.raw)) continue;
    const text = headingText(lookup, heading);
    if (text !== undefined && namesVersionOrUnreleased(text)) return true;
  }
  return false;
}

/**
 * What the fast path answers. A section, or `'absent'` (no heading names the version, and some heading names a
 * version or Unreleased, so the file has no version lines either): the full parse would answer the same.
 * `'no-heading'`: no heading names the version, and none is known to name another version or Unreleased; the version
 * lines a changelog without headings uses are the full parse's to find. `'gave-up'`: the scanner was unsure; the full
 * parse runs.
 */
export type FastPathAnswer = VersionSection | 'absent' | 'no-heading' | 'gave-up';

/** The section of `wanted` in normalized Markdown, read by the fast path (its parses under `deadline`). */
export function tryFastPath(source: string, wanted: string, deadline: ParseDeadline): FastPathAnswer {
  const scanner = new DocumentScanner(source);
  const lookup: Lookup = { source, scanner, definitions: new DefinitionIndex(scanner), deadline };
  const found = findByScan(lookup, wanted);
  if (found === undefined) return 'gave-up';
  if (found !== null) return found;
  return hasVersionHeading(lookup) ? 'absent' : 'no-heading';
}
