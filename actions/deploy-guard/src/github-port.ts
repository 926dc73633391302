import { statusOf, toApiError } from '@shipshape/github';
import { BudgetError, type ConditionalClient } from './poll';

export interface RunInfo {
  id: number;
  workflow_id: number;
  name: string | null;
  status: string;
  conclusion: string | null;
  created_at: string;
  /** When the latest attempt started: a re-run resets it (created_at stays). */
  run_started_at?: string;
  head_branch: string | null;
  head_sha?: string;
  run_attempt?: number;
  html_url?: string;
}

export interface WorkflowInfo {
  id: number;
  name: string;
  path: string;
}

export interface JobInfo {
  id: number;
  name: string;
  status: string;
}

export interface StatusInfo {
  context: string;
  state: string;
  description: string | null;
}

export interface CheckInfo {
  id: number;
  name: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  app: { slug?: string } | null;
  /** For an Actions job, its page: `…/actions/runs/{run_id}/job/{job_id}`. */
  details_url?: string | null;
  /** For an Actions job, its workflow run's suite; for other apps, one per app and commit (or per re-request). */
  check_suite?: { id: number } | null;
}

export interface PullInfo {
  number: number;
  head: { sha: string };
  labels: { name?: string }[];
}

export interface DeploymentInfo {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  created_at: string;
}

export interface DeploymentStatusInfo {
  id: number;
  state: string;
  created_at: string;
  log_url?: string | null;
  target_url?: string | null;
}

export interface StatusFields {
  state: 'pending' | 'success' | 'failure' | 'error';
  context: string;
  description: string;
  target_url?: string;
}

/** What `contains` needs of GitHub's "Compare two commits" answer. */
export interface CommitComparison {
  status: 'ahead' | 'behind' | 'identical' | 'diverged';
  ahead_by: number;
  behind_by: number;
  base_commit: { sha: string };
  merge_base_commit: { sha: string };
}

/**
 * How deep the unfiltered run lists are read: 10 pages of 100, the 1,000 newest runs of each workflow (or of the
 * repository with `workflows: *`). Older active runs are still found through the status lists (the cross-check).
 */
export const RECENT_RUN_PAGES = 10;

/** Runs that are not finished: the statuses GitHub's run list can filter by, one at a time. */
export const ACTIVE_STATUSES = ['queued', 'in_progress', 'waiting', 'pending', 'requested'] as const;

/** Every GitHub call deploy-guard makes. Reads are conditional (ETag), so unchanged polls are free. */
export interface GuardPort {
  getRun(runId: number): Promise<RunInfo>;
  listWorkflows(): Promise<WorkflowInfo[]>;
  /**
   * Every active run of the repository (all pages of each status), optionally on one branch, created at or before
   * `createdBefore`. These filters go through GitHub's search index, which can miss runs: a cross-check only.
   */
  listActiveRuns(filter: { branch?: string; createdBefore?: string }): Promise<RunInfo[]>;
  /**
   * The runs of one workflow (or, without an id, of the repository), unfiltered and newest first (by created_at),
   * down to the first page that reaches runs created before `since`, at most RECENT_RUN_PAGES pages.
   */
  listRecentRuns(workflowId: number | undefined, since: string): Promise<RunInfo[]>;
  listJobs(runId: number): Promise<JobInfo[]>;
  /**
   * The deployments to `environment`, newest first: every page while the deployments on it are created at or
   * after `createdSince` (older pages are not read).
   */
  listDeployments(environment: string, createdSince: string): Promise<DeploymentInfo[]>;
  /** A deployment's latest status: undefined when it has none yet, 'deleted' when the deployment is gone (404). */
  latestDeploymentStatus(deploymentId: number): Promise<DeploymentStatusInfo | undefined | 'deleted'>;
  combinedStatus(ref: string): Promise<{ sha: string; statuses: StatusInfo[] }>;
  checkRuns(ref: string): Promise<CheckInfo[]>;
  labels(issueNumber: number): Promise<string[]>;
  pullsForCommit(sha: string): Promise<number[]>;
  openPulls(base: string): Promise<PullInfo[]>;
  createStatus(sha: string, fields: StatusFields): Promise<void>;
  /** The freeze marker ref (undefined when absent). */
  readRef(ref: string): Promise<string | undefined>;
  createRef(ref: string, sha: string): Promise<void>;
  deleteRef(ref: string): Promise<void>;
  branchHead(branch: string): Promise<string>;
  /**
   * The head commits of the merge groups queued for `branch` (its merge queue's `gh-readonly-queue/<branch>/…`
   * branches).
   */
  queuedMergeGroups(branch: string): Promise<string[]>;
  /**
   * Compares `base...head` (GitHub's "Compare two commits"); 'not-found' when GitHub knows no such commits or they
   * share no history (both HTTP 404).
   */
  compareCommits(base: string, head: string): Promise<CommitComparison | 'not-found'>;
}

/** GitHub's answers to creating a ref that exists and deleting one that does not (both HTTP 422). */
const REF_EXISTS = 'Reference already exists';
const REF_MISSING = 'Reference does not exist';

/** The `message` of GitHub's JSON error body (Octokit's own message appends the documentation URL). */
function gitHubMessage(error: unknown): string | undefined {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  const message = typeof data === 'object' && data !== null ? (data as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : undefined;
}

export function githubGuardPort(client: ConditionalClient, owner: string, repo: string): GuardPort {
  const base = { owner, repo };
  return {
    getRun: (runId) =>
      client.get<RunInfo>(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
        { ...base, run_id: runId },
        'actions: read',
      ),
    listWorkflows: () =>
      client.getAll<WorkflowInfo>('GET /repos/{owner}/{repo}/actions/workflows', base, 'workflows', 'actions: read'),
    async listActiveRuns(filter) {
      const runs: RunInfo[] = [];
      for (const status of ACTIVE_STATUSES) {
        const params = {
          ...base,
          status,
          ...(filter.branch ? { branch: filter.branch } : {}),
          ...(filter.createdBefore ? { created: `<=${filter.createdBefore}` } : {}),
        };
        runs.push(
          ...(await client.getAll<RunInfo>(
            'GET /repos/{owner}/{repo}/actions/runs',
            params,
            'workflow_runs',
            'actions: read',
          )),
        );
      }
      // A run that changes status between two of the lists may appear twice.
      return [...new Map(runs.map((r) => [r.id, r])).values()];
    },
    async listRecentRuns(workflowId, since) {
      const route =
        workflowId === undefined
          ? 'GET /repos/{owner}/{repo}/actions/runs'
          : 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';
      const params = workflowId === undefined ? base : { ...base, workflow_id: workflowId };
      const floor = Date.parse(since);
      const runs: RunInfo[] = [];
      for (let page = 1; page <= RECENT_RUN_PAGES; page++) {
        // No status, created or branch parameter: those are answered from the search index (see listActiveRuns).
        const data = await client.get<{ workflow_runs?: RunInfo[] }>(
          route,
          { ...params, per_page: 100, page },
          'actions: read',
        );
        const items = Array.isArray(data.workflow_runs) ? data.workflow_runs : [];
        runs.push(...items);
        if (items.length < 100 || items.some((r) => Date.parse(r.created_at) < floor)) break;
      }
      return runs;
    },
    listJobs: (runId) =>
      client.getAll<JobInfo>(
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
        { ...base, run_id: runId },
        'jobs',
        'actions: read',
      ),
    listDeployments(environment, createdSince) {
      const since = Date.parse(createdSince);
      // GitHub lists deployments newest first: a page whose oldest deployment predates `since` is the last one needed.
      const more = (page: DeploymentInfo[]): boolean => page.every((d) => !(Date.parse(d.created_at) < since));
      return client.getAll<DeploymentInfo>(
        'GET /repos/{owner}/{repo}/deployments',
        { ...base, environment },
        undefined,
        'deployments: read',
        more,
      );
    },
    async latestDeploymentStatus(deploymentId) {
      const route = 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses';
      // Newest first: one item is the latest status. Conditional like every poll, so an unchanged one is free.
      try {
        const statuses = await client.get<DeploymentStatusInfo[]>(
          route,
          { ...base, deployment_id: deploymentId, per_page: 1 },
          'deployments: read',
        );
        return statuses[0];
      } catch (error) {
        // Deleted since it was listed (the list just worked with the same permission, so this is not a missing one).
        if (statusOf(error) === 404) return 'deleted';
        throw error;
      }
    },
    async combinedStatus(ref) {
      const route = 'GET /repos/{owner}/{repo}/commits/{ref}/status';
      const statuses: StatusInfo[] = [];
      let sha = ref;
      for (let page = 1; page <= 10; page++) {
        const data = await client.get<{ sha: string; statuses: StatusInfo[]; total_count: number }>(
          route,
          { ...base, ref, per_page: 100, page },
          'statuses: read',
        );
        sha = data.sha;
        statuses.push(...data.statuses);
        if (statuses.length >= data.total_count || data.statuses.length < 100) break;
      }
      return { sha, statuses };
    },
    checkRuns: (ref) =>
      client.getAll<CheckInfo>(
        'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
        { ...base, ref, filter: 'latest' },
        'check_runs',
        'checks: read',
      ),
    async labels(issueNumber) {
      const labels = await client.getAll<{ name: string }>(
        'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
        { ...base, issue_number: issueNumber },
        undefined,
        'pull-requests: read',
      );
      return labels.map((l) => l.name);
    },
    async pullsForCommit(sha) {
      const pulls = await client.getAll<{ number: number; state: string }>(
        'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
        { ...base, commit_sha: sha },
        undefined,
        'pull-requests: read',
      );
      return pulls.map((p) => p.number);
    },
    openPulls: (baseBranch) =>
      client.getAll<PullInfo>(
        'GET /repos/{owner}/{repo}/pulls',
        { ...base, state: 'open', base: baseBranch },
        undefined,
        'pull-requests: read',
      ),
    async createStatus(sha, fields) {
      await client.write('POST /repos/{owner}/{repo}/statuses/{sha}', { ...base, sha, ...fields }, 'statuses: write');
    },
    async readRef(ref) {
      const route = 'GET /repos/{owner}/{repo}/git/ref/{ref}';
      try {
        const data = await client.send<{ object: { sha: string } }>(route, {
          ...base,
          ref: ref.replace(/^refs\//, ''),
        });
        return data.object.sha;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
    async createRef(ref, sha) {
      const route = 'POST /repos/{owner}/{repo}/git/refs';
      try {
        await client.send(route, { ...base, ref, sha });
      } catch (error) {
        // Already frozen (two freezes at once): the marker is there, which is what we want. Only GitHub's
        // "Reference already exists" says so; its other 422s ("Reference update failed", "Object does not exist",
        // an invalid name) mean nothing was written, and the branch is not frozen.
        if (statusOf(error) === 422 && gitHubMessage(error) === REF_EXISTS) return;
        throw toApiError(route, error, 'contents: write');
      }
    },
    async deleteRef(ref) {
      const route = 'DELETE /repos/{owner}/{repo}/git/refs/{ref}';
      try {
        await client.send(route, { ...base, ref: ref.replace(/^refs\//, '') });
      } catch (error) {
        // Already gone (two lifts at once): GitHub answers 422 "Reference does not exist". Any other 422 leaves the
        // freeze on, and must say so.
        if ((statusOf(error) === 422 && gitHubMessage(error) === REF_MISSING) || statusOf(error) === 404) return;
        throw toApiError(route, error, 'contents: write');
      }
    },
    async branchHead(branch) {
      const data = await client.get<{ object: { sha: string } }>(
        'GET /repos/{owner}/{repo}/git/ref/{ref}',
        { ...base, ref: `heads/${branch}` },
        'contents: read',
      );
      return data.object.sha;
    },
    async queuedMergeGroups(branch) {
      // A merge queue holds each group on a branch `gh-readonly-queue/<branch>/pr-<n>-<sha>` (merge_group.head_ref).
      // List matching references answers every ref starting with the given prefix, an empty array when none does
      // (https://docs.github.com/en/rest/git/refs#list-matching-references); the trailing slash leaves out the
      // queues of branches whose name merely starts with this one (main-2).
      const refs = await client.get<{ ref: string; object: { sha: string } }[]>(
        'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
        { ...base, ref: `heads/gh-readonly-queue/${branch}/` },
        'contents: read',
      );
      return refs.map((r) => r.object.sha);
    },
    async compareCommits(baseRef, headRef) {
      const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
      try {
        // One commit a page: only the counts and the status are read, and the unpaged answer carries up to 250
        // commits (https://docs.github.com/rest/commits/commits#compare-two-commits). Not conditional: asked once.
        return await client.send<CommitComparison>(route, {
          ...base,
          basehead: `${baseRef}...${headRef}`,
          per_page: 1,
        });
      } catch (error) {
        if (statusOf(error) === 404) return 'not-found';
        if (error instanceof BudgetError) throw error;
        throw toApiError(route, error, 'contents: read');
      }
    },
  };
}
