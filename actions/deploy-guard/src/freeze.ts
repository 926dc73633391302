import type { Logger } from '@shipshape/kit';
import type { GuardPort, StatusFields } from './github-port';
import { statusDescription } from './status-description';

/**
 * Merge freeze. The state lives in the repository as a git ref, `refs/shipshape/freeze/<branch>`, pointing at
 * the branch head when the freeze began: the GITHUB_TOKEN can create, read and delete refs (`contents: write`
 * / `contents: read`), whereas repository variables need a permission a workflow's token cannot have. The ref
 * sits outside refs/heads and refs/tags, so it is neither a branch nor a tag and triggers no workflow.
 *
 * While frozen, every open PR to the branch carries a `pending` status (context default `merge-freeze`) whose
 * description is the reason, so a branch protection rule that requires the context blocks the merge; lifting
 * the freeze sets `success`. Pending (rather than failure) keeps auto-merge armed: such PRs merge once lifted.
 * Statuses are only written when they differ from the current one, so re-runs write nothing new.
 */

export interface FreezeSettings {
  branch: string;
  context: string;
  reason: string;
  exemptLabel: string | undefined;
}

export interface FreezeResult {
  frozen: boolean;
  updated: number[];
  unchanged: number[];
  exempt: number[];
  /** Head commits of the merge groups queued for the branch whose status was written (`freeze: on|off` only). */
  mergeGroupsUpdated: string[];
}

export function freezeRef(branch: string): string {
  return `refs/shipshape/freeze/${branch}`;
}

function fieldsFor(frozen: boolean, exempt: boolean, settings: FreezeSettings): StatusFields {
  if (frozen && !exempt)
    return { state: 'pending', context: settings.context, description: statusDescription(settings.reason) };
  const description = frozen
    ? `Exempt from the merge freeze (label ${settings.exemptLabel ?? ''})`
    : `Merges to ${settings.branch} are open`;
  return { state: 'success', context: settings.context, description: statusDescription(description) };
}

/** Sets the status unless the commit already has exactly it. Returns whether it wrote one. */
async function ensureStatus(port: GuardPort, sha: string, fields: StatusFields): Promise<boolean> {
  const { statuses } = await port.combinedStatus(sha);
  const current = statuses.find((s) => s.context === fields.context);
  if (current && current.state === fields.state && (current.description ?? '') === fields.description) return false;
  await port.createStatus(sha, fields);
  return true;
}

async function markPulls(
  port: GuardPort,
  pulls: { number: number; sha: string; labels: string[] }[],
  frozen: boolean,
  settings: FreezeSettings,
  log: Logger,
): Promise<FreezeResult> {
  const result: FreezeResult = { frozen, updated: [], unchanged: [], exempt: [], mergeGroupsUpdated: [] };
  for (const pr of pulls) {
    const exempt = settings.exemptLabel !== undefined && pr.labels.includes(settings.exemptLabel);
    if (exempt && frozen) result.exempt.push(pr.number);
    const wrote = await ensureStatus(port, pr.sha, fieldsFor(frozen, exempt, settings));
    (wrote ? result.updated : result.unchanged).push(pr.number);
  }
  log.info(
    `Merge freeze ${frozen ? 'on' : 'off'} for ${settings.branch}: ${result.updated.length} PR(s) updated, ${result.unchanged.length} already up to date${result.exempt.length ? `, exempt: ${result.exempt.map((n) => `#${n}`).join(', ')}` : ''}.`,
  );
  return result;
}

/**
 * `freeze: on|off` also marks the merge groups already queued for the branch: without it a group that got success
 * before the freeze merges during it, and a group left pending after a lift waits until the queue's timeout.
 * A group has no labels, so none is exempt.
 */
async function markQueuedGroups(
  port: GuardPort,
  frozen: boolean,
  settings: FreezeSettings,
  log: Logger,
): Promise<string[]> {
  const updated: string[] = [];
  for (const sha of await port.queuedMergeGroups(settings.branch)) {
    if (await ensureStatus(port, sha, fieldsFor(frozen, false, settings))) updated.push(sha);
  }
  if (updated.length)
    log.info(
      `Merge freeze ${frozen ? 'on' : 'off'} for ${settings.branch}: ${updated.length} queued merge group commit(s) updated.`,
    );
  return updated;
}

/** `freeze: on|off`: records the state, then marks every open PR to the branch and every merge group queued for it. */
export async function setFreeze(
  port: GuardPort,
  on: boolean,
  settings: FreezeSettings,
  log: Logger,
): Promise<FreezeResult> {
  const ref = freezeRef(settings.branch);
  // Read before writing: a re-run changes nothing, and writes are the requests GitHub limits most.
  const recorded = (await port.readRef(ref)) !== undefined;
  if (on && !recorded) await port.createRef(ref, await port.branchHead(settings.branch));
  if (!on && recorded) await port.deleteRef(ref);
  const pulls = await port.openPulls(settings.branch);
  const result = await markPulls(
    port,
    pulls.map((p) => ({ number: p.number, sha: p.head.sha, labels: p.labels.map((l) => l.name ?? '') })),
    on,
    settings,
    log,
  );
  result.mergeGroupsUpdated = await markQueuedGroups(port, on, settings, log);
  return result;
}

/** `freeze: sync` on a pull_request event: gives this PR's head the status the recorded state calls for. */
export async function syncPull(
  port: GuardPort,
  pr: { number: number; sha: string; labels: string[] },
  settings: FreezeSettings,
  log: Logger,
): Promise<FreezeResult> {
  const frozen = (await port.readRef(freezeRef(settings.branch))) !== undefined;
  return markPulls(port, [pr], frozen, settings, log);
}

/**
 * `freeze: sync` on a merge queue's `merge_group` event: gives the merge group's commit the status the recorded
 * state calls for. A required check must report on that commit too, or the queued merge waits until the queue's
 * timeout and is removed (https://github.blog/changelog/2022-08-18-merge-group-webhook-event-and-github-actions-workflow-trigger/).
 * A group has no labels, so the exempt label never applies to it.
 */
export async function syncMergeGroup(
  port: GuardPort,
  sha: string,
  settings: FreezeSettings,
  log: Logger,
): Promise<{ frozen: boolean; updated: boolean }> {
  const frozen = (await port.readRef(freezeRef(settings.branch))) !== undefined;
  const updated = await ensureStatus(port, sha, fieldsFor(frozen, false, settings));
  log.info(
    `Merge freeze ${frozen ? 'on' : 'off'} for ${settings.branch}: merge group commit ${sha} ${updated ? 'updated' : 'already up to date'}.`,
  );
  return { frozen, updated };
}
