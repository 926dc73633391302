import type { CheckInfo, GuardPort, JobInfo, PullInfo, RunInfo, StatusFields, StatusInfo, WorkflowInfo } from '@shipshape/action-deploy-guard/github-port';

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
  async listActiveRuns(filter: { branch?: string; createdBefore?: string }): Promise<RunInfo[]> {
    this.tick('listActiveRuns');
    return this.runs
      .filter((r) => r.status !== 'completed')
      .filter((r) => !filter.branch || r.head_branch === filter.branch)
      .map((r) => ({ ...r }));
  }
  async listJobs(runId: number): Promise<JobInfo[]> {
    this.tick('listJobs');
    return this.jobs.get(runId) ?? [];
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
    this.statuses.set(sha, [...list, { context: fields.context, state: fields.state, description: fields.description }]);
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
}

export function run(id: number, created_at: string, status = 'in_progress', extra: Partial<RunInfo> = {}): RunInfo {
  return { id, workflow_id: 1, name: 'Deploy', status, conclusion: null, created_at, head_branch: 'main', ...extra };
}
