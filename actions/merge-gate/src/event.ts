import { ConfigError } from '@shipshape/kit';
import type { PullInfo } from './github-port';

/**
 * Which pull request a run judges, and whether the event's copy of it can be trusted.
 *
 * - `pull_request`: the payload's pull request is the state the event describes; the gate judges it without a read.
 * - `pull_request_review`: payloads go stale (a push or another review may land before the job starts), so the
 *   live pull request is read.
 * - `merge_group`: the payload names no pull request; its `head_ref` is
 *   `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>` (one PR per group; GitHub chains batched groups,
 *   https://docs.github.com/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#merge_group),
 *   and the live pull request is read.
 */
export type PullTarget =
  | { event: 'pull_request'; action: string; number: number; pull: PullInfo }
  | { event: 'pull_request_review' | 'merge_group'; action: string; number: number; pull: undefined };

const MERGE_QUEUE_REF = /^(?:refs\/heads\/)?gh-readonly-queue\/.+\/pr-(\d+)-[0-9a-f]{40}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function pullNumber(value: unknown): number | undefined {
  return isObject(value) && typeof value.number === 'number' && Number.isSafeInteger(value.number) && value.number > 0
    ? value.number
    : undefined;
}

export function readPullTarget(eventName: string, payload: Record<string, unknown>): PullTarget {
  const action = typeof payload.action === 'string' ? payload.action : '';
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const number = pullNumber(payload.pull_request);
    if (number === undefined)
      throw new ConfigError(`The ${eventName} event has no pull_request.number in its payload.`);
    return { event: 'pull_request', action, number, pull: payload.pull_request as PullInfo };
  }
  if (eventName === 'pull_request_review') {
    const number = pullNumber(payload.pull_request);
    if (number === undefined)
      throw new ConfigError('The pull_request_review event has no pull_request.number in its payload.');
    return { event: 'pull_request_review', action, number, pull: undefined };
  }
  if (eventName === 'merge_group') {
    const group = isObject(payload.merge_group) ? payload.merge_group : {};
    const headRef = typeof group.head_ref === 'string' ? group.head_ref : '';
    const match = MERGE_QUEUE_REF.exec(headRef);
    if (!match)
      throw new ConfigError(
        `The merge_group event's head_ref ${JSON.stringify(headRef.slice(0, 200))} does not name a pull request (expected refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>).`,
      );
    return { event: 'merge_group', action, number: Number(match[1]), pull: undefined };
  }
  throw new ConfigError(
    `merge-gate runs on pull_request, pull_request_review and merge_group events, not on '${eventName || 'an unknown event'}'.`,
  );
}
