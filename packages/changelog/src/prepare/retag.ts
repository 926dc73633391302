/**
 * Rewrites a line that names the previous release (its heading, its `<a name>` anchor, its link definition) so it
 * names the new one: every mention of the version, and a compare range `…/compare/A...v1.4.0` becomes
 * `…/compare/v1.4.0...v1.5.0` (the previous release's tag is the new range's base).
 */

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The version as a whole word: after an optional `v` and not inside a longer version (`11.4.0`, `1.4.0-rc.1`). */
function versionPattern(version: string): RegExp {
  return new RegExp(`(?<![0-9A-Za-z.])([vV]?)${escapeRegExp(version)}(?![0-9A-Za-z]|[.+-][0-9A-Za-z])`, 'g');
}

/** A compare range in a URL: `/compare/` base, two or three dots, head. */
const COMPARE = /(\/compare\/)([^\s)>\]"']*?)(\.{2,3})([^\s)>\]"']*)/g;

/** Whether `text` mentions `version` as a whole word. */
export function mentions(text: string, version: string): boolean {
  return versionPattern(version).test(text);
}

/** `text` with every whole-word mention of `previous` written as `next` (a leading `v` is kept). */
export function replaceVersion(text: string, previous: string, next: string): string {
  return text.replace(versionPattern(previous), (_match, v: string) => `${v}${next}`);
}

/**
 * `line` naming `next` where it named `previous`, or undefined when it never names `previous` (the caller then
 * writes the line another way).
 */
export function retagLine(line: string, previous: string, next: string): string | undefined {
  if (!mentions(line, previous)) return undefined;
  let out = '';
  let from = 0;
  for (const match of line.matchAll(COMPARE)) {
    const [whole, prefix = '', , dots = '', head = ''] = match;
    if (!mentions(head, previous)) continue;
    out += replaceVersion(line.slice(from, match.index), previous, next);
    out += `${prefix}${head}${dots}${replaceVersion(head, previous, next)}`;
    from = match.index + whole.length;
  }
  return out + replaceVersion(line.slice(from), previous, next);
}

/** A tag in a compare range: a semver, with or without a prefix (`v1.4.0`, `pkg@1.4.0`). */
const TAGGED_VERSION = /\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]*[0-9A-Za-z])?/;

/** The first compare range of a URL or line, and its base with the new version in place of the old. */
export interface AdvancedRange {
  /** `/compare/<base><dots>` as written. */
  from: string;
  /** `/compare/<base with next><dots>`. */
  to: string;
  base: string;
  nextBase: string;
  dots: string;
}

/**
 * The `[Unreleased]` range moved on: `…/compare/v1.4.0...HEAD` → `…/compare/v1.5.0...HEAD`. Its base names the
 * previous release (any tag prefix kept); a base naming no version (a commit) is left alone (undefined).
 */
export function advanceRange(text: string, previous: string | undefined, next: string): AdvancedRange | undefined {
  const match = new RegExp(COMPARE.source).exec(text);
  if (!match) return undefined;
  const [, prefix = '', base = '', dots = ''] = match;
  let nextBase: string;
  if (previous !== undefined && mentions(base, previous)) nextBase = replaceVersion(base, previous, next);
  else if (TAGGED_VERSION.test(base)) nextBase = base.replace(TAGGED_VERSION, next);
  else return undefined;
  return { from: `${prefix}${base}${dots}`, to: `${prefix}${nextBase}${dots}`, base, nextBase, dots };
}

/** `text` with each mention of `version` blanked out (same length), so a version is never read as a date. */
export function maskVersion(text: string, version: string): string {
  return text.replace(versionPattern(version), (match) => ' '.repeat(match.length));
}
