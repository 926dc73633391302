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

const VERSION = /(?<![\w.])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)(?![\w.])/;
const DATE = /\d{4}-\d{2}-\d{2}/;

/** Strips a leading `v` so `v1.2.3` and `1.2.3` compare equal; matching is otherwise exact. */
export function normalizeVersion(query: string): string {
  return query.trim().replace(/^v(?=\d)/i, '');
}

function versionHeadings(tree: Root): VersionHeading[] {
  const slugger = new Slugger();
  const result: VersionHeading[] = [];
  for (const node of tree.children) {
    if (node.type !== 'heading') continue;
    const title = toString(node).trim();
    const anchor = slugger.slug(title);
    const match = VERSION.exec(title);
    if (!match?.[1]) continue;
    result.push({ node, version: match[1], date: DATE.exec(title)?.[0], title, anchor });
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

export function findVersionSection(text: string, version: string): VersionSection | undefined {
  const source = normalizeMarkdown(text);
  const tree = parseMarkdown(source);
  const wanted = normalizeVersion(version);
  const found = versionHeadings(tree).find((h) => h.version === wanted);
  if (!found) return undefined;
  const index = tree.children.indexOf(found.node);
  let endIndex = tree.children.length;
  for (let i = index + 1; i < tree.children.length; i++) {
    const node = tree.children[i];
    if (node?.type === 'heading' && node.depth <= found.node.depth) {
      endIndex = i;
      break;
    }
  }
  const inside = tree.children.slice(index + 1, endIndex);
  const start = found.node.position?.end.offset ?? 0;
  const next = tree.children[endIndex];
  const end = next?.position?.start.offset ?? source.length;
  let body = sliceSource(source, start, end);
  const refs = new Set<string>();
  collectReferences(inside, refs);
  const definedInside = new Set(inside.flatMap((n) => (n.type === 'definition' ? [n.identifier] : [])));
  const defs = tree.children.filter(
    (n) => n.type === 'definition' && refs.has(n.identifier) && !definedInside.has(n.identifier),
  );
  if (defs.length > 0) {
    body += '\n\n' + defs.map((d) => source.slice(d.position?.start.offset ?? 0, d.position?.end.offset ?? 0)).join('\n');
  }
  const heading = source.slice(found.node.position?.start.offset ?? 0, found.node.position?.end.offset ?? 0);
  return {
    version: found.version,
    date: found.date,
    title: found.title,
    heading,
    body,
    anchor: found.anchor,
    startLine: found.node.position?.start.line ?? 1,
    endLine: next?.position ? next.position.start.line - 1 : source.split('\n').length,
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
