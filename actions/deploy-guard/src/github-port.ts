import { statusOf, toApiError } from '@shipshape/github';
import type { ConditionalClient } from './poll';

export interface RunInfo {
  id: number;
  workflow_id: number;
  name: string | null;
  status: string;
  conclusion: string | null;
  created_at: string;
  head_branch: string | null;
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
}

export interface PullInfo {
  number: number;
  head: { sha: string };
  labels: { name?: string }[];
}

export interface StatusFields {
  state: 'pending' | 'success' | 'failure' | 'error';
  context: string;
  description: string;
  target_url?: string;
}

/** Runs that are not finished: the statuses GitHub's run list can filter by, one at a time. */
export const ACTIVE_STATUSES = ['queued', 'in_progress', 'waiting', 'pending', 'requested'] as const;

/** Every GitHub call deploy-guard makes. Reads are conditional (ETag), so unchanged polls are free. */
export interface GuardPort {
  getRun(runId: number): Promise<RunInfo>;
  listWorkflows(): Promise<WorkflowInfo[]>;
  /** Every active run of the repository (all pages of each status), optionally on one branch, created at or before `createdBefore`. */
  listActiveRuns(filter: { branch?: string; createdBefore?: string }): Promise<RunInfo[]>;
  listJobs(runId: number): Promise<JobInfo[]>;
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
}

export function githubGuardPort(client: ConditionalClient, owner: string, repo: string): GuardPort {
  const base = { owner, repo };
  return {
    getRun: (runId) => client.get<RunInfo>('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...base, run_id: runId }, 'actions: read'),
    listWorkflows: () => client.getAll<WorkflowInfo>('GET /repos/{owner}/{repo}/actions/workflows', base, 'workflows', 'actions: read'),
    async listActiveRuns(filter) {
      const runs: RunInfo[] = [];
      for (const status of ACTIVE_STATUSES) {
        const params = {
          ...base,
          status,
          ...(filter.branch ? { branch: filter.branch } : {}),
          ...(filter.createdBefore ? { created: `<=${filter.createdBefore}` } : {}),
        };
        runs.push(...(await client.getAll<RunInfo>('GET /repos/{owner}/{repo}/actions/runs', params, 'workflow_runs', 'actions: read')));
      }
      // A run that changes status between two of the lists may appear twice.
      return [...new Map(runs.map((r) => [r.id, r])).values()];
    },
    listJobs: (runId) => client.getAll<JobInfo>('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', { ...base, run_id: runId }, 'jobs', 'actions: read'),
    async combinedStatus(ref) {
      const route = 'GET /repos/{owner}/{repo}/commits/{ref}/status';
      const statuses: StatusInfo[] = [];
      let sha = ref;
      for (let page = 1; page <= 10; page++) {
        const data = await client.get<{ sha: string; statuses: StatusInfo[]; total_count: number }>(route, { ...base, ref, per_page: 100, page }, 'statuses: read');
        sha = data.sha;
        statuses.push(...data.statuses);
        if (statuses.length >= data.total_count || data.statuses.length < 100) break;
      }
      return { sha, statuses };
    },
    checkRuns: (ref) => client.getAll<CheckInfo>('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...base, ref, filter: 'latest' }, 'check_runs', 'checks: read'),
    async labels(issueNumber) {
      const labels = await client.getAll<{ name: string }>('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...base, issue_number: issueNumber }, undefined, 'pull-requests: read');
      return labels.map((l) => l.name);
    },
    async pullsForCommit(sha) {
      const pulls = await client.getAll<{ number: number; state: string }>('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', { ...base, commit_sha: sha }, undefined, 'pull-requests: read');
      return pulls.map((p) => p.number);
    },
    openPulls: (baseBranch) =>
      client.getAll<PullInfo>('GET /repos/{owner}/{repo}/pulls', { ...base, state: 'open', base: baseBranch }, undefined, 'pull-requests: read'),
    async createStatus(sha, fields) {
      await client.write('POST /repos/{owner}/{repo}/statuses/{sha}', { ...base, sha, ...fields }, 'statuses: write');
    },
    async readRef(ref) {
      const route = 'GET /repos/{owner}/{repo}/git/ref/{ref}';
      try {
        const data = await client.send<{ object: { sha: string } }>(route, { ...base, ref: ref.replace(/^refs\//, '') });
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
        // Already frozen (a re-run, or two freezes at once): the marker is there, which is what we want.
        if (statusOf(error) === 422) return;
        throw toApiError(route, error, 'contents: write');
      }
    },
    async deleteRef(ref) {
      const route = 'DELETE /repos/{owner}/{repo}/git/refs/{ref}';
      try {
        await client.send(route, { ...base, ref: ref.replace(/^refs\//, '') });
      } catch (error) {
        if (statusOf(error) === 422 || statusOf(error) === 404) return;
        throw toApiError(route, error, 'contents: write');
      }
    },
    async branchHead(branch) {
      const data = await client.get<{ object: { sha: string } }>('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...base, ref: `heads/${branch}` }, 'contents: read');
      return data.object.sha;
    },
  };
}
