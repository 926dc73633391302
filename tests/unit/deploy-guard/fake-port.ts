import type {
  CheckInfo,
  CommitComparison,
  DeploymentInfo,
  DeploymentStatusInfo,
  GuardPort,
  JobInfo,
  PullInfo,
  RunInfo,
  StatusFields,
  StatusInfo,
  WorkflowInfo,
} from '../../../actions/deploy-guard/src/github-port';

/** An in-memory GuardPort: tests edit its fields between polls (via onPoll) and read back what it was asked. */
export class FakePort implements GuardPort {
  runs: RunInfo[] = [];
  workflows: WorkflowInfo[] = [{ id: 1, name: 'Deploy', path: '.github/workflows/deploy.yml' }];
  jobs = new Map<number, JobInfo[]>();
  statuses = new Map<string, StatusInfo[]>();
  checks = new Map<string, CheckInfo[]>();
  prLabels = new Map<number, string[]>();
  /** Pull request numbers by commit SHA (GET …/commits/{sha}/pulls). */
  commitPulls = new Map<string, number[]>();
  pulls: (PullInfo & { base: string })[] = [];
  refs = new Map<string, string>();
  written: { sha: string; fields: StatusFields }[] = [];
  /** Deployments in any order (listed newest first, as GitHub does); statuses per deployment, oldest first. */
  deployments: DeploymentInfo[] = [];
  deploymentStatuses = new Map<number, DeploymentStatusInfo[]>();
  /** The `createdSince` of each listDeployments call, and how many deployments it returned. */
  deploymentLists: { environment: string; createdSince: string; returned: number }[] = [];
  /** Answers of compareCommits by `base...head`; a pair not listed is 'not-found' (GitHub's 404). */
  comparisons = new Map<string, CommitComparison>();
  calls: string[] = [];
  /** Called at the start of each listActiveRuns / combinedStatus / labels call with how many there were. */
  onPoll: (kind: string, count: number) => void = () => {};
  private counts = new Map<string, number>();

  private tick(kind: string): void {
    this.calls.push(kind);
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    this.onPoll(kind, n);
  }

  async compareCommits(base: string, head: string): Promise<CommitComparison | 'not-found'> {
    this.tick('compareCommits');
    return this.comparisons.get(`${base}...${head}`) ?? 'not-found';
  }

  async getRun(runId: number): Promise<RunInfo> {
    this.tick('getRun');
    const run = this.runs.find((r) => r.id === runId);
    if (!run) throw new Error(`no run ${runId}`);
    return { ...run };
  }
  async listWorkflows(): Promise<WorkflowInfo[]> {
    this.tick('listWorkflows');
    return this.workflows;
  }
  /** Runs GitHub's search index misses: left out of listActiveRuns (the filtered lists), as on GitHub at times. */
  unindexed = new Set<number>();
  async listActiveRuns(filter: { branch?: string; createdBefore?: string }): Promise<RunInfo[]> {
    this.tick('listActiveRuns');
    return this.runs
      .filter((r) => r.status !== 'completed' && !this.unindexed.has(r.id))
      .filter((r) => !filter.branch || r.head_branch === filter.branch)
      .map((r) => ({ ...r }));
  }
  /** The `since` of each listRecentRuns call, by workflow (undefined: the repository's list). */
  recentLists: { workflowId: number | undefined; since: string }[] = [];
  async listRecentRuns(workflowId: number | undefined, since: string): Promise<RunInfo[]> {
    this.tick('listRecentRuns');
    this.recentLists.push({ workflowId, since });
    return this.runs
      .filter((r) => workflowId === undefined || r.workflow_id === workflowId)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id)
      .map((r) => ({ ...r }));
  }
  async listJobs(runId: number): Promise<JobInfo[]> {
    this.tick('listJobs');
    return this.jobs.get(runId) ?? [];
  }
  async listDeployments(environment: string, createdSince: string): Promise<DeploymentInfo[]> {
    this.tick('listDeployments');
    const since = Date.parse(createdSince);
    const listed = this.deployments
      .filter((d) => d.environment === environment)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
    // Like the real port: whole "pages" of 2, stopping after the first page that reaches back before `since`.
    const out: DeploymentInfo[] = [];
    for (let i = 0; i < listed.length; i += 2) {
      const page = listed.slice(i, i + 2);
      out.push(...page);
      if (page.some((d) => Date.parse(d.created_at) < since)) break;
    }
    this.deploymentLists.push({ environment, createdSince, returned: out.length });
    return out.map((d) => ({ ...d }));
  }
  async latestDeploymentStatus(deploymentId: number): Promise<DeploymentStatusInfo | undefined | 'deleted'> {
    this.tick('latestDeploymentStatus');
    if (!this.deployments.some((d) => d.id === deploymentId)) return 'deleted';
    const statuses = this.deploymentStatuses.get(deploymentId) ?? [];
    const latest = statuses[statuses.length - 1];
    return latest ? { ...latest } : undefined;
  }
  async combinedStatus(ref: string): Promise<{ sha: string; statuses: StatusInfo[] }> {
    this.tick('combinedStatus');
    return { sha: ref, statuses: [...(this.statuses.get(ref) ?? [])] };
  }
  async checkRuns(ref: string): Promise<CheckInfo[]> {
    this.tick('checkRuns');
    return [...(this.checks.get(ref) ?? [])];
  }
  async labels(issueNumber: number): Promise<string[]> {
    this.tick('labels');
    return [...(this.prLabels.get(issueNumber) ?? [])];
  }
  async pullsForCommit(sha: string): Promise<number[]> {
    this.tick('pullsForCommit');
    return [...(this.commitPulls.get(sha) ?? [])];
  }
  async openPulls(base: string): Promise<PullInfo[]> {
    this.tick('openPulls');
    return this.pulls.filter((p) => p.base === base);
  }
  async createStatus(sha: string, fields: StatusFields): Promise<void> {
    this.tick('createStatus');
    this.written.push({ sha, fields });
    const list = (this.statuses.get(sha) ?? []).filter((s) => s.context !== fields.context);
    this.statuses.set(sha, [
      ...list,
      { context: fields.context, state: fields.state, description: fields.description },
    ]);
  }
  async readRef(ref: string): Promise<string | undefined> {
    this.tick('readRef');
    return this.refs.get(ref);
  }
  async createRef(ref: string, sha: string): Promise<void> {
    this.tick('createRef');
    if (!this.refs.has(ref)) this.refs.set(ref, sha);
  }
  async deleteRef(ref: string): Promise<void> {
    this.tick('deleteRef');
    this.refs.delete(ref);
  }
  async branchHead(): Promise<string> {
    this.tick('branchHead');
    return 'a'.repeat(40);
  }
  /** Head commits of queued merge groups, by target branch. */
  mergeGroups = new Map<string, string[]>();
  async queuedMergeGroups(branch: string): Promise<string[]> {
    this.tick('queuedMergeGroups');
    return this.mergeGroups.get(branch) ?? [];
  }
}

export function run(id: number, created_at: string, status = 'in_progress', extra: Partial<RunInfo> = {}): RunInfo {
  return { id, workflow_id: 1, name: 'Deploy', status, conclusion: null, created_at, head_branch: 'main', ...extra };
}

let nextStatusId = 1;

/** A deployment as GitHub Actions creates it for a job with `environment:`, with its statuses (oldest first). */
export function deployment(
  port: FakePort,
  id: number,
  environment: string,
  created_at: string,
  statuses: { state: string; runId?: number; url?: string }[] = [],
  sha = 'c'.repeat(40),
): DeploymentInfo {
  const d: DeploymentInfo = { id, sha, ref: 'main', environment, created_at };
  port.deployments.push(d);
  port.deploymentStatuses.set(
    id,
    statuses.map((s) => ({
      id: nextStatusId++,
      state: s.state,
      created_at,
      log_url:
        s.url ??
        (s.runId !== undefined ? `https://github.com/octo-org/app/actions/runs/${s.runId}/job/${s.runId * 10}` : null),
    })),
  );
  return d;
}
