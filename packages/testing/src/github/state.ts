import { diffTrees, sha1, type CommitPerson, type CommitRecord, type FileChange } from './git';

/**
 * The in-memory state of one emulated repository and its seeding API. Records are live objects: tests edit them
 * between runs and the next request sees the change. Field names follow GitHub's JSON where a record mirrors it.
 */

/** What the repository needs from the emulator around it. */
export interface EmulatorContext {
  nextId(): number;
  /** The current time as GitHub prints it: ISO 8601 in seconds, UTC. */
  now(): string;
}

export type ReleaseMakeLatest = 'true' | 'false' | 'legacy';

export interface ReleaseRecord {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
  /** Login of the user (or bot) that created it. */
  author: string;
  /**
   * Published while the repository had immutable releases on (the API's `immutable`). Drafts never are: GitHub
   * enforces immutability "only after a release is published" (cli/cli#11945, the immutable-releases docs).
   */
  immutable: boolean;
  /** Attached files, oldest first (`uploadReleaseAsset`). */
  assets: ReleaseAssetRecord[];
}

/** The login of the workflow's GITHUB_TOKEN (GitHub Actions' app), as the emulator's default actor. */
export const GITHUB_TOKEN_ACTOR = 'github-actions[bot]';

/** A `release` webhook event an API write caused, and whether it starts `on: release` workflow runs. */
export interface ReleaseEventRecord {
  action: 'published' | 'released' | 'prereleased';
  release_id: number;
  tag_name: string;
  /** Who caused it: the login of the token that wrote. */
  actor: string;
  startsWorkflows: boolean;
}

export interface ReleaseAssetRecord {
  id: number;
  name: string;
  size: number;
  content_type: string;
  created_at: string;
  uploader: string;
}

export interface ReleaseSeed {
  tag_name: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
  /** Branch or sha the tag is created from when it does not exist (default: the default branch). */
  target_commitish?: string;
  created_at?: string;
  author?: string;
  /** As the API's make_latest: 'true' (default for a published, non-prerelease release), 'false', 'legacy'. */
  make_latest?: ReleaseMakeLatest;
}

export type PullRequestFileSeed =
  | string
  | {
      filename: string;
      status?: FileChange['status'];
      additions?: number;
      deletions?: number;
      patch?: string;
      previous_filename?: string;
    };

export interface PullRequestRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  draft: boolean;
  labels: string[];
  user: string;
  /** The base branch name. */
  base: string;
  head: { ref: string; sha: string };
  /** The changed files (`GET …/pulls/{n}/files`, paginated). */
  files: PullRequestFileSeed[];
  state: 'open' | 'closed';
  merged: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface PullRequestSeed {
  number?: number;
  title: string;
  body?: string | null;
  draft?: boolean;
  labels?: string[];
  user?: string;
  base?: string;
  /** The head branch; `sha` defaults to the branch's head, or the default branch's head. */
  head?: { ref: string; sha?: string };
  files?: PullRequestFileSeed[];
  state?: 'open' | 'closed';
  merged?: boolean;
  merge_commit_sha?: string | null;
  created_at?: string;
}

/** Why an issue was closed or reopened (the API's `state_reason`). */
export type IssueStateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate';

export interface IssueRecord {
  number: number;
  id: number;
  title: string;
  body: string | null;
  labels: string[];
  /** Logins; the first is the API's `assignee`. */
  assignees: string[];
  user: string;
  state: 'open' | 'closed';
  state_reason: IssueStateReason | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface IssueSeed {
  number?: number;
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
  user?: string;
  state?: 'open' | 'closed';
  /** Default: `completed` for a closed issue, none for an open one. */
  state_reason?: IssueStateReason | null;
  created_at?: string;
  /** Default: created_at. */
  updated_at?: string;
}

/**
 * One entry of a workflow run's deployment review history (GET …/actions/runs/{run_id}/approvals, "Get the review
 * history for a workflow run", https://docs.github.com/rest/actions/workflow-runs#get-the-review-history-for-a-workflow-run):
 * who approved or rejected which environments, with the comment they left.
 */
export type ApprovalState = 'approved' | 'rejected' | 'pending';

export interface ApprovalRecord {
  id: number;
  run_id: number;
  /** Login of the reviewer. */
  user: string;
  state: ApprovalState;
  comment: string;
  /** Environment names the review covered. */
  environments: string[];
  created_at: string;
}

export interface ApprovalSeed {
  /** A run added with addWorkflowRun. */
  runId: number;
  user: string;
  /** Default `approved`. */
  state?: ApprovalState;
  /** Default '' (GitHub's answer always has the field). */
  comment?: string;
  /** Default ['production']. */
  environments?: string[];
  created_at?: string;
}

export interface CommentRecord {
  id: number;
  body: string;
  user: { login: string };
  created_at: string;
  updated_at: string;
}

/**
 * A pull request review. The list endpoint returns reviews in chronological order
 * (https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request); each names the commit it was given on
 * (`commit_id`). Dismissing one keeps it in the list with the state DISMISSED ("Dismissing a review changes the
 * status of the review to a review comment",
 * https://docs.github.com/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/dismissing-a-pull-request-review).
 */
export interface ReviewRecord {
  id: number;
  user: { login: string };
  body: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  commit_id: string;
  submitted_at: string;
}

export type CommitState = 'error' | 'failure' | 'pending' | 'success';

export interface StatusRecord {
  id: number;
  sha: string;
  context: string;
  state: CommitState;
  description: string | null;
  target_url: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
}

export interface StatusSeed {
  context?: string;
  state: CommitState;
  description?: string | null;
  target_url?: string | null;
  creator?: string;
}

export type CheckStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type CheckConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
}

export interface CheckRunRecord {
  id: number;
  head_sha: string;
  name: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  app: AppRecord;
  started_at: string | null;
  completed_at: string | null;
  external_id: string | null;
  details_url: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** The check suite, when it is a workflow run's (an Actions job); otherwise one suite per app and commit. */
  check_suite_id?: number;
}

export interface CheckRunSeed {
  name: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  /** An app slug ('github-actions' is GitHub Actions, app id 15368) or the app itself. */
  app?: string | AppRecord;
  started_at?: string | null;
  completed_at?: string | null;
  external_id?: string | null;
  details_url?: string | null;
  output?: Partial<CheckRunRecord['output']>;
}

export interface WorkflowRecord {
  id: number;
  name: string;
  path: string;
  state: 'active' | 'deleted' | 'disabled_fork' | 'disabled_inactivity' | 'disabled_manually';
  created_at: string;
  updated_at: string;
}

export interface WorkflowSeed {
  name: string;
  path: string;
  id?: number;
  state?: WorkflowRecord['state'];
}

export type RunStatus = 'queued' | 'in_progress' | 'waiting' | 'pending' | 'requested' | 'completed';
export type RunConclusion =
  | 'success'
  | 'failure'
  | 'neutral'
  | 'cancelled'
  | 'skipped'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | 'startup_failure';

export interface JobSeed {
  name: string;
  status?: CheckStatus;
  conclusion?: CheckConclusion | null;
  /**
   * The job's `concurrency` group. GitHub: "When a concurrent job or workflow is queued, if another job or workflow
   * using the same concurrency group in the repository is in progress, the queued job or workflow will be `pending`"
   * (docs: Control the concurrency of workflows and jobs). So a job of this group that would be queued or in progress
   * while another run's job of the group is in progress is `pending` (see jobsOf).
   */
  concurrency?: string;
}

/** A job as GitHub lists it, and as its check run (every Actions job is a check run with the same id). */
export interface JobRecord {
  id: number;
  run_id: number;
  name: string;
  status: CheckStatus;
  conclusion: CheckConclusion | null;
  concurrency: string | undefined;
}

export interface WorkflowRunRecord {
  id: number;
  workflow_id: number;
  status: RunStatus;
  conclusion: RunConclusion | null;
  created_at: string;
  updated_at: string;
  run_started_at: string;
  head_branch: string | null;
  head_sha: string;
  event: string;
  run_attempt: number;
  run_number: number;
  display_title: string;
  actor: string;
  /** How many jobs `GET …/runs/{id}/jobs` lists (each follows the run's status), or the jobs themselves. */
  jobs: number | JobSeed[];
  /**
   * Whether GitHub's search index has this run. The run lists' `status`, `created`, `branch`, `event`, `actor`,
   * `head_sha` and `check_suite_id` filters go through it (see listRuns); false leaves the run out of filtered lists.
   */
  indexed: boolean;
}

export interface WorkflowRunSeed {
  /** Name, path or id of a workflow added with addWorkflow. */
  workflow: string | number;
  status?: RunStatus;
  conclusion?: RunConclusion | null;
  created_at?: string;
  updated_at?: string;
  head_branch?: string | null;
  head_sha?: string;
  event?: string;
  id?: number;
  run_attempt?: number;
  /**
   * When the latest attempt started (default created_at). A re-run moves it, never created_at: see rerunWorkflowRun.
   */
  run_started_at?: string;
  run_number?: number;
  display_title?: string;
  actor?: string;
  jobs?: number | JobSeed[];
  /** false: not (yet) in the search index, so filtered run lists miss it (default true). */
  indexed?: boolean;
}

export type DeploymentState = 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  creator: string;
  description: string;
  environment: string;
  /** GitHub sets target_url to log_url when only log_url is given. */
  target_url: string;
  log_url: string;
  environment_url: string;
  created_at: string;
  updated_at: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  original_environment: string;
  payload: Record<string, unknown> | string;
  description: string | null;
  creator: string;
  created_at: string;
  updated_at: string;
  transient_environment: boolean;
  production_environment: boolean;
  /** Newest first. */
  statuses: DeploymentStatusRecord[];
}

export interface DeploymentSeed {
  /** Branch, tag or sha (default: the default branch). */
  ref?: string;
  task?: string;
  environment?: string;
  payload?: Record<string, unknown> | string;
  description?: string | null;
  creator?: string;
  created_at?: string;
  transient_environment?: boolean;
  production_environment?: boolean;
}

export interface DeploymentStatusSeed {
  state: DeploymentState;
  description?: string;
  environment?: string;
  target_url?: string;
  log_url?: string;
  environment_url?: string;
  creator?: string;
  created_at?: string;
}

export interface CommitSeed {
  branch?: string;
  /** Files to add or change; a null value deletes the path. */
  files?: Record<string, string | null>;
  message?: string;
  author?: { name: string; email: string; login?: string | null };
  date?: string;
}

/** GitHub Actions' app: the one `actions/checkout` runs' check runs belong to. */
export const GITHUB_ACTIONS_APP: AppRecord = { id: 15368, slug: 'github-actions', name: 'GitHub Actions' };

const DEFAULT_AUTHOR = { name: 'Mona Octocat', email: 'mona@example.com', login: 'octocat' };

export class GitHubApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: { resource: string; code: string; field?: string; message?: string }[],
  ) {
    super(message);
  }
}

export class EmulatedRepository {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  default_branch = 'main';
  private = false;
  description: string | null = null;
  readonly created_at: string;

  /** Full ref name (refs/heads/main, refs/tags/v1.2.3) → commit sha. */
  readonly refs = new Map<string, string>();
  readonly commits = new Map<string, CommitRecord>();
  /** Every release, drafts included, newest first. */
  readonly releases: ReleaseRecord[] = [];
  /** Id of the release explicitly marked latest (make_latest), if any. */
  latestReleaseId: number | undefined;
  /**
   * The repository's "Enable release immutability" setting: a release published while it is on is immutable (its
   * tag and assets are fixed; see the release handlers for what GitHub refuses). Off by default, as on GitHub.
   */
  immutableReleases = false;
  /** The `release` events API writes caused, oldest first (see `recordPublished`). */
  readonly releaseEvents: ReleaseEventRecord[] = [];
  readonly pullRequests = new Map<number, PullRequestRecord>();
  readonly issues = new Map<number, IssueRecord>();
  private readonly commentsByIssue = new Map<number, CommentRecord[]>();
  private readonly reviewsByPull = new Map<number, ReviewRecord[]>();
  /** Every commit status, newest first. */
  readonly allStatuses: StatusRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly workflows: WorkflowRecord[] = [];
  readonly workflowRuns: WorkflowRunRecord[] = [];
  /** Deployment reviews of workflow runs, oldest first (see addApproval). */
  readonly approvals: ApprovalRecord[] = [];
  /** Every deployment, newest first. */
  readonly deployments: DeploymentRecord[] = [];
  /** Repository variables (Actions variables): NAME → value. Names are upper-cased, as GitHub stores them. */
  readonly variables = new Map<string, string>();
  readonly variableTimes = new Map<string, { created_at: string; updated_at: string }>();
  private nextNumber = 1;
  private commitCounter = 0;

  constructor(
    fullName: string,
    private readonly context: EmulatorContext,
  ) {
    const [owner, name, ...rest] = fullName.split('/');
    if (!owner || !name || rest.length > 0)
      throw new Error(`github-emulator: a repository is "owner/name", got ${JSON.stringify(fullName)}`);
    this.owner = owner;
    this.name = name;
    this.id = context.nextId();
    this.created_at = context.now();
    this.commit({ branch: 'main', files: { 'README.md': `# ${name}\n` }, message: 'Initial commit' });
  }

  get full_name(): string {
    return `${this.owner}/${this.name}`;
  }

  // ---- commits, refs, files -----------------------------------------------------------------------------------

  /** Adds a commit on `branch` (default: the default branch; a new branch starts from it) and moves the branch. */
  commit(seed: CommitSeed = {}): string {
    const branch = seed.branch ?? this.default_branch;
    const parentSha = this.refs.get(`refs/heads/${branch}`) ?? this.refs.get(`refs/heads/${this.default_branch}`);
    const parent = parentSha ? this.commits.get(parentSha) : undefined;
    const tree = new Map(parent?.tree ?? []);
    for (const [path, text] of Object.entries(seed.files ?? {})) {
      if (text === null) tree.delete(path);
      else tree.set(path, text);
    }
    this.commitCounter += 1;
    const message = seed.message ?? `Commit ${this.commitCounter}`;
    const sha = sha1(
      `${this.full_name}\n${parentSha ?? ''}\n${message}\n${this.commitCounter}\n${JSON.stringify(seed.files ?? {})}`,
    );
    const date = seed.date ?? this.context.now();
    const author = seed.author ?? DEFAULT_AUTHOR;
    const person: CommitPerson = { name: author.name, email: author.email, date };
    this.commits.set(sha, {
      sha,
      treeSha: sha1(`tree ${JSON.stringify([...tree.entries()])}`),
      message,
      parents: parentSha ? [parentSha] : [],
      tree,
      author: person,
      committer: { ...person },
      authorLogin: author.login ?? null,
    });
    this.refs.set(`refs/heads/${branch}`, sha);
    return sha;
  }

  /** Creates or moves refs/heads/<name> (default: at the default branch's head). */
  branch(name: string, sha?: string): string {
    const target = sha ?? this.head(this.default_branch);
    this.requireCommit(target);
    this.refs.set(`refs/heads/${name}`, target);
    return target;
  }

  /** Creates or moves the lightweight tag refs/tags/<name> (default: at the default branch's head). */
  tag(name: string, sha?: string): string {
    const target = sha ?? this.head(this.default_branch);
    this.requireCommit(target);
    this.refs.set(`refs/tags/${name}`, target);
    return target;
  }

  /** The sha a branch points to. Throws for a missing branch: seeding mistakes should fail loudly. */
  head(branch: string): string {
    const sha = this.refs.get(`refs/heads/${branch}`);
    if (!sha) throw new Error(`github-emulator: ${this.full_name} has no branch ${branch}`);
    return sha;
  }

  /** Text of a file at a branch, tag or sha (default: the default branch); undefined when absent. */
  readFile(path: string, ref?: string): string | undefined {
    return this.resolveCommit(ref ?? this.default_branch)?.tree.get(path.replace(/^\/+/, ''));
  }

  /** A commit by full or abbreviated sha, branch, tag, or full ref name. */
  resolveCommit(ref: string): CommitRecord | undefined {
    const named =
      this.refs.get(ref) ??
      this.refs.get(`refs/heads/${ref}`) ??
      this.refs.get(`refs/tags/${ref}`) ??
      this.refs.get(`refs/${ref}`);
    if (named) return this.commits.get(named);
    const exact = this.commits.get(ref);
    if (exact) return exact;
    if (/^[0-9a-f]{4,39}$/.test(ref)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(ref));
      if (matches.length === 1) return this.commits.get(matches[0] as string);
    }
    return undefined;
  }

  /** The files a commit changed against its first parent. */
  commitChanges(commit: CommitRecord): FileChange[] {
    const parent = commit.parents[0] ? this.commits.get(commit.parents[0]) : undefined;
    return diffTrees(parent?.tree ?? new Map(), commit.tree);
  }

  /** Whether `ancestor` is reachable from `descendant` (a commit is its own ancestor). */
  isAncestor(ancestor: string, descendant: string): boolean {
    const seen = new Set<string>();
    const stack = [descendant];
    while (stack.length > 0) {
      const sha = stack.pop() as string;
      if (sha === ancestor) return true;
      if (seen.has(sha)) continue;
      seen.add(sha);
      stack.push(...(this.commits.get(sha)?.parents ?? []));
    }
    return false;
  }

  private requireCommit(sha: string): void {
    if (!this.commits.has(sha)) throw new Error(`github-emulator: ${this.full_name} has no commit ${sha}`);
  }

  // ---- releases -------------------------------------------------------------------------------------------------

  /** Adds a release as POST /releases would (without its 422 checks); a missing tag is created at the target. */
  addRelease(seed: ReleaseSeed): ReleaseRecord {
    const now = this.context.now();
    const target = seed.target_commitish ?? this.default_branch;
    if (!this.refs.has(`refs/tags/${seed.tag_name}`) && !(seed.draft ?? false)) {
      const commit = this.resolveCommit(target);
      if (commit) this.refs.set(`refs/tags/${seed.tag_name}`, commit.sha);
    }
    const release: ReleaseRecord = {
      id: this.context.nextId(),
      tag_name: seed.tag_name,
      target_commitish: target,
      name: seed.name ?? null,
      body: seed.body ?? null,
      draft: seed.draft ?? false,
      prerelease: seed.prerelease ?? false,
      created_at: seed.created_at ?? now,
      published_at: (seed.draft ?? false) ? null : (seed.created_at ?? now),
      author: seed.author ?? 'github-actions[bot]',
      immutable: !(seed.draft ?? false) && this.immutableReleases,
      assets: [],
    };
    this.releases.unshift(release);
    this.applyMakeLatest(release, seed.make_latest);
    return release;
  }

  /** GitHub's rule: a published, non-prerelease release becomes latest unless make_latest is 'false'. */
  applyMakeLatest(release: ReleaseRecord, makeLatest: ReleaseMakeLatest | undefined): void {
    if (release.draft || release.prerelease) return;
    if (makeLatest === 'false') {
      if (this.latestReleaseId === release.id) this.latestReleaseId = undefined;
      return;
    }
    if (makeLatest === 'legacy') this.latestReleaseId = undefined;
    else this.latestReleaseId = release.id;
  }

  /** What GET /releases/latest answers: the marked release, else the newest published non-prerelease. */
  get latestRelease(): ReleaseRecord | undefined {
    const marked = this.releases.find((r) => r.id === this.latestReleaseId && !r.draft && !r.prerelease);
    if (marked) return marked;
    return [...this.releases]
      .filter((r) => !r.draft && !r.prerelease)
      .sort((a, b) => (b.created_at === a.created_at ? b.id - a.id : b.created_at.localeCompare(a.created_at)))[0];
  }

  release(id: number): ReleaseRecord | undefined {
    return this.releases.find((r) => r.id === id);
  }

  /**
   * The `release` events GitHub sends when a release is published through the API: `published`, then `released` or
   * `prereleased` (the activity types of the release event in "Events that trigger workflows"). An event caused by
   * the workflow's GITHUB_TOKEN starts no workflow run ("Triggering a workflow from a workflow": events triggered by
   * the GITHUB_TOKEN, except workflow_dispatch and repository_dispatch, "will not create a new workflow run"); one
   * caused by a GitHub App installation token or a personal access token does.
   */
  recordPublished(release: ReleaseRecord, actor: string): void {
    const startsWorkflows = actor !== GITHUB_TOKEN_ACTOR;
    for (const action of ['published', release.prerelease ? 'prereleased' : 'released'] as const) {
      this.releaseEvents.push({ action, release_id: release.id, tag_name: release.tag_name, actor, startsWorkflows });
    }
  }

  /**
   * Attaches a file to a release, as `POST {upload_url}?name=…` on uploads.github.com would (that host is not
   * emulated: tests call this between runs, as a workflow's upload step would). An immutable release takes no new
   * asset: GitHub answers 422 "Cannot upload assets to an immutable release." (softprops/action-gh-release#653,
   * concourse/github-release-resource#152, github/docs#45718), which this throws as a GitHubApiError.
   */
  uploadReleaseAsset(
    id: number,
    asset: { name: string; size?: number; content_type?: string; uploader?: string },
  ): ReleaseAssetRecord {
    const release = this.release(id);
    if (!release) throw new GitHubApiError(404, 'Not Found');
    if (release.immutable) throw new GitHubApiError(422, 'Cannot upload assets to an immutable release.');
    if (release.assets.some((a) => a.name === asset.name)) {
      throw new GitHubApiError(422, 'Validation Failed', [
        { resource: 'ReleaseAsset', code: 'already_exists', field: 'name' },
      ]);
    }
    const record: ReleaseAssetRecord = {
      id: this.context.nextId(),
      name: asset.name,
      size: asset.size ?? 0,
      content_type: asset.content_type ?? 'application/octet-stream',
      created_at: this.context.now(),
      uploader: asset.uploader ?? 'github-actions[bot]',
    };
    release.assets.push(record);
    return record;
  }

  /** Removes a release (its tag stays, as on GitHub). */
  deleteRelease(id: number): boolean {
    const index = this.releases.findIndex((r) => r.id === id);
    if (index === -1) return false;
    this.releases.splice(index, 1);
    if (this.latestReleaseId === id) this.latestReleaseId = undefined;
    return true;
  }

  // ---- pull requests, issues, comments --------------------------------------------------------------------------

  addPullRequest(seed: PullRequestSeed): PullRequestRecord {
    const number = this.claimNumber(seed.number);
    const now = seed.created_at ?? this.context.now();
    const headRef = seed.head?.ref ?? `pr-${number}`;
    const headSha = seed.head?.sha ?? this.refs.get(`refs/heads/${headRef}`) ?? this.head(this.default_branch);
    const merged = seed.merged ?? false;
    const state = seed.state ?? (merged ? 'closed' : 'open');
    const pr: PullRequestRecord = {
      number,
      id: this.context.nextId(),
      title: seed.title,
      body: seed.body ?? null,
      draft: seed.draft ?? false,
      labels: [...(seed.labels ?? [])],
      user: seed.user ?? 'octocat',
      base: seed.base ?? this.default_branch,
      head: { ref: headRef, sha: headSha },
      files: [...(seed.files ?? [])],
      state,
      merged,
      merged_at: merged ? now : null,
      merge_commit_sha: seed.merge_commit_sha ?? null,
      created_at: now,
      updated_at: now,
      closed_at: state === 'closed' ? now : null,
    };
    this.pullRequests.set(number, pr);
    return pr;
  }

  pullRequest(number: number): PullRequestRecord | undefined {
    return this.pullRequests.get(number);
  }

  /** Merges a pull request: a commit on its base with the head's tree, the PR closed and merged. Returns the sha. */
  mergePullRequest(number: number, options: { message?: string } = {}): string {
    const pr = this.pullRequests.get(number);
    if (!pr) throw new Error(`github-emulator: ${this.full_name} has no pull request #${number}`);
    const head = this.commits.get(pr.head.sha);
    const base = this.resolveCommit(pr.base);
    const files: Record<string, string | null> = {};
    if (head && base)
      for (const change of diffTrees(base.tree, head.tree))
        files[change.filename] = head.tree.get(change.filename) ?? null;
    const sha = this.commit({
      branch: pr.base,
      files,
      message: options.message ?? `Merge pull request #${number} from ${pr.head.ref}\n\n${pr.title}`,
    });
    const now = this.context.now();
    Object.assign(pr, {
      state: 'closed',
      merged: true,
      merged_at: now,
      closed_at: now,
      updated_at: now,
      merge_commit_sha: sha,
    });
    return sha;
  }

  addIssue(seed: IssueSeed): IssueRecord {
    const number = this.claimNumber(seed.number);
    const created = seed.created_at ?? this.context.now();
    const updated = seed.updated_at ?? created;
    const closed = seed.state === 'closed';
    const issue: IssueRecord = {
      number,
      id: this.context.nextId(),
      title: seed.title,
      body: seed.body ?? null,
      labels: [...(seed.labels ?? [])],
      assignees: [...(seed.assignees ?? [])],
      user: seed.user ?? 'octocat',
      state: seed.state ?? 'open',
      state_reason: seed.state_reason !== undefined ? seed.state_reason : closed ? 'completed' : null,
      created_at: created,
      updated_at: updated,
      closed_at: closed ? updated : null,
    };
    this.issues.set(number, issue);
    return issue;
  }

  /** Pull requests and issues share one sequence of numbers, as on GitHub. */
  private claimNumber(wanted: number | undefined): number {
    const number = wanted ?? this.nextNumber;
    if (this.pullRequests.has(number) || this.issues.has(number))
      throw new Error(`github-emulator: #${number} already exists in ${this.full_name}`);
    this.nextNumber = Math.max(this.nextNumber, number + 1);
    return number;
  }

  /** Issue comments on an issue or pull request, oldest first (a live array). */
  comments(number: number): CommentRecord[] {
    let list = this.commentsByIssue.get(number);
    if (!list) {
      list = [];
      this.commentsByIssue.set(number, list);
    }
    return list;
  }

  addComment(number: number, seed: { body: string; user?: string }): CommentRecord {
    const now = this.context.now();
    const comment: CommentRecord = {
      id: this.context.nextId(),
      body: seed.body,
      user: { login: seed.user ?? 'octocat' },
      created_at: now,
      updated_at: now,
    };
    this.comments(number).push(comment);
    return comment;
  }

  /** The reviews of a pull request, oldest first (a live array). */
  reviews(number: number): ReviewRecord[] {
    let list = this.reviewsByPull.get(number);
    if (!list) {
      list = [];
      this.reviewsByPull.set(number, list);
    }
    return list;
  }

  /** A submitted review; on the pull request's current head commit unless `commit_id` says otherwise. */
  addReview(
    number: number,
    seed: { user: string; state: ReviewRecord['state']; body?: string; commit_id?: string },
  ): ReviewRecord {
    const pr = this.pullRequests.get(number);
    if (!pr) throw new Error(`github-emulator: ${this.full_name} has no pull request #${number}`);
    const review: ReviewRecord = {
      id: this.context.nextId(),
      user: { login: seed.user },
      body: seed.body ?? '',
      state: seed.state,
      commit_id: seed.commit_id ?? pr.head.sha,
      submitted_at: this.context.now(),
    };
    this.reviews(number).push(review);
    return review;
  }

  /** As PUT …/reviews/{id}/dismissals: the review stays where it was in the list, its state becomes DISMISSED. */
  dismissReview(number: number, id: number): ReviewRecord {
    const review = this.reviews(number).find((r) => r.id === id);
    if (!review) throw new Error(`github-emulator: #${number} has no review ${id}`);
    review.state = 'DISMISSED';
    return review;
  }

  /** The comment and the issue number it belongs to. */
  findComment(id: number): { number: number; comment: CommentRecord } | undefined {
    for (const [number, list] of this.commentsByIssue) {
      const comment = list.find((c) => c.id === id);
      if (comment) return { number, comment };
    }
    return undefined;
  }

  deleteComment(id: number): boolean {
    for (const list of this.commentsByIssue.values()) {
      const index = list.findIndex((c) => c.id === id);
      if (index !== -1) {
        list.splice(index, 1);
        return true;
      }
    }
    return false;
  }

  // ---- statuses and check runs ----------------------------------------------------------------------------------

  addStatus(sha: string, seed: StatusSeed): StatusRecord {
    const now = this.context.now();
    const status: StatusRecord = {
      id: this.context.nextId(),
      sha,
      context: seed.context ?? 'default',
      state: seed.state,
      description: seed.description ?? null,
      target_url: seed.target_url ?? null,
      creator: seed.creator ?? 'github-actions[bot]',
      created_at: now,
      updated_at: now,
    };
    this.allStatuses.unshift(status);
    return status;
  }

  /** Every status posted for the sha, newest first (as the list endpoint). */
  statuses(sha: string): StatusRecord[] {
    return this.allStatuses.filter((s) => s.sha === sha);
  }

  addCheckRun(sha: string, seed: CheckRunSeed): CheckRunRecord {
    const now = this.context.now();
    const status = seed.status ?? 'queued';
    const run: CheckRunRecord = {
      id: this.context.nextId(),
      head_sha: sha,
      name: seed.name,
      status,
      conclusion: seed.conclusion ?? null,
      app: appOf(seed.app),
      started_at: seed.started_at === undefined ? now : seed.started_at,
      completed_at: seed.completed_at === undefined ? (status === 'completed' ? now : null) : seed.completed_at,
      external_id: seed.external_id ?? null,
      details_url: seed.details_url ?? null,
      output: { title: null, summary: null, text: null, ...seed.output },
    };
    this.checkRuns.push(run);
    return run;
  }

  updateCheckRun(id: number, patch: Partial<Omit<CheckRunRecord, 'id'>>): CheckRunRecord {
    const run = this.checkRuns.find((c) => c.id === id);
    if (!run) throw new Error(`github-emulator: ${this.full_name} has no check run ${id}`);
    Object.assign(run, patch);
    if (patch.status === 'completed' && patch.completed_at === undefined && run.completed_at === null)
      run.completed_at = this.context.now();
    return run;
  }

  // ---- workflows and runs ---------------------------------------------------------------------------------------

  addWorkflow(seed: WorkflowSeed): WorkflowRecord {
    const now = this.context.now();
    const workflow: WorkflowRecord = {
      id: seed.id ?? this.context.nextId(),
      name: seed.name,
      path: seed.path,
      state: seed.state ?? 'active',
      created_at: now,
      updated_at: now,
    };
    this.workflows.push(workflow);
    return workflow;
  }

  /** A workflow by id, file name (deploy.yml) or path; or by name (seeding only). */
  workflow(key: string | number, byName = true): WorkflowRecord | undefined {
    return this.workflows.find(
      (w) =>
        w.id === key ||
        String(w.id) === String(key) ||
        w.path === key ||
        w.path.split('/').pop() === key ||
        (byName && w.name === key),
    );
  }

  addWorkflowRun(seed: WorkflowRunSeed): WorkflowRunRecord {
    const workflow = this.workflow(seed.workflow);
    if (!workflow)
      throw new Error(
        `github-emulator: ${this.full_name} has no workflow ${JSON.stringify(seed.workflow)} (addWorkflow first)`,
      );
    const now = this.context.now();
    const created = seed.created_at ?? now;
    const previous = this.workflowRuns.filter((r) => r.workflow_id === workflow.id).map((r) => r.run_number);
    const status = seed.status ?? 'queued';
    const run: WorkflowRunRecord = {
      id: seed.id ?? this.context.nextId(),
      workflow_id: workflow.id,
      status,
      conclusion: seed.conclusion ?? (status === 'completed' ? 'success' : null),
      created_at: created,
      updated_at: seed.updated_at ?? created,
      run_started_at: seed.run_started_at ?? created,
      head_branch: seed.head_branch === undefined ? this.default_branch : seed.head_branch,
      head_sha: seed.head_sha ?? this.head(this.default_branch),
      event: seed.event ?? 'push',
      run_attempt: seed.run_attempt ?? 1,
      run_number: seed.run_number ?? Math.max(0, ...previous) + 1,
      display_title: seed.display_title ?? workflow.name,
      actor: seed.actor ?? 'octocat',
      jobs: seed.jobs ?? 1,
      indexed: seed.indexed ?? true,
    };
    if (this.workflowRuns.some((r) => r.id === run.id))
      throw new Error(`github-emulator: workflow run ${run.id} already exists`);
    this.workflowRuns.push(run);
    return run;
  }

  workflowRun(id: number): WorkflowRunRecord | undefined {
    return this.workflowRuns.find((r) => r.id === id);
  }

  /**
   * Records a deployment review of a run: what a reviewer's "Approve and deploy" or "Reject" in "Review deployments"
   * leaves in the run's review history. The run must exist (addWorkflowRun first).
   */
  addApproval(seed: ApprovalSeed): ApprovalRecord {
    if (!this.workflowRun(seed.runId))
      throw new Error(`github-emulator: ${this.full_name} has no workflow run ${seed.runId} (addWorkflowRun first)`);
    const approval: ApprovalRecord = {
      id: this.context.nextId(),
      run_id: seed.runId,
      user: seed.user,
      state: seed.state ?? 'approved',
      comment: seed.comment ?? '',
      environments: [...(seed.environments ?? ['production'])],
      created_at: seed.created_at ?? this.context.now(),
    };
    this.approvals.push(approval);
    return approval;
  }

  /** The review history of a run, oldest first. */
  approvalsOf(runId: number): ApprovalRecord[] {
    return this.approvals.filter((a) => a.run_id === runId);
  }

  /**
   * Re-runs a workflow run as GitHub does ("Re-run all jobs" / POST …/runs/{id}/rerun): the same run (id, run_number,
   * created_at unchanged) gets a new attempt. `run_attempt` grows by one and `run_started_at` becomes the new start:
   * GitHub's OpenAPI description says of run_started_at "The start time of the latest run. Resets on re-run.", and
   * created_at does not reset (Kesin11/actions-timeline#26; scribd/github-action-datadog-reporting#32 confirms
   * run_started_at moves on a retry). The attempt starts queued with no conclusion.
   */
  rerunWorkflowRun(id: number, options: { at?: string; status?: RunStatus } = {}): WorkflowRunRecord {
    const run = this.workflowRun(id);
    if (!run) throw new Error(`github-emulator: ${this.full_name} has no workflow run ${id}`);
    const at = options.at ?? this.context.now();
    Object.assign(run, {
      run_attempt: run.run_attempt + 1,
      run_started_at: at,
      updated_at: at,
      status: options.status ?? 'queued',
      conclusion: null,
    });
    return run;
  }

  /**
   * The jobs of a run: seeded ones, or `jobs` jobs that follow the run's status. Job ids are `run id × 100 + n`. A job
   * in a concurrency group that another run's job of the group holds (in progress) is `pending` instead of queued or
   * in progress; of two runs' jobs both seeded in progress, the earlier run's holds it.
   */
  jobsOf(run: WorkflowRunRecord): JobRecord[] {
    const seeds: JobSeed[] =
      typeof run.jobs === 'number'
        ? Array.from({ length: run.jobs }, (_, i) => ({ name: run.jobs === 1 ? 'build' : `job-${i + 1}` }))
        : run.jobs;
    return seeds.map((seed, index) => {
      let status: CheckStatus = seed.status ?? run.status;
      if (
        seed.concurrency !== undefined &&
        (status === 'queued' || status === 'in_progress') &&
        this.concurrencyHolder(seed.concurrency, run) !== undefined
      )
        status = 'pending';
      const conclusion =
        seed.conclusion !== undefined ? seed.conclusion : status === 'completed' ? jobConclusion(run.conclusion) : null;
      return {
        id: run.id * 100 + index + 1,
        run_id: run.id,
        name: seed.name,
        status,
        conclusion,
        concurrency: seed.concurrency,
      };
    });
  }

  /**
   * Another run's job that holds a concurrency group: in progress (seeded so or following its run), earliest run first.
   */
  private concurrencyHolder(group: string, except: WorkflowRunRecord): WorkflowRunRecord | undefined {
    return [...this.workflowRuns]
      .sort((a, b) => a.run_started_at.localeCompare(b.run_started_at) || a.id - b.id)
      .find((other) => {
        if (other.id === except.id || typeof other.jobs === 'number') return false;
        const holds = other.jobs.some(
          (job) => job.concurrency === group && (job.status ?? other.status) === 'in_progress',
        );
        // Of two runs both seeded in progress in the group, only the one that started first holds it.
        const first =
          other.run_started_at < except.run_started_at ||
          (other.run_started_at === except.run_started_at && other.id < except.id);
        return (
          holds &&
          (first ||
            !(except.jobs as JobSeed[]).some(
              (job) => job.concurrency === group && (job.status ?? except.status) === 'in_progress',
            ))
        );
      });
  }

  updateWorkflowRun(id: number, patch: Partial<Omit<WorkflowRunRecord, 'id'>>): WorkflowRunRecord {
    const run = this.workflowRun(id);
    if (!run) throw new Error(`github-emulator: ${this.full_name} has no workflow run ${id}`);
    Object.assign(run, { updated_at: this.context.now() }, patch);
    if (patch.status === 'completed' && patch.conclusion === undefined && run.conclusion === null)
      run.conclusion = 'success';
    return run;
  }

  // ---- deployments --------------------------------------------------------------------------------------------

  /** Adds a deployment as POST /deployments would (without its required-contexts check). */
  addDeployment(seed: DeploymentSeed = {}): DeploymentRecord {
    const ref = seed.ref ?? this.default_branch;
    const commit = this.resolveCommit(ref);
    if (!commit) throw new Error(`github-emulator: ${this.full_name} has no ref ${ref}`);
    const now = seed.created_at ?? this.context.now();
    const environment = seed.environment ?? 'production';
    const deployment: DeploymentRecord = {
      id: this.context.nextId(),
      sha: commit.sha,
      ref,
      task: seed.task ?? 'deploy',
      environment,
      original_environment: environment,
      payload: seed.payload ?? {},
      description: seed.description ?? null,
      creator: seed.creator ?? 'github-actions[bot]',
      created_at: now,
      updated_at: now,
      transient_environment: seed.transient_environment ?? false,
      production_environment: seed.production_environment ?? environment === 'production',
      statuses: [],
    };
    this.deployments.unshift(deployment);
    return deployment;
  }

  deployment(id: number): DeploymentRecord | undefined {
    return this.deployments.find((d) => d.id === id);
  }

  /**
   * Adds a deployment status. As on GitHub, a status without an environment keeps the previous one, log_url also
   * sets target_url, and a `success` (unless autoInactive is false) marks earlier successful deployments of the same
   * environment inactive when they are neither transient nor production.
   */
  addDeploymentStatus(deploymentId: number, seed: DeploymentStatusSeed, autoInactive = true): DeploymentStatusRecord {
    const deployment = this.deployment(deploymentId);
    if (!deployment) throw new Error(`github-emulator: ${this.full_name} has no deployment ${deploymentId}`);
    const now = seed.created_at ?? this.context.now();
    const environment = seed.environment ?? deployment.statuses[0]?.environment ?? deployment.environment;
    const logUrl = seed.log_url ?? seed.target_url ?? '';
    const status: DeploymentStatusRecord = {
      id: this.context.nextId(),
      state: seed.state,
      creator: seed.creator ?? 'github-actions[bot]',
      description: seed.description ?? '',
      environment,
      target_url: logUrl,
      log_url: logUrl,
      environment_url: seed.environment_url ?? '',
      created_at: now,
      updated_at: now,
    };
    deployment.statuses.unshift(status);
    deployment.environment = environment;
    deployment.updated_at = now;
    if (seed.state === 'success' && autoInactive) {
      for (const other of this.deployments) {
        if (
          other === deployment ||
          other.environment !== environment ||
          other.transient_environment ||
          other.production_environment
        )
          continue;
        if (other.statuses[0]?.state !== 'success') continue;
        other.statuses.unshift({
          ...other.statuses[0],
          id: this.context.nextId(),
          state: 'inactive',
          created_at: now,
          updated_at: now,
        });
      }
    }
    return status;
  }

  // ---- variables ------------------------------------------------------------------------------------------------

  setVariable(name: string, value: string): void {
    const key = name.toUpperCase();
    const now = this.context.now();
    const times = this.variableTimes.get(key);
    this.variableTimes.set(key, { created_at: times?.created_at ?? now, updated_at: now });
    this.variables.set(key, value);
  }

  deleteVariable(name: string): boolean {
    this.variableTimes.delete(name.toUpperCase());
    return this.variables.delete(name.toUpperCase());
  }
}

/** Jobs share check runs' conclusions; a run's startup_failure or stale shows as a failed job. */
function jobConclusion(conclusion: RunConclusion | null): CheckConclusion | null {
  if (conclusion === null) return 'success';
  if (conclusion === 'startup_failure' || conclusion === 'stale') return 'failure';
  return conclusion;
}

function appOf(app: CheckRunSeed['app']): AppRecord {
  if (app === undefined || app === GITHUB_ACTIONS_APP.slug) return GITHUB_ACTIONS_APP;
  if (typeof app !== 'string') return app;
  // A stable id per slug, far from GitHub Actions' id.
  const id = 100_000 + (parseInt(sha1(app).slice(0, 6), 16) % 900_000);
  return { id, slug: app, name: app };
}
