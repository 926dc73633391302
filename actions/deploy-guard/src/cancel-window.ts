import type { GuardPort } from './github-port';
import { Cancelled, pause, transientFailure, type WaitContext } from './poll';

/**
 * The cancel window: a fixed wait before proceeding ("giving you a chance to cancel"). It stops early when the
 * abort label appears on one of the PRs, when the run is cancelled in the UI (seen through the API), or when the
 * runner signals the process (SIGINT/SIGTERM, passed in as the wait's AbortSignal).
 */

export interface CancelWindowSettings {
  minutes: number;
  abortLabel: string;
  /** PRs whose labels are watched (the event's PR, or the PRs of the commit). */
  pulls: number[];
  runId: number;
}

export interface CancelWindowResult {
  outcome: 'elapsed' | 'aborted' | 'cancelled';
  detail: string;
}

export function howToCancel(settings: CancelWindowSettings): string {
  const label =
    settings.pulls.length > 0
      ? `add the label \`${settings.abortLabel}\` to ${settings.pulls.map((n) => `#${n}`).join(' or ')}, or `
      : '';
  return `To stop this deploy, ${label}cancel the workflow run.`;
}

function formatRemaining(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return seconds >= 60
    ? `${Math.floor(seconds / 60)} min ${seconds % 60 ? `${seconds % 60} s` : ''}`.trim()
    : `${seconds} s`;
}

export async function cancelWindow(
  port: GuardPort,
  ctx: WaitContext,
  settings: CancelWindowSettings,
): Promise<CancelWindowResult> {
  const end = ctx.clock.now() + settings.minutes * 60_000;
  ctx.log.info(
    `Cancel window: proceeding at ${new Date(end).toISOString()} (in ${formatRemaining(end - ctx.clock.now())}). ${howToCancel(settings)}`,
  );
  let lastAnnounced = ctx.clock.now();
  for (;;) {
    try {
      for (const pr of settings.pulls) {
        if ((await port.labels(pr)).includes(settings.abortLabel)) {
          return { outcome: 'aborted', detail: `the label \`${settings.abortLabel}\` was added to #${pr}` };
        }
      }
      const run = await port.getRun(settings.runId);
      if (run.status === 'completed' || run.conclusion === 'cancelled') {
        return { outcome: 'cancelled', detail: `the workflow run is ${run.conclusion ?? run.status}` };
      }
    } catch (error) {
      const hint = transientFailure(error, ctx.clock);
      if (!hint) throw error;
      ctx.log.warning(`Cancel window: could not check for an abort (${hint.reason}); checking again at the next poll.`);
    }
    const remaining = end - ctx.clock.now();
    if (remaining <= 0)
      return { outcome: 'elapsed', detail: `waited ${formatRemaining(settings.minutes * 60_000)} with no abort` };
    // Announce about once a minute (every poll when polls are further apart).
    if (ctx.clock.now() - lastAnnounced >= 60_000) {
      lastAnnounced = ctx.clock.now();
      ctx.log.info(`Cancel window: ${formatRemaining(remaining)} left. ${howToCancel(settings)}`);
    }
    try {
      await pause({ ...ctx, deadline: end }, Math.min(ctx.pollMs, remaining));
    } catch (error) {
      if (error instanceof Cancelled)
        return { outcome: 'cancelled', detail: 'the runner stopped the job (the run was cancelled)' };
      throw error;
    }
  }
}
