/**
 * prepareChangelog: cut a release from what waits under Unreleased. The file is rewritten line by line
 * (source-lines.ts), so every byte it does not mean to change stays: a heading for the new version goes in under the
 * Unreleased heading (which stays, now empty), written like the latest release's heading, and the compare links at
 * the bottom move on.
 */

import type { Definition, Heading, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import semver from 'semver';
import { quoteForMessage } from '@shipshape/kit';
import { normalizeMarkdown } from '@shipshape/markdown';
import { parseChangelog } from '../limits';
import { isHeadingAnchor, isSectionBoundary } from '../section';
import { headingVersion, namesUnreleased, normalizeVersion } from '../version-heading';
import { RELEASE_BUMPS, bumpOfEntries, isEntry, nextVersion, resolveBump, type ReleaseBump } from './bump';
import { isIsoDate } from './date-style';
import { PrepareError } from './errors';
import { newHeadingLines, type HeadingSource } from './heading-style';
import { moveCompareLinks } from './links';
import { SourceLines } from './source-lines';
import { verifiedNotes } from './verify';

export { PrepareError, type PrepareOption } from './errors';
export type { ReleaseBump } from './bump';

export interface PrepareOptions {
  bump: ReleaseBump;
  /** Pre-release id: 1.4.0 + minor + rc → 1.5.0-rc.0; 1.5.0-rc.0 + rc → 1.5.0-rc.1. */
  preid?: string;
  /** YYYY-MM-DD, the new heading's date (the caller's clock). */
  date: string;
  /** Versions already tagged or released: the new version must not be one of them. */
  existingVersions?: readonly string[];
}

export interface PreparedChangelog {
  /** The whole file, byte for byte the same except the new heading and the compare links. */
  text: string;
  version: string;
  previousVersion: string | undefined;
  /** The bump applied (what `auto` resolved to). */
  bump: 'major' | 'minor' | 'patch';
  /** The new version's section body, as findVersionSection reads it (what publish would release). */
  notes: string;
}

const PREID = /^[A-Za-z][0-9A-Za-z-]*$/;

function checkOptions(options: PrepareOptions): void {
  if (!RELEASE_BUMPS.includes(options.bump))
    throw new PrepareError(
      `bump must be one of ${RELEASE_BUMPS.join(', ')}, got ${quoteForMessage(String(options.bump))}`,
      'bump',
    );
  if (options.preid !== undefined && !PREID.test(options.preid))
    throw new PrepareError(
      `preid must be a pre-release name such as rc, beta or next (letters, digits and hyphens, starting with a letter), got ${quoteForMessage(options.preid)}`,
      'preid',
    );
  if (!isIsoDate(options.date))
    throw new PrepareError(
      `date must be a day written YYYY-MM-DD, got ${quoteForMessage(String(options.date))}`,
      'date',
    );
}

/** A version heading of the file: the node and the version it names, as written (without a leading `v`). */
interface VersionHeading {
  node: Heading;
  version: string;
  /** The version semver compares: the written one, or a partial one completed (`2.1` → 2.1.0). */
  comparable: string | undefined;
}

function versionHeadings(tree: Root): VersionHeading[] {
  return tree.children.flatMap((node) => {
    if (node.type !== 'heading') return [];
    const version = headingVersion(toString(node).trim());
    if (version === undefined) return [];
    return [{ node, version, comparable: semver.valid(version) ?? semver.coerce(version)?.version ?? undefined }];
  });
}

/** The released heading with the highest version (the first such heading when two name it). */
function latestRelease(headings: readonly VersionHeading[]): VersionHeading | undefined {
  let latest: VersionHeading | undefined;
  for (const heading of headings) {
    if (heading.comparable === undefined) continue;
    if (!latest?.comparable || semver.gt(heading.comparable, latest.comparable)) latest = heading;
  }
  return latest;
}

/** The Unreleased section: its heading and what lies under it, less the link definitions and anchors that end it. */
function unreleasedSection(tree: Root): { head: Heading; entries: RootContent[] } | undefined {
  const index = tree.children.findIndex((n) => n.type === 'heading' && namesUnreleased(toString(n).trim()));
  const head = tree.children[index];
  if (head?.type !== 'heading') return undefined;
  const rest = tree.children.slice(index + 1);
  const stop = rest.findIndex((n) => isSectionBoundary(n, head.depth));
  const inside = stop === -1 ? rest : rest.slice(0, stop);
  while (inside.length > 0) {
    const last = inside.at(-1);
    if (!last || !(last.type === 'definition' || isHeadingAnchor(last))) break;
    inside.pop();
  }
  return { head, entries: inside };
}

const lineOf = (node: RootContent, end = false): number =>
  (end ? node.position?.end.line : node.position?.start.line) ?? 1;

/**
 * The changelog with the Unreleased entries moved under a heading for the next version (see the file comment).
 * Throws PrepareError when there is nothing to release, the version is taken, or an option is wrong, and the
 * changelog package's "could not be read" MarkdownTooComplexError when the file is beyond its limits.
 */
export function prepareChangelog(text: string, options: PrepareOptions): PreparedChangelog {
  checkOptions(options);
  const source = normalizeMarkdown(text);
  const tree = parseChangelog(source);
  const unreleased = unreleasedSection(tree);
  if (!unreleased)
    throw new PrepareError(
      'the changelog has no Unreleased section: write the changes under a "## [Unreleased]" heading above the latest version',
    );
  const { head, entries } = unreleased;
  const headLine = lineOf(head);
  const lines = new SourceLines(text);
  if (!entries.some(isEntry))
    throw new PrepareError(
      `the Unreleased section (${quoteForMessage(lines.line(headLine).trim())}, line ${headLine}) is empty: there is nothing to release`,
    );

  const headings = versionHeadings(tree);
  const latest = latestRelease(headings);
  const previousVersion = latest?.version;
  const bump = resolveBump(options.bump, bumpOfEntries(entries, head.depth), latest?.comparable);
  const version = nextVersion(latest?.comparable, bump, options.preid);
  if (latest?.comparable !== undefined && !semver.gt(version, latest.comparable))
    throw new PrepareError(
      `${version} would not be above the latest version in the changelog, ${previousVersion}: choose another preid`,
    );
  const taken = [...headings.map((h) => h.version), ...(options.existingVersions ?? [])].map(normalizeVersion);
  if (taken.includes(version)) {
    const where = headings.some((h) => h.version === version)
      ? 'the changelog has a heading for it'
      : 'it is already released';
    throw new PrepareError(`version ${version} already exists (${where}): nothing was changed`);
  }

  const release: HeadingSource | undefined = latest && {
    version: latest.version,
    startLine: lineOf(latest.node),
    endLine: lineOf(latest.node, true),
  };
  const unreleasedHeading = { depth: head.depth, raw: lines.line(headLine) };
  const definitions = tree.children.filter((n): n is Definition => n.type === 'definition');
  // The file's own heading style first; if the reader would not find the section under it (a heading too unusual to
  // copy), the plain Keep a Changelog style the reader always reads.
  for (const style of release ? [release, undefined] : [undefined]) {
    const rewritten = new SourceLines(text);
    const heading = newHeadingLines(rewritten, style, unreleasedHeading, version, options.date);
    rewritten.insertBefore(lineOf(head, true) + 1, ['', ...heading.lines]);
    moveCompareLinks(rewritten, {
      definitions,
      unreleasedLine: headLine,
      previousVersion,
      version,
      label: heading.label,
    });
    const result = rewritten.toString();
    const notes = verifiedNotes(result, version, source, entries);
    if (notes !== undefined) return { text: result, version, previousVersion, bump, notes };
  }
  throw new PrepareError(
    `the changelog's headings could not be followed for ${version}: write it as "## [${version}] - ${options.date}" by hand`,
  );
}
