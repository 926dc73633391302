import { InputError } from '@shipshape/kit';
import { Blocked, COMMIT_SHA, type GuardCheck } from '../check';
import type { CommitComparison, GuardPort } from '../github-port';
import { INPUT } from '../inputs';

/**
 * `contains: <commit>`: the deployed commit (`sha`) must contain that commit — a hotfix must be in what ships. GitHub's
 * "Compare two commits" of `contains...sha` answers it from the commit graph: `ahead` (sha descends from it) or
 * `identical` passes; `behind` (sha is older) or `diverged` (sha is on another line) blocks. Never waits.
 */

/** The input's text, with the commit it names when that is known and not already spelled out. */
function named(text: string, sha: string | undefined): string {
  if (COMMIT_SHA.test(text)) return text.slice(0, 12);
  return sha ? `${text} (${sha.slice(0, 12)})` : text;
}

function commits(n: number): string {
  return `${n} commit${n === 1 ? '' : 's'}`;
}

/** Whether `sha` contains the commit: a detail for the summary, or the reason to block naming both commits. */
export function containsVerdict(
  comparison: CommitComparison,
  contains: string,
  sha: string,
): { passed: true; detail: string } | { passed: false; reason: string } {
  const wanted = named(contains, comparison.base_commit.sha);
  switch (comparison.status) {
    case 'identical':
      return { passed: true, detail: `${named(sha, comparison.base_commit.sha)} is ${wanted}` };
    case 'ahead':
      return {
        passed: true,
        detail: `${named(sha, undefined)} contains ${wanted} (${commits(comparison.ahead_by)} after it)`,
      };
    case 'behind':
      return {
        passed: false,
        reason:
          `${named(sha, comparison.merge_base_commit.sha)} (input \`${INPUT.sha}\`) does not contain ${wanted} (input ` +
          `\`${INPUT.contains}\`): it is ${commits(comparison.behind_by)} behind it. Deploy a commit that includes it.`,
      };
    case 'diverged':
      return {
        passed: false,
        reason:
          `${named(sha, undefined)} (input \`${INPUT.sha}\`) does not contain ${wanted} (input \`${INPUT.contains}\`): ` +
          `they diverged at ${comparison.merge_base_commit.sha.slice(0, 12)} (it lacks ${commits(comparison.behind_by)} ` +
          `of that line and has ${comparison.ahead_by} of its own). Deploy a commit that includes it.`,
      };
  }
}

type Compare = GuardPort['compareCommits'];

/** After a 404: which input names a commit GitHub does not know (each compared with itself), or neither. */
async function unknownInput(compare: Compare, contains: string, sha: string): Promise<InputError | undefined> {
  if ((await compare(contains, contains)) === 'not-found')
    return new InputError(INPUT.contains, 'a commit SHA, tag or branch of this repository', contains);
  if ((await compare(sha, sha)) === 'not-found')
    return new InputError(INPUT.sha, 'a commit SHA, tag or branch of this repository', sha);
  return undefined;
}

export const containsCheck: GuardCheck = {
  name: 'contains',
  applies: (settings) => settings.contains !== undefined,
  async run({ settings, deps: { port }, row, result }) {
    const contains = settings.contains as string;
    const sha = settings.sha;
    row.waitedOn = `${contains} in ${sha}`;
    const compare = port.compareCommits.bind(port);
    const comparison = await compare(contains, sha);
    if (comparison === 'not-found') {
      const unknown = await unknownInput(compare, contains, sha);
      if (unknown) throw unknown;
      throw new Blocked(
        `${named(sha, undefined)} (input \`${INPUT.sha}\`) does not contain ${named(contains, undefined)} (input ` +
          `\`${INPUT.contains}\`): they share no history.`,
      );
    }
    const verdict = containsVerdict(comparison, contains, sha);
    if (!verdict.passed) throw new Blocked(verdict.reason);
    row.detail = verdict.detail;
    // A full SHA is the exact commit that was checked; a branch may move, and the commit gate resolves it if on.
    if (COMMIT_SHA.test(sha)) result.checkedSha ??= sha;
  },
};
