import type { GitHubClient } from '@shipshape/github';
import { statusOf, toApiError } from '@shipshape/github';

/** A pull request as "List pull requests associated with a commit" answers it (the fields the alert reads). */
export interface CommitPull {
  number: number;
  title: string;
  body: string | null;
  html_url: string;
  /** Null for a pull request that is open or was closed without merging. */
  merged_at: string | null;
}

/** One page of a comparison: the commits `head` has and `base` has not, oldest first, and how many there are. */
export interface ComparedCommits {
  total: number;
  shas: string[];
}

/**
 * The GitHub calls behind a failure alert's rollback plans, and the permission each needs (the job's token has them
 * with `contents: read` and `pull-requests: read`).
 */
export interface ShippedPullsPort {
  /** The tag of the latest published release (not a draft, not a prerelease); undefined when there is none. */
  latestReleaseTag(): Promise<string | undefined>;
  /** The first `max` (at most 100) commits of `base...head`, oldest first, and the total count. */
  compare(base: string, head: string, max: number): Promise<ComparedCommits>;
  /** The pull requests GitHub associates with a commit. */
  pullsOfCommit(sha: string): Promise<CommitPull[]>;
}

export function githubShippedPullsPort(octokit: GitHubClient, owner: string, repo: string): ShippedPullsPort {
  const base = { owner, repo };
  return {
    async latestReleaseTag() {
      // "The latest release is the most recent non-prerelease, non-draft release" (docs.github.com/en/rest/releases/
      // releases#get-the-latest-release); 404 when the repository has none.
      const route = 'GET /repos/{owner}/{repo}/releases/latest';
      try {
        const { data } = await octokit.request(route, base);
        return (data as { tag_name?: string }).tag_name;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
    async compare(from, to, max) {
      // Without per_page/page, "Compare two commits" lists at most 250 commits; with them it pages through all of
      // them, oldest first (github.blog/changelog/2021-03-22-compare-rest-api-now-supports-pagination; the 250 cap
      // without paging: KnpLabs/php-github-api#1053). One page of `max` is read: `total_commits` says what was left.
      const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
      try {
        const { data } = await octokit.request(route, {
          ...base,
          basehead: `${from}...${to}`,
          per_page: Math.min(100, max),
          page: 1,
        });
        const answer = data as { total_commits?: number; commits?: { sha: string }[] };
        const shas = (answer.commits ?? []).map((c) => c.sha).slice(0, max);
        return { total: answer.total_commits ?? shas.length, shas };
      } catch (error) {
        throw toApiError(route, error, 'contents: read');
      }
    },
    async pullsOfCommit(sha) {
      // "Lists the merged pull request that introduced the commit to the repository. If the commit is not present in
      // the default branch, it will return merged and open pull requests associated with the commit"
      // (docs.github.com/en/rest/commits/commits#list-pull-requests-associated-with-a-commit; github/docs#36646 on
      // the older wording): the caller keeps the merged ones.
      const route = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';
      try {
        const { data } = await octokit.request(route, { ...base, commit_sha: sha, per_page: 100 });
        return data as CommitPull[];
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
  };
}
