/**
 * What prepareChangelog needs to know about a changelog: the Unreleased section (its heading's lines and what lies
 * under it, parsed), the versions the headings name with the latest release's heading lines, and the link
 * definitions. Two ways to find it, as for a section (../index.ts): the scanner (fast-path/) finds the headings and
 * definitions and remark parses only the Unreleased section, so a big changelog costs about what a short one does;
 * or remark parses the whole file, when the scanner is unsure. prepareChangelog reads its result back with
 * findVersionSection and falls back to the whole parse if the two ever disagree.
 */

import type { Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import semver from 'semver';
import { sliceSource } from '@shipshape/markdown';
import { mayNameVersion, scanDocument, type ScannedHeading } from '../fast-path';
import { parseChangelog } from '../limits';
import { endOf, isHeadingAnchor, isSectionBoundary, roughText, startOf } from '../section';
import { headingVersion, namesUnreleased } from '../version-heading';

export interface LinkDefinition {
  /** The label, normalized as mdast does (lower case, whitespace collapsed). */
  identifier: string;
  /** The destination as written, without `<…>`. */
  url: string;
  startLine: number;
  endLine: number;
}

export interface UnreleasedSection {
  depth: number;
  /** The heading's lines (1-based; two for a setext heading). */
  startLine: number;
  endLine: number;
  /** The top-level nodes under the heading, less the definitions and anchors that end the section. */
  entries: RootContent[];
  /** Those entries' text, as a section's `ownBody` holds it. */
  body: string;
}

/** The heading of the latest release: the version as written (without `v`) and the lines of its heading. */
export interface LatestRelease {
  version: string;
  /** The version semver compares: as written, or a partial one completed (`2.1` → 2.1.0). */
  comparable: string;
  startLine: number;
  endLine: number;
}

export interface Located {
  unreleased: UnreleasedSection | undefined;
  /** Every version a heading names, in document order. */
  versions: string[];
  latest: LatestRelease | undefined;
  definitions: LinkDefinition[];
}

const comparableOf = (version: string): string | undefined =>
  semver.valid(version) ?? semver.coerce(version)?.version ?? undefined;

/** The heading naming the highest version (the first of two naming it). */
function latestOf<T extends { version: string }>(
  headings: readonly T[],
): { heading: T; comparable: string } | undefined {
  let latest: { heading: T; comparable: string } | undefined;
  for (const heading of headings) {
    const comparable = comparableOf(heading.version);
    if (comparable !== undefined && (!latest || semver.gt(comparable, latest.comparable)))
      latest = { heading, comparable };
  }
  return latest;
}

/**
 * The section under the Unreleased heading at `index` of `nodes`: up to the next version or Unreleased heading, or
 * a higher heading, less the trailing definitions and `<a name>` anchors. `lineBase` and `offsetBase` place nodes
 * of a slice's parse in the whole document (0 for a whole parse).
 */
function sectionAt(
  source: string,
  nodes: readonly RootContent[],
  index: number,
  base: { line: number; offset: number },
): UnreleasedSection | undefined {
  const head = nodes[index];
  if (head?.type !== 'heading') return undefined;
  const rest = nodes.slice(index + 1);
  const stop = rest.findIndex((n) => isSectionBoundary(n, head.depth));
  const entries = stop === -1 ? rest : rest.slice(0, stop);
  while (entries.length > 0) {
    const last = entries.at(-1);
    if (!last || !(last.type === 'definition' || isHeadingAnchor(last))) break;
    entries.pop();
  }
  const first = entries[0];
  const last = entries.at(-1);
  let body = '';
  if (first && last) {
    // From the start of the first entry's line (a list's indentation is the body's), as a section's ownBody is cut.
    const from = source.lastIndexOf('\n', base.offset + startOf(first) - 1) + 1;
    body = sliceSource(source, from, base.offset + endOf(last));
  }
  return {
    depth: head.depth,
    startLine: base.line + (head.position?.start.line ?? 1) - 1,
    endLine: base.line + (head.position?.end.line ?? 1) - 1,
    entries,
    body,
  };
}

/** The whole file parsed (bounded): the reference. */
export function locateByFullParse(source: string): Located {
  const tree: Root = parseChangelog(source);
  const headings = tree.children.flatMap((node) => {
    if (node.type !== 'heading') return [];
    const version = headingVersion(toString(node).trim());
    return version === undefined ? [] : [{ node, version }];
  });
  const latest = latestOf(headings);
  const index = tree.children.findIndex((n) => n.type === 'heading' && namesUnreleased(toString(n).trim()));
  const definitions = tree.children.flatMap((n) =>
    n.type === 'definition'
      ? [
          {
            identifier: n.identifier.toLowerCase(),
            url: n.url,
            startLine: n.position?.start.line ?? 1,
            endLine: n.position?.end.line ?? 1,
          },
        ]
      : [],
  );
  return {
    unreleased: index === -1 ? undefined : sectionAt(source, tree.children, index, { line: 1, offset: 0 }),
    versions: headings.map((h) => h.version),
    latest: latest && {
      version: latest.heading.version,
      comparable: latest.comparable,
      startLine: latest.heading.node.position?.start.line ?? 1,
      endLine: latest.heading.node.position?.end.line ?? 1,
    },
    definitions,
  };
}

/** 1-based line numbers of offsets, from one pass over the line breaks. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(source: string) {
    for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }
}

/** A definition line: `[label]:`, then the destination (`<…>` or up to whitespace). */
const DEFINITION = /^ {0,3}\[[^\]]*\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))/;

/**
 * The scanner's answer, or undefined when it is unsure (of the block structure, of a heading that may belong to a
 * list item or may be the Unreleased one) or the Unreleased section's parse does not start and end where it found
 * the section to.
 */
export function locateByScan(source: string): Located | undefined {
  const scan = scanDocument(source);
  if (!scan) return undefined;
  const lines = new LineIndex(source);
  const named = scan.headings.map((h) => ({ h, title: roughText(h.raw) }));
  // A heading indented 1–3 spaces may belong to a list item: only the whole parse knows.
  if (named.some(({ h }) => h.indented && mayNameVersion(h.raw))) return undefined;
  const headings = named.flatMap(({ h, title }) => {
    const version = mayNameVersion(h.raw) ? headingVersion(title) : undefined;
    return version === undefined ? [] : [{ h, version }];
  });
  const unreleasedAt = named.findIndex(({ title }) => namesUnreleased(title));
  // Unreleased written with markup the rough text does not see through: only the whole parse knows.
  if (unreleasedAt === -1 && named.some(({ h }) => /unreleased/i.test(h.raw))) return undefined;
  let unreleased: UnreleasedSection | undefined;
  if (unreleasedAt !== -1) {
    const head = named[unreleasedAt]?.h as ScannedHeading;
    const next = named
      .slice(unreleasedAt + 1)
      .find(({ h, title }) => h.depth < head.depth || headingVersion(title) !== undefined || namesUnreleased(title));
    unreleased = sliceSection(source, head, next?.h, lines);
    if (!unreleased) return undefined;
  }
  const latest = latestOf(headings);
  const definitions = scan.definitions.flatMap((d) => {
    const text = source.slice(d.start, d.end);
    const label = source.slice(d.labelStart, d.labelEnd);
    const destination = DEFINITION.exec(text);
    if (label.startsWith('^') || !destination) return [];
    return [
      {
        identifier: normalizeIdentifier(label).toLowerCase(),
        url: destination[1] ?? destination[2] ?? '',
        startLine: lines.lineOf(d.start),
        endLine: lines.lineOf(Math.max(d.start, d.end - 1)),
      },
    ];
  });
  return {
    unreleased,
    versions: headings.map((h) => h.version),
    latest: latest && {
      version: latest.heading.version,
      comparable: latest.comparable,
      startLine: latest.heading.h.line,
      endLine: lines.lineOf(Math.max(latest.heading.h.start, latest.heading.h.end - 1)),
    },
    definitions,
  };
}

/**
 * The Unreleased section from a parse of its slice: from its heading to the heading that ends it (included, so the
 * parse proves the boundary is a heading there), or undefined when the parse disagrees with the scanner.
 */
function sliceSection(
  source: string,
  head: ScannedHeading,
  next: ScannedHeading | undefined,
  lines: LineIndex,
): UnreleasedSection | undefined {
  const end = next ? next.end : source.length;
  const tree = parseChangelog(source.slice(head.start, end));
  const first = tree.children[0] as Heading | undefined;
  if (first?.type !== 'heading' || startOf(first) !== 0 || !namesUnreleased(toString(first).trim())) return undefined;
  if (next) {
    const last = tree.children.at(-1);
    if (last?.type !== 'heading' || startOf(last) !== next.start - head.start) return undefined;
    if (!isSectionBoundary(last, first.depth)) return undefined;
  }
  const section = sectionAt(source, tree.children, 0, { line: lines.lineOf(head.start), offset: head.start });
  // The scanner's boundary must be the first one the parse finds, or the section runs past where it was cut.
  if (section && next && section.entries.length !== tree.children.length - 2) {
    const stop = tree.children.slice(1).findIndex((n) => isSectionBoundary(n, first.depth));
    if (stop !== tree.children.length - 2) return undefined;
  }
  return section;
}
