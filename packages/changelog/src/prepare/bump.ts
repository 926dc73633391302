/**
 * The next version: which part of the version the Unreleased entries call for, and the version that makes.
 *
 * `auto` reads the entries the way Keep a Changelog sorts them (and Conventional Commits marks a break):
 * - major: a `Removed` subsection with entries, a subsection titled with `BREAKING` (`### ⚠ BREAKING CHANGES`), or an
 *   entry containing the word `BREAKING` (upper case, as `BREAKING CHANGE:` is written);
 * - minor: an `Added`, `Changed` or `Deprecated` subsection with entries (semver: marking public API as
 *   deprecated is a minor change), or `Features` (release-please's and conventional-changelog's name for it);
 * - patch: anything else (`Fixed`, `Security`, `Bug Fixes`, entries outside a subsection).
 * Below 1.0.0 a break found by `auto` bumps the minor (0.4.2 → 0.5.0), as release-please does with
 * `bump-minor-pre-major`: 1.0.0 is a decision, made with an explicit `major`, never a side effect of one entry.
 */

import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import semver from 'semver';

export type ReleaseBump = 'auto' | 'major' | 'minor' | 'patch';
export type ResolvedBump = Exclude<ReleaseBump, 'auto'>;

export const RELEASE_BUMPS: readonly ReleaseBump[] = ['auto', 'major', 'minor', 'patch'];

const MINOR_SUBSECTIONS = new Set(['added', 'changed', 'deprecated', 'features']);
const BREAKING = /\bBREAKING\b/;

/** A subsection's name without emoji, punctuation or case: `### ⚠ Removed:` is `removed`. */
const subsectionName = (title: string): string =>
  title
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

/** Whether a node is an entry (not a heading, a definition, a rule or an HTML comment). */
export function isEntry(node: RootContent): boolean {
  if (node.type === 'heading' || node.type === 'definition' || node.type === 'thematicBreak') return false;
  if (node.type === 'html') return !/^(?:\s*<!--[\s\S]*?-->)+\s*$/.test(node.value);
  return true;
}

/**
 * What `auto` means for these entries (the nodes under the Unreleased heading, whose depth is `depth`). Each entry
 * counts under the subsection it sits in: the nearest heading below `depth` that opened a subsection.
 */
export function bumpOfEntries(nodes: readonly RootContent[], depth: number): ResolvedBump {
  let found: ResolvedBump = 'patch';
  let subsection = '';
  let subsectionTitle = '';
  let subsectionDepth = Number.POSITIVE_INFINITY;
  for (const node of nodes) {
    if (node.type === 'heading') {
      if (node.depth > depth && node.depth <= subsectionDepth) {
        subsectionTitle = toString(node);
        subsection = subsectionName(subsectionTitle);
        subsectionDepth = node.depth;
      }
      continue;
    }
    if (!isEntry(node)) continue;
    if (subsection === 'removed' || BREAKING.test(subsectionTitle) || BREAKING.test(toString(node))) return 'major';
    if (MINOR_SUBSECTIONS.has(subsection)) found = 'minor';
  }
  return found;
}

/** `major` found by auto is a minor below 1.0.0; an explicit bump is taken as given. */
export function resolveBump(bump: ReleaseBump, found: ResolvedBump, previous: string | undefined): ResolvedBump {
  if (bump !== 'auto') return bump;
  if (found === 'major' && semver.major(previous ?? '0.0.0') === 0) return 'minor';
  return found;
}

/**
 * The version after `previous` (none: counted from 0.0.0). With `preid`, a pre-release: 1.4.0 + minor + rc is
 * 1.5.0-rc.0, and a pre-release already on the way to the bumped version continues (1.5.0-rc.0 + minor + rc is
 * 1.5.0-rc.1). Without it, a pre-release graduates (1.5.0-rc.1 + minor is 1.5.0), as semver counts.
 */
export function nextVersion(previous: string | undefined, bump: ResolvedBump, preid: string | undefined): string {
  const from = previous ?? '0.0.0';
  const release = semver.inc(from, bump);
  if (release === null) throw new Error(`semver cannot bump ${from}`);
  if (preid === undefined) return release;
  const onItsWay =
    semver.prerelease(from) !== null && release === `${semver.major(from)}.${semver.minor(from)}.${semver.patch(from)}`;
  const next = onItsWay ? semver.inc(from, 'prerelease', preid) : semver.inc(from, `pre${bump}`, preid);
  if (next === null) throw new Error(`semver cannot bump ${from}`);
  return next;
}
