/**
 * The grammar of version headings: which heading texts name a version (and which one), a release date, or
 * `Unreleased`. It reads a heading's plain text (what remark's `toString` gives), never its Markdown source, so
 * the scanner's fast path and the full parse ask it the same question.
 */

/**
 * A semver, with a leading `v`. A stray dot after it is a typo (`v2.1.1. / date`), not a fourth part (`1.2.3.4`,
 * `1.2.3.x` are no semver).
 */
const SEMVER = /(?<![\w.])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]*[0-9A-Za-z])?(?:\+[0-9A-Za-z.-]+)?)(?!\w|\.\w)/;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';
/**
 * A date written before the version (Node.js: `2026-09-08, Version 24.21.0 'Krypton' (LTS)`; HISTORY.md files:
 * `2021-11-14 / 1.8.1`): ISO or with slashes, a written-out date, or a bare year. A date is never the version when
 * a semver follows it.
 */
const FULL_DATE = `(?:\\d{4}[-/]\\d{2}[-/]\\d{2}|${MONTH} \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2} ${MONTH} \\d{4})`;
const DATE = `(?:${FULL_DATE}|\\d{4})`;
/**
 * What may come before the version in a version heading: punctuation (`[`, emoji), a date, `Version` / `Release`,
 * or a package name joined with `@` (`@scope/pkg@1.2.3`). `### Upgrading to 2.0.0` is not a version heading.
 */
const LEAD = new RegExp(
  `^[^\\p{L}\\p{N}@]*(?:${DATE}[^\\p{L}\\p{N}@]*)?(?:(?:version|release)\\s+)?(?:(?:@[\\w.-]+\\/)?[\\w.-]+@)?$`,
  'iu',
);
/**
 * Major or major.minor only (`## v2 (beta)`, `## Version 5.2 (date)`, `## v0.4 2013-07-10`): accepted only as the
 * whole heading, and only when a spaced separator, a bracket, a date or the end follows it, so neither a date
 * (`2030-05-06`) nor a name (`v8-cache`) reads as a version.
 */
const PARTIAL = new RegExp(
  `^\\[?(?:version\\s+|release\\s+)?v?(\\d+(?:\\.\\d+)?)\\]?(?:(?:\\s*(?:[-–—/:](?!\\S)|\\()|\\s+(?=${FULL_DATE}(?!\\S)))(?:.*))?$`,
  'iu',
);
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
const TEXT_DATE = /\b(?:[A-Z][a-z]+\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{1,2} [A-Z][a-z]+ \d{4})\b/;
const UNRELEASED = /^\[?unreleased\b/i;

/** Strips a leading `v` so `v1.2.3` and `1.2.3` compare equal; matching is otherwise exact. */
export function normalizeVersion(query: string): string {
  return query.trim().replace(/^v(?=\d)/i, '');
}

/**
 * What a version query may be: a form some heading can name (a semver, with pre-release and build parts, or a
 * partial `2` / `5.2`), with an optional leading `v`. Anything else can never match a section.
 */
const VERSION_QUERY = /^v?\d+(?:\.\d+(?:\.\d+(?:-[0-9A-Za-z.-]*[0-9A-Za-z])?(?:\+[0-9A-Za-z.-]+)?)?)?$/i;

/** Whether `query` is a version a heading can name (after trimming), so a lookup for it can succeed. */
export function isVersionQuery(query: string): boolean {
  return VERSION_QUERY.test(query.trim());
}

/** The version a heading's plain text names, if it is a version heading (the version leads the heading). */
export function headingVersion(title: string): string | undefined {
  const match = SEMVER.exec(title);
  if (match?.[1] && LEAD.test(title.slice(0, match.index))) return match[1];
  return PARTIAL.exec(title.trim())?.[1];
}

const DATES = new RegExp(DATE, 'giu');
const VERSION_WORD = /\b(?:version|release)\b/giu;
/** A numeric date with a typo in its separators (`2026--05-04`): still a date to a reader, never a second version. */
const LOOSE_NUMERIC_DATE = /\d{4}(?:[-/.]+\d{1,2}){1,2}(?!\d)|(?<!\d)(?:\d{1,2}[-/.]+){1,2}\d{4}/gu;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The version a line of text names when it holds nothing else but a date and punctuation (`v3.0.0 - May 9, 2030`,
 * `4.0.1 (2030-10-01)`, `v2.9:`): a version line in a changelog written without headings. A line of prose that
 * starts with a version (`1.2.3 is the last release…`) is not one.
 */
export function lineVersion(text: string): string | undefined {
  const version = headingVersion(text);
  if (version === undefined) return undefined;
  const rest = text
    .replace(new RegExp(`v?${escapeRegExp(version)}`, 'i'), ' ')
    .replace(LOOSE_NUMERIC_DATE, ' ')
    .replace(DATES, ' ')
    .replace(VERSION_WORD, ' ');
  return /^[^\p{L}\p{N}]*$/u.test(rest) ? version : undefined;
}

/** The release date a version heading names (ISO, or written out), if any. */
export function headingDate(title: string): string | undefined {
  return ISO_DATE.exec(title)?.[0] ?? TEXT_DATE.exec(title)?.[0];
}

/** Whether a heading's text opens the `Unreleased` section (`## [Unreleased]`, `## Unreleased changes`). */
export function namesUnreleased(title: string): boolean {
  return UNRELEASED.test(title);
}

/** A heading with this text ends any version's section, whatever its level. */
export function namesVersionOrUnreleased(title: string): boolean {
  return headingVersion(title) !== undefined || namesUnreleased(title);
}
