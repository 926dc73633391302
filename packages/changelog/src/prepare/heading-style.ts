/**
 * The new version's heading, written like the latest release's: `## [1.4.0] - 2026-03-02` gives
 * `## [1.5.0] - 2026-12-05`, `## v1.4.0 (March 2, 2026)` gives `## v1.5.0 (December 5, 2026)`, a setext heading
 * gets its underline, and a conventional-changelog `<a name="1.4.0"></a>` line above the heading is copied too. A
 * heading without a date gets none. Without a release to copy, the Keep a Changelog form at the Unreleased level.
 */

import { dateStyleOf } from './date-style';
import { maskVersion, mentions, retagLine } from './retag';
import type { SourceLines } from './source-lines';

/** The latest release's heading: the version it names (as written, without `v`) and its lines (1-based). */
export interface HeadingSource {
  version: string;
  startLine: number;
  endLine: number;
}

export interface NewHeading {
  lines: string[];
  /** The link label the heading uses (`[1.5.0]` in `## [1.5.0] - …`), for its compare-link definition. */
  label: string | undefined;
}

const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const ANCHOR = /^<a\s+(?:name|id)=[^>]*>\s*(?:<\/a>)?\s*$/i;
/** A shortcut reference `[text]` (not followed by `(`, `[` or `:`), as Keep a Changelog links its headings. */
const SHORTCUT = /\[([^\]]+)\](?![([:])/g;

/** One line of the old heading for the new version: its date and every mention of the version replaced. */
function restyle(line: string, previous: string, version: string, date: string): string | undefined {
  const style = dateStyleOf(maskVersion(line, previous));
  const dated = style
    ? `${line.slice(0, style.index)}${style.format(date)}${line.slice(style.index + style.length)}`
    : line;
  return retagLine(dated, previous, version);
}

function labelIn(line: string, version: string): string | undefined {
  for (const [, text = ''] of line.matchAll(SHORTCUT)) if (mentions(text, version)) return text;
  return undefined;
}

/** The old heading's lines (with its anchor line, if any) written for the new version, or undefined if unusual. */
function copied(lines: SourceLines, style: HeadingSource, version: string, date: string): string[] | undefined {
  const { startLine, endLine } = style;
  let heading: string[];
  if (startLine === endLine) {
    const line = restyle(lines.line(startLine), style.version, version, date);
    if (line === undefined) return undefined;
    heading = [line];
  } else if (endLine === startLine + 1 && SETEXT_UNDERLINE.test(lines.line(endLine))) {
    const text = lines.line(startLine);
    const line = restyle(text, style.version, version, date);
    if (line === undefined) return undefined;
    const underline = lines.line(endLine);
    const mark = underline.trim()[0] ?? '=';
    heading = [line, underline.trim().length === text.trim().length ? mark.repeat(line.trim().length) : underline];
  } else {
    return undefined;
  }
  // `<a name="1.4.0"></a>` right above the heading (or one blank line above) belongs to it.
  for (const gap of [1, 2]) {
    const above = lines.line(startLine - gap);
    if (startLine - gap < 1 || (gap === 1 && above.trim() === '')) continue;
    if (ANCHOR.test(above.trim()) && mentions(above, style.version)) {
      const anchor = restyle(above, style.version, version, date);
      if (anchor !== undefined) return [anchor, ...(gap === 2 ? [''] : []), ...heading];
    }
    break;
  }
  return heading;
}

/**
 * The heading lines for `version`, in the style of `style` (the latest release's heading) when it can be copied,
 * else in Keep a Changelog's at the Unreleased heading's level (bracketed when `[Unreleased]` is).
 */
export function newHeadingLines(
  lines: SourceLines,
  style: HeadingSource | undefined,
  unreleased: { depth: number; raw: string },
  version: string,
  date: string,
): NewHeading {
  const heading = style && copied(lines, style, version, date);
  if (heading) return { lines: heading, label: heading.map((l) => labelIn(l, version)).find((l) => l !== undefined) };
  const bracketed = /\[\s*unreleased\s*\]/i.test(unreleased.raw);
  const title = bracketed ? `[${version}]` : version;
  return { lines: [`${'#'.repeat(unreleased.depth)} ${title} - ${date}`], label: bracketed ? version : undefined };
}
