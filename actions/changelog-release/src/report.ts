import { markdownCodeBlock, markdownTableCell } from '@shipshape/kit';
import type { ChangelogReleaseResult } from './release';

/** The step outputs of a run, by their action.yml names. */
export function releaseOutputs(result: ChangelogReleaseResult): Record<string, string | number | boolean> {
  if (result.mode === 'check') return { version: result.version, notes: result.notes, result: 'unchanged' };
  const { outcome } = result;
  return {
    version: outcome.version,
    'release-id': outcome.release.id,
    'release-url': outcome.release.html_url,
    'upload-url': outcome.release.upload_url,
    notes: outcome.notes,
    prerelease: outcome.prerelease,
    result: outcome.result,
  };
}

/** The job summary. The section is untrusted (in check mode on a PR, the PR's own text): verbatim, never rendered. */
export function releaseSummary(result: ChangelogReleaseResult): string {
  if (result.mode === 'check') {
    return `### Changelog check\n\n${markdownTableCell(result.path)} has a section for **${markdownTableCell(result.version)}**:\n\n${markdownCodeBlock(result.notes)}\n`;
  }
  const { outcome } = result;
  const state = outcome.release.draft ? 'draft' : outcome.prerelease ? 'pre-release' : 'published';
  return [
    `### Release ${markdownTableCell(result.tag)}`,
    '',
    '| Version | Release | Result |',
    '| --- | --- | --- |',
    `| ${markdownTableCell(outcome.version)} | [${state}](${outcome.release.html_url}) | ${outcome.result} |`,
    '',
    markdownCodeBlock(outcome.notes),
    '',
  ].join('\n');
}
