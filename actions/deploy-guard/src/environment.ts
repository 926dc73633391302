import type { DeploymentInfo, DeploymentStatusInfo, GuardPort, RunInfo } from './github-port';

/**
 * The queue's `environment` option: of the earlier active runs, only those deploying to the environment count.
 *
 * The run and job APIs carry no environment; the Deployments API does. A job with `environment: production`
 * makes GitHub create a deployment to `production` (sha and ref of the run) and move it through deployment statuses
 * (queued → waiting for an approval → in_progress → success / failure / error, later inactive). Those statuses link
 * to the run: `log_url` / `target_url` is `…/actions/runs/<run_id>` or `…/actions/runs/<run_id>/job/<job_id>`. So a
 * run "deploys to production now" when a deployment to production whose latest status links to that run is active.
 */

/** Latest deployment statuses that mean the deploy has not finished (`waiting` = waiting for an approval). */
export const ACTIVE_DEPLOYMENT_STATES: ReadonlySet<string> = new Set(['queued', 'pending', 'waiting', 'in_progress']);

/** Latest statuses after which a deployment never becomes active again: its status is not asked for again. */
const FINAL_DEPLOYMENT_STATES: ReadonlySet<string> = new Set(['success', 'failure', 'error', 'inactive']);

/**
 * How long a deployment with no status yet counts as active. GitHub writes the first status of an Actions
 * deployment at once; until then it cannot be tied to a run by URL, only by commit (see attribute()).
 */
export const UNSTATED_DEPLOYMENT_MS = 5 * 60_000;

/**
 * The workflow run a deployment status URL points at, from `…/actions/runs/<id>` or `…/actions/runs/<id>/job/<id>`
 * (any host: github.com or a GitHub Enterprise Server); undefined for any other URL (e.g. an external deploy log).
 */
export function runIdFromUrl(url: string | null | undefined): number | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const parts = path.split('/').filter((p) => p !== '');
  for (let i = 0; i + 2 < parts.length; i++) {
    if (parts[i] === 'actions' && parts[i + 1] === 'runs' && /^\d{1,16}$/.test(parts[i + 2] ?? '')) {
      const id = Number(parts[i + 2]);
      return Number.isSafeInteger(id) && id > 0 ? id : undefined;
    }
  }
  return undefined;
}

/** The run a deployment status belongs to: its log URL, else its target URL (the older name of the same field). */
export function runIdOfStatus(status: Pick<DeploymentStatusInfo, 'log_url' | 'target_url'>): number | undefined {
  return runIdFromUrl(status.log_url) ?? runIdFromUrl(status.target_url);
}

/** What the guard remembers about deployments between polls, so that each unchanged poll asks as little as possible. */
export interface DeploymentMemory {
  /** The run each deployment belongs to (statuses of one deployment all link to the same run). */
  runOf: Map<number, number>;
  /** Deployments whose latest status is final: never active again. */
  finished: Set<number>;
}

export function deploymentMemory(): DeploymentMemory {
  return { runOf: new Map(), finished: new Set() };
}

export interface ActiveDeployment {
  deploymentId: number;
  /** The latest status (`queued`, `waiting`, …), or `created` when it has none yet. */
  state: string;
}

/**
 * Which of `candidates` (earlier active runs) have an active deployment to `environment`, with its state.
 *
 * Requests: one conditional list of the environment's deployments (more pages only while they are newer than the
 * oldest candidate: a run cannot deploy before it was created), then the latest status (`per_page=1`) of each
 * deployment that may be a candidate's and may still be active. Deployments already known to be finished, or known
 * to belong to a run that is not a candidate (this run, later runs, other workflows), are not asked about again.
 *
 * A deployment with no status yet (created in the last UNSTATED_DEPLOYMENT_MS) cannot be tied to a run by URL; it
 * counts for the candidates whose head commit it deploys, so a deploy that is just starting is not missed.
 */
export async function activeDeployments(
  port: GuardPort,
  environment: string,
  candidates: readonly RunInfo[],
  now: number,
  memory: DeploymentMemory,
): Promise<Map<number, ActiveDeployment>> {
  const active = new Map<number, ActiveDeployment>();
  if (candidates.length === 0) return active;
  const byId = new Map(candidates.map((r) => [r.id, r]));
  const oldest = Math.min(...candidates.map((r) => Date.parse(r.created_at)));
  const deployments = await port.listDeployments(environment, new Date(oldest).toISOString());
  const wanted = environment.toLowerCase();
  const todo = deployments.filter((deployment) => {
    if (deployment.environment.toLowerCase() !== wanted) return false;
    if (Date.parse(deployment.created_at) < oldest || memory.finished.has(deployment.id)) return false;
    const known = memory.runOf.get(deployment.id);
    return known === undefined || byId.has(known);
  });
  // One round trip for all of them; the loop below keeps the list's order (newest first per run).
  const statuses = await Promise.all(todo.map((deployment) => port.latestDeploymentStatus(deployment.id)));
  for (const [i, deployment] of todo.entries()) {
    const status = statuses[i];
    if (status === 'deleted') {
      memory.finished.add(deployment.id);
      continue;
    }
    if (status === undefined) {
      considerUnstated(deployment, candidates, now, active);
      continue;
    }
    if (FINAL_DEPLOYMENT_STATES.has(status.state)) memory.finished.add(deployment.id);
    const runId = runIdOfStatus(status);
    if (runId === undefined) continue; // not an Actions deployment (or a URL we cannot read): no run to wait on
    memory.runOf.set(deployment.id, runId);
    if (byId.has(runId) && ACTIVE_DEPLOYMENT_STATES.has(status.state) && !active.has(runId)) {
      active.set(runId, { deploymentId: deployment.id, state: status.state });
    }
  }
  return active;
}

function considerUnstated(
  deployment: DeploymentInfo,
  candidates: readonly RunInfo[],
  now: number,
  active: Map<number, ActiveDeployment>,
): void {
  if (now - Date.parse(deployment.created_at) > UNSTATED_DEPLOYMENT_MS) return;
  for (const run of candidates) {
    if (run.head_sha !== undefined && run.head_sha === deployment.sha && !active.has(run.id)) {
      active.set(run.id, { deploymentId: deployment.id, state: 'created' });
    }
  }
}
