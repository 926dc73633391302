import type { GitHubClient } from '@shipshape/github';
import { readRepositoryText, toApiError } from '@shipshape/github';
import type { Review } from './reviews';

/** A pull request as GitHub gives it (the REST object, or the event payload's copy of it). */
export interface PullInfo {
  number: number;
  title: string;
  body: string | null;
  state: string;
  merged?: boolean | null;
  merged_by?: { login: string } | null;
  user: { login: string } | null;
  labels: { name?: string }[];
  base: { ref: string; sha?: string };
  head: { ref: string; sha: string };
}

/** Every GitHub call merge-gate makes, and the permission each needs. */
export interface MergeGatePort {
  /** The live pull request (`pull-requests: read`). */
  getPull(number: number): Promise<PullInfo>;
  /** Every review, oldest first, all pages (`pull-requests: read`). */
  listReviews(number: number): Promise<Review[]>;
  /** A file's text at a ref; undefined when it does not exist there (`contents: read`). */
  readFile(path: string, ref: string): Promise<string | undefined>;
}

/** GitHub's largest page: the fewest requests for a PR with many reviews. */
export const REVIEWS_PAGE_SIZE = 100;

export function githubMergeGatePort(octokit: GitHubClient, owner: string, repo: string): MergeGatePort {
  const base = { owner, repo };
  return {
    async getPull(number) {
      const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
      try {
        return (await octokit.request(route, { ...base, pull_number: number })).data as PullInfo;
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    async listReviews(number) {
      const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews';
      try {
        return (await octokit.paginate(route, {
          ...base,
          pull_number: number,
          per_page: REVIEWS_PAGE_SIZE,
        })) as Review[];
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    readFile: (path, ref) => readRepositoryText(octokit, owner, repo, path, ref),
  };
}
