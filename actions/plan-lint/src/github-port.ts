import type { GitHubClient } from '@shipshape/github';
import { statusOf, toApiError } from '@shipshape/github';

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

export interface CommentInfo {
  id: number;
  body?: string;
  user: { login: string; type?: string } | null;
}

/** Every GitHub call plan-lint makes, and the permission each needs. */
export interface PlanLintPort {
  getPull(number: number): Promise<PullInfo>;
  /** Every changed file (all pages; GitHub lists at most 3000). */
  changedFiles(number: number): Promise<string[]>;
  /** A file's text at a ref; undefined when it does not exist there. */
  readFile(path: string, ref: string): Promise<string | undefined>;
  /** A directory's entries at a ref (`''` = the root); undefined when it does not exist. */
  listDirectory(path: string, ref: string): Promise<DirectoryEntry[] | undefined>;
  /**
   * What the token acts as: an installation token (GITHUB_TOKEN, a GitHub App's) writes as the app's bot account,
   * any other token (personal access, OAuth, user-to-server) as its user. Read from the token itself, no request.
   */
  tokenKind(): Promise<'installation' | 'user'>;
  /** The login of the token's user (`GET /user`); undefined when the token may not ask (an installation token). */
  viewerLogin(): Promise<string | undefined>;
  listComments(number: number): Promise<CommentInfo[]>;
  /** The comment GitHub created (its id and author, to recognise it among racing runs' comments). */
  createComment(number: number, body: string): Promise<CommentInfo>;
  updateComment(id: number, body: string): Promise<void>;
  /** Deletes a comment; one that is already gone is not an error. */
  deleteComment(id: number): Promise<void>;
}

export function githubPlanLintPort(octokit: GitHubClient, owner: string, repo: string): PlanLintPort {
  const base = { owner, repo };
  // Asked at most once per run: the token's user does not change.
  let viewer: Promise<string | undefined> | undefined;
  return {
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
        const files = (await octokit.paginate(route, { ...base, pull_number: number, per_page: 100 })) as { filename: string; previous_filename?: string }[];
        // A renamed file changes both paths.
        return files.flatMap((f) => (f.previous_filename ? [f.filename, f.previous_filename] : [f.filename]));
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    async readFile(path, ref) {
      const route = 'GET /repos/{owner}/{repo}/contents/{path}';
      try {
        const res = await octokit.request(route, { ...base, path, ref, mediaType: { format: 'raw' } });
        return typeof res.data === 'string' ? res.data : undefined;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
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
    async tokenKind() {
      // @octokit/auth-token tells the kind from the token's form: `ghs_` (and GHES's older `v1.`) are installation
      // tokens, GITHUB_TOKEN among them (https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/).
      const auth = (await octokit.auth()) as { tokenType?: string };
      return auth.tokenType === 'installation' ? 'installation' : 'user';
    },
    viewerLogin() {
      const route = 'GET /user';
      viewer ??= octokit.request(route).then(
        ({ data }) => (typeof data.login === 'string' ? data.login : undefined),
        (error: unknown) => {
          // "Resource not accessible by integration": installation tokens cannot call it.
          if (statusOf(error) === 403) return undefined;
          throw toApiError(route, error);
        },
      );
      return viewer;
    },
    async listComments(number) {
      const route = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
      try {
        return (await octokit.paginate(route, { ...base, issue_number: number, per_page: 100 })) as CommentInfo[];
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    async createComment(number, body) {
      const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
      try {
        // Not retried blindly: a 5xx may come after GitHub created the comment. The caller looks before retrying.
        const res = await octokit.request(route, { ...base, issue_number: number, body, request: { retries: 0 } });
        return res.data as CommentInfo;
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: write');
      }
    },
    async updateComment(id, body) {
      const route = 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}';
      try {
        await octokit.request(route, { ...base, comment_id: id, body });
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: write');
      }
    },
    async deleteComment(id) {
      const route = 'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}';
      try {
        await octokit.request(route, { ...base, comment_id: id });
      } catch (error) {
        // A racing run may have deleted it first.
        if (statusOf(error) === 404) return;
        throw toApiError(route, error, 'pull-requests: write');
      }
    },
  };
}
