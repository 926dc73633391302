/**
 * @shipshape/changelog's public API: find one version's section in a changelog, list its versions, read what waits
 * under Unreleased, and hint at the nearest version when one is missing. Sections are found by the fast path
 * (fast-path/) when it is sure, else by the full parse (section.ts); `{ fastPath: false }` skips the fast path.
 */

import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import semver from 'semver';
import { MarkdownTooComplexError, ParseDeadline, normalizeMarkdown, sliceSource } from '@shipshape/markdown';
import { mayNameVersion, scanDocument, tryFastPath } from './fast-path';
import { CHANGELOG_PARSE_LIMITS, explained, parseChangelog } from './limits';
import {
  endOf,
  findByFullParse,
  findByVersionLine,
  isSectionBoundary,
  mayHaveVersionLine,
  roughText,
  versionLines,
  type VersionSection,
} from './section';
import { headingVersion, namesUnreleased, normalizeVersion } from './version-heading';

export { CHANGELOG_PARSE_LIMITS } from './limits';
export type { VersionSection } from './section';
export { headingDate, headingVersion, isVersionQuery, lineVersion, normalizeVersion } from './version-heading';

/** How a changelog is read. */
export interface ReadOptions {
  /**
   * Whether the scanner's fast path may find the section (default true). False: always the full CommonMark parse —
   * slower on big changelogs, the same answer; for the case the scanner ever disagrees with the full parse.
   */
  fastPath?: boolean;
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

/**
 * The section of `version` (a leading `v` is ignored; otherwise the match is exact), sliced verbatim from the
 * source, with the link-reference definitions its body uses appended. CRLF and a BOM are normalized first.
 */
export function findVersionSection(
  text: string,
  version: string,
  options: ReadOptions = {},
): VersionSection | undefined {
  const source = normalizeMarkdown(text);
  const wanted = normalizeVersion(version);
  const deadline = new ParseDeadline(CHANGELOG_PARSE_LIMITS);
  try {
    const fast = options.fastPath === false ? 'gave-up' : tryFastPath(source, wanted, deadline);
    if (fast === 'absent') return undefined;
    if (fast === 'no-heading') {
      // No heading names a version: the file may name them in lines of their own (`**1.2.3** (date)`).
      if (!mayHaveVersionLine(source)) return undefined;
      return findByVersionLine(source, wanted, deadline.parse(source));
    }
    if (fast !== 'gave-up') return fast;
    return findByFullParse(source, wanted, deadline);
  } catch (error) {
    throw explained(error);
  }
}

/**
 * Versions in document order, as written in their headings (without a leading `v`). The scanner reads the headings
 * when it is sure of them (and `options.fastPath` is not false), else the full parse does.
 */
export function listVersions(text: string, options: ReadOptions = {}): string[] {
  const source = normalizeMarkdown(text);
  const scan = options.fastPath === false ? undefined : scanDocument(source);
  let tree: Root | undefined;
  const versions = scan
    ? scan.headings.flatMap((h) => {
        const version = h.indented || !mayNameVersion(h.raw) ? undefined : headingVersion(roughText(h.raw));
        return version === undefined ? [] : [version];
      })
    : (tree = parseChangelog(source)).children.flatMap((n) => {
        const version = n.type === 'heading' ? headingVersion(toString(n).trim()) : undefined;
        return version === undefined ? [] : [version];
      });
  if (versions.length > 0) return versions;
  // A changelog written without headings names its versions in lines of their own.
  if (!tree && !mayHaveVersionLine(source)) return [];
  return versionLines(source, tree ?? parseChangelog(source)).map((line) => line.version);
}

/** The body under an `Unreleased` heading, when it has one with content. */
export function unreleasedContent(text: string): string | undefined {
  const source = normalizeMarkdown(text);
  const tree = parseChangelog(source.slice(0, 200_000));
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
export function suggestNearest(text: string, version: string, options: ReadOptions = {}): string | undefined {
  const versions = [...new Set(bestEffort(() => listVersions(text, options), []))];
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

export {
  PrepareError,
  prepareChangelog,
  type PrepareOption,
  type PrepareOptions,
  type PreparedChangelog,
  type ReleaseBump,
} from './prepare';
