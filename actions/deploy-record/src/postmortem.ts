import { createHash } from 'node:crypto';
import type { AuthoredComment } from '@shipshape/github';
import { ownedByToken } from '@shipshape/github';
import { ApiError, summaryLine, truncate, type Logger } from '@shipshape/kit';
import type { ApprovalHistory, IssueRecord, PostmortemPort } from './github-port';
import { fillTemplate, type PlaceholderValues } from './template';

/**
 * One postmortem issue per run. The issue's body starts with a marker naming the run (an HTML comment, invisible when
 * rendered); a re-run finds the issue by it and edits it only when its text changed. The marker alone is not proof:
 * the issue must also be written by the token's own identity (the sticky comments' rule, comment-owner.ts) and, when
 * the run's creation time is known, created after it, so an issue someone else wrote with the marker is never taken.
 *
 * A postmortem is then written by people, in the issue. The marker also holds a digest of the text deploy-record
 * wrote: a re-run rewrites the issue only while the text is still exactly that, never over a person's edits.
 */

/** GitHub refuses a longer issue body: 422 "body is too long (maximum is 65536 characters)" (the REST API's error,
 * as reported in github.com/PyGithub/PyGithub/issues/1906 and googleapis/release-please/issues/1034). JavaScript
 * counts UTF-16 code units, never fewer than GitHub's characters, so a body within this many is within the limit. */
export const MAX_ISSUE_BODY_CHARS = 65_536;
/** Issue titles are one line; a longer one is a mistake in the workflow. */
export const MAX_TITLE_CHARS = 256;
/** An approval's comment is quoted; beyond this it is cut (the full text stays on the run's page). */
export const MAX_APPROVAL_COMMENT_CHARS = 500;

const TRUNCATED = `\n\n_(Cut here: GitHub's issue body limit is ${MAX_ISSUE_BODY_CHARS} characters.)_\n`;

/** What every marker of the run's issue starts with (the space keeps run 12 from matching run 123). */
export function markerPrefix(runId: number): string {
  return `<!-- shipshape:deploy-record run=${runId} `;
}

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);
const MARKED = /^<!-- shipshape:deploy-record run=\d+ digest=([0-9a-f]{16}) -->\n/;

/** Whether the text after the marker is still what deploy-record wrote (nobody has edited the issue since). */
export function untouched(body: string): boolean {
  const match = MARKED.exec(body);
  return match !== null && digestOf(body.slice(match[0].length)) === match[1];
}

/** The run and the commit, as the runner describes them. */
export interface RunFacts {
  repository: string;
  serverUrl: string;
  runId: number;
  runNumber: string;
  workflow: string;
  sha: string;
  /** Who started the run (GITHUB_ACTOR). */
  actor: string;
  /** Who started this attempt (GITHUB_TRIGGERING_ACTOR; the one who re-ran it). */
  triggeringActor: string;
}

export type PostmortemResult = 'created' | 'updated' | 'unchanged';

export interface PostmortemOutcome {
  result: PostmortemResult;
  number: number;
  url: string;
  approvals: ApprovalHistory;
}

/** `alice (production): “Ship it”; bob (production)`: the reviewers who approved, with their comments. */
export function approvedByText(history: ApprovalHistory): string {
  if (!history.known) return 'unknown (the token cannot read the run’s deployment reviews; grant `actions: read`)';
  const approved = history.approvals.filter((a) => a.state === 'approved' && a.user !== '');
  if (approved.length === 0) return 'no one (no deployment review approved this run)';
  return approved
    .map((a) => {
      const where = a.environments.length > 0 ? ` (${summaryLine(a.environments.join(', '))})` : '';
      const said =
        a.comment.trim() === '' ? '' : `: “${summaryLine(truncate(a.comment.trim(), MAX_APPROVAL_COMMENT_CHARS))}”`;
      return `${summaryLine(a.user)}${where}${said}`;
    })
    .join('; ');
}

/** `octocat`, or `hubot (re-run of octocat’s run)` when someone else started this attempt. */
export function triggeredByText(run: RunFacts): string {
  const by = run.triggeringActor || run.actor;
  if (by === '') return 'unknown';
  if (run.actor !== '' && run.actor !== by) return `${summaryLine(by)} (re-run of ${summaryLine(run.actor)}’s run)`;
  return summaryLine(by);
}

export function runUrl(run: RunFacts): string {
  return `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`;
}

/** The commit as a link to it when it is a full SHA (GITHUB_SHA always is). */
export function commitText(run: RunFacts): string {
  if (!/^[0-9a-f]{40}$/.test(run.sha)) return run.sha === '' ? 'unknown' : summaryLine(run.sha);
  return `[\`${run.sha.slice(0, 7)}\`](${run.serverUrl}/${run.repository}/commit/${run.sha})`;
}

/** The body: the marker, then the template filled, cut to GitHub's limit (the marker, first, always survives). */
export function issueBody(template: string, values: PlaceholderValues, runId: number): string {
  const marker = (text: string): string => `${markerPrefix(runId)}digest=${digestOf(text)} -->\n`;
  let text = fillTemplate(template.replace(/\r\n?/g, '\n'), values);
  const room = MAX_ISSUE_BODY_CHARS - marker('').length;
  if (text.length > room) text = truncate(text, room - TRUNCATED.length) + TRUNCATED;
  return marker(text) + text;
}

const asComment = (issue: IssueRecord): AuthoredComment => ({
  id: issue.number,
  body: issue.body ?? '',
  user: issue.user,
});

interface Found {
  issue: IssueRecord | undefined;
  complete: boolean;
}

/** This run's issue: marked with its marker, written by the token's identity, created after the run was. */
async function findOwnIssue(port: PostmortemPort, prefix: string, since: string | undefined): Promise<Found> {
  const listing = await port.listIssues(since);
  const from = since === undefined ? undefined : Date.parse(since);
  const marked = listing.issues.filter(
    (issue) =>
      !issue.pull_request &&
      (issue.body ?? '').startsWith(prefix) &&
      (from === undefined || Number.isNaN(from) || Date.parse(issue.created_at) >= from),
  );
  if (marked.length === 0) return { issue: undefined, complete: listing.complete };
  const owned = await ownedByToken(port, marked.map(asComment));
  const mine = marked.filter((issue) => owned(asComment(issue)));
  const oldest = mine.reduce<IssueRecord | undefined>(
    (low, i) => (low === undefined || i.number < low.number ? i : low),
    undefined,
  );
  return { issue: oldest, complete: listing.complete };
}

export interface PostmortemRequest {
  title: string;
  template: string;
  labels: string[];
  /** Every placeholder's value except approved_by, which is read here. */
  values: Omit<PlaceholderValues, 'approved_by'>;
  runId: number;
}

/** Opens this run's postmortem issue, or updates it when its text changed, or leaves it alone. */
export async function writePostmortem(
  request: PostmortemRequest,
  port: PostmortemPort,
  log: Logger,
): Promise<PostmortemOutcome> {
  const since = await port.runCreatedAt(request.runId);
  const approvals = await port.approvals(request.runId);
  if (!approvals.known) log.warning(`Who approved this run is unknown: ${approvals.why}`, { title: 'deploy-record' });
  const body = issueBody(
    request.template,
    { ...request.values, approved_by: approvedByText(approvals) },
    request.runId,
  );
  const prefix = markerPrefix(request.runId);
  const found = await findOwnIssue(port, prefix, since);
  if (found.issue) {
    const { issue } = found;
    const current = issue.body ?? '';
    const unchanged = { result: 'unchanged', number: issue.number, url: issue.html_url, approvals } as const;
    if (current === body) return unchanged;
    if (!untouched(current)) {
      log.warning(`Postmortem issue #${issue.number} was edited after deploy-record wrote it; it is left as it is.`, {
        title: 'deploy-record',
      });
      return unchanged;
    }
    // The body only: the title and the labels are the team's to change once the issue exists.
    const updated = await port.updateIssue(issue.number, { body });
    return { result: 'updated', number: updated.number, url: updated.html_url, approvals };
  }
  if (!found.complete)
    log.warning(
      `Looked for this run's postmortem issue among the newest issues only; grant \`actions: read\` so the search ` +
        'starts at the run’s creation.',
      { title: 'deploy-record' },
    );
  const fields = { title: request.title, body, labels: request.labels };
  try {
    const created = await port.createIssue(fields);
    return { result: 'created', number: created.number, url: created.html_url, approvals };
  } catch (error) {
    if (!ambiguous(error)) throw error;
    // A 5xx or no answer may come after GitHub created the issue: look once more, and create again only when the
    // issue is provably not there.
    const again = await findOwnIssue(port, prefix, since);
    if (again.issue) return { result: 'created', number: again.issue.number, url: again.issue.html_url, approvals };
    const created = await port.createIssue(fields);
    return { result: 'created', number: created.number, url: created.html_url, approvals };
  }
}

/** A failure after which the write may or may not have happened: a server error, or no answer at all. */
function ambiguous(error: unknown): boolean {
  return error instanceof ApiError && (error.status === undefined || error.status >= 500);
}
