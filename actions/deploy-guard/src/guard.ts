import { Blocked, type CheckRow, type GuardCheck, type GuardContext, type GuardDeps, type GuardResult } from './check';
import { cancelWindowCheck } from './checks/cancel-window-check';
import { commitGateCheck } from './checks/commit-gate-check';
import { containsCheck } from './checks/contains-check';
import { freezeCheck } from './checks/freeze-check';
import { queueCheck } from './checks/queue-check';
import { windowCheck } from './checks/window-check';
import type { Settings } from './inputs';
import { Cancelled, TimeoutReached, type WaitContext } from './poll';

export type { BlockingRun, CheckName, CheckRow, GuardContext, GuardDeps, GuardResult } from './check';

/**
 * The checks in the order they run: `contains` first (a deploy of the wrong commit is blocked before the freeze
 * writes anything or anything waits), the freeze never waits, the window may make the queue moot, the cancel window
 * is last.
 */
const CHECKS: readonly GuardCheck[] = [
  containsCheck,
  freezeCheck,
  windowCheck,
  queueCheck,
  commitGateCheck,
  cancelWindowCheck,
];

/**
 * Runs the enabled checks in order and gives one verdict: the first block, timeout, cancellation or failure stops the
 * rest.
 */
export async function runGuard(settings: Settings, ctx: GuardContext, deps: GuardDeps): Promise<GuardResult> {
  const { clock, log } = deps;
  const started = clock.now();
  const wait: WaitContext = {
    clock,
    log,
    deadline: started + settings.timeoutMs,
    pollMs: settings.pollMs,
    signal: deps.signal,
    client: deps.client,
  };
  const result: GuardResult = {
    decision: 'proceed',
    reason: '',
    failed: false,
    waitedMs: 0,
    checkedSha: undefined,
    blockingRuns: [],
    nextWindow: undefined,
    decidedAt: '',
    rows: [],
  };
  const reasons: string[] = [];
  try {
    for (const check of CHECKS) {
      if (!check.applies(settings)) continue;
      const row: CheckRow = { check: check.name, result: 'passed', waitedMs: 0, waitedOn: '', detail: '' };
      result.rows.push(row);
      const t0 = clock.now();
      try {
        await check.run({ settings, ctx, deps, wait, row, result, note: (reason) => reasons.push(reason) });
      } catch (error) {
        // A timeout fails closed unless on-timeout is continue.
        if (error instanceof TimeoutReached && settings.onTimeout === 'continue') {
          row.result = 'timed out';
          row.detail = `${error.message} Continuing (on-timeout: continue).`;
          log.warning(`${check.name}: ${row.detail}`);
          reasons.push(`${check.name} timed out (continued)`);
          continue;
        }
        if (error instanceof TimeoutReached || error instanceof Blocked || error instanceof Cancelled) {
          row.result = error instanceof TimeoutReached ? 'timed out' : 'blocked';
          row.detail ||= error.message;
        } else {
          row.result = 'failed';
          row.detail = error instanceof Error ? error.message : String(error);
        }
        throw error;
      } finally {
        row.waitedMs = clock.now() - t0;
      }
    }
  } catch (error) {
    result.decision = 'blocked';
    result.failed = !(error instanceof Blocked) || error.failStep;
    result.reason = error instanceof Error ? error.message : String(error);
    if (error instanceof Cancelled)
      result.reason = 'The run was cancelled (the runner stopped the job) while the guard was waiting.';
    result.waitedMs = clock.now() - started;
    result.decidedAt = new Date(clock.now()).toISOString();
    return result;
  }
  result.waitedMs = clock.now() - started;
  result.decidedAt = new Date(clock.now()).toISOString();
  const passed = result.rows.filter((r) => r.result === 'passed').map((r) => r.check);
  result.reason =
    [...(passed.length ? [`${passed.join(', ')} passed`] : []), ...reasons].join('; ') || 'nothing to check';
  return result;
}
