import { ConfigError } from '@shipshape/kit';

export interface EventPayload {
  action?: string;
  changes?: { title?: unknown; body?: unknown };
  pull_request?: { number?: number };
  merge_group?: { head_ref?: string; base_ref?: string };
  number?: number;
}

export type EventDecision =
  | { kind: 'lint'; number: number; event: string }
  | { kind: 'noop'; reason: string };

export const SUPPORTED_EVENTS = ['pull_request', 'pull_request_target', 'merge_group'];

/**
 * Which PR to check. The live PR is read through the API afterwards, so a re-run sees the current body; an
 * `edited` event that changed neither title nor body (a base-branch change) has nothing new to check. A merge
 * group's head ref names the PR: `refs/heads/gh-readonly-queue/<base>/pr-<number>-<sha>`.
 */
export function decideEvent(eventName: string, payload: EventPayload): EventDecision {
  if (eventName === 'pull_request' || eventName === 'pull_request_target') {
    const number = payload.pull_request?.number ?? payload.number;
    if (typeof number !== 'number') throw new ConfigError(`The ${eventName} event payload has no pull request number.`);
    if (payload.action === 'edited' && payload.changes?.title === undefined && payload.changes?.body === undefined) {
      return { kind: 'noop', reason: 'the edit changed neither the title nor the description' };
    }
    return { kind: 'lint', number, event: eventName };
  }
  if (eventName === 'merge_group') {
    const ref = payload.merge_group?.head_ref ?? '';
    const match = /\/pr-(\d+)-[0-9a-f]+$/.exec(ref);
    if (!match?.[1]) throw new ConfigError(`The merge_group head ref does not name a pull request (expected …/pr-<number>-<sha>).`);
    return { kind: 'lint', number: Number(match[1]), event: eventName };
  }
  throw new ConfigError(`plan-lint runs on ${SUPPORTED_EVENTS.join(', ')} events, not '${eventName || 'unknown'}'.`);
}
