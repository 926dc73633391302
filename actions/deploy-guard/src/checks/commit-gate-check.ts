import { Blocked, COMMIT_SHA, type GuardCheck } from '../check';
import { evaluateCommit, isOwnUnfinishedCheck, needsOwnJobs, type GateVerdict } from '../commit-gate';
import { checksWaitingOnThisRun, runOfCheck, type GateWaiterContext } from '../gate-waiters';
import type { JobInfo } from '../github-port';
import { INPUT } from '../inputs';
import { pollUntil } from '../poll';
import { resolveScope } from '../queue';

/** `commit-gate: true`: waits until the commit's statuses and check runs pass; blocks at the first failure. */
export const commitGateCheck: GuardCheck = {
  name: 'commit gate',
  applies: (settings) => settings.commitGate,
  async run({ settings, ctx, deps: { port, log }, wait, row, result }) {
    row.waitedOn =
      settings.requiredChecks.length > 0
        ? settings.requiredChecks.map((r) => r.text).join(', ')
        : 'all statuses and check runs';
    // This run's jobs are listed only when an unfinished Actions check run does not say which run it belongs to
    // (GitHub's details_url does): on GitHub the guard's own job is always such an unfinished check run.
    let ownJobs: JobInfo[] | undefined;
    let waiters: GateWaiterContext | undefined;
    const passed = new Map<number, string>();
    let lastPending = '';
    // A full SHA needs no resolving: both reads go out together (one round trip instead of two).
    const fullSha = COMMIT_SHA.test(settings.sha);
    const verdict = await pollUntil<{ verdict: GateVerdict; sha: string }>(
      wait,
      `the checks of ${settings.sha}`,
      async () => {
        const [combined, early] = await Promise.all([
          port.combinedStatus(settings.sha),
          fullSha ? port.checkRuns(settings.sha) : undefined,
        ]);
        result.checkedSha = combined.sha;
        const checks = early ?? (await port.checkRuns(combined.sha));
        const ownRunId = ctx.runId > 0 ? ctx.runId : undefined;
        if (ownJobs === undefined && needsOwnJobs(checks, ownRunId))
          ownJobs = ownRunId !== undefined ? await port.listJobs(ownRunId) : [];
        // Jobs of other deploy runs that wait for this one: asked only when an unfinished Actions job of another run is
        // there.
        let waitingOnUs = new Map<number, string>();
        const others = checks.filter(
          (c) =>
            c.status !== 'completed' &&
            !isOwnUnfinishedCheck(c, ownJobs ?? [], ownRunId) &&
            runOfCheck(c) !== undefined,
        );
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
        const v = evaluateCommit(
          combined.statuses,
          checks,
          settings.requiredChecks,
          ownJobs ?? [],
          [settings.freezeContext],
          new Set(waitingOnUs.keys()),
          ownRunId,
        );
        if (v.state === 'failure')
          throw new Blocked(`Commit ${combined.sha.slice(0, 12)} has failing checks: ${v.failing.join(', ')}.`);
        if (v.state === 'pending') {
          const key = v.pending.join(', ');
          if (key !== lastPending) log.info(`Commit gate: waiting for ${key}.`);
          lastPending = key;
          row.detail = `waiting for ${key}`;
          return undefined;
        }
        return { verdict: v, sha: combined.sha };
      },
    );
    result.checkedSha = verdict.sha;
    row.detail =
      verdict.verdict.passed.length > 0
        ? `${verdict.sha.slice(0, 12)}: ${verdict.verdict.passed.join(', ')} passed`
        : `${verdict.sha.slice(0, 12)}: no statuses or check runs`;
    if (passed.size > 0)
      row.detail += `; not waited for (they wait for this run): ${[...new Set(passed.values())].join('; ')}`;
  },
};
