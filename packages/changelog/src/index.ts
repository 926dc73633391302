import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { normalizeMarkdown, parseMarkdown } from '@shipshape/markdown/parse';
import { sliceSource } from '@shipshape/markdown/slice';
import { Slugger } from '@shipshape/markdown/slug';

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

interface VersionHeading {
  node: Heading;
  version: string;
  date: string | undefined;
  title: string;
  anchor: string;
}

const SEMVER = /(?<![\w.])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]*[0-9A-Za-z])?(?:\+[0-9A-Za-z.-]+)?)(?![\w.])/;
/** Major or major.minor only (`## v2 (beta)`, `## Version 5.2 (date)`): accepted only as the whole heading. */
const PARTIAL = /^\[?(?:version\s+|release\s+)?v?(\d+(?:\.\d+)?)\]?(?:\s*(?:[-–—/(].*)?)?$/i;
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const TEXT_DATE = /\b(?:[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\b/;
const UNRELEASED = /^\[?unreleased\b/i;

/** Strips a leading `v` so `v1.2.3` and `1.2.3` compare equal; matching is otherwise exact. */
export function normalizeVersion(query: string): string {
  return query.trim().replace(/^v(?=\d)/i, '');
}

/** The version a heading's plain text names, if it is a version heading. */
export function headingVersion(title: string): string | undefined {
  const semver = SEMVER.exec(title)?.[1];
  if (semver) return semver;
  return PARTIAL.exec(title.trim())?.[1];
}

function headingDate(title: string): string | undefined {
  return ISO_DATE.exec(title)?.[0] ?? TEXT_DATE.exec(title)?.[0];
}

function versionHeadings(tree: Root): VersionHeading[] {
  const slugger = new Slugger();
  const result: VersionHeading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const title = toString(node).trim();
    const anchor = slugger.slug(title);
    const version = headingVersion(title);
    if (version === undefined) continue;
    result.push({ node, version, date: headingDate(title), title, anchor });
  }
  return result;
}

function collectReferences(nodes: RootContent[], into: Set<string>): void {
  for (const node of nodes) {
    if (node.type === 'linkReference' || node.type === 'imageReference') into.add(node.identifier);
    if ('children' in node) collectReferences(node.children as RootContent[], into);
  }
}

/** Versions in document order, as written in their headings (without a leading `v`). */
export function listVersions(text: string): string[] {
  return versionHeadings(parseMarkdown(normalizeMarkdown(text))).map((h) => h.version);
}

/** An `<a name="...">` / `<a id="...">` anchor line that belongs to the following heading. */
function isHeadingAnchor(node: RootContent): boolean {
  const ANCHOR = /^<a\s+(?:name|id)=[^>]*>\s*(?:<\/a>)?$/i;
  if (node.type === 'html') return ANCHOR.test(node.value.trim());
  if (node.type !== 'paragraph') return false;
  if (!node.children.every((c) => c.type === 'html' || (c.type === 'text' && c.value.trim() === ''))) return false;
  return ANCHOR.test(node.children.map((c) => (c.type === 'html' ? c.value : '')).join(''));
}

function isSectionBoundary(node: RootContent, depth: number): boolean {
  if (node.type !== 'heading') return false;
  const title = toString(node).trim();
  if (headingVersion(title) !== undefined || UNRELEASED.test(title)) return true;
  return node.depth < depth;
}

/**
 * The section of `version`: from its heading to the next version (or Unreleased) heading of any level, or a
 * non-version heading of a strictly higher level. A same-level non-version heading (`## What's Changed`) stays
 * inside: release tools write such headings as part of one version's notes. `<a name>` anchors of the next
 * heading and the trailing link-definition block are not part of the body; the definitions the body uses are
 * appended after it, verbatim.
 */
export function findVersionSection(text: string, version: string): VersionSection | undefined {
  const source = normalizeMarkdown(text);
  const tree = parseMarkdown(source);
  const wanted = normalizeVersion(version);
  const found = versionHeadings(tree).find((h) => h.version === wanted);
  if (!found) return undefined;
  const children = tree.children;
  const index = children.indexOf(found.node);
  let endIndex = children.length;
  for (let i = index + 1; i < children.length; i++) {
    const node = children[i];
    if (node && isSectionBoundary(node, found.node.depth)) {
      endIndex = i;
      break;
    }
  }
  let contentEnd = endIndex;
  while (contentEnd > index + 1) {
    const last = children[contentEnd - 1];
    if (!last || !(last.type === 'definition' || isHeadingAnchor(last))) break;
    contentEnd -= 1;
  }
  const inside = children.slice(index + 1, contentEnd);
  const start = found.node.position?.end.offset ?? 0;
  const lastInside = inside.at(-1);
  const end = lastInside?.position?.end.offset ?? start;
  let body = sliceSource(source, start, end);
  const refs = new Set<string>();
  collectReferences(inside, refs);
  const definedInside = new Set(inside.flatMap((n) => (n.type === 'definition' ? [n.identifier] : [])));
  const appended = new Set<string>();
  const defs: string[] = [];
  for (const node of children) {
    if (node.type !== 'definition' || !refs.has(node.identifier)) continue;
    if (definedInside.has(node.identifier) || appended.has(node.identifier)) continue;
    appended.add(node.identifier);
    defs.push(source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0));
  }
  if (defs.length > 0) body = `${body}\n\n${defs.join('\n')}`;
  const heading = source.slice(found.node.position?.start.offset ?? 0, found.node.position?.end.offset ?? 0);
  return {
    version: found.version,
    date: found.date,
    title: found.title,
    heading,
    body,
    ownBody: sliceSource(source, start, end),
    anchor: found.anchor,
    startLine: found.node.position?.start.line ?? 1,
    endLine: lastInside?.position?.end.line ?? found.node.position?.end.line ?? 1,
  };
}

/** A "did you mean" hint for a missing version: Unreleased content, or the nearest listed version. */
export function suggestNearest(text: string, version: string): string | undefined {
  const versions = listVersions(text);
  const wanted = normalizeVersion(version);
  const [maj, min] = wanted.split('.');
  const near = versions.find((v) => v.startsWith(`${maj}.${min}.`)) ?? versions.find((v) => v.startsWith(`${maj}.`));
  if (near) return `did you mean ${near}?`;
  const tree = parseMarkdown(normalizeMarkdown(text));
  const unreleased = tree.children.some((n) => n.type === 'heading' && /^\[?unreleased\b/i.test(toString(n).trim()));
  if (unreleased) return 'the changes may still be under Unreleased';
  return versions[0] ? `the newest version in the file is ${versions[0]}` : undefined;
}
