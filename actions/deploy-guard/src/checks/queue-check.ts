import { requireRunId, type BlockingRun, type GuardCheck } from '../check';
import { deploymentMemory } from '../environment';
import type { RunInfo } from '../github-port';
import { INPUT } from '../inputs';
import { pollUntil } from '../poll';
import { describeRun, inspectQueue, logConcurrencyWaiters, logZombies, resolveScope } from '../queue';

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

/**
 * `queue: true`: waits, first in first out, until no earlier run of the scope is active (or deploying, with
 * `environment`).
 */
export const queueCheck: GuardCheck = {
  name: 'queue',
  applies: (settings) => settings.queue,
  async run({ settings, ctx, deps: { port, clock, log }, wait, row, result }) {
    const self = await port.getRun(requireRunId(ctx, 'queue'));
    const scope = await resolveScope(port, settings, self, INPUT.workflows);
    row.waitedOn =
      settings.workflows === '*'
        ? 'all workflows'
        : settings.workflows === 'self'
          ? `workflow ${self.name ?? self.workflow_id}`
          : settings.workflows.join(', ');
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
        const key = state.blocking
          .map((r) => `${r.id}:${r.status}:${state.deployments.get(r.id)?.state ?? ''}`)
          .join(',');
        if (state.blocking.length > 0 && key !== lastKey) {
          log.info(
            `Queue: waiting for ${state.blocking.length} earlier run(s): ${state.blocking.map((r) => `${describeRun(r)}${deploying(r.id)}`).join('; ')}.`,
          );
        }
        lastKey = key;
        for (const r of state.blocking) seen.add(r.id);
        return state.blocking.length === 0 ? state : undefined;
      });
    } finally {
      if (reported.size > 0) row.detail = `ignored zombie run(s) ${[...reported].join(', ')}; `;
      if (passedWaiters.size > 0)
        row.detail += `did not wait for run(s) ${[...passedWaiters].join(', ')} (waiting for a concurrency group); `;
    }
    const finishing =
      settings.environment === undefined ? 'to finish' : `to finish deploying to ${settings.environment}`;
    const idle =
      settings.environment === undefined
        ? 'no earlier run active'
        : `no earlier run deploying to ${settings.environment}`;
    row.detail += seen.size > 0 ? `waited for run(s) ${[...seen].join(', ')} ${finishing}` : idle;
  },
};
