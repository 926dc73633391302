/**
 * prepareChangelog: cut a release from what waits under Unreleased. The file is read by the scanner when it is sure,
 * else parsed whole (locate.ts), and rewritten line by line (source-lines.ts), so every byte it does not mean to
 * change stays: a heading for the new version goes in under the Unreleased heading (which stays, now empty), written
 * like the latest release's heading, and the compare links at the bottom move on. The result is read back
 * (verify.ts) before it is returned.
 */

import semver from 'semver';
import { quoteForMessage } from '@shipshape/kit';
import { MarkdownTooComplexError, normalizeMarkdown } from '@shipshape/markdown';
import { CHANGELOG_PARSE_LIMITS, explained } from '../limits';
import { normalizeVersion } from '../version-heading';
import { RELEASE_BUMPS, bumpOfEntries, isEntry, nextVersion, resolveBump, type ReleaseBump } from './bump';
import { isIsoDate } from './date-style';
import { PrepareError } from './errors';
import { newHeadingLines } from './heading-style';
import { moveCompareLinks } from './links';
import { locateByFullParse, locateByScan, type Located } from './locate';
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
  /**
   * Whether the scanner's fast path may locate the Unreleased section (default true), as for reading a section
   * (ReadOptions). False: always the whole CommonMark parse.
   */
  fastPath?: boolean;
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

/**
 * The changelog with the Unreleased entries moved under a heading for the next version (see the file comment).
 * Throws PrepareError when there is nothing to release, the version is taken, or an option is wrong, and the
 * changelog package's "could not be read" MarkdownTooComplexError when the file is beyond its limits.
 */
export function prepareChangelog(text: string, options: PrepareOptions): PreparedChangelog {
  checkOptions(options);
  const source = normalizeMarkdown(text);
  // The scanner reads any length; the whole file is bounded as a whole parse would bound it.
  if (source.length > CHANGELOG_PARSE_LIMITS.maxChars)
    throw explained(
      new MarkdownTooComplexError(
        'size',
        `the text is ${source.length} characters long; at most ${CHANGELOG_PARSE_LIMITS.maxChars} are parsed`,
      ),
    );
  const scanned = options.fastPath === false ? undefined : locateByScan(source);
  return (
    (scanned && prepareFrom(text, scanned, options, false)) ??
    prepareFrom(text, locateByFullParse(source), options, true)
  );
}

/**
 * The prepared changelog, or undefined when the result does not read back as it should (see verifiedNotes) and
 * `final` is false (the caller then tries the whole parse); when `final` is true, that is a refusal.
 */
function prepareFrom(text: string, located: Located, options: PrepareOptions, final: true): PreparedChangelog;
function prepareFrom(
  text: string,
  located: Located,
  options: PrepareOptions,
  final: false,
): PreparedChangelog | undefined;
function prepareFrom(
  text: string,
  located: Located,
  options: PrepareOptions,
  final: boolean,
): PreparedChangelog | undefined {
  const { unreleased, latest } = located;
  const lines = new SourceLines(text);
  if (!unreleased)
    throw new PrepareError(
      'the changelog has no Unreleased section: write the changes under a "## [Unreleased]" heading above the latest version',
    );
  if (!unreleased.entries.some(isEntry))
    throw new PrepareError(
      `the Unreleased section (${quoteForMessage(lines.line(unreleased.startLine).trim())}, line ${unreleased.startLine}) is empty: there is nothing to release`,
    );
  const previousVersion = latest?.version;
  const bump = resolveBump(options.bump, bumpOfEntries(unreleased.entries, unreleased.depth), latest?.comparable);
  const version = nextVersion(latest?.comparable, bump, options.preid);
  if (latest !== undefined && !semver.gt(version, latest.comparable))
    throw new PrepareError(
      `${version} would not be above the latest version in the changelog, ${previousVersion}: choose another preid`,
    );
  const taken = [...located.versions, ...(options.existingVersions ?? [])].map(normalizeVersion);
  if (taken.includes(version)) {
    const where = located.versions.includes(version) ? 'the changelog has a heading for it' : 'it is already released';
    throw new PrepareError(`version ${version} already exists (${where}): nothing was changed`);
  }

  const unreleasedHeading = { depth: unreleased.depth, raw: lines.line(unreleased.startLine) };
  // The file's own heading style first; if the reader would not find the section under it (a heading too unusual to
  // copy), the plain Keep a Changelog style the reader always reads.
  for (const style of latest ? [latest, undefined] : [undefined]) {
    const rewritten = new SourceLines(text);
    const heading = newHeadingLines(rewritten, style, unreleasedHeading, version, options.date);
    rewritten.insertBefore(unreleased.endLine + 1, ['', ...heading.lines]);
    moveCompareLinks(rewritten, {
      definitions: located.definitions,
      unreleasedLine: unreleased.startLine,
      previousVersion,
      version,
      label: heading.label,
    });
    const result = rewritten.toString();
    const notes = verifiedNotes(result, version, unreleased.body, options.fastPath !== false);
    if (notes !== undefined) return { text: result, version, previousVersion, bump, notes };
  }
  if (!final) return undefined;
  throw new PrepareError(
    `the changelog's headings could not be followed for ${version}: write its heading by hand, as "## [${version}] - ${options.date}"`,
  );
}
