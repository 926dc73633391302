import { summaryLine, truncate } from '@shipshape/kit';

/** GitHub refuses a pull request body over 65,536 characters; the notes are cut well before it. */
export const MAX_PULL_NOTES = 60_000;

export interface ReleasePullContent {
  version: string;
  previousVersion: string | undefined;
  tag: string;
  base: string;
  releaseBranch: string;
  path: string;
  date: string;
  /** The new version's section, from the repository's own changelog: shown as the release will show it. */
  notes: string;
}

/** The release pull request's description: what merging it releases, the notes, and how it is kept up to date. */
export function releasePullBody(content: ReleasePullContent): string {
  const after = content.previousVersion ? ` after ${summaryLine(content.previousVersion)}` : '';
  const notes = content.notes.trim() === '' ? '_No entries._' : truncate(content.notes.trim(), MAX_PULL_NOTES);
  return [
    '<!-- shipshape:release-pr -->',
    `Merging this pull request releases **${summaryLine(content.tag)}**${after}: the Unreleased section of ` +
      `${summaryLine(content.path)} becomes the ${summaryLine(content.version)} section, dated ${content.date}.`,
    '',
    `## ${summaryLine(content.tag)}`,
    '',
    notes,
    '',
    '---',
    `_Prepared by shipshape changelog-release (\`mode: prepare\`) from ${summaryLine(content.base)}. A re-run rebuilds ` +
      `${summaryLine(content.releaseBranch)} from ${summaryLine(content.base)} and updates this pull request, so edit ` +
      `the changelog on ${summaryLine(content.base)}, not here._`,
  ].join('\n');
}
