import type { GitHubClient, AuthoredComment, StickyCommentPort } from '@shipshape/github';
import { readRepositoryText, statusOf, toApiError, githubStickyCommentPort } from '@shipshape/github';

export interface PullInfo {
  number: number;
  title: string;
  body: string | null;
  draft?: boolean;
  state: string;
  user: { login: string } | null;
  labels: { name?: string }[];
  base: { ref: string; sha: string };
  head: { sha: string };
}

export interface DirectoryEntry {
  name: string;
  path: string;
  type: string;
}

/** An issue comment of the PR: its id, text and author. */
export type CommentInfo = AuthoredComment;

/**
 * Every GitHub call plan-lint makes, and the permission each needs; the comment calls are the shared sticky comment's.
 */
export interface PlanLintPort extends StickyCommentPort {
  getPull(number: number): Promise<PullInfo>;
  /** Every changed file (all pages; GitHub lists at most 3000). */
  changedFiles(number: number): Promise<string[]>;
  /** A file's text at a ref; undefined when it does not exist there. */
  readFile(path: string, ref: string): Promise<string | undefined>;
  /** A directory's entries at a ref (`''` = the root); undefined when it does not exist. */
  listDirectory(path: string, ref: string): Promise<DirectoryEntry[] | undefined>;
}

export function githubPlanLintPort(octokit: GitHubClient, owner: string, repo: string): PlanLintPort {
  const base = { owner, repo };
  return {
    ...githubStickyCommentPort(octokit, owner, repo),
    async getPull(number) {
      const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
      try {
        return (await octokit.request(route, { ...base, pull_number: number })).data as PullInfo;
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    async changedFiles(number) {
      const route = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
      try {
        const files = (await octokit.paginate(route, { ...base, pull_number: number, per_page: 100 })) as {
          filename: string;
          previous_filename?: string;
        }[];
        // A renamed file changes both paths.
        return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    readFile: (path, ref) => readRepositoryText(octokit, owner, repo, path, ref),
    async listDirectory(path, ref) {
      const route = 'GET /repos/{owner}/{repo}/contents/{path}';
      try {
        const res = await octokit.request(route, { ...base, path, ref });
        return Array.isArray(res.data) ? (res.data as DirectoryEntry[]) : undefined;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
  };
}
