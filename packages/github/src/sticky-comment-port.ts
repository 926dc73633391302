import type { AuthoredComment } from './comment-owner';
import { statusOf, toApiError } from './errors';
import type { GitHubClient } from './octokit';
import type { StickyCommentPort } from './sticky-comment';

/** The REST calls behind a sticky comment: issue comments of a pull request, and who the token writes as. */
export function githubStickyCommentPort(octokit: GitHubClient, owner: string, repo: string): StickyCommentPort {
  const base = { owner, repo };
  // Asked at most once per run: the token's user does not change.
  let viewer: Promise<string | undefined> | undefined;
  return {
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
        return (await octokit.paginate(route, { ...base, issue_number: number, per_page: 100 })) as AuthoredComment[];
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    async createComment(number, body) {
      const route = 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments';
      try {
        // Not retried blindly: a 5xx may come after GitHub created the comment. The caller looks before retrying.
        return (await octokit.request(route, { ...base, issue_number: number, body, request: { retries: 0 } }))
          .data as AuthoredComment;
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
