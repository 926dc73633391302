import type { GitHubClient, TokenIdentity } from '@shipshape/github';
import { githubStickyCommentPort, statusOf, toApiError } from '@shipshape/github';

/** One entry of a run's deployment review history (the `environment-approvals` schema). */
export interface Approval {
  user: string;
  /** approved, rejected or pending. */
  state: string;
  comment: string;
  environments: string[];
}

/** Who reviewed the run's deployments, or why that cannot be known (the token may not read it). */
export type ApprovalHistory = { known: true; approvals: Approval[] } | { known: false; why: string };

/** An issue (or pull request: the issues list holds both) as GitHub lists it. */
export interface IssueRecord {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  user: { login: string; type?: string } | null;
  created_at: string;
  /** Present on pull requests only. */
  pull_request?: unknown;
}

export interface IssueListing {
  issues: IssueRecord[];
  /** False when the listing stopped at its page limit with more issues left. */
  complete: boolean;
}

/** Every GitHub call deploy-record makes, with who the token writes as (to recognise its own issue). */
export interface PostmortemPort extends TokenIdentity {
  approvals(runId: number): Promise<ApprovalHistory>;
  /** When the run was created (a re-run keeps it); undefined when the token may not read the run. */
  runCreatedAt(runId: number): Promise<string | undefined>;
  /** Issues and pull requests, any state, updated at or after `since` when given, newest first. */
  listIssues(since: string | undefined): Promise<IssueListing>;
  createIssue(fields: { title: string; body: string; labels: string[] }): Promise<IssueRecord>;
  updateIssue(number: number, fields: { body: string }): Promise<IssueRecord>;
}

export const PAGE_SIZE = 100;
/** Ten pages: the run's issue is among the newest, and an unbounded scan of a large tracker would take minutes. */
export const MAX_PAGES = 10;

interface RawApproval {
  state?: string;
  comment?: string;
  user?: { login?: string } | null;
  environments?: { name?: string }[];
}

export function githubPostmortemPort(octokit: GitHubClient, owner: string, repo: string): PostmortemPort {
  const base = { owner, repo };
  // Who the token writes as: the same rule, and the same calls, as the sticky comments' (comment-owner.ts).
  const identity = githubStickyCommentPort(octokit, owner, repo);
  return {
    tokenKind: () => identity.tokenKind(),
    viewerLogin: () => identity.viewerLogin(),
    async approvals(runId) {
      // "Get the review history for a workflow run" (docs.github.com/rest/actions/workflow-runs): an array of
      // { environments: [{ name, … }], state: approved | rejected | pending, user: { login, … }, comment }.
      const route = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';
      try {
        const { data } = await octokit.request(route, { ...base, run_id: runId });
        const approvals = (data as RawApproval[]).map((entry) => ({
          user: entry.user?.login ?? '',
          state: entry.state ?? '',
          comment: entry.comment ?? '',
          environments: (entry.environments ?? []).map((e) => e.name ?? '').filter((name) => name !== ''),
        }));
        return { known: true, approvals };
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 || status === 404)
          return { known: false, why: toApiError(route, error, 'actions: read').message };
        throw toApiError(route, error, 'actions: read');
      }
    },
    async runCreatedAt(runId) {
      const route = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
      try {
        const { data } = await octokit.request(route, { ...base, run_id: runId });
        return typeof data.created_at === 'string' ? data.created_at : undefined;
      } catch (error) {
        const status = statusOf(error);
        if (status === 403 || status === 404) return undefined;
        throw toApiError(route, error, 'actions: read');
      }
    },
    async listIssues(since) {
      // "List repository issues" (docs.github.com/rest/issues/issues#list-repository-issues): `state=all`, `since`
      // ("only show results that were last updated after the given time", ISO 8601), newest first; pull requests
      // are listed too, with a `pull_request` key.
      const route = 'GET /repos/{owner}/{repo}/issues';
      let pages = 0;
      let complete = true;
      try {
        const issues = (await octokit.paginate(
          route,
          {
            ...base,
            state: 'all',
            sort: 'created',
            direction: 'desc',
            per_page: PAGE_SIZE,
            ...(since === undefined ? {} : { since }),
          },
          (response, done) => {
            pages += 1;
            if (pages >= MAX_PAGES) {
              complete = response.data.length < PAGE_SIZE;
              done();
            }
            return response.data;
          },
        )) as IssueRecord[];
        return { issues, complete };
      } catch (error) {
        throw toApiError(route, error, 'issues: read');
      }
    },
    async createIssue(fields) {
      const route = 'POST /repos/{owner}/{repo}/issues';
      try {
        // Not retried blindly: a 5xx may come after GitHub created the issue. The caller looks before trying again.
        const { data } = await octokit.request(route, { ...base, ...fields, request: { retries: 0 } });
        return data as IssueRecord;
      } catch (error) {
        throw toApiError(route, error, 'issues: write');
      }
    },
    async updateIssue(number, fields) {
      const route = 'PATCH /repos/{owner}/{repo}/issues/{issue_number}';
      try {
        const { data } = await octokit.request(route, { ...base, issue_number: number, ...fields });
        return data as IssueRecord;
      } catch (error) {
        throw toApiError(route, error, 'issues: write');
      }
    },
  };
}
