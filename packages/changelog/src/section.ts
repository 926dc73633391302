/**
 * The reference: remark parses the whole changelog, and the section is cut from its syntax tree. The fast path
 * (fast-path/) cuts its sections with the same `cutSection`, from a parse of a slice; whatever it answers must equal
 * what `findByFullParse` answers here (tests/fuzz/changelog.test.ts).
 */

import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ParseDeadline } from '@shipshape/markdown';
import { sliceSource, Slugger } from '@shipshape/markdown';
import { headingDate, headingVersion, lineVersion, namesVersionOrUnreleased } from './version-heading';

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

export function isSectionBoundary(
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
export function isHeadingAnchor(node: RootContent): boolean {
  const ANCHOR = /^<a\s+(?:name|id)=[^>]*>\s*(?:<\/a>)?$/i;
  if (node.type === 'html') return ANCHOR.test(node.value.trim());
  if (node.type !== 'paragraph') return false;
  if (!node.children.every((c) => c.type === 'html' || (c.type === 'text' && c.value.trim() === ''))) return false;
  return ANCHOR.test(node.children.map((c) => (c.type === 'html' ? c.value : '')).join(''));
}

export const startOf = (node: RootContent): number => node.position?.start.offset ?? 0;
export const endOf = (node: RootContent): number => node.position?.end.offset ?? 0;

export interface DocumentDefinition {
  /** Offset in the document (for document order). */
  at: number;
  identifier: string;
  text: string;
}

/** The heading a section starts at, as the section reports it. */
export interface FoundHeading {
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
export function cutSection(
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

/** The reference implementation: remark parses the whole document (normalized), under `deadline`. */
export function findByFullParse(source: string, wanted: string, deadline: ParseDeadline): VersionSection | undefined {
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
export function versionLines(source: string, tree: Root): VersionLine[] {
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
export function mayHaveVersionLine(source: string): boolean {
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
export function findByVersionLine(source: string, wanted: string, tree: Root): VersionSection | undefined {
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

/** The inline text of a heading's raw source, for hints only: link destinations and emphasis markers dropped. */
export function roughText(raw: string): string {
  return raw
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/[[\]*_`]/g, '')
    .trim();
}
