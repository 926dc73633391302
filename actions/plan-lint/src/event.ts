import { ConfigError } from '@shipshape/kit';

export interface EventPayload {
  action?: string;
  changes?: { title?: unknown; body?: unknown };
  pull_request?: { number?: number; base?: { ref?: unknown } };
  merge_group?: { head_ref?: string; base_ref?: string };
  number?: number;
}

export type EventDecision =
  | {
      kind: 'lint';
      number: number;
      event: string;
      /** The base branch the payload names: a hint to start reading rules early, checked against the live PR. */
      baseRef: string | undefined;
    }
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
    const baseRef = payload.pull_request?.base?.ref;
    return {
      kind: 'lint',
      number,
      event: eventName,
      baseRef: typeof baseRef === 'string' && baseRef !== '' ? baseRef : undefined,
    };
  }
  if (eventName === 'merge_group') {
    const ref = payload.merge_group?.head_ref ?? '';
    const match = /\/pr-(\d+)-[0-9a-f]+$/.exec(ref);
    if (!match?.[1])
      throw new ConfigError(`The merge_group head ref does not name a pull request (expected …/pr-<number>-<sha>).`);
    const base = payload.merge_group?.base_ref ?? '';
    return {
      kind: 'lint',
      number: Number(match[1]),
      event: eventName,
      baseRef: base.startsWith('refs/heads/') ? base.slice('refs/heads/'.length) : undefined,
    };
  }
  throw new ConfigError(`plan-lint runs on ${SUPPORTED_EVENTS.join(', ')} events, not '${eventName || 'unknown'}'.`);
}
