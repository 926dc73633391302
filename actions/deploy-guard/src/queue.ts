import { InputError, type Logger } from '@shipshape/kit';
import { activeDeployments, deploymentMemory, type ActiveDeployment, type DeploymentMemory } from './environment';
import type { GuardPort, RunInfo, WorkflowInfo } from './github-port';

/**
 * The deploy queue: strict FIFO by run creation time, ties broken by run id. A run waits only for active runs
 * that are ahead of it; never for itself or for runs created after it. A re-run keeps its run id and
 * created_at, so it keeps its place. Runs stuck `queued` with no jobs for longer than the zombie age are
 * reported and ignored (GitHub sometimes leaves such runs behind; waiting on them would block forever).
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
  /** With an environment: the active deployment of each blocking run, by run id. */
  deployments: Map<number, ActiveDeployment>;
}

/** True when `other` is ahead of `self` in the queue. */
export function isAhead(other: Pick<RunInfo, 'id' | 'created_at'>, self: Pick<RunInfo, 'id' | 'created_at'>): boolean {
  if (other.id === self.id) return false;
  const a = Date.parse(other.created_at);
  const b = Date.parse(self.created_at);
  return a < b || (a === b && other.id < self.id);
}

function fileName(path: string): string {
  return path.split('/').pop() ?? path;
}

/** Finds the workflows the queue covers; an unknown name is an input error that lists what exists. */
export function matchWorkflows(names: readonly string[], workflows: readonly WorkflowInfo[], input: string): Set<number> {
  const ids = new Set<number>();
  for (const name of names) {
    const hits = workflows.filter((w) => w.name === name || w.path === name || fileName(w.path) === name || String(w.id) === name);
    if (hits.length === 0) {
      const known = workflows.map((w) => `${w.name} (${fileName(w.path)})`).join(', ') || 'none';
      throw new InputError(input, `names or file names of this repository's workflows (known: ${known})`, name);
    }
    for (const hit of hits) ids.add(hit.id);
  }
  return ids;
}

export async function resolveScope(port: GuardPort, settings: QueueSettings, self: RunInfo, input: string): Promise<QueueScope> {
  if (settings.workflows === '*') return { all: true };
  if (settings.workflows === 'self') return { all: false, ids: new Set([self.workflow_id]) };
  return { all: false, ids: matchWorkflows(settings.workflows, await port.listWorkflows(), input) };
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
  const runs = await port.listActiveRuns({
    branch: settings.sameBranch && self.head_branch ? self.head_branch : undefined,
    createdBefore: self.created_at,
  });
  const candidates = runs
    .filter((r) => (scope.all || scope.ids.has(r.workflow_id)) && isAhead(r, self))
    .filter((r) => !settings.sameBranch || r.head_branch === self.head_branch)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id);
  // Deployments are looked up only when some run is ahead: nothing to wait for costs no deployment request.
  const deployments = settings.environment === undefined ? new Map<number, ActiveDeployment>() : await activeDeployments(port, settings.environment, candidates, now, memory);
  const ahead = settings.environment === undefined ? candidates : candidates.filter((r) => deployments.has(r.id));
  const blocking: RunInfo[] = [];
  const zombies: RunInfo[] = [];
  for (const run of ahead) {
    if (run.status === 'queued' && now - Date.parse(run.created_at) > settings.zombieAgeMs) {
      let zombie = knownZombies.get(run.id);
      if (zombie === undefined) {
        zombie = (await port.listJobs(run.id)).length === 0;
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
  return { blocking, zombies, deployments };
}

export function describeRun(run: RunInfo): string {
  return `run ${run.id}${run.name ? ` (${run.name})` : ''} ${run.status}, created ${run.created_at}${run.head_branch ? ` on ${run.head_branch}` : ''}`;
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
