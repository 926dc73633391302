import type { GuardContext } from './check';
import type { EventPayload } from './inputs';

/**
 * What the checks need from the run and its event: this run's id, the event's PR (labels as of the event) or merge
 * group.
 */
export function guardContext(runId: number, eventName: string, payload: EventPayload): GuardContext {
  const pr = payload.pull_request;
  return {
    runId,
    eventName,
    pull:
      pr?.number && pr.head?.sha
        ? {
            number: pr.number,
            sha: pr.head.sha,
            labels: (Array.isArray(pr.labels) ? pr.labels : []).map((l) => l.name ?? ''),
          }
        : undefined,
    mergeGroup: payload.merge_group?.head_sha ? { sha: payload.merge_group.head_sha } : undefined,
  };
}
