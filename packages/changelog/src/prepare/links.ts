/**
 * The compare links at the bottom of a Keep a Changelog file, moved on to the new version:
 * `[Unreleased]: …/compare/v1.4.0...HEAD` becomes `…/compare/v1.5.0...HEAD`, and `[1.5.0]: …/compare/v1.4.0...v1.5.0`
 * goes in above the previous release's definition (or under Unreleased's), written like it (label, tag prefix). An
 * `[Unreleased](…/compare/…)` link in the heading itself moves the same way. A file without definitions gets none.
 */

import { normalizeVersion } from '../version-heading';
import type { LinkDefinition } from './locate';
import { advanceRange, retagLine, type AdvancedRange } from './retag';
import type { SourceLines } from './source-lines';

export interface LinkEdit {
  definitions: readonly LinkDefinition[];
  /** The Unreleased heading's line. */
  unreleasedLine: number;
  previousVersion: string | undefined;
  version: string;
  /** The label the new heading links with, if it links (`[1.5.0]`). */
  label: string | undefined;
}

const lineOf = (definition: LinkDefinition, end = false): number => (end ? definition.endLine : definition.startLine);

/** A definition line: `[label]:`, the destination, and what follows (a title). */
const DEFINITION_LINE = /^(\s{0,3}\[[^\]]*\]:[ \t]*)(<[^>]*>|\S+)(.*)$/;

/** Moves the range on the first line of `from`..`to` that has one; the range, if any line had one. */
function advanceIn(lines: SourceLines, from: number, to: number, edit: LinkEdit): AdvancedRange | undefined {
  for (let line = from; line <= to; line++) {
    const text = lines.line(line);
    if (!text.includes('/compare/')) continue;
    const range = advanceRange(text, edit.previousVersion, edit.version);
    if (range) lines.replace(line, text.replace(range.from, range.to));
    return range;
  }
  return undefined;
}

/** The new version's definition line, or undefined when the file gives nothing to write it from. */
function newDefinition(
  lines: SourceLines,
  edit: LinkEdit,
  previous: LinkDefinition | undefined,
  unreleased: LinkDefinition | undefined,
  range: AdvancedRange | undefined,
): string | undefined {
  const at = unreleased?.url.indexOf('/compare/') ?? -1;
  const url =
    range && unreleased && at !== -1
      ? `${unreleased.url.slice(0, at)}/compare/${range.base}${range.dots}${range.nextBase}`
      : undefined;
  if (previous && edit.previousVersion !== undefined) {
    const raw = lines.line(lineOf(previous));
    const parts = DEFINITION_LINE.exec(raw);
    // The previous release's line, written for the new one; a compare range is built from Unreleased's when that
    // line links a tag page instead (a first release's `releases/tag/v1.0.0`).
    if (parts && url !== undefined && !(parts[2] ?? '').includes('/compare/')) {
      const label = retagLine(parts[1] ?? '', edit.previousVersion, edit.version);
      if (label !== undefined) return `${label}${url}`;
    }
    return retagLine(raw, edit.previousVersion, edit.version);
  }
  return url === undefined ? undefined : `[${edit.label ?? edit.version}]: ${url}`;
}

export function moveCompareLinks(lines: SourceLines, edit: LinkEdit): void {
  if (lines.line(edit.unreleasedLine).includes('/compare/'))
    advanceIn(lines, edit.unreleasedLine, edit.unreleasedLine, edit);
  if (edit.definitions.length === 0) return;
  const unreleased = edit.definitions.find((d) => d.identifier.toLowerCase() === 'unreleased');
  const previousId = edit.previousVersion?.toLowerCase();
  const previous = edit.definitions.find((d) => normalizeVersion(d.identifier).toLowerCase() === previousId);
  const range = unreleased && advanceIn(lines, lineOf(unreleased), lineOf(unreleased, true), edit);
  const line = newDefinition(lines, edit, previous, unreleased, range);
  if (line === undefined) return;
  const label = /^\s*\[([^\]]*)\]:/.exec(line)?.[1]?.toLowerCase();
  if (edit.definitions.some((d) => d.identifier.toLowerCase() === label)) return;
  // Newest first (Keep a Changelog) above the previous release's; oldest first (Unreleased last) below it.
  if (previous && unreleased && lineOf(unreleased) > lineOf(previous))
    lines.insertBefore(lineOf(previous, true) + 1, [line]);
  else if (previous) lines.insertBefore(lineOf(previous), [line]);
  else if (unreleased) lines.insertBefore(lineOf(unreleased, true) + 1, [line]);
}
