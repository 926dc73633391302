import type { Definition, Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import semver from 'semver';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import {
  MarkdownTooComplexError,
  ParseDeadline,
  parseMarkdownWithin,
  type ParseLimits,
} from '@shipshape/markdown/bounded-parse';
import { normalizeMarkdown } from '@shipshape/markdown/parse';
import { sliceSource } from '@shipshape/markdown/slice';
import { Slugger } from '@shipshape/markdown/slug';
import { DefinitionIndex } from './definition-index';
import {
  bracketLabels,
  DocumentScanner,
  mayNameVersion,
  scanDocument,
  type ScannedDefinition,
  type ScannedHeading,
} from './scan';
import {
  headingDate,
  headingVersion,
  lineVersion,
  namesUnreleased,
  namesVersionOrUnreleased,
  normalizeVersion,
} from './version-heading';

export { headingVersion, isVersionQuery, lineVersion, normalizeVersion } from './version-heading';

/**
 * Changelogs are untrusted and micromark is super-linear on some inputs (bounded-parse.ts): every parse here runs
 * under a budget, so a hostile changelog ends the step with a clear error instead of running until the job's timeout.
 * A section lookup runs whole (all its parses) under one deadline. The budget is generous: the full-parse fallback
 * of a 5 MB changelog takes about a minute on a small machine.
 */
export const CHANGELOG_PARSE_LIMITS: ParseLimits = {
  maxChars: 20 * 1024 * 1024,
  timeoutMs: 120_000,
  // Real changelogs are larger than PR bodies: the full-parse fallback of pnpm's (625 KB) is estimated at 469 MB and
  // date-fns' (123 KB) at 137 MB, over the 128 MB a PR body may use. 1 GiB reads them (and a 700 KB link-heavy one,
  // 780 MB), keeps a read under about 1.2 GB (the estimate is at least the measured peak on every hostile shape and
  // within 18 % on real changelogs), far below a runner's memory, and still refuses issue 15's hostile shapes (the
  // 1,000 × 100 table is estimated at 1.6 GB, 30,000 definitions at 1.3 GB; ladders and delimiter runs are refused by
  // nesting and resolver work). Block and pipe counts bound CPU for PR bodies; here the 120 s deadline does.
  complexity: { maxEstimatedBytes: 1024 * 1024 * 1024, maxBlocks: 1_000_000, maxPipes: 1_000_000 },
};

const EXPLANATION = 'The changelog could not be read';

function explained(error: unknown): unknown {
  if (!(error instanceof MarkdownTooComplexError) || error.message.startsWith(EXPLANATION)) return error;
  return new MarkdownTooComplexError(
    error.reason,
    `${EXPLANATION}: ${error.message}. Check it for runaway nesting or emphasis.`,
  );
}

function parseMarkdown(text: string): Root {
  try {
    return parseMarkdownWithin(text, CHANGELOG_PARSE_LIMITS);
  } catch (error) {
    throw explained(error);
  }
}

export interface VersionSection {
  version: string;
  date: string | undefined;
  title: string;
  heading: string;
  /** The body without the appended link-reference definitions. */
  ownBody: string;
  body: string;
  anchor: string;
  startLine: number;
  endLine: number;
}

const plainTitle = (heading: Heading): string => toString(heading).trim();

function isSectionBoundary(
  node: RootContent,
  depth: number,
  titleOf: (heading: Heading) => string = plainTitle,
): boolean {
  if (node.type !== 'heading') return false;
  return namesVersionOrUnreleased(titleOf(node)) || node.depth < depth;
}

function collectReferences(nodes: RootContent[], into: Set<string>): void {
  for (const node of nodes) {
    if (node.type === 'linkReference' || node.type === 'imageReference') into.add(node.identifier);
    if ('children' in node) collectReferences(node.children as RootContent[], into);
  }
}

/** An `<a name="...">` / `<a id="...">` anchor line that belongs to the following heading. */
function isHeadingAnchor(node: RootContent): boolean {
  const ANCHOR = /^<a\s+(?:name|id)=[^>]*>\s*(?:<\/a>)?$/i;
  if (node.type === 'html') return ANCHOR.test(node.value.trim());
  if (node.type !== 'paragraph') return false;
  if (!node.children.every((c) => c.type === 'html' || (c.type === 'text' && c.value.trim() === ''))) return false;
  return ANCHOR.test(node.children.map((c) => (c.type === 'html' ? c.value : '')).join(''));
}

const startOf = (node: RootContent): number => node.position?.start.offset ?? 0;
const endOf = (node: RootContent): number => node.position?.end.offset ?? 0;

interface DocumentDefinition {
  /** Offset in the document (for document order). */
  at: number;
  identifier: string;
  text: string;
}

interface FoundHeading {
  version: string;
  title: string;
  anchor: string;
}

/**
 * Cuts the section out of `nodes` (top-level nodes whose offsets are `base` + their own, the heading first): up to
 * the next version (or Unreleased) heading of any level, or a non-version heading of a strictly higher level. A
 * same-level non-version heading (`## What's Changed`) stays inside: release tools write such headings as part of
 * one version's notes. `<a name>` anchors of the next heading and the trailing link-definition block are not
 * part of the body; the definitions the body uses are appended after it, verbatim, in document order.
 * Returns undefined when no boundary lies within `nodes` and `complete` is false (the caller reads further).
 */
function cutSection(
  source: string,
  base: number,
  nodes: RootContent[],
  complete: boolean,
  found: FoundHeading,
  definitions: DocumentDefinition[],
  startLine: number,
  titleOf: (heading: Heading) => string = plainTitle,
): VersionSection | undefined {
  const head = nodes[0] as Heading;
  let endIndex = -1;
  for (let i = 1; i < nodes.length; i++) {
    const node = nodes[i];
    if (node && isSectionBoundary(node, head.depth, titleOf)) {
      endIndex = i;
      break;
    }
  }
  if (endIndex === -1) {
    if (!complete) return undefined;
    endIndex = nodes.length;
  }
  let contentEnd = endIndex;
  while (contentEnd > 1) {
    const last = nodes[contentEnd - 1];
    if (!last || !(last.type === 'definition' || isHeadingAnchor(last))) break;
    contentEnd -= 1;
  }
  const inside = nodes.slice(1, contentEnd);
  const start = base + endOf(head);
  const lastInside = inside.at(-1);
  const end = lastInside ? base + endOf(lastInside) : start;
  const ownBody = sliceSource(source, start, end);
  const defs = usedDefinitions(inside, definitions);
  const headStart = base + startOf(head);
  return {
    version: found.version,
    date: headingDate(found.title),
    title: found.title,
    heading: source.slice(headStart, base + endOf(head)),
    body: defs.length > 0 ? `${ownBody}\n\n${defs.join('\n')}` : ownBody,
    ownBody,
    anchor: found.anchor,
    startLine,
    endLine: startLine + linesBetween(source, headStart, lastInside ? end : base + endOf(head)),
  };
}

/**
 * The text of the definitions that `inside` uses and does not define itself, once each, in document order: they are
 * appended to the section so its `[text][label]` links still resolve.
 */
function usedDefinitions(inside: RootContent[], definitions: DocumentDefinition[]): string[] {
  const refs = new Set<string>();
  collectReferences(inside, refs);
  const definedInside = new Set(inside.flatMap((n) => (n.type === 'definition' ? [n.identifier] : [])));
  const appended = new Set<string>();
  const defs: string[] = [];
  for (const def of [...definitions].sort((a, b) => a.at - b.at)) {
    if (!refs.has(def.identifier) || definedInside.has(def.identifier) || appended.has(def.identifier)) continue;
    appended.add(def.identifier);
    defs.push(def.text);
  }
  return defs;
}

/** How many line breaks lie between two offsets. */
function linesBetween(source: string, from: number, to: number): number {
  let count = 0;
  for (let i = source.indexOf('\n', from); i !== -1 && i < to; i = source.indexOf('\n', i + 1)) count++;
  return count;
}

/** The reference implementation: remark parses the whole document. */
export function findVersionSectionByFullParse(text: string, version: string): VersionSection | undefined {
  const deadline = new ParseDeadline(CHANGELOG_PARSE_LIMITS);
  try {
    return findByFullParse(normalizeMarkdown(text), normalizeVersion(version), deadline);
  } catch (error) {
    throw explained(error);
  }
}

function findByFullParse(source: string, wanted: string, deadline: ParseDeadline): VersionSection | undefined {
  const tree: Root = deadline.parse(source);
  const slugger = new Slugger();
  let index = -1;
  let found: FoundHeading | undefined;
  for (let i = 0; i < tree.children.length && !found; i++) {
    const node = tree.children[i];
    if (node?.type !== 'heading') continue;
    const title = toString(node).trim();
    const anchor = slugger.slug(title);
    if (headingVersion(title) === wanted) {
      index = i;
      found = { version: wanted, title, anchor };
    }
  }
  if (!found) return findByVersionLine(source, wanted, tree);
  const definitions = documentDefinitions(source, tree);
  const nodes = tree.children.slice(index);
  const startLine = 1 + linesBetween(source, 0, startOf(nodes[0] as RootContent));
  return cutSection(source, 0, nodes, true, found, definitions, startLine);
}

function documentDefinitions(source: string, tree: Root): DocumentDefinition[] {
  return tree.children.flatMap((n) =>
    n.type === 'definition'
      ? [{ at: startOf(n), identifier: n.identifier, text: source.slice(startOf(n), endOf(n)) }]
      : [],
  );
}

/** A top-level paragraph whose first line is a version line (`lineVersion`). */
interface VersionLine {
  /** Index of the paragraph in the tree's children. */
  index: number;
  version: string;
  title: string;
  /** Offset of the end of the paragraph's first line. */
  lineEnd: number;
}

/** A version and a date fit in far less; a longer line is prose, and is not read further. */
const VERSION_LINE_MAX = 200;

/**
 * The version lines of a changelog written without headings (`**1.3.2** (date)`, `v3.0.0 - May 9, 2030`): the
 * first line of a top-level paragraph that holds only a version and a date, once markup is dropped. None when any
 * top-level heading names a version or Unreleased: in such a file a bold version line is text inside a section.
 */
function versionLines(source: string, tree: Root): VersionLine[] {
  if (tree.children.some((n) => n.type === 'heading' && namesVersionOrUnreleased(toString(n).trim()))) return [];
  const lines: VersionLine[] = [];
  tree.children.forEach((node, index) => {
    if (node.type !== 'paragraph') return;
    const start = startOf(node);
    const eol = source.indexOf('\n', start);
    const lineEnd = eol === -1 || eol > endOf(node) ? endOf(node) : eol;
    if (lineEnd - start > VERSION_LINE_MAX) return;
    const title = roughText(source.slice(start, lineEnd));
    const version = lineVersion(title);
    if (version !== undefined) lines.push({ index, version, title, lineEnd });
  });
  return lines;
}

/**
 * Whether some line of the document could be a version line (`versionLines` finds none otherwise): the first line of a
 * top-level paragraph starts a line, after at most 3 spaces, so its text is that line's. Checked before a full parse
 * that only version lines would need (a file with no version heading and no such version), so a hostile file
 * without version lines (deep block quotes, emphasis storms) is never parsed whole for them.
 */
function mayHaveVersionLine(source: string): boolean {
  for (let from = 0; from < source.length;) {
    const eol = source.indexOf('\n', from);
    const end = eol === -1 ? source.length : eol;
    if (end - from <= VERSION_LINE_MAX + 3 && lineVersion(roughText(source.slice(from, end))) !== undefined)
      return true;
    from = end + 1;
  }
  return false;
}

/**
 * The section of `wanted` in a changelog written without headings: from the end of its version line (the rest of
 * that paragraph included) to the next version line or top-level heading, less trailing definitions and anchors.
 * Such a line has no heading anchor on GitHub, so `anchor` is empty.
 */
function findByVersionLine(source: string, wanted: string, tree: Root): VersionSection | undefined {
  const lines = versionLines(source, tree);
  const at = lines.findIndex((l) => l.version === wanted);
  const line = lines[at];
  const paragraph = line && tree.children[line.index];
  if (!line || !paragraph) return undefined;
  const stop = lines[at + 1]?.index ?? tree.children.length;
  let end = line.index + 1;
  while (end < stop && tree.children[end]?.type !== 'heading') end++;
  while (end > line.index + 1) {
    const last = tree.children[end - 1];
    if (!last || !(last.type === 'definition' || isHeadingAnchor(last))) break;
    end -= 1;
  }
  const inside = tree.children.slice(line.index + 1, end);
  const bodyEnd = endOf(inside.at(-1) ?? paragraph);
  const ownBody = sliceSource(source, line.lineEnd, bodyEnd);
  const defs = usedDefinitions([paragraph, ...inside], documentDefinitions(source, tree));
  const startLine = 1 + linesBetween(source, 0, startOf(paragraph));
  return {
    version: wanted,
    date: headingDate(line.title),
    title: line.title,
    heading: source.slice(startOf(paragraph), line.lineEnd),
    body: defs.length > 0 ? `${ownBody}\n\n${defs.join('\n')}` : ownBody,
    ownBody,
    anchor: '',
    startLine,
    endLine: startLine + linesBetween(source, startOf(paragraph), ownBody === '' ? line.lineEnd : bodyEnd),
  };
}

const skeleton = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function isSubsequence(needle: string, haystack: string): boolean {
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

const isAsciiDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Whether `raw` has an ASCII digit or a `&` (a character reference can spell one). */
function mayHoldDigit(raw: string): boolean {
  for (let k = 0; k < raw.length; k++) {
    const code = raw.charCodeAt(k);
    if (isAsciiDigit(code) || code === 38) return true;
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
      if (code === 91 || code === 93) continue;
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
function isPlainHeading(source: string, heading: ScannedHeading): boolean {
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
    if (def.start < from || source.charCodeAt(def.start + 1) === 94 || !MARKDOWN_BLANK.test(source.slice(def.end, end)))
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
 * The section of `version` (a leading `v` is ignored; otherwise the match is exact), sliced verbatim from the
 * source, with the link-reference definitions its body uses appended. CRLF and a BOM are normalized first.
 */
export function findVersionSection(text: string, version: string): VersionSection | undefined {
  const source = normalizeMarkdown(text);
  const wanted = normalizeVersion(version);
  const deadline = new ParseDeadline(CHANGELOG_PARSE_LIMITS);
  try {
    const scanner = new DocumentScanner(source);
    const lookup: Lookup = { source, scanner, definitions: new DefinitionIndex(scanner), deadline };
    const fast = findByScan(lookup, wanted);
    if (fast) return fast;
    if (fast === null) {
      if (hasVersionHeading(lookup) || !mayHaveVersionLine(source)) return undefined;
      return findByVersionLine(source, wanted, deadline.parse(source));
    }
    return findByFullParse(source, wanted, deadline);
  } catch (error) {
    throw explained(error);
  }
}

/** The inline text of a heading's raw source, for hints only: link destinations and emphasis markers dropped. */
function roughText(raw: string): string {
  return raw
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[[\]*_`]/g, '')
    .trim();
}

/** Versions in document order, as written in their headings (without a leading `v`). */
export function listVersions(text: string): string[] {
  const source = normalizeMarkdown(text);
  const scan = scanDocument(source);
  let tree: Root | undefined;
  const versions = scan
    ? scan.headings.flatMap((h) => {
        const version = h.indented || !mayNameVersion(h.raw) ? undefined : headingVersion(roughText(h.raw));
        return version === undefined ? [] : [version];
      })
    : (tree = parseMarkdown(source)).children.flatMap((n) => {
        const version = n.type === 'heading' ? headingVersion(toString(n).trim()) : undefined;
        return version === undefined ? [] : [version];
      });
  if (versions.length > 0) return versions;
  // A changelog written without headings names its versions in lines of their own.
  if (!tree && !mayHaveVersionLine(source)) return [];
  return versionLines(source, tree ?? parseMarkdown(source)).map((line) => line.version);
}

/** The body under an `Unreleased` heading, when it has one with content. */
export function unreleasedContent(text: string): string | undefined {
  const source = normalizeMarkdown(text);
  const tree = parseMarkdown(source.slice(0, 200_000));
  const index = tree.children.findIndex((n) => n.type === 'heading' && namesUnreleased(toString(n).trim()));
  if (index === -1) return undefined;
  const head = tree.children[index] as Heading;
  const rest = tree.children.slice(index + 1);
  const stop = rest.findIndex((n) => isSectionBoundary(n, head.depth) || n.type === 'definition');
  const inside = stop === -1 ? rest : rest.slice(0, stop);
  const last = inside.at(-1);
  if (!last) return undefined;
  const body = sliceSource(source, endOf(head), endOf(last));
  return body === '' ? undefined : body;
}

/**
 * A hint that needs a full parse is left out when the bounded parse refuses the file (too large or too nested to
 * read safely): the "no section for version" message matters more than its hint, and must not turn into a
 * "could not be read" error for a file whose lookup itself succeeded.
 */
function bestEffort<T>(hint: () => T, fallback: T): T {
  try {
    return hint();
  } catch (error) {
    if (error instanceof MarkdownTooComplexError) return fallback;
    throw error;
  }
}

/**
 * A "did you mean" hint for a missing version: the same version written differently, the nearest versions the
 * file has, and whether changes are still waiting under Unreleased.
 */
export function suggestNearest(text: string, version: string): string | undefined {
  const versions = [...new Set(bestEffort(() => listVersions(text), []))];
  const wanted = normalizeVersion(version);
  const hints: string[] = [];
  const reference = semver.valid(wanted) ?? semver.coerce(wanted)?.version;
  const sorted = versions.filter((v) => semver.valid(v)).sort((a, b) => semver.compare(a, b));
  if (reference && sorted.length > 0) {
    const lower = sorted.filter((v) => semver.lt(v, reference)).at(-1);
    const higher = sorted.find((v) => semver.gt(v, reference));
    const near = [lower, higher].filter((v): v is string => v !== undefined);
    if (near.length > 0) hints.push(`did you mean ${near.join(' or ')}?`);
  } else if (versions[0]) {
    hints.push(`the newest version in the file is ${versions[0]}`);
  }
  if (bestEffort(() => unreleasedContent(text), undefined) !== undefined)
    hints.push('changes are still under Unreleased — move them under a heading for this version');
  return hints.length > 0 ? hints.join('; ') : undefined;
}
