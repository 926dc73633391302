import type { Handler } from './handler';
import * as shape from './shapes';
import { GitHubApiError, type IssueRecord, type IssueStateReason, type PullRequestRecord } from './state';

/**
 * The repository's issue list, and creating and editing issues (https://docs.github.com/rest/issues/issues). Pull
 * requests are issues to these routes: "GitHub's REST API considers every pull request an issue, but not every
 * issue is a pull request. For this reason, "Issues" endpoints may return both issues and pull requests in the
 * response. You can identify pull requests by the `pull_request` key." (List repository issues,
 * https://docs.github.com/rest/issues/issues#list-repository-issues). The emulator has no milestones and no issue
 * types, so those filters match only their `none` value.
 */

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

type Listed = IssueRecord | PullRequestRecord;

const assigneesOf = (record: Listed): string[] => ('head' in record ? [] : record.assignees);

/** `*` (any), `none` or a value: for fields the emulator never sets (milestone, type), only `none` matches. */
function matchesAbsent(filter: string | undefined): boolean {
  return filter === undefined || filter === 'none';
}

function mentions(body: string | null, login: string): boolean {
  if (!body) return false;
  const escaped = login.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w@])@${escaped}(?![\\w-])`, 'i').test(body);
}

/**
 * GET /repos/{owner}/{repo}/issues: open ones by default (`state=all` for both), newest first. `labels` is "A list of
 * comma separated label names" and an issue must carry all of them (label names compare case-insensitively, as on
 * GitHub); `since` keeps issues "last updated after the given time"; `creator`, `assignee` (`*`, `none` or a login)
 * and `mentioned` filter by login. Paginated by the server (30 a page, at most 100).
 */
export const listIssues: Handler = ({ repo, query, shape: ctx }) => {
  const state = str(query.state) ?? 'open';
  let records: Listed[] = [...repo.issues.values(), ...repo.pullRequests.values()].filter(
    (r) => state === 'all' || r.state === state,
  );
  const labels = (str(query.labels) ?? '')
    .split(',')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l !== '');
  if (labels.length > 0) {
    records = records.filter((r) => {
      const own = new Set(r.labels.map((l) => l.toLowerCase()));
      return labels.every((l) => own.has(l));
    });
  }
  const creator = str(query.creator)?.toLowerCase();
  if (creator !== undefined) records = records.filter((r) => r.user.toLowerCase() === creator);
  const assignee = str(query.assignee);
  if (assignee === '*') records = records.filter((r) => assigneesOf(r).length > 0);
  else if (assignee === 'none') records = records.filter((r) => assigneesOf(r).length === 0);
  else if (assignee !== undefined)
    records = records.filter((r) => assigneesOf(r).some((a) => a.toLowerCase() === assignee.toLowerCase()));
  const mentioned = str(query.mentioned);
  if (mentioned !== undefined) records = records.filter((r) => mentions(r.body, mentioned));
  if (!matchesAbsent(str(query.milestone)) || !matchesAbsent(str(query.type))) records = [];
  const since = str(query.since);
  if (since !== undefined) {
    const from = Date.parse(since);
    if (Number.isNaN(from)) throw new GitHubApiError(422, `Invalid since: ${since}`);
    records = records.filter((r) => Date.parse(r.updated_at) >= from);
  }
  const sort = str(query.sort) ?? 'created';
  const direction = str(query.direction) ?? 'desc';
  const key = (r: Listed): string | number =>
    sort === 'updated' ? r.updated_at : sort === 'comments' ? repo.comments(r.number).length : r.created_at;
  records.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order || a.number - b.number;
  });
  if (direction === 'desc') records.reverse();
  return { status: 200, list: records.map((r) => shape.issue(ctx, repo, r)) };
};

/** Label names from a request body: strings, or objects with a name (both are in the description). */
function labelNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const item of value) {
    const name =
      typeof item === 'string'
        ? item
        : item !== null && typeof item === 'object'
          ? str((item as { name?: unknown }).name)
          : undefined;
    if (name !== undefined && name !== '' && !names.some((n) => n.toLowerCase() === name.toLowerCase()))
      names.push(name);
  }
  return names;
}

function assigneeLogins(body: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(body.assignees)) return body.assignees.filter((a): a is string => typeof a === 'string');
  if (typeof body.assignee === 'string') return [body.assignee];
  if (body.assignee === null) return [];
  return undefined;
}

/** The emulator has no milestones: naming one is GitHub's 422 for a milestone that does not exist. */
function refuseMilestone(milestone: unknown): void {
  if (milestone !== undefined && milestone !== null)
    throw new GitHubApiError(422, 'Validation Failed', [{ resource: 'Issue', code: 'invalid', field: 'milestone' }]);
}

/**
 * POST /repos/{owner}/{repo}/issues (https://docs.github.com/rest/issues/issues#create-an-issue): 201 with the issue,
 * written by the token's login. Labels are kept as given, missing ones created on the fly as GitHub does for a writer
 * who may create labels (the description: "Only users with push access can set labels for new issues. Labels are
 * silently dropped otherwise"; the route already requires `issues: write` of a restricted token).
 */
export const createIssue: Handler = ({ repo, body, actor, shape: ctx }) => {
  const title = body.title;
  if (title === undefined || title === null || String(title).trim() === '')
    throw new GitHubApiError(422, 'Validation Failed', [{ resource: 'Issue', code: 'missing_field', field: 'title' }]);
  refuseMilestone(body.milestone);
  const issue = repo.addIssue({
    title: String(title),
    body: str(body.body) ?? null,
    labels: labelNames(body.labels) ?? [],
    assignees: assigneeLogins(body) ?? [],
    user: actor,
  });
  return { status: 201, body: shape.issue(ctx, repo, issue) };
};

/**
 * PATCH /repos/{owner}/{repo}/issues/{issue_number} (https://docs.github.com/rest/issues/issues#update-an-issue), for an
 * issue or a pull request. `labels` and `assignees` replace the current ones; `state_reason` is "Ignored unless
 * `state` is changed": closing defaults it to `completed`, reopening sets `reopened`. A merged pull request stays
 * closed.
 */
export const updateIssue: Handler = ({ repo, params, body, now, shape: ctx }) => {
  const n = Number(params.issue_number);
  const record: Listed | undefined = repo.issues.get(n) ?? repo.pullRequests.get(n);
  if (!record) throw new GitHubApiError(404, 'Not Found');
  refuseMilestone(body.milestone);
  const time = now();
  if (body.title !== undefined && body.title !== null) record.title = String(body.title);
  if (body.body !== undefined) record.body = str(body.body) ?? null;
  const labels = labelNames(body.labels);
  if (labels !== undefined) record.labels = labels;
  const issue = 'head' in record ? undefined : record;
  const assignees = assigneeLogins(body);
  if (issue && assignees !== undefined) issue.assignees = assignees;
  const reason = str(body.state_reason) as IssueStateReason | undefined;
  if (body.state === 'closed' && record.state === 'open') {
    record.state = 'closed';
    record.closed_at = time;
    if (issue) issue.state_reason = reason && reason !== 'reopened' ? reason : 'completed';
  } else if (body.state === 'open' && record.state === 'closed' && !('merged' in record && record.merged)) {
    record.state = 'open';
    record.closed_at = null;
    if (issue) issue.state_reason = 'reopened';
  }
  record.updated_at = time;
  return { status: 200, body: shape.issue(ctx, repo, record) };
};
