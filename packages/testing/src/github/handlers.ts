import * as shape from './shapes';
import {
  GITHUB_ACTIONS_APP,
  GitHubApiError,
  type CheckRunRecord,
  type CommitState,
  type DeploymentRecord,
  type DeploymentState,
  type EmulatedRepository,
  type PullRequestRecord,
  type ReleaseMakeLatest,
  type ReleaseRecord,
} from './state';
import type { CommitRecord } from './git';
import { createPull, putContents, updatePull } from './authoring';
import { compareHandler } from './compare';
import { createIssue, listIssues, updateIssue } from './issues';
import type { Answer, Handler, HandlerRequest } from './handler';

export type { Answer, Handler, HandlerRequest } from './handler';

/**
 * One function per emulated route. A handler reads the (already validated) request, changes the repository and
 * returns the answer; GitHub's error answers are thrown as GitHubApiError. Pagination, ETags, rate-limit headers,
 * faults and permissions are the server's job.
 */

const notFound = (): GitHubApiError => new GitHubApiError(404, 'Not Found');
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function resolveOr422(repo: EmulatedRepository, ref: string): CommitRecord {
  const commit = repo.resolveCommit(ref);
  if (!commit) throw new GitHubApiError(422, `No commit found for SHA: ${ref}`);
  return commit;
}

function resolveOr404(repo: EmulatedRepository, ref: string): CommitRecord {
  const commit = repo.resolveCommit(ref);
  if (!commit) throw new GitHubApiError(404, `No commit found for SHA: ${ref}`);
  return commit;
}

function isRaw(accept: string): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

// ---- contents, commits, refs --------------------------------------------------------------------------------------

const getContents: Handler = ({ repo, params, query, accept, shape: ctx }) => {
  const ref = str(query.ref) ?? repo.default_branch;
  const commit = repo.resolveCommit(ref);
  if (!commit) throw new GitHubApiError(404, `No commit found for the ref ${ref}`);
  const path = String(params.path).replace(/^\/+|\/+$/g, '');
  const text = commit.tree.get(path);
  if (text !== undefined) {
    if (isRaw(accept)) return { status: 200, raw: text, contentType: 'application/vnd.github.raw; charset=utf-8' };
    return { status: 200, body: shape.contentFile(ctx, repo, path, ref, text) };
  }
  const prefix = path === '' ? '' : `${path}/`;
  const entries = new Map<string, 'file' | 'dir'>();
  for (const file of commit.tree.keys()) {
    if (!file.startsWith(prefix)) continue;
    const [name, ...rest] = file.slice(prefix.length).split('/');
    entries.set(`${prefix}${name}`, rest.length > 0 ? 'dir' : 'file');
  }
  if (entries.size === 0) throw notFound();
  const listing = [...entries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, kind]) => shape.contentDirectoryEntry(ctx, repo, p, ref, kind, commit.tree.get(p)));
  return { status: 200, body: listing };
};

const getCommit: Handler = ({ repo, params, query, shape: ctx }) => {
  const commit = resolveOr422(repo, String(params.ref));
  const files = repo.commitChanges(commit);
  const perPage = Math.min(Number(query.per_page ?? 300), 300);
  const page = Number(query.page ?? 1);
  return {
    status: 200,
    body: shape.commit(ctx, repo, commit, files.slice((page - 1) * perPage, page * perPage), files),
  };
};

const getRef: Handler = ({ repo, params, shape: ctx }) => {
  const ref = `refs/${String(params.ref)}`;
  const sha = repo.refs.get(ref);
  if (!sha) throw notFound();
  return { status: 200, body: shape.gitRef(ctx, repo, ref, sha) };
};

const matchingRefs: Handler = ({ repo, params, shape: ctx }) => {
  const prefix = `refs/${String(params.ref)}`;
  const refs = [...repo.refs].filter(([ref]) => ref.startsWith(prefix)).sort(([a], [b]) => a.localeCompare(b));
  return { status: 200, body: refs.map(([ref, sha]) => shape.gitRef(ctx, repo, ref, sha)) };
};

const createRef: Handler = ({ repo, body, shape: ctx }) => {
  const ref = String(body.ref);
  const sha = String(body.sha);
  if (!ref.startsWith('refs/') || ref.split('/').length < 3)
    throw new GitHubApiError(422, 'Reference name must start with refs/ and have at least two slashes');
  if (!repo.commits.has(sha)) throw new GitHubApiError(422, 'Object does not exist');
  // GitHub's 422 for an existing ref is `{"message":"Reference already exists"}` (seen in renovatebot/renovate#20281,
  // peterjgrainger/action-create-branch#389). It also answers 422 "Reference update failed" when nothing was
  // written (github/rest-api-description#4887): tests inject that one with a fault.
  if (repo.refs.has(ref)) throw new GitHubApiError(422, 'Reference already exists');
  repo.refs.set(ref, sha);
  return { status: 201, body: shape.gitRef(ctx, repo, ref, sha) };
};

const updateRef: Handler = ({ repo, params, body, shape: ctx }) => {
  const ref = `refs/${String(params.ref)}`;
  const sha = String(body.sha);
  const current = repo.refs.get(ref);
  if (!current) throw new GitHubApiError(422, 'Reference does not exist');
  if (!repo.commits.has(sha)) throw new GitHubApiError(422, 'Object does not exist');
  if (body.force !== true && !repo.isAncestor(current, sha))
    throw new GitHubApiError(422, 'Update is not a fast forward');
  repo.refs.set(ref, sha);
  return { status: 200, body: shape.gitRef(ctx, repo, ref, sha) };
};

const deleteRef: Handler = ({ repo, params }) => {
  const ref = `refs/${String(params.ref)}`;
  // A missing ref is 422 "Reference does not exist", not 404 (jcabi/jcabi-github#1335,
  // googleapis/repo-automation-bots#3197).
  if (!repo.refs.delete(ref)) throw new GitHubApiError(422, 'Reference does not exist');
  return { status: 204 };
};

// ---- releases -----------------------------------------------------------------------------------------------------

function visibleRelease(request: HandlerRequest, release: ReleaseRecord | undefined): ReleaseRecord {
  // Drafts are listed only to users with push access.
  if (!release || (release.draft && !request.pushAccess)) throw notFound();
  return release;
}

const listReleases: Handler = (request) => {
  const { repo, shape: ctx } = request;
  const visible = repo.releases.filter((r) => !r.draft || request.pushAccess);
  return { status: 200, list: visible.map((r) => shape.release(ctx, repo, r)) };
};

const latestRelease: Handler = ({ repo, shape: ctx }) => {
  const release = repo.latestRelease;
  if (!release) throw notFound();
  return { status: 200, body: shape.release(ctx, repo, release) };
};

const releaseByTag: Handler = ({ repo, params, shape: ctx }) => {
  // GitHub's quirk: drafts are invisible here, even to a token that can see them in the list.
  const release = repo.releases.find((r) => r.tag_name === params.tag && !r.draft);
  if (!release) throw notFound();
  return { status: 200, body: shape.release(ctx, repo, release) };
};

const getRelease: Handler = (request) => {
  const release = visibleRelease(request, request.repo.release(Number(request.params.release_id)));
  return { status: 200, body: shape.release(request.shape, request.repo, release) };
};

function alreadyExists(): GitHubApiError {
  return new GitHubApiError(422, 'Validation Failed', [
    { resource: 'Release', code: 'already_exists', field: 'tag_name' },
  ]);
}

/**
 * `make_latest: "true"` on a release that is (or stays) a draft or a prerelease. GitHub's REST reference for create
 * and update a release: "Drafts and prereleases cannot be set as latest"; the answer users report is 422 with this
 * custom error, for a PATCH that leaves a release a draft or a prerelease (cli/cli#6853, kaito-project/kaito#1680,
 * openclaw/openclaw#139297) and when publishing a prerelease (getsentry/craft#583). Nothing of the request is applied.
 */
/**
 * A release body over 125,000 characters: 422 with this custom error on create and update
 * (softprops/action-gh-release#374,
 * ncipollo/release-action#493, scikit-build/github-release#65 for an update; the limit is not in the REST docs).
 * Counted in Unicode code points, as Ruby's String#length counts; nothing of the request is applied.
 */
const MAX_RELEASE_BODY = 125_000;
function checkBodyLength(body: unknown): void {
  if (typeof body === 'string' && body.length > MAX_RELEASE_BODY && [...body].length > MAX_RELEASE_BODY) {
    throw new GitHubApiError(422, 'Validation Failed', [
      {
        resource: 'Release',
        code: 'custom',
        field: 'body',
        message: `body is too long (maximum is ${MAX_RELEASE_BODY} characters)`,
      },
    ]);
  }
}

function checkMakeLatest(makeLatest: unknown, draft: boolean, prerelease: boolean): void {
  if (makeLatest === 'true' && (draft || prerelease)) {
    throw new GitHubApiError(422, 'Validation Failed', [
      { resource: 'Release', code: 'custom', message: 'Latest release cannot be draft or prerelease.' },
    ]);
  }
}

/** Creates the tag of a release being published, at its target, as GitHub does. */
function ensureTag(repo: EmulatedRepository, release: ReleaseRecord): void {
  if (repo.refs.has(`refs/tags/${release.tag_name}`)) return;
  const commit = repo.resolveCommit(release.target_commitish);
  if (!commit)
    throw new GitHubApiError(422, 'Validation Failed', [
      { resource: 'Release', code: 'invalid', field: 'target_commitish' },
    ]);
  repo.refs.set(`refs/tags/${release.tag_name}`, commit.sha);
}

const createRelease: Handler = (request) => {
  const { repo, body, shape: ctx } = request;
  const tag = String(body.tag_name);
  if (repo.releases.some((r) => r.tag_name === tag && !r.draft)) throw alreadyExists();
  const target = str(body.target_commitish) ?? repo.default_branch;
  const draft = body.draft === true;
  checkMakeLatest(body.make_latest, draft, body.prerelease === true);
  checkBodyLength(body.body);
  if (!repo.refs.has(`refs/tags/${tag}`) && !repo.resolveCommit(target)) {
    throw new GitHubApiError(422, 'Validation Failed', [
      { resource: 'Release', code: 'invalid', field: 'target_commitish' },
    ]);
  }
  let text = str(body.body) ?? null;
  if (body.generate_release_notes === true) {
    const notes = releaseNotes(repo, ctx, tag, target, undefined);
    text = text ? `${text}\n\n${notes.body}` : notes.body;
  }
  const now = request.now();
  const release = repo.addRelease({
    tag_name: tag,
    target_commitish: target,
    name: str(body.name) ?? (body.generate_release_notes === true ? tag : null),
    body: text,
    draft,
    prerelease: body.prerelease === true,
    created_at: now,
    author: request.actor,
    make_latest: str(body.make_latest) as ReleaseMakeLatest | undefined,
  });
  if (!release.draft) repo.recordPublished(release, request.actor);
  return { status: 201, body: shape.release(ctx, repo, release) };
};

/**
 * What a published immutable release refuses: a new tag (the immutable-releases docs: its Git tag cannot be moved;
 * github/docs#45718 measured it), going back to a draft (422 "state cannot be changed when release is immutable",
 * cameronrye/openzim-mcp#215, for `gh release edit --draft=true`) and a new target (422 "target_commitish cannot be
 * changed when release is immutable", AprilNEA/OpenLogi#55). Title, notes, prerelease and make_latest stay editable
 * (github/docs#45718). Sending a value the release already has changes nothing and is accepted here: no public
 * report says otherwise. The tag_name wording follows the two quoted ones; no report quotes GitHub's.
 */
function checkImmutable(release: ReleaseRecord, body: Record<string, unknown>): void {
  if (!release.immutable) return;
  const refuse = (message: string): GitHubApiError =>
    new GitHubApiError(422, 'Validation Failed', [{ resource: 'Release', code: 'custom', message }]);
  if (body.draft === true) throw refuse('state cannot be changed when release is immutable');
  if (typeof body.tag_name === 'string' && body.tag_name !== release.tag_name)
    throw refuse('tag_name cannot be changed when release is immutable');
  if (typeof body.target_commitish === 'string' && body.target_commitish !== release.target_commitish)
    throw refuse('target_commitish cannot be changed when release is immutable');
}

const updateRelease: Handler = (request) => {
  const { repo, body, shape: ctx } = request;
  const release = visibleRelease(request, repo.release(Number(request.params.release_id)));
  const tag = str(body.tag_name);
  if (
    tag !== undefined &&
    tag !== release.tag_name &&
    repo.releases.some((r) => r.id !== release.id && r.tag_name === tag && !r.draft)
  )
    throw alreadyExists();
  const wasDraft = release.draft;
  checkImmutable(release, body);
  checkBodyLength(body.body);
  checkMakeLatest(
    body.make_latest,
    typeof body.draft === 'boolean' ? body.draft : release.draft,
    typeof body.prerelease === 'boolean' ? body.prerelease : release.prerelease,
  );
  if (tag !== undefined) release.tag_name = tag;
  if (typeof body.target_commitish === 'string') release.target_commitish = body.target_commitish;
  if (typeof body.name === 'string') release.name = body.name;
  if (typeof body.body === 'string') release.body = body.body;
  if (typeof body.draft === 'boolean') release.draft = body.draft;
  if (typeof body.prerelease === 'boolean') release.prerelease = body.prerelease;
  if (!release.draft) {
    ensureTag(repo, release);
    if (wasDraft) {
      release.published_at = request.now();
      // Publishing is when immutability starts (cli/cli#11945: "enforced only after a release is published").
      release.immutable = repo.immutableReleases;
      repo.recordPublished(release, request.actor);
    }
  }
  const makeLatest = str(body.make_latest) as ReleaseMakeLatest | undefined;
  // make_latest defaults to true only for a release being published now.
  if (makeLatest !== undefined || (wasDraft && !release.draft)) repo.applyMakeLatest(release, makeLatest ?? 'true');
  if (release.draft || release.prerelease) {
    if (repo.latestReleaseId === release.id) repo.latestReleaseId = undefined;
  }
  return { status: 200, body: shape.release(ctx, repo, release) };
};

const deleteRelease: Handler = (request) => {
  const release = visibleRelease(request, request.repo.release(Number(request.params.release_id)));
  request.repo.deleteRelease(release.id);
  return { status: 204 };
};

function releaseNotes(
  repo: EmulatedRepository,
  ctx: shape.ShapeContext,
  tag: string,
  target: string,
  previousTag: string | undefined,
): { name: string; body: string } {
  const head = repo.resolveCommit(`refs/tags/${tag}`) ?? repo.resolveCommit(target);
  if (!head)
    throw new GitHubApiError(422, 'Validation Failed', [
      { resource: 'Release', code: 'invalid', field: 'target_commitish' },
    ]);
  let previous = previousTag;
  if (previous === undefined) {
    // The newest published release whose tag is behind the target.
    previous = repo.releases.find((r) => {
      if (r.draft || r.tag_name === tag) return false;
      const sha = repo.refs.get(`refs/tags/${r.tag_name}`);
      return sha !== undefined && repo.isAncestor(sha, head.sha);
    })?.tag_name;
  }
  const previousSha = previous === undefined ? undefined : repo.refs.get(`refs/tags/${previous}`);
  if (previous !== undefined && previousSha === undefined) throw new GitHubApiError(404, 'Not Found');
  const merged = [...repo.pullRequests.values()].filter(
    (pr) =>
      pr.merge_commit_sha &&
      repo.isAncestor(pr.merge_commit_sha, head.sha) &&
      !(previousSha && repo.isAncestor(pr.merge_commit_sha, previousSha)),
  );
  const web = `${ctx.web}/${repo.full_name}`;
  const lines: string[] = [];
  if (merged.length > 0) {
    lines.push("## What's Changed");
    for (const pr of merged.sort((a, b) => a.number - b.number))
      lines.push(`* ${pr.title} by @${pr.user} in ${web}/pull/${pr.number}`);
    lines.push('');
    lines.push('');
  }
  lines.push(
    previous ? `**Full Changelog**: ${web}/compare/${previous}...${tag}` : `**Full Changelog**: ${web}/commits/${tag}`,
  );
  return { name: tag, body: lines.join('\n') };
}

const generateNotes: Handler = ({ repo, body, shape: ctx }) => {
  const tag = String(body.tag_name);
  const notes = releaseNotes(
    repo,
    ctx,
    tag,
    str(body.target_commitish) ?? repo.default_branch,
    str(body.previous_tag_name),
  );
  return { status: 200, body: notes };
};

// ---- pull requests and issues ---------------------------------------------------------------------------------------

function pullOr404(repo: EmulatedRepository, number: unknown): PullRequestRecord {
  const pr = repo.pullRequest(Number(number));
  if (!pr) throw notFound();
  return pr;
}

const listPulls: Handler = ({ repo, query, shape: ctx }) => {
  const state = str(query.state) ?? 'open';
  const head = str(query.head);
  const base = str(query.base);
  const sort = str(query.sort) ?? 'created';
  const direction = str(query.direction) ?? (sort === 'long-running' ? 'asc' : 'desc');
  let pulls = [...repo.pullRequests.values()].filter((pr) => state === 'all' || pr.state === state);
  if (base) pulls = pulls.filter((pr) => pr.base === base);
  if (head) {
    const [owner, ref] = head.includes(':') ? (head.split(':', 2) as [string, string]) : [undefined, head];
    pulls = pulls.filter(
      (pr) => pr.head.ref === ref && (owner === undefined || owner.toLowerCase() === repo.owner.toLowerCase()),
    );
  }
  const key = sort === 'updated' ? (pr: PullRequestRecord) => pr.updated_at : (pr: PullRequestRecord) => pr.created_at;
  pulls.sort((a, b) => key(a).localeCompare(key(b)) || a.number - b.number);
  if (direction === 'desc') pulls.reverse();
  return { status: 200, list: pulls.map((pr) => shape.pullRequest(ctx, repo, pr, false)) };
};

const getPull: Handler = ({ repo, params, shape: ctx }) => ({
  status: 200,
  body: shape.pullRequest(ctx, repo, pullOr404(repo, params.pull_number), true),
});

const pullFiles: Handler = ({ repo, params, shape: ctx }) => {
  const pr = pullOr404(repo, params.pull_number);
  // GitHub lists at most 3000 files.
  return {
    status: 200,
    list: shape
      .pullRequestFiles(pr)
      .slice(0, 3000)
      .map((f) => shape.diffEntry(ctx, repo, pr.head.sha, f)),
  };
};

/** GET …/pulls/{n}/reviews: oldest first, paginated like every list (30 a page by default, at most 100). */
const pullReviews: Handler = ({ repo, params, shape: ctx }) => {
  const pr = pullOr404(repo, params.pull_number);
  return { status: 200, list: repo.reviews(pr.number).map((r) => shape.review(ctx, repo, pr.number, r)) };
};

const commitPulls: Handler = ({ repo, params, shape: ctx }) => {
  const commit = resolveOr422(repo, String(params.commit_sha));
  const baseHead = repo.refs.get(`refs/heads/${repo.default_branch}`);
  const onDefault = baseHead !== undefined && repo.isAncestor(commit.sha, baseHead);
  const pulls = [...repo.pullRequests.values()].filter((pr) => {
    if (pr.merge_commit_sha === commit.sha) return true;
    // A commit on the default branch lists only the merged pull request that introduced it.
    if (onDefault) return false;
    return pr.head.sha === commit.sha || repo.isAncestor(commit.sha, pr.head.sha);
  });
  return { status: 200, list: pulls.map((pr) => shape.pullRequest(ctx, repo, pr, false)) };
};

function issueOr404(repo: EmulatedRepository, number: unknown): void {
  const n = Number(number);
  if (!repo.pullRequests.has(n) && !repo.issues.has(n)) throw notFound();
}

const getIssue: Handler = ({ repo, params, shape: ctx }) => {
  const n = Number(params.issue_number);
  const record = repo.issues.get(n) ?? repo.pullRequests.get(n);
  if (!record) throw notFound();
  return { status: 200, body: shape.issue(ctx, repo, record) };
};

const listComments: Handler = ({ repo, params, query, shape: ctx }) => {
  issueOr404(repo, params.issue_number);
  const n = Number(params.issue_number);
  const since = str(query.since);
  const comments = repo.comments(n).filter((c) => since === undefined || Date.parse(c.updated_at) >= Date.parse(since));
  return { status: 200, list: comments.map((c) => shape.issueComment(ctx, repo, n, c)) };
};

const createComment: Handler = ({ repo, params, body, actor, shape: ctx }) => {
  issueOr404(repo, params.issue_number);
  const n = Number(params.issue_number);
  const comment = repo.addComment(n, { body: String(body.body), user: actor });
  return { status: 201, body: shape.issueComment(ctx, repo, n, comment) };
};

const updateComment: Handler = ({ repo, params, body, now, shape: ctx }) => {
  const found = repo.findComment(Number(params.comment_id));
  if (!found) throw notFound();
  found.comment.body = String(body.body);
  found.comment.updated_at = now();
  return { status: 200, body: shape.issueComment(ctx, repo, found.number, found.comment) };
};

const deleteComment: Handler = ({ repo, params }) => {
  if (!repo.deleteComment(Number(params.comment_id))) throw notFound();
  return { status: 204 };
};

const issueLabels: Handler = ({ repo, params, shape: ctx }) => {
  const n = Number(params.issue_number);
  const record = repo.issues.get(n) ?? repo.pullRequests.get(n);
  if (!record) throw notFound();
  return { status: 200, list: shape.labels(ctx, repo, record.labels) };
};

// ---- statuses and checks ------------------------------------------------------------------------------------------

/**
 * GitHub caps a status description at 140 characters: `422 Validation Failed` with `{ resource: 'Status', code:
 * 'custom', field: 'description', message: 'description is too long (maximum is 140 characters)' }` (zalando/zappr#378;
 * also inaka/erlang-github#42, unicode-org/jira-github-pr-check#7). A Rails length validation, so characters are
 * Unicode code points (Ruby's String#length), not UTF-16 code units: 140 emoji fit.
 */
const MAX_STATUS_DESCRIPTION = 140;

const createStatus: Handler = ({ repo, params, body, actor, shape: ctx }) => {
  const commit = resolveOr422(repo, String(params.sha));
  const description = str(body.description);
  if (description !== undefined && [...description].length > MAX_STATUS_DESCRIPTION) {
    throw new GitHubApiError(422, 'Validation Failed', [
      {
        resource: 'Status',
        code: 'custom',
        field: 'description',
        message: `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`,
      },
    ]);
  }
  const record = repo.addStatus(commit.sha, {
    state: body.state as CommitState,
    context: str(body.context) ?? 'default',
    description: str(body.description) ?? null,
    target_url: str(body.target_url) ?? null,
    creator: actor,
  });
  return { status: 201, body: shape.status(ctx, repo, record) };
};

/**
 * GitHub's rule: failure if any latest-per-context status is failure or error, pending if any is pending or none exist.
 */
export function combinedState(states: CommitState[]): 'failure' | 'pending' | 'success' {
  if (states.some((s) => s === 'failure' || s === 'error')) return 'failure';
  if (states.length === 0 || states.some((s) => s === 'pending')) return 'pending';
  return 'success';
}

const combinedStatus: Handler = ({ repo, params, query, shape: ctx }) => {
  const commit = resolveOr404(repo, String(params.ref));
  const latest = new Map<string, ReturnType<EmulatedRepository['statuses']>[number]>();
  for (const status of repo.statuses(commit.sha)) if (!latest.has(status.context)) latest.set(status.context, status);
  const statuses = [...latest.values()];
  const perPage = Math.min(Number(query.per_page ?? 100), 100);
  const page = Number(query.page ?? 1);
  return {
    status: 200,
    body: {
      state: combinedState(statuses.map((s) => s.state)),
      statuses: statuses.slice((page - 1) * perPage, page * perPage).map((s) => shape.simpleStatus(ctx, repo, s)),
      sha: commit.sha,
      total_count: statuses.length,
      repository: shape.minimalRepository(ctx, repo),
      commit_url: `${ctx.api}/repos/${repo.full_name}/commits/${commit.sha}`,
      url: `${ctx.api}/repos/${repo.full_name}/commits/${commit.sha}/status`,
    },
  };
};

const listStatuses: Handler = ({ repo, params, shape: ctx }) => {
  const commit = resolveOr404(repo, String(params.ref));
  return { status: 200, list: repo.statuses(commit.sha).map((s) => shape.status(ctx, repo, s)) };
};

/**
 * Every GitHub Actions job is a check run of its run's commit: the same id as the job (the job's `check_run_url`
 * ends in it), app `github-actions`, the workflow run's check suite (`check_suite_id` of the run), and `details_url`
 * the job's page `…/actions/runs/{run_id}/job/{job_id}` (docs: "Using the REST API to interact with checks" — "GitHub
 * Actions creates a check run for each job"; the jobs endpoint's `check_run_url`). Its status is the job's: `pending`
 * while it waits for a concurrency group, `waiting` while it waits for an environment's approval.
 */
function jobCheckRuns(repo: EmulatedRepository, ctx: shape.ShapeContext, sha: string): CheckRunRecord[] {
  return repo.workflowRuns
    .filter((run) => run.head_sha === sha)
    .flatMap((run) =>
      repo.jobsOf(run).map((job) => ({
        id: job.id,
        head_sha: sha,
        name: job.name,
        status: job.status,
        conclusion: job.conclusion,
        app: GITHUB_ACTIONS_APP,
        started_at:
          job.status === 'queued' || job.status === 'pending' || job.status === 'waiting' ? null : run.run_started_at,
        completed_at: job.status === 'completed' ? run.updated_at : null,
        external_id: `job-${job.id}`,
        details_url: `${ctx.web}/${repo.full_name}/actions/runs/${run.id}/job/${job.id}`,
        output: { title: null, summary: null, text: null },
        check_suite_id: shape.runCheckSuiteId(repo, run),
      })),
    );
}

const listCheckRuns: Handler = ({ repo, params, query, shape: ctx }) => {
  const commit = resolveOr404(repo, String(params.ref));
  let runs = [...repo.checkRuns.filter((c) => c.head_sha === commit.sha), ...jobCheckRuns(repo, ctx, commit.sha)];
  if (typeof query.check_name === 'string') runs = runs.filter((c) => c.name === query.check_name);
  if (typeof query.status === 'string') runs = runs.filter((c) => c.status === query.status);
  if (typeof query.app_id === 'number') runs = runs.filter((c) => c.app.id === query.app_id);
  if ((str(query.filter) ?? 'latest') === 'latest') {
    // The most recent run of each check name per check suite (a re-run replaces the earlier one). Not per app: two
    // workflows' jobs of the same name are two suites, and both are listed (mono/SkiaSharp#4940: two `test` check runs
    // of one commit from two workflows, listed with the default filter).
    const suiteOf = (run: (typeof runs)[number]): number =>
      run.check_suite_id ?? shape.appCheckSuiteId(repo, run.head_sha, run.app.id);
    const keyOf = (run: (typeof runs)[number]): string => `${suiteOf(run)}\u0000${run.name}`;
    const newest = new Map<string, (typeof runs)[number]>();
    for (const run of runs) {
      const seen = newest.get(keyOf(run));
      if (!seen || seen.id < run.id) newest.set(keyOf(run), run);
    }
    runs = runs.filter((r) => newest.get(keyOf(r)) === r);
  }
  runs = [...runs].sort((a, b) => b.id - a.id);
  return { status: 200, list: runs.map((r) => shape.checkRun(ctx, repo, r)), wrap: 'check_runs' };
};

// ---- actions ------------------------------------------------------------------------------------------------------

const listWorkflows: Handler = ({ repo, shape: ctx }) => ({
  status: 200,
  list: repo.workflows.map((w) => shape.workflow(ctx, repo, w)),
  wrap: 'workflows',
});

function workflowOr404(repo: EmulatedRepository, key: unknown) {
  // The API takes an id or a file name, never a display name.
  const workflow = repo.workflow(key as string | number, false);
  if (!workflow) throw notFound();
  return workflow;
}

const getWorkflow: Handler = ({ repo, params, shape: ctx }) => ({
  status: 200,
  body: shape.workflow(ctx, repo, workflowOr404(repo, params.workflow_id)),
});

const RUN_CONCLUSIONS = new Set([
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'skipped',
  'stale',
  'success',
  'timed_out',
]);

/** GitHub's search syntax for dates: `2026-03-01`, `>=2026-03-01T10:00:00Z`, `a..b`, `a..*`, `*..b`. */
export function matchesCreated(filter: string, createdAt: string): boolean {
  const time = Date.parse(createdAt);
  const bound = (text: string, end: boolean): number => {
    if (text === '*') return end ? Infinity : -Infinity;
    const parsed = Date.parse(text);
    if (Number.isNaN(parsed)) throw new GitHubApiError(422, `Invalid created filter: ${filter}`);
    // A bare date covers the whole day.
    return end && /^\d{4}-\d{2}-\d{2}$/.test(text) ? parsed + 86_400_000 - 1 : parsed;
  };
  const range = /^(.+)\.\.(.+)$/.exec(filter);
  if (range) return time >= bound(range[1] as string, false) && time <= bound(range[2] as string, true);
  const comparison = /^(>=|<=|>|<)(.+)$/.exec(filter);
  if (comparison) {
    const [, op, value] = comparison as unknown as [string, string, string];
    if (op === '>=') return time >= bound(value, false);
    if (op === '>') return time > bound(value, true);
    if (op === '<=') return time <= bound(value, true);
    return time < bound(value, false);
  }
  return time >= bound(filter, false) && time <= bound(filter, true);
}

/**
 * The run-list parameters GitHub answers through its search index: "This API will return up to 1,000 results for each
 * search when using the following parameters: actor, branch, check_suite_id, created, event, head_sha, status" (REST
 * docs for both run lists, as in octokit/plugin-rest-endpoint-methods.js docs/actions/listWorkflowRunsForRepo.md).
 * Filtered answers are also known to miss runs the unfiltered list shows (actions/actions-runner-controller#362:
 * `status=queued` answered total_count 0 while queued runs were listed; softprops/turnstyle#31: a run just created is
 * not in the filtered list yet). So a filtered list leaves out runs not indexed yet and stops at 1,000 runs.
 */
const SEARCH_PARAMETERS = ['actor', 'branch', 'check_suite_id', 'created', 'event', 'head_sha', 'status'] as const;
const SEARCH_CAP = 1000;

function listRuns(request: HandlerRequest, workflowId: number | undefined): Answer {
  const { repo, query, shape: ctx } = request;
  const searched = SEARCH_PARAMETERS.some((name) => query[name] !== undefined);
  let runs = repo.workflowRuns.filter(
    (r) => (workflowId === undefined || r.workflow_id === workflowId) && (!searched || r.indexed),
  );
  const status = str(query.status);
  if (status) runs = runs.filter((r) => (RUN_CONCLUSIONS.has(status) ? r.conclusion === status : r.status === status));
  if (typeof query.branch === 'string') runs = runs.filter((r) => r.head_branch === query.branch);
  if (typeof query.event === 'string') runs = runs.filter((r) => r.event === query.event);
  if (typeof query.head_sha === 'string') runs = runs.filter((r) => r.head_sha === query.head_sha);
  if (typeof query.actor === 'string') runs = runs.filter((r) => r.actor === query.actor);
  const created = str(query.created);
  if (created) runs = runs.filter((r) => matchesCreated(created, r.created_at));
  runs = [...runs].sort((a, b) => b.created_at.localeCompare(a.created_at) || b.id - a.id);
  if (searched) runs = runs.slice(0, SEARCH_CAP);
  return { status: 200, list: runs.map((r) => shape.workflowRun(ctx, repo, r)), wrap: 'workflow_runs' };
}

const listRepoRuns: Handler = (request) => listRuns(request, undefined);
const listWorkflowRuns: Handler = (request) =>
  listRuns(request, workflowOr404(request.repo, request.params.workflow_id).id);

const getRun: Handler = ({ repo, params, shape: ctx }) => {
  const run = repo.workflowRun(Number(params.run_id));
  if (!run) throw notFound();
  return { status: 200, body: shape.workflowRun(ctx, repo, run) };
};

const listJobs: Handler = ({ repo, params, shape: ctx }) => {
  const run = repo.workflowRun(Number(params.run_id));
  if (!run) throw notFound();
  return { status: 200, list: shape.jobs(ctx, repo, run), wrap: 'jobs' };
};

/**
 * GET …/runs/{run_id}/approvals, "Get the review history for a workflow run"
 * (https://docs.github.com/rest/actions/workflow-runs#get-the-review-history-for-a-workflow-run): the deployment
 * reviews seeded with addApproval, oldest first. The operation declares no per_page or page: one unpaginated array.
 */
const listApprovals: Handler = ({ repo, params, shape: ctx }) => {
  const run = repo.workflowRun(Number(params.run_id));
  if (!run) throw notFound();
  return { status: 200, body: repo.approvalsOf(run.id).map((a) => shape.approval(ctx, repo, a)) };
};

// ---- deployments --------------------------------------------------------------------------------------------------

function deploymentOr404(repo: EmulatedRepository, id: unknown): DeploymentRecord {
  const deployment = repo.deployment(Number(id));
  if (!deployment) throw notFound();
  return deployment;
}

const listDeployments: Handler = ({ repo, query, shape: ctx }) => {
  let deployments = repo.deployments;
  // GitHub matches sha, ref, task and environment exactly.
  for (const key of ['sha', 'ref', 'task', 'environment'] as const) {
    const wanted = str(query[key]);
    if (wanted !== undefined && wanted !== 'none') deployments = deployments.filter((d) => d[key] === wanted);
  }
  return { status: 200, list: deployments.map((d) => shape.deployment(ctx, repo, d)) };
};

const createDeployment: Handler = ({ repo, body, actor, shape: ctx }) => {
  const ref = String(body.ref);
  if (!repo.resolveCommit(ref)) throw new GitHubApiError(422, `No ref found for: ${ref}`);
  const payload = body.payload;
  const deployment = repo.addDeployment({
    ref,
    task: str(body.task),
    environment: str(body.environment),
    payload:
      typeof payload === 'string'
        ? payload
        : payload !== null && typeof payload === 'object'
          ? (payload as Record<string, unknown>)
          : undefined,
    description: str(body.description),
    creator: actor,
    transient_environment: body.transient_environment === true,
    production_environment: typeof body.production_environment === 'boolean' ? body.production_environment : undefined,
  });
  return { status: 201, body: shape.deployment(ctx, repo, deployment) };
};

const listDeploymentStatuses: Handler = ({ repo, params, shape: ctx }) => {
  const deployment = deploymentOr404(repo, params.deployment_id);
  return { status: 200, list: deployment.statuses.map((s) => shape.deploymentStatus(ctx, repo, deployment, s)) };
};

const createDeploymentStatus: Handler = ({ repo, params, body, actor, shape: ctx }) => {
  const deployment = deploymentOr404(repo, params.deployment_id);
  const status = repo.addDeploymentStatus(
    deployment.id,
    {
      state: body.state as DeploymentState,
      description: str(body.description),
      environment: str(body.environment),
      target_url: str(body.target_url),
      log_url: str(body.log_url),
      environment_url: str(body.environment_url),
      creator: actor,
    },
    body.auto_inactive !== false,
  );
  return { status: 201, body: shape.deploymentStatus(ctx, repo, deployment, status) };
};

// ---- variables ----------------------------------------------------------------------------------------------------

const listVariables: Handler = ({ repo }) => {
  const names = [...repo.variables.keys()].sort();
  return { status: 200, list: names.map((name) => shape.variable(repo, name)), wrap: 'variables' };
};

const getVariable: Handler = ({ repo, params }) => {
  const variable = shape.variable(repo, String(params.name).toUpperCase());
  if (!variable) throw notFound();
  return { status: 200, body: variable };
};

const createVariable: Handler = ({ repo, body }) => {
  const name = String(body.name).toUpperCase();
  if (!/^[A-Z_][A-Z0-9_]*$/.test(name) || name.startsWith('GITHUB_'))
    throw new GitHubApiError(422, `Invalid variable name: ${String(body.name)}`);
  if (repo.variables.has(name)) throw new GitHubApiError(409, 'Already exists - Variable already exists');
  repo.setVariable(name, String(body.value));
  return { status: 201, body: {} };
};

const updateVariable: Handler = ({ repo, params, body }) => {
  const name = String(params.name).toUpperCase();
  const value = repo.variables.get(name);
  if (value === undefined) throw notFound();
  const newName = typeof body.name === 'string' ? body.name.toUpperCase() : name;
  if (newName !== name) {
    if (repo.variables.has(newName)) throw new GitHubApiError(409, 'Already exists - Variable already exists');
    repo.deleteVariable(name);
  }
  repo.setVariable(newName, typeof body.value === 'string' ? body.value : value);
  return { status: 204 };
};

const deleteVariable: Handler = ({ repo, params }) => {
  if (!repo.deleteVariable(String(params.name))) throw notFound();
  return { status: 204 };
};

export const HANDLERS: Record<string, Handler> = {
  'GET /repos/{owner}/{repo}': ({ repo, shape: ctx, pushAccess }) => ({
    status: 200,
    body: shape.repository(ctx, repo, true, pushAccess),
  }),
  'GET /repos/{owner}/{repo}/contents/{path}': getContents,
  'PUT /repos/{owner}/{repo}/contents/{path}': putContents,
  'GET /repos/{owner}/{repo}/commits/{ref}': getCommit,
  'GET /repos/{owner}/{repo}/compare/{basehead}': compareHandler,
  'GET /repos/{owner}/{repo}/git/ref/{ref}': getRef,
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': matchingRefs,
  'POST /repos/{owner}/{repo}/git/refs': createRef,
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': updateRef,
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': deleteRef,
  'GET /repos/{owner}/{repo}/releases': listReleases,
  'POST /repos/{owner}/{repo}/releases': createRelease,
  'GET /repos/{owner}/{repo}/releases/latest': latestRelease,
  'GET /repos/{owner}/{repo}/releases/tags/{tag}': releaseByTag,
  'GET /repos/{owner}/{repo}/releases/{release_id}': getRelease,
  'PATCH /repos/{owner}/{repo}/releases/{release_id}': updateRelease,
  'DELETE /repos/{owner}/{repo}/releases/{release_id}': deleteRelease,
  'POST /repos/{owner}/{repo}/releases/generate-notes': generateNotes,
  'GET /repos/{owner}/{repo}/pulls': listPulls,
  'POST /repos/{owner}/{repo}/pulls': createPull,
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': getPull,
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}': updatePull,
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': pullFiles,
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': pullReviews,
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': commitPulls,
  'GET /repos/{owner}/{repo}/issues': listIssues,
  'POST /repos/{owner}/{repo}/issues': createIssue,
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': updateIssue,
  'GET /repos/{owner}/{repo}/issues/{issue_number}': getIssue,
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': listComments,
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': createComment,
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': updateComment,
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': deleteComment,
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': issueLabels,
  'POST /repos/{owner}/{repo}/statuses/{sha}': createStatus,
  'GET /repos/{owner}/{repo}/commits/{ref}/status': combinedStatus,
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses': listStatuses,
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': listCheckRuns,
  'GET /repos/{owner}/{repo}/actions/workflows': listWorkflows,
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}': getWorkflow,
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': listWorkflowRuns,
  'GET /repos/{owner}/{repo}/actions/runs': listRepoRuns,
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}': getRun,
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': listJobs,
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals': listApprovals,
  'GET /repos/{owner}/{repo}/deployments': listDeployments,
  'POST /repos/{owner}/{repo}/deployments': createDeployment,
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': listDeploymentStatuses,
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': createDeploymentStatus,
  'GET /repos/{owner}/{repo}/actions/variables': listVariables,
  'POST /repos/{owner}/{repo}/actions/variables': createVariable,
  'GET /repos/{owner}/{repo}/actions/variables/{name}': getVariable,
  'PATCH /repos/{owner}/{repo}/actions/variables/{name}': updateVariable,
  'DELETE /repos/{owner}/{repo}/actions/variables/{name}': deleteVariable,
};
