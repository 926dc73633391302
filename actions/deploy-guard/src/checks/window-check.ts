import { describeLocal, isOpen, nextOpening } from '@shipshape/window';
import { Blocked, COMMIT_SHA, type GuardCheck, type GuardContext } from '../check';
import type { GuardPort } from '../github-port';
import type { Settings } from '../inputs';
import { TimeoutReached, pause } from '../poll';

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

/**
 * `window`: passes inside the deploy window; outside it is overridden, skipped, failed or waited out
 * (`outside-window`).
 */
export const windowCheck: GuardCheck = {
  name: 'deploy window',
  applies: (settings) => settings.window !== undefined,
  async run({ settings, ctx, deps: { port, clock, log }, wait, row, result, note }) {
    const spec = settings.window;
    if (!spec) return;
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
        note(`deploy window overridden (${override})`);
        return;
      }
      if (settings.outsideWindow === 'skip') {
        row.result = 'skipped';
        throw new Blocked(`${closed} (outside-window: skip)`, false);
      }
      if (settings.outsideWindow === 'fail') throw new Blocked(closed);
      if (next === undefined || next > wait.deadline) {
        throw new TimeoutReached(
          `The deploy window opens ${opens}, after the timeout (${new Date(wait.deadline).toISOString()}).`,
        );
      }
      log.info(`Waiting: ${closed}.`);
      await pause(wait, next - now);
      if (clock.now() >= wait.deadline && !isOpen(spec, clock.now()))
        throw new TimeoutReached('Timed out waiting for the deploy window.');
      row.detail = `waited for the window to open; open at ${describeLocal(clock.now(), zone)}`;
    }
  },
};
