import { ShipshapeError, type Clock, type Logger } from '@shipshape/kit';
import { cancelWindow, howToCancel } from './cancel-window';
import { evaluateCommit, isOwnUnfinishedCheck, needsOwnJobs, type GateVerdict } from './commit-gate';
import { describeLocal, isOpen, nextOpening } from './deploy-window';
import { deploymentMemory } from './environment';
import { checksWaitingOnThisRun, runOfCheck, type GateWaiterContext } from './gate-waiters';
import { setFreeze, syncMergeGroup, syncPull } from './freeze';
import type { GuardPort, JobInfo, RunInfo } from './github-port';
import type { Settings } from './inputs';
import { INPUT } from './inputs';
import { Cancelled, TimeoutReached, pause, pollUntil, type ConditionalClient, type WaitContext } from './poll';
import { describeRun, inspectQueue, logConcurrencyWaiters, logZombies, resolveScope } from './queue';
import { summaryCell, summaryLine } from './summary-text';

/** Runs the enabled checks in a fixed order (freeze, window, queue, commit gate, cancel window) and gives one verdict. */

export type CheckName = 'merge freeze' | 'deploy window' | 'queue' | 'commit gate' | 'cancel window';

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

class Blocked extends ShipshapeError {
  constructor(
    message: string,
    readonly failStep = true,
  ) {
    super(message);
  }
}

function toBlocking(run: RunInfo, environment: string | undefined): BlockingRun {
  return {
    id: run.id,
    name: run.name,
    status: run.status,
    created_at: run.created_at,
    ...(run.html_url ? { html_url: run.html_url } : {}),
    ...(environment !== undefined ? { environment } : {}),
  };
}

const COMMIT_SHA = /^[0-9a-f]{40}$/i;

/** The queue and the cancel window look at this run: outside a workflow run there is none to look at. */
function requireRunId(ctx: GuardContext, check: CheckName): number {
  if (!Number.isSafeInteger(ctx.runId) || ctx.runId <= 0) {
    throw new ShipshapeError(`The ${check} needs this workflow run's id (GITHUB_RUN_ID), which is not set: run it as a step of a workflow.`);
  }
  return ctx.runId;
}

/**
 * The override label, when set on the event's PR (labels as of the event) or, for push and dispatch events, on
 * a PR of the deployed commit, such as the merged hotfix (read now). Returns where it was found, for the summary.
 */
async function labelOverride(port: GuardPort, settings: Settings, ctx: GuardContext): Promise<string | undefined> {
  const label = settings.overrideLabel;
  if (!label) return undefined;
  if (ctx.pull) return ctx.pull.labels.includes(label) ? `label \`${label}\` on #${ctx.pull.number}` : undefined;
  if (!COMMIT_SHA.test(settings.sha)) return undefined;
  for (const number of await port.pullsForCommit(settings.sha)) {
    if ((await port.labels(number)).includes(label)) return `label \`${label}\` on #${number}`;
  }
  return undefined;
}

export async function runGuard(settings: Settings, ctx: GuardContext, deps: GuardDeps): Promise<GuardResult> {
  const { port, clock, log } = deps;
  const started = clock.now();
  const deadline = started + settings.timeoutMs;
  const wait: WaitContext = { clock, log, deadline, pollMs: settings.pollMs, signal: deps.signal, client: deps.client };
  const result: GuardResult = {
    decision: 'proceed',
    reason: '',
    failed: false,
    waitedMs: 0,
    checkedSha: undefined,
    blockingRuns: [],
    nextWindow: undefined,
    rows: [],
  };
  const reasons: string[] = [];

  /** Runs one check; a timeout fails closed unless on-timeout is continue. */
  const step = async (check: CheckName, body: (row: CheckRow) => Promise<void>): Promise<void> => {
    const row: CheckRow = { check, result: 'passed', waitedMs: 0, waitedOn: '', detail: '' };
    result.rows.push(row);
    const t0 = clock.now();
    try {
      await body(row);
    } catch (error) {
      if (error instanceof TimeoutReached && settings.onTimeout === 'continue') {
        row.result = 'timed out';
        row.detail = `${error.message} Continuing (on-timeout: continue).`;
        log.warning(`${check}: ${row.detail}`);
        reasons.push(`${check} timed out (continued)`);
        return;
      }
      if (error instanceof TimeoutReached || error instanceof Blocked || error instanceof Cancelled) {
        row.result = error instanceof TimeoutReached ? 'timed out' : 'blocked';
        row.detail ||= error.message;
        throw error;
      }
      row.result = 'failed';
      row.detail = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      row.waitedMs = clock.now() - t0;
    }
  };

  try {
    if (settings.freeze) {
      await step('merge freeze', async (row) => {
        const freezeSettings = { branch: settings.freezeBranch, context: settings.freezeContext, reason: settings.freezeReason, exemptLabel: settings.exemptLabel };
        if (settings.freeze === 'sync' && !ctx.pull && ctx.mergeGroup) {
          const group = await syncMergeGroup(port, ctx.mergeGroup.sha, freezeSettings, log);
          row.result = 'done';
          row.detail = `${group.frozen ? 'frozen' : 'open'}: status \`${settings.freezeContext}\` ${group.updated ? `set on merge group commit ${ctx.mergeGroup.sha.slice(0, 7)}` : 'already up to date'}`;
          reasons.push(`merge freeze ${group.frozen ? 'on' : 'off'}`);
          return;
        }
        const outcome =
          settings.freeze === 'sync' && ctx.pull
            ? await syncPull(port, ctx.pull, freezeSettings, log)
            : await setFreeze(port, settings.freeze === 'on', freezeSettings, log);
        row.result = 'done';
        const targets = [
          ...(outcome.updated.length ? [[...outcome.updated].sort((x, y) => x - y).map((n) => `#${n}`).join(', ')] : []),
          ...(outcome.mergeGroupsUpdated.length ? [`${outcome.mergeGroupsUpdated.length} merge group commit(s)`] : []),
        ];
        row.detail = `${outcome.frozen ? 'frozen' : 'open'}: status \`${settings.freezeContext}\` ${targets.length ? `set on ${targets.join(' and ')}` : 'already up to date'}${outcome.exempt.length ? `; exempt ${outcome.exempt.map((n) => `#${n}`).join(', ')}` : ''}`;
        reasons.push(`merge freeze ${outcome.frozen ? 'on' : 'off'}`);
      });
    }

    if (settings.window) {
      const spec = settings.window;
      await step('deploy window', async (row) => {
        const zone = spec.windows[0]?.zone ?? 'UTC';
        const text = spec.windows.map((w) => w.text).join('; ');
        row.waitedOn = text;
        for (;;) {
          const now = clock.now();
          const next = nextOpening(spec, now);
          result.nextWindow = next === undefined ? undefined : new Date(next).toISOString();
          if (isOpen(spec, now)) {
            row.detail ||= `open at ${describeLocal(now, zone)}`;
            return;
          }
          const opens = next === undefined ? 'not within the next year' : `at ${describeLocal(next, zone)}`;
          const closed = `outside the deploy window (${text}) at ${describeLocal(now, zone)}; it opens ${opens}`;
          const override = settings.overrideReason ?? (await labelOverride(port, settings, ctx));
          if (override) {
            row.result = 'overridden';
            row.detail = `${closed}; overridden: ${override}`;
            log.warning(`Deploy window overridden: ${override}`);
            reasons.push(`deploy window overridden (${override})`);
            return;
          }
          if (settings.outsideWindow === 'skip') {
            row.result = 'skipped';
            throw new Blocked(`${closed} (outside-window: skip)`, false);
          }
          if (settings.outsideWindow === 'fail') throw new Blocked(closed);
          if (next === undefined || next > deadline) {
            throw new TimeoutReached(`The deploy window opens ${opens}, after the timeout (${new Date(deadline).toISOString()}).`);
          }
          log.info(`Waiting: ${closed}.`);
          await pause(wait, next - now);
          if (clock.now() >= deadline && !isOpen(spec, clock.now())) throw new TimeoutReached('Timed out waiting for the deploy window.');
          row.detail = `waited for the window to open; open at ${describeLocal(clock.now(), zone)}`;
        }
      });
    }

    if (settings.queue) {
      await step('queue', async (row) => {
        const self = await port.getRun(requireRunId(ctx, 'queue'));
        const scope = await resolveScope(port, settings, self, INPUT.workflows);
        row.waitedOn = settings.workflows === '*' ? 'all workflows' : settings.workflows === 'self' ? `workflow ${self.name ?? self.workflow_id}` : settings.workflows.join(', ');
        if (settings.sameBranch) row.waitedOn += ` on ${self.head_branch ?? '?'}`;
        if (settings.environment !== undefined) row.waitedOn += ` deploying to ${settings.environment}`;
        const zombies = new Map<number, boolean>();
        const deployments = deploymentMemory();
        const reported = new Set<number>();
        const passedWaiters = new Set<number>();
        let lastKey = '';
        const seen = new Set<number>();
        try {
          await pollUntil(wait, 'earlier runs to finish', async () => {
            const state = await inspectQueue(port, settings, scope, self, clock.now(), zombies, deployments);
            logZombies(log, state.zombies, reported, settings.zombieAgeMs);
            logConcurrencyWaiters(log, state.concurrencyWaiters, passedWaiters);
            result.blockingRuns = state.blocking.map((r) => toBlocking(r, settings.environment));
            const deploying = (id: number): string => {
              const d = state.deployments.get(id);
              return d ? `, deploying to ${settings.environment ?? '?'} (deployment ${d.deploymentId} ${d.state})` : '';
            };
            const key = state.blocking.map((r) => `${r.id}:${r.status}:${state.deployments.get(r.id)?.state ?? ''}`).join(',');
            if (state.blocking.length > 0 && key !== lastKey) {
              log.info(`Queue: waiting for ${state.blocking.length} earlier run(s): ${state.blocking.map((r) => `${describeRun(r)}${deploying(r.id)}`).join('; ')}.`);
            }
            lastKey = key;
            for (const r of state.blocking) seen.add(r.id);
            return state.blocking.length === 0 ? state : undefined;
          });
        } finally {
          if (reported.size > 0) row.detail = `ignored zombie run(s) ${[...reported].join(', ')}; `;
          if (passedWaiters.size > 0) row.detail += `did not wait for run(s) ${[...passedWaiters].join(', ')} (waiting for a concurrency group); `;
        }
        const finishing = settings.environment === undefined ? 'to finish' : `to finish deploying to ${settings.environment}`;
        const idle = settings.environment === undefined ? 'no earlier run active' : `no earlier run deploying to ${settings.environment}`;
        row.detail += seen.size > 0 ? `waited for run(s) ${[...seen].join(', ')} ${finishing}` : idle;
      });
    }

    if (settings.commitGate) {
      await step('commit gate', async (row) => {
        row.waitedOn = settings.requiredChecks.length > 0 ? settings.requiredChecks.map((r) => r.text).join(', ') : 'all statuses and check runs';
        // This run's jobs are listed only when an unfinished Actions check run does not say which run it belongs to
        // (GitHub's details_url does): on GitHub the guard's own job is always such an unfinished check run.
        let ownJobs: JobInfo[] | undefined;
        let waiters: GateWaiterContext | undefined;
        const passed = new Map<number, string>();
        let lastPending = '';
        // A full SHA needs no resolving: both reads go out together (one round trip instead of two).
        const fullSha = COMMIT_SHA.test(settings.sha);
        const verdict = await pollUntil<{ verdict: GateVerdict; sha: string }>(wait, `the checks of ${settings.sha}`, async () => {
          const [combined, early] = await Promise.all([port.combinedStatus(settings.sha), fullSha ? port.checkRuns(settings.sha) : undefined]);
          result.checkedSha = combined.sha;
          const checks = early ?? (await port.checkRuns(combined.sha));
          const ownRunId = ctx.runId > 0 ? ctx.runId : undefined;
          if (ownJobs === undefined && needsOwnJobs(checks, ownRunId)) ownJobs = ownRunId !== undefined ? await port.listJobs(ownRunId) : [];
          // Jobs of other deploy runs that wait for this one: asked only when an unfinished Actions job of another run is there.
          let waitingOnUs = new Map<number, string>();
          const others = checks.filter((c) => c.status !== 'completed' && !isOwnUnfinishedCheck(c, ownJobs ?? [], ownRunId) && runOfCheck(c) !== undefined);
          if (others.length > 0 && ctx.runId > 0) {
            if (!waiters) {
              const self = await port.getRun(ctx.runId);
              waiters = { self, scope: await resolveScope(port, settings, self, INPUT.workflows), runs: new Map() };
            }
            waitingOnUs = await checksWaitingOnThisRun(port, others, waiters);
            for (const [id, why] of waitingOnUs) {
              if (passed.has(id)) continue;
              passed.set(id, why);
              log.info(`Commit gate: not waiting for ${others.find((c) => c.id === id)?.name ?? id}: ${why}.`);
            }
          }
          const v = evaluateCommit(combined.statuses, checks, settings.requiredChecks, ownJobs ?? [], [settings.freezeContext], new Set(waitingOnUs.keys()), ownRunId);
          if (v.state === 'failure') throw new Blocked(`Commit ${combined.sha.slice(0, 12)} has failing checks: ${v.failing.join(', ')}.`);
          if (v.state === 'pending') {
            const key = v.pending.join(', ');
            if (key !== lastPending) log.info(`Commit gate: waiting for ${key}.`);
            lastPending = key;
            row.detail = `waiting for ${key}`;
            return undefined;
          }
          return { verdict: v, sha: combined.sha };
        });
        result.checkedSha = verdict.sha;
        row.detail = verdict.verdict.passed.length > 0 ? `${verdict.sha.slice(0, 12)}: ${verdict.verdict.passed.join(', ')} passed` : `${verdict.sha.slice(0, 12)}: no statuses or check runs`;
        if (passed.size > 0) row.detail += `; not waited for (they wait for this run): ${[...new Set(passed.values())].join('; ')}`;
      });
    }

    if (settings.cancelWindowMinutes > 0) {
      await step('cancel window', async (row) => {
        const sha = result.checkedSha ?? settings.sha;
        const pulls = ctx.pull ? [ctx.pull.number] : COMMIT_SHA.test(sha) ? await port.pullsForCommit(sha) : [];
        const cw = { minutes: settings.cancelWindowMinutes, abortLabel: settings.abortLabel, pulls, runId: requireRunId(ctx, 'cancel window') };
        row.waitedOn = `${settings.cancelWindowMinutes} min; ${howToCancel(cw)}`;
        const outcome = await cancelWindow(port, { ...wait, deadline: Number.POSITIVE_INFINITY }, cw);
        row.detail = outcome.detail;
        if (outcome.outcome !== 'elapsed') throw new Blocked(`Deploy stopped during the cancel window: ${outcome.detail}.`);
      });
    }
  } catch (error) {
    result.decision = 'blocked';
    result.failed = !(error instanceof Blocked) || error.failStep;
    result.reason = error instanceof Error ? error.message : String(error);
    if (error instanceof Cancelled) result.reason = 'The run was cancelled (the runner stopped the job) while the guard was waiting.';
    result.waitedMs = clock.now() - started;
    return result;
  }
  result.waitedMs = clock.now() - started;
  const passed = result.rows.filter((r) => r.result === 'passed').map((r) => r.check);
  result.reason = [...(passed.length ? [`${passed.join(', ')} passed`] : []), ...reasons].join('; ') || 'nothing to check';
  return result;
}

function seconds(ms: number): string {
  return ms < 1000 ? '0 s' : `${Math.round(ms / 1000)} s`;
}

/**
 * The job summary: one row per check, then the verdict. Every text that may hold a name a third party chose (check
 * runs, statuses, runs, workflows, branches, labels, reasons) is shown as it reads, never as Markdown or HTML.
 */
export function renderSummary(result: GuardResult): string {
  const lines = [
    `### Deploy guard: ${result.decision === 'proceed' ? '✅ proceed' : '⛔ blocked'}`,
    '',
    '| Check | Result | Waited | Waited on | Why |',
    '| --- | --- | --- | --- | --- |',
    ...result.rows.map((r) => `| ${r.check} | ${r.result} | ${seconds(r.waitedMs)} | ${summaryCell(r.waitedOn)} | ${summaryCell(r.detail)} |`),
    '',
    `**Reason:** ${summaryLine(result.reason)}`,
  ];
  if (result.checkedSha) lines.push('', `**Checked commit:** ${COMMIT_SHA.test(result.checkedSha) ? `\`${result.checkedSha}\`` : summaryLine(result.checkedSha)} — deploy exactly this commit.`);
  if (result.nextWindow) lines.push('', `**Next window:** ${summaryLine(result.nextWindow)}`);
  if (result.blockingRuns.length > 0 && result.decision === 'blocked') {
    lines.push('', `**Blocking runs:** ${result.blockingRuns.map((r) => summaryLine(`${r.id} (${r.name ?? 'run'}, ${r.status})`)).join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
