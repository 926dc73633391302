import { ShipshapeError, type Clock, type Logger } from '@shipshape/kit';
import type { GuardPort } from './github-port';
import type { Settings } from './inputs';
import type { ConditionalClient, WaitContext } from './poll';

/**
 * The one shape of deploy-guard's checks (freeze, window, queue, commit gate, cancel window) and what they share
 * with the loop in guard.ts: the result they fill in, the row each writes, and how a check says "blocked".
 */

export type CheckName = 'contains' | 'merge freeze' | 'deploy window' | 'queue' | 'commit gate' | 'cancel window';

export interface CheckRow {
  check: CheckName;
  result: 'passed' | 'blocked' | 'skipped' | 'overridden' | 'timed out' | 'done' | 'failed';
  waitedMs: number;
  waitedOn: string;
  detail: string;
}

export interface BlockingRun {
  id: number;
  name: string | null;
  status: string;
  created_at: string;
  html_url?: string;
  /** With the `environment` input: the environment the run is deploying to. */
  environment?: string;
}

export interface GuardResult {
  decision: 'proceed' | 'blocked';
  reason: string;
  /** Whether the step should fail (a block by `outside-window: skip` does not). */
  failed: boolean;
  waitedMs: number;
  checkedSha: string | undefined;
  blockingRuns: BlockingRun[];
  nextWindow: string | undefined;
  /** When the verdict was reached (ISO 8601): the moment the deploy was cleared or stopped. */
  decidedAt: string;
  rows: CheckRow[];
}

export interface GuardContext {
  runId: number;
  eventName: string;
  pull: { number: number; sha: string; labels: string[] } | undefined;
  /** The merge queue's group commit on a `merge_group` event (`merge_group.head_sha`). */
  mergeGroup?: { sha: string } | undefined;
}

export interface GuardDeps {
  port: GuardPort;
  client?: ConditionalClient;
  clock: Clock;
  log: Logger;
  signal?: AbortSignal;
}

/** What one check is given: the settings and event, its ports, the shared wait, and where it reports. */
export interface CheckRun {
  settings: Settings;
  ctx: GuardContext;
  deps: GuardDeps;
  wait: WaitContext;
  /** Its row of the summary table (result 'passed' unless the check says otherwise). */
  row: CheckRow;
  /** The verdict being built: checks set checkedSha, blockingRuns and nextWindow as they learn them. */
  result: GuardResult;
  /** Adds a phrase to the verdict's reason (a passed check needs none: the loop names it). */
  note(reason: string): void;
}

/**
 * One check. `run` resolves when the check passes or is done (its row says how), waits through `poll.ts` (which
 * throws TimeoutReached or Cancelled), and throws `Blocked` to stop the deploy; any other error is a failure.
 */
export interface GuardCheck {
  name: CheckName;
  applies(settings: Settings): boolean;
  run(check: CheckRun): Promise<void>;
}

/** A check's "do not deploy": the step fails unless `failStep` is false (`outside-window: skip`). */
export class Blocked extends ShipshapeError {
  constructor(
    message: string,
    readonly failStep = true,
  ) {
    super(message);
  }
}

export const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/** The queue and the cancel window look at this run: outside a workflow run there is none to look at. */
export function requireRunId(ctx: GuardContext, check: CheckName): number {
  if (!Number.isSafeInteger(ctx.runId) || ctx.runId <= 0) {
    throw new ShipshapeError(
      `The ${check} needs this workflow run's id (GITHUB_RUN_ID), which is not set: run it as a step of a workflow.`,
    );
  }
  return ctx.runId;
}
