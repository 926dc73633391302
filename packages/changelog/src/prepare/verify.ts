import { normalizeMarkdown, ParseDeadline } from '@shipshape/markdown';
import { tryFastPath } from '../fast-path';
import { CHANGELOG_PARSE_LIMITS, explained } from '../limits';
import { findByFullParse } from '../section';

/**
 * The new version's notes, read back from the rewritten file the way publish reads them (findVersionSection's two
 * paths), or undefined when that section is not exactly what was under Unreleased (`body`): the heading was written
 * in a way the reader does not take as this version's, say, or the scanner misread the file (prepareChangelog then
 * parses it whole). `fastPath` false: read back by the whole parse only, as publish reads with `fast-path: false`.
 */
export function verifiedNotes(result: string, version: string, body: string, fastPath = true): string | undefined {
  const source = normalizeMarkdown(result);
  const deadline = new ParseDeadline(CHANGELOG_PARSE_LIMITS);
  try {
    const fast = fastPath ? tryFastPath(source, version, deadline) : 'gave-up';
    const section =
      fast === 'gave-up' ? findByFullParse(source, version, deadline) : typeof fast === 'string' ? undefined : fast;
    return section && section.ownBody === body ? section.body : undefined;
  } catch (error) {
    throw explained(error);
  }
}
