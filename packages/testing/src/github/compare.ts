import { diffTrees, type CommitRecord, type FileChange } from './git';
import type { Handler } from './handler';
import * as shape from './shapes';
import { GitHubApiError, type EmulatedRepository } from './state';

/**
 * GET /repos/{owner}/{repo}/compare/{basehead} ("Compare two commits",
 * https://docs.github.com/rest/commits/commits#compare-two-commits), answered from the repository's commit graph.
 */

export type ComparisonStatus = 'ahead' | 'behind' | 'identical' | 'diverged';

export interface CommitComparison {
  base: CommitRecord;
  head: CommitRecord;
  mergeBase: CommitRecord;
  status: ComparisonStatus;
  /** Commits reachable from head but not from base (`git log base..head`), oldest first. */
  ahead: CommitRecord[];
  /** How many commits are reachable from base but not from head. */
  behindBy: number;
  /** The changes from the merge base to head (what a three-dot diff shows). */
  files: FileChange[];
}

function ancestors(repo: EmulatedRepository, sha: string): Set<string> {
  const seen = new Set<string>();
  const stack = [sha];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(repo.commits.get(next)?.parents ?? []));
  }
  return seen;
}

/**
 * Compares two commits as GitHub does. Undefined when they share no history (GitHub answers 404 "No common ancestor
 * between … and …"). The repository's commits are kept in the order they were made, parents before children, so
 * filtering that order gives the API's "chronological order" (the description: the endpoint "is equivalent to
 * running the git log BASE..HEAD command", but oldest first), and the last common ancestor in it is a merge base
 * no other common ancestor descends from.
 */
export function compareCommits(
  repo: EmulatedRepository,
  base: CommitRecord,
  head: CommitRecord,
): CommitComparison | undefined {
  const fromBase = ancestors(repo, base.sha);
  const fromHead = ancestors(repo, head.sha);
  const ahead: CommitRecord[] = [];
  let behindBy = 0;
  let mergeBase: CommitRecord | undefined;
  for (const commit of repo.commits.values()) {
    const inBase = fromBase.has(commit.sha);
    const inHead = fromHead.has(commit.sha);
    if (inHead && !inBase) ahead.push(commit);
    else if (inBase && !inHead) behindBy += 1;
    else if (inBase && inHead) mergeBase = commit;
  }
  if (!mergeBase) return undefined;
  const status: ComparisonStatus =
    ahead.length === 0 && behindBy === 0
      ? 'identical'
      : behindBy === 0
        ? 'ahead'
        : ahead.length === 0
          ? 'behind'
          : 'diverged';
  return { base, head, mergeBase, status, ahead, behindBy, files: diffTrees(mergeBase.tree, head.tree) };
}

/**
 * Without `per_page` or `page` the commit list "is limited to 250 commits, and the last commit in the list is the most
 * recent of the entire comparison"; with either, commits come page by page (30 a page by default, at most 100) with
 * Link headers (pagination since https://github.blog/changelog/2021-03-22-compare-rest-api-now-supports-pagination).
 * Files: "only shown on the first page of results, and it includes up to 300 changed files for the entire
 * comparison" (both quotes: the endpoint's description); unpaged answers stop at 300 files too
 * (github/rest-api-description#33).
 */
const UNPAGED_COMMITS = 250;
const MAX_FILES = 300;

/** `BASE...HEAD`, either side optionally `owner:ref` (the same repository's owner only: forks are not emulated). */
function splitBasehead(repo: EmulatedRepository, basehead: string): [string, string] | undefined {
  const at = basehead.indexOf('...');
  if (at <= 0 || at + 3 >= basehead.length) return undefined;
  const side = (text: string): string | undefined => {
    const colon = text.indexOf(':');
    if (colon === -1) return text;
    return text.slice(0, colon).toLowerCase() === repo.owner.toLowerCase() ? text.slice(colon + 1) : undefined;
  };
  const base = side(basehead.slice(0, at));
  const head = side(basehead.slice(at + 3));
  return base && head ? [base, head] : undefined;
}

export const compareHandler: Handler = ({ repo, params, query, shape: ctx }) => {
  const basehead = String(params.basehead);
  const sides = splitBasehead(repo, basehead);
  if (!sides) throw new GitHubApiError(404, 'Not Found');
  const [baseRef, headRef] = sides;
  // An unknown ref or sha on either side is 404 Not Found, as for any missing resource.
  const base = repo.resolveCommit(baseRef);
  const head = repo.resolveCommit(headRef);
  if (!base || !head) throw new GitHubApiError(404, 'Not Found');
  const comparison = compareCommits(repo, base, head);
  if (!comparison) throw new GitHubApiError(404, `No common ancestor between ${baseRef} and ${headRef}.`);

  const paged = query.per_page !== undefined || query.page !== undefined;
  const perPage = Math.max(1, Math.min(Number(query.per_page ?? 30) || 30, 100));
  const page = Math.max(1, Number(query.page ?? 1) || 1);
  const commits = paged
    ? comparison.ahead.slice((page - 1) * perPage, page * perPage)
    : comparison.ahead.slice(-UNPAGED_COMMITS);
  const files = !paged || page === 1 ? comparison.files.slice(0, MAX_FILES) : undefined;
  const body = shape.comparison(ctx, repo, { baseRef, headRef, comparison, commits, files });
  if (!paged) return { status: 200, body };
  return { status: 200, body, pages: { page, last: Math.max(1, Math.ceil(comparison.ahead.length / perPage)) } };
};
