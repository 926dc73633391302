import { runIdFromUrl } from './environment';
import type { CheckInfo, GuardPort, RunInfo } from './github-port';
import { isAhead, type QueueScope } from './queue';

/**
 * Check runs the commit gate must not wait for, because they wait for this run: a gate never waits on a job that
 * waits on it.
 *
 * On GitHub every Actions job is a check run of its commit (same id as the job, app `github-actions`, its run's
 * check suite, `details_url` the job's page `…/actions/runs/{run_id}/job/{job_id}`). So the commit being deployed also
 * carries the unfinished jobs of the deploy workflows themselves:
 * - a later run's deploy job, whose guard waits in the queue for this run: it cannot finish before this run does;
 * - a job `pending` on a concurrency group, which this run's deploy job may hold;
 * - a job `waiting` for an environment's approval, which may come only after this deploy.
 * These are recognised for the workflows the queue covers (`workflows`, default this run's workflow): the deploy
 * workflows, whose jobs are deploys rather than checks of the commit. Jobs of any other workflow (CI) count as before.
 * This run's own unfinished jobs are left out separately (isOwnUnfinishedCheck).
 */

export interface GateWaiterContext {
  self: RunInfo;
  scope: QueueScope;
  /** Runs looked up so far, by id (a run's workflow and start do not change while the guard waits, unless re-run). */
  runs: Map<number, RunInfo>;
}

/** The run an Actions check run (a job) belongs to, from its details URL; undefined for other apps' check runs. */
export function runOfCheck(check: CheckInfo): number | undefined {
  if (check.app?.slug !== 'github-actions') return undefined;
  return runIdFromUrl(check.details_url);
}

/** The unfinished check runs that wait for this run, with why (for the log and the summary). */
export async function checksWaitingOnThisRun(
  port: GuardPort,
  checks: readonly CheckInfo[],
  ctx: GateWaiterContext,
): Promise<Map<number, string>> {
  const waiting = new Map<number, string>();
  for (const check of checks) {
    if (check.status === 'completed') continue;
    const runId = runOfCheck(check);
    if (runId === undefined || runId === ctx.self.id) continue;
    let run = ctx.runs.get(runId);
    if (!run) {
      run = await port.getRun(runId);
      ctx.runs.set(runId, run);
    }
    if (!ctx.scope.all && !ctx.scope.ids.has(run.workflow_id)) continue;
    if (check.status === 'pending') waiting.set(check.id, `run ${run.id} waits for a concurrency group`);
    else if (check.status === 'waiting') waiting.set(check.id, `run ${run.id} waits for an environment approval`);
    else if (isAhead(ctx.self, run))
      waiting.set(check.id, `run ${run.id} started after this one and may be waiting for it`);
  }
  return waiting;
}
