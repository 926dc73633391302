import type { RootContent } from 'mdast';
import { normalizeMarkdown, ParseDeadline, sliceSource } from '@shipshape/markdown';
import { CHANGELOG_PARSE_LIMITS, explained } from '../limits';
import { findByFullParse, endOf, startOf } from '../section';

/**
 * The new version's notes, read back from the rewritten file the way publish will read them, or undefined when
 * that section is not exactly the entries that were under Unreleased (the heading was written in a way the reader
 * does not take as this version's, say).
 */
export function verifiedNotes(
  result: string,
  version: string,
  source: string,
  entries: readonly RootContent[],
): string | undefined {
  let section: ReturnType<typeof findByFullParse>;
  try {
    section = findByFullParse(normalizeMarkdown(result), version, new ParseDeadline(CHANGELOG_PARSE_LIMITS));
  } catch (error) {
    throw explained(error);
  }
  const first = entries[0];
  const last = entries.at(-1);
  if (!section || !first || !last) return undefined;
  const lineStart = source.lastIndexOf('\n', startOf(first) - 1) + 1;
  return section.ownBody === sliceSource(source, lineStart, endOf(last)) ? section.body : undefined;
}
