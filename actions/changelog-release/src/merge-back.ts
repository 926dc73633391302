import { NotFoundError, quoteForMessage, summaryLine, type Logger } from '@shipshape/kit';
import type { MergeBackSettings } from './inputs';
import { PullExistsError, type PullRequest, type RepositoryPort } from './repository-port';

export type MergeBackPort = Pick<RepositoryPort, 'compare' | 'findOpenPull' | 'createPull'>;

export interface MergeBackResult {
  base: string;
  head: string;
  /** Commits of head that base lacks. */
  aheadBy: number;
  /** The open pull request head → base; undefined when there is nothing to merge back. */
  pull: PullRequest | undefined;
  result: 'created' | 'unchanged';
}

function pullBody(head: string, base: string, aheadBy: number): string {
  const commits = aheadBy === 1 ? '1 commit' : `${aheadBy} commits`;
  return [
    `Brings ${summaryLine(head)} back into ${summaryLine(base)} (${commits} ahead when this pull request was opened),`,
    'so the fix is not lost from the next release.',
    '',
    '_Opened by shipshape changelog-release (`mode: merge-back`); a re-run of the workflow reuses this pull request._',
  ].join('\n');
}

/**
 * One pull request bringing `head` (the run's branch, e.g. a hotfix) back into `base`: nothing to merge (base
 * already has every commit of head) opens none; an open one head → base is reused as it is.
 */
export async function mergeBack(
  settings: MergeBackSettings,
  port: MergeBackPort,
  log: Logger,
): Promise<MergeBackResult> {
  const { base, head } = settings;
  const comparison = await port.compare(base, head);
  if (!comparison) {
    throw new NotFoundError(
      `Cannot compare ${quoteForMessage(base)} with ${quoteForMessage(head)}: one of the branches does not exist (input 'base' names the branch to merge back into).`,
    );
  }
  const unchanged = { base, head, aheadBy: comparison.aheadBy, result: 'unchanged' as const };
  if (comparison.aheadBy === 0) {
    log.info(`${base} already has every commit of ${head}: nothing to merge back.`);
    return { ...unchanged, pull: undefined };
  }
  const open = await port.findOpenPull(head, base);
  if (open) {
    log.info(`Pull request #${open.number} already merges ${head} into ${base}.`);
    return { ...unchanged, pull: open };
  }
  try {
    const pull = await port.createPull({
      head,
      base,
      title: `Merge ${head} into ${base}`,
      body: pullBody(head, base, comparison.aheadBy),
    });
    return { base, head, aheadBy: comparison.aheadBy, pull, result: 'created' };
  } catch (error) {
    if (!(error instanceof PullExistsError)) throw error;
    // A concurrent run opened it between our look and our create: use that one.
    const again = await port.findOpenPull(head, base);
    if (!again) throw error;
    return { ...unchanged, pull: again };
  }
}
