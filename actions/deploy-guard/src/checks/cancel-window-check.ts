import { cancelWindow, howToCancel } from '../cancel-window';
import { Blocked, COMMIT_SHA, requireRunId, type GuardCheck } from '../check';

/**
 * `cancel-window: <minutes>`: a last chance to stop the deploy (abort label or cancelled run); not bounded by
 * `timeout`.
 */
export const cancelWindowCheck: GuardCheck = {
  name: 'cancel window',
  applies: (settings) => settings.cancelWindowMinutes > 0,
  async run({ settings, ctx, deps: { port }, wait, row, result }) {
    const sha = result.checkedSha ?? settings.sha;
    const pulls = ctx.pull ? [ctx.pull.number] : COMMIT_SHA.test(sha) ? await port.pullsForCommit(sha) : [];
    const cw = {
      minutes: settings.cancelWindowMinutes,
      abortLabel: settings.abortLabel,
      pulls,
      runId: requireRunId(ctx, 'cancel window'),
    };
    row.waitedOn = `${settings.cancelWindowMinutes} min; ${howToCancel(cw)}`;
    const outcome = await cancelWindow(port, { ...wait, deadline: Number.POSITIVE_INFINITY }, cw);
    row.detail = outcome.detail;
    if (outcome.outcome !== 'elapsed') throw new Blocked(`Deploy stopped during the cancel window: ${outcome.detail}.`);
  },
};
