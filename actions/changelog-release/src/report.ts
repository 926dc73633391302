import { markdownCodeBlock, markdownTableCell, summaryCell, summaryLine, truncate } from '@shipshape/kit';
import type { Release } from './github-port';
import type { ChangelogReleaseResult } from './release';
import type { RollbackPlan } from './rollback';
import { MAX_REASON } from './rollback-note';

type Outputs = Record<string, string | number | boolean>;

function planOutputs(plan: RollbackPlan): Outputs {
  return {
    tag: plan.failed.tag_name,
    version: plan.failedVersion,
    'release-url': plan.failed.html_url,
    'target-tag': plan.target.tag_name,
    'target-version': plan.targetVersion,
    'target-sha': plan.targetSha,
  };
}

/** The step outputs of a run, by their action.yml names. */
export function releaseOutputs(result: ChangelogReleaseResult): Outputs {
  switch (result.mode) {
    case 'check':
      return { version: result.version, notes: result.notes, result: 'unchanged' };
    case 'publish': {
      const { outcome } = result;
      return {
        version: outcome.version,
        'release-id': outcome.release.id,
        'release-url': outcome.release.html_url,
        'upload-url': outcome.release.upload_url,
        notes: outcome.notes,
        prerelease: outcome.prerelease,
        sha: result.sha ?? '',
        result: outcome.result,
      };
    }
    case 'prepare':
      return {
        version: result.version,
        'previous-version': result.previousVersion ?? '',
        tag: result.tag,
        sha: result.sha,
        'pr-number': result.pull?.number ?? '',
        'pr-url': result.pull?.html_url ?? '',
        notes: result.notes,
        result: result.result,
      };
    case 'tag':
      return {
        version: result.version,
        tag: result.tag,
        sha: result.sha,
        notes: result.notes,
        result: result.result,
      };
    case 'merge-back':
      return { 'pr-number': result.pull?.number ?? '', 'pr-url': result.pull?.html_url ?? '', result: result.result };
    case 'rollback':
      return { ...planOutputs(result.plan), result: 'unchanged' };
    case 'annotate':
      return { ...planOutputs(result.plan), 'release-url': result.release.html_url, result: result.result };
  }
}

/** A release as a link labelled with its tag; the tag is shown as text, the address is GitHub's. */
const releaseLink = (release: Release): string => `[${summaryCell(release.tag_name)}](${release.html_url})`;

function planTable(plan: RollbackPlan): string[] {
  return [
    '| | Release | Version | Commit |',
    '| --- | --- | --- | --- |',
    `| Failed | ${releaseLink(plan.failed)} | ${summaryCell(plan.failedVersion)} | |`,
    `| Roll back to | ${releaseLink(plan.target)} | ${summaryCell(plan.targetVersion)} | \`${plan.targetSha}\` |`,
  ];
}

/**
 * The job summary. Text third parties wrote (a changelog section from a pull request, a rollback reason, tag and
 * branch names) is shown as it reads: sections in a code block, the rest through summaryCell / summaryLine.
 */
export function releaseSummary(result: ChangelogReleaseResult): string {
  switch (result.mode) {
    case 'check':
      return `### Changelog check\n\n${markdownTableCell(result.path)} has a section for **${markdownTableCell(result.version)}**:\n\n${markdownCodeBlock(result.notes)}\n`;
    case 'publish': {
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
    case 'prepare': {
      const where = result.pull
        ? `Release pull request: [#${result.pull.number}](${result.pull.html_url}).`
        : `Committed on ${summaryLine(result.base)} and tagged ${summaryLine(result.tag)} at \`${result.sha}\`.`;
      return [
        `### Release ${summaryLine(result.tag)} prepared`,
        '',
        '| Version | Previous version | Tag | Result |',
        '| --- | --- | --- | --- |',
        `| ${summaryCell(result.version)} | ${summaryCell(result.previousVersion ?? '')} | ${summaryCell(result.tag)} | ${result.result} |`,
        '',
        where,
        '',
        markdownCodeBlock(result.notes),
        '',
      ].join('\n');
    }
    case 'tag': {
      const line =
        result.result === 'created'
          ? `Tagged \`${result.sha}\` as ${summaryLine(result.tag)}.`
          : result.sha === result.wanted
            ? `${summaryLine(result.tag)} already points to \`${result.sha}\`: nothing to do.`
            : `${summaryLine(result.tag)} already exists at \`${result.sha}\`, not at this run's \`${result.wanted}\`: left as it is.`;
      return [
        `### Tag ${summaryLine(result.tag)}`,
        '',
        '| Version | Tag | Commit | Result |',
        '| --- | --- | --- | --- |',
        `| ${summaryCell(result.version)} | ${summaryCell(result.tag)} | \`${result.sha}\` | ${result.result} |`,
        '',
        `${line} The version is the newest in ${summaryLine(result.source)}.`,
        '',
      ].join('\n');
    }
    case 'merge-back': {
      const from = `${summaryLine(result.head)} into ${summaryLine(result.base)}`;
      const line = result.pull
        ? `Merge-back pull request [#${result.pull.number}](${result.pull.html_url}) brings ${from} (${result.aheadBy} commit${result.aheadBy === 1 ? '' : 's'} ahead; ${result.result === 'created' ? 'opened now' : 'already open'}).`
        : `Nothing to merge back: ${summaryLine(result.base)} already has every commit of ${summaryLine(result.head)}.`;
      return ['### Merge-back', '', line, ''].join('\n');
    }
    case 'rollback':
      return ['### Rollback plan', '', ...planTable(result.plan), ''].join('\n');
    case 'annotate': {
      const lines = ['### Rolled-back release marked', '', ...planTable(result.plan), ''];
      lines.push(
        result.result === 'unchanged'
          ? `${releaseLink(result.release)} already carried the rollback note.`
          : `${releaseLink(result.release)} now opens with the rollback note.`,
      );
      if (result.latestMoved) lines.push(`The Latest badge moved to ${releaseLink(result.plan.target)}.`);
      if (result.reason?.trim())
        lines.push('', `**Reason:** ${summaryLine(truncate(result.reason.trim(), MAX_REASON))}`);
      lines.push('');
      return lines.join('\n');
    }
  }
}
