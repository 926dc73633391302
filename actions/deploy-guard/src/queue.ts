import { InputError, type Logger } from '@shipshape/kit';
import { activeDeployments, deploymentMemory, type ActiveDeployment, type DeploymentMemory } from './environment';
import { ACTIVE_STATUSES, type GuardPort, type RunInfo, type WorkflowInfo } from './github-port';

/**
 * The deploy queue: strict FIFO by the start of each run's latest attempt, ties broken by run id. A run waits only
 * for active runs that are ahead of it; never for itself or for runs that started after it.
 *
 * Why the start and not the creation time: a re-run keeps its run id and created_at, but GitHub resets
 * run_started_at to the new attempt's start and raises run_attempt. Ordered by created_at, re-running yesterday's
 * deploy (a rollback) would jump ahead of today's deploy in progress. Ordered by start, the re-run waits for every run
 * that is active and started before it, and runs that start after it wait for it: mutual exclusion first. For a
 * first attempt the start is its creation.
 *
 * Runs stuck `queued` with no jobs for longer than the zombie age (counted from the start of their latest attempt)
 * are reported and ignored (GitHub sometimes leaves such runs behind; waiting on them would block forever).
 * With an environment, only the runs ahead that are deploying to it now count (see environment.ts).
 */

export interface QueueSettings {
  /** 'self' = the workflow of this run; '*' = every workflow; otherwise names or file names. */
  workflows: 'self' | '*' | readonly string[];
  sameBranch: boolean;
  zombieAgeMs: number;
  /** Only runs with an active deployment to this environment count; undefined = every run counts. */
  environment?: string;
}

export type QueueScope = { all: true } | { all: false; ids: ReadonlySet<number> };

export interface QueueState {
  blocking: RunInfo[];
  zombies: RunInfo[];
  /** Runs ahead that wait for a concurrency group (pending), which this run's job may hold: not waited for. */
  concurrencyWaiters: RunInfo[];
  /** With an environment: the active deployment of each blocking run, by run id. */
  deployments: Map<number, ActiveDeployment>;
}

type QueuePlace = Pick<RunInfo, 'id' | 'created_at' | 'run_started_at'>;

/** When a run's latest attempt started: run_started_at, or its creation when GitHub does not say. */
export function startedAt(run: Pick<RunInfo, 'created_at' | 'run_started_at'>): string {
  return run.run_started_at ?? run.created_at;
}

/** True when `other` is ahead of `self` in the queue: its latest attempt started first (ties: the lower run id). */
export function isAhead(other: QueuePlace, self: QueuePlace): boolean {
  if (other.id === self.id) return false;
  const a = Date.parse(startedAt(other));
  const b = Date.parse(startedAt(self));
  return a < b || (a === b && other.id < self.id);
}

function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Finds the workflows the queue covers; an unknown name is an input error that lists what exists. */
export function matchWorkflows(
  names: readonly string[],
  workflows: readonly WorkflowInfo[],
  input: string,
): Set<number> {
  const ids = new Set<number>();
  for (const name of names) {
    const hits = workflows.filter(
      (w) => w.name === name || w.path === name || fileName(w.path) === name || String(w.id) === name,
    );
    if (hits.length === 0) {
      const known = workflows.map((w) => `${w.name} (${fileName(w.path)})`).join(', ') || 'none';
      throw new InputError(input, `names or file names of this repository's workflows (known: ${known})`, name);
    }
    for (const hit of hits) ids.add(hit.id);
  }
  return ids;
}

export async function resolveScope(
  port: GuardPort,
  settings: QueueSettings,
  self: RunInfo,
  input: string,
): Promise<QueueScope> {
  if (settings.workflows === '*') return { all: true };
  if (settings.workflows === 'self') return { all: false, ids: new Set([self.workflow_id]) };
  return { all: false, ids: matchWorkflows(settings.workflows, await port.listWorkflows(), input) };
}

/**
 * The oldest a run can have been created and still be active: GitHub cancels a workflow run after 35 days ("Workflow
 * run time", Actions limits), and a run can be re-run up to 30 days after it first ran, so an active attempt belongs
 * to a run created at most 65 days before it started.
 */
export const OLDEST_ACTIVE_RUN_MS = (35 + 30) * 86_400_000;

/**
 * The runs that may be ahead of this one, from two sources that cover each other's gaps. The run lists' `status`,
 * `created` and `branch` filters are answered from GitHub's search index, which is capped at 1,000 results and is
 * known to miss runs (a run just created, or a whole status answering total_count 0). So the workflows in scope are
 * also read unfiltered, newest first, back to the oldest run that could still be active (at most the 1,000 newest per
 * workflow), and filtered here; the search lists stay as the cross-check for older active runs (a re-run of an old run
 * sits deep in the unfiltered list, which is ordered by creation). An empty filtered answer alone never means
 * "nothing ahead". Where both lists hold a run, the unfiltered one (not from the index) is taken.
 */
async function aheadCandidates(
  port: GuardPort,
  settings: QueueSettings,
  scope: QueueScope,
  self: RunInfo,
): Promise<RunInfo[]> {
  const start = startedAt(self);
  const since = new Date(Date.parse(start) - OLDEST_ACTIVE_RUN_MS).toISOString();
  const workflows = scope.all ? [undefined] : [...scope.ids];
  const [recent, searched] = await Promise.all([
    Promise.all(workflows.map((id) => port.listRecentRuns(id, since))),
    port.listActiveRuns({
      branch: settings.sameBranch && self.head_branch ? self.head_branch : undefined,
      // A run that started before this one was created before this one started (a run is created before it starts).
      createdBefore: start,
    }),
  ]);
  const byId = new Map<number, RunInfo>(searched.map((r) => [r.id, r]));
  for (const run of recent.flat()) byId.set(run.id, run);
  return [...byId.values()].filter((r) => (ACTIVE_STATUSES as readonly string[]).includes(r.status));
}

/** One look at the queue: who is ahead of us and still active, and which queued runs look abandoned. */
export async function inspectQueue(
  port: GuardPort,
  settings: QueueSettings,
  scope: QueueScope,
  self: RunInfo,
  now: number,
  knownZombies: Map<number, boolean>,
  memory: DeploymentMemory = deploymentMemory(),
): Promise<QueueState> {
  const runs = await aheadCandidates(port, settings, scope, self);
  const candidates = runs
    .filter((r) => (scope.all || scope.ids.has(r.workflow_id)) && isAhead(r, self))
    .filter((r) => !settings.sameBranch || r.head_branch === self.head_branch)
    .sort((a, b) => Date.parse(startedAt(a)) - Date.parse(startedAt(b)) || a.id - b.id);
  // Deployments are looked up only when some run is ahead: nothing to wait for costs no deployment request.
  const deployments =
    settings.environment === undefined
      ? new Map<number, ActiveDeployment>()
      : await activeDeployments(port, settings.environment, candidates, now, memory);
  const ahead = settings.environment === undefined ? candidates : candidates.filter((r) => deployments.has(r.id));
  const blocking: RunInfo[] = [];
  const zombies: RunInfo[] = [];
  const concurrencyWaiters: RunInfo[] = [];
  for (const run of ahead) {
    // One jobs list per unfinished run and look, shared by the concurrency check and the zombie check.
    const jobs =
      run.status === 'in_progress' || run.status === 'queued' || run.status === 'waiting'
        ? await port.listJobs(run.id)
        : undefined;
    if (run.status === 'pending' || (jobs !== undefined && waitsForConcurrencyGroup(jobs))) {
      concurrencyWaiters.push(run);
      continue;
    }
    // Counted from the latest attempt's start: a re-run queued a minute ago is not old because its run is.
    if (run.status === 'queued' && now - Date.parse(startedAt(run)) > settings.zombieAgeMs) {
      let zombie = knownZombies.get(run.id);
      if (zombie === undefined) {
        zombie = (jobs ?? []).length === 0;
        // A queued run with jobs is real; one without may still get them, but only a new status would show it.
        knownZombies.set(run.id, zombie);
      }
      if (zombie) {
        zombies.push(run);
        continue;
      }
    }
    blocking.push(run);
  }
  return { blocking, zombies, concurrencyWaiters, deployments };
}

/**
 * Whether a run ahead is held by a concurrency group: GitHub makes a queued job or workflow `pending` while another
 * job or workflow of the same `concurrency` group is in progress. With the README's advice (the deploy job in one
 * concurrency group, the guard inside it), the holder of that group may be this very job, waiting in this queue: the
 * run ahead cannot go on until this job ends, and this job would wait for it until the timeout. So a gate never waits
 * for a run that waits for a group: the run itself `pending` (workflow-level concurrency), or an in-progress run whose
 * unfinished jobs are all `pending` (job-level; its other jobs are done). Its deploy job has not started, and when it
 * does, it holds the group alone. What a run reports while its only job waits is not documented (only the job's
 * `pending` is), so the jobs of every unfinished run ahead decide (one conditional jobs list each per look).
 */
function waitsForConcurrencyGroup(jobs: readonly { status: string }[]): boolean {
  const unfinished = jobs.filter((job) => job.status !== 'completed');
  return unfinished.length > 0 && unfinished.every((job) => job.status === 'pending');
}

export function describeRun(run: RunInfo): string {
  const when =
    (run.run_attempt ?? 1) > 1 && run.run_started_at
      ? `re-run (attempt ${run.run_attempt ?? 1}) at ${run.run_started_at}`
      : `created ${run.created_at}`;
  return `run ${run.id}${run.name ? ` (${run.name})` : ''} ${run.status}, ${when}${run.head_branch ? ` on ${run.head_branch}` : ''}`;
}

export function logConcurrencyWaiters(log: Logger, runs: readonly RunInfo[], reported: Set<number>): void {
  for (const run of runs) {
    if (reported.has(run.id)) continue;
    reported.add(run.id);
    log.info(
      `Not waiting for ${describeRun(run)}: it waits for a concurrency group (pending), which this job may hold; it starts when the group is free.`,
    );
  }
}

export function logZombies(log: Logger, zombies: readonly RunInfo[], reported: Set<number>, zombieAgeMs: number): void {
  for (const run of zombies) {
    if (reported.has(run.id)) continue;
    reported.add(run.id);
    log.warning(
      `Ignoring ${describeRun(run)}: it has been queued for more than ${Math.round(zombieAgeMs / 1000)} s with no jobs (a zombie run). Cancel it in the Actions tab.`,
    );
  }
}
