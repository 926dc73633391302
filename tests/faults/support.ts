// Shared pieces of the cross-action fault suite: the fault matrix, request counts per route, and the guard that
// fails a bundle that is missing or was built before the GitHub client it is meant to prove.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from '@jest/globals';
import type { GitHubEmulator, GitHubFault } from '@shipshape/testing/github-emulator';
import { actionDir } from '@shipshape/testing/runner';

export interface FaultCase {
  name: string;
  fault: GitHubFault;
}

/** Faults GitHub clears by itself: the client retries each once here (the fault applies once) and the run succeeds. */
export const TRANSIENT: FaultCase[] = [
  { name: '500', fault: { status: 500 } },
  { name: '502', fault: { status: 502 } },
  { name: '503', fault: { status: 503 } },
  { name: 'dropped connection', fault: { drop: true } },
  { name: 'hanging request', fault: { hang: true } },
  { name: '403 secondary rate limit, Retry-After 1', fault: { status: 403, secondaryRateLimit: true, retryAfter: 1 } },
  { name: '429, Retry-After 1', fault: { status: 429, retryAfter: 1 } },
];

/** Faults no retry can fix: one request, then a clear error naming the call. */
export const FINAL: FaultCase[] = [
  { name: '404', fault: { status: 404 } },
  {
    name: '422',
    fault: {
      status: 422,
      body: { message: 'Validation Failed', errors: [{ resource: 'Thing', code: 'invalid', field: 'x' }] },
    },
  },
];

/**
 * The runner environment of a run with a hanging request: the request is abandoned after 3 s (packages/github's
 * SHIPSHAPE_GITHUB_TIMEOUT_MS) instead of 30 s. Only hang cases get it, so that a slow answer on a busy machine is
 * never taken for a hang elsewhere. Back-off and Retry-After waits stay real (1 s per retry).
 */
export const envFor = (fault: GitHubFault): Record<string, string> =>
  fault.hang ? { SHIPSHAPE_GITHUB_TIMEOUT_MS: '3000' } : {};

/** How many cases run at once: enough to overlap their waits, few enough not to starve a 2-CPU machine. */
const PARALLEL_CASES = 6;

/**
 * One `it` per case, but every case starts at once in `beforeAll`: each mostly waits (a real 1 s back-off), so the
 * matrix costs about its slowest case instead of the sum. Each case has its own emulator; an `it` reports its case's
 * own failure (the expect() error thrown inside it).
 */
export function concurrentCases(cases: readonly (readonly [string, () => Promise<void>])[]): void {
  const outcomes = new Map<string, Promise<unknown>>();
  beforeAll(() => {
    let running = 0;
    const waiting: (() => void)[] = [];
    const slot = async (): Promise<void> => {
      while (running >= PARALLEL_CASES) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
    };
    const release = (): void => {
      running--;
      waiting.shift()?.();
    };
    for (const [name, body] of cases) {
      const outcome = slot()
        .then(body)
        .then(
          () => undefined,
          (error: unknown) => error ?? new Error('case failed'),
        )
        .finally(release);
      outcomes.set(name, outcome);
    }
  });
  for (const [name] of cases) {
    it(name, async () => {
      const error = await outcomes.get(name);
      if (error) throw error;
    });
  }
}

/** Requests per OpenAPI route, from the emulator's record. */
export function routeCounts(github: GitHubEmulator): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of github.requests) if (request.route) counts[request.route] = (counts[request.route] ?? 0) + 1;
  return counts;
}

/** The route with the method as the action names it in its errors ("GET /repos/{owner}/{repo}/releases"). */
export const escapeRoute = (route: string): string => route.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The folder (holding action.yml and dist/) whose bundle is put through the faults: actions/<name>, or
 * $SHIPSHAPE_FAULT_BUNDLES/<name> to prove a local, uncommitted build before committing it.
 */
export function bundleUnderTest(action: string): string {
  const override = process.env.SHIPSHAPE_FAULT_BUNDLES;
  return override ? join(override, action) : actionDir(action);
}

/** Why this action's bundle cannot be put through the fault suite now, or undefined when it can. */
function unavailable(action: string, usesGitHubClient: boolean): string | undefined {
  const bundle = join(bundleUnderTest(action), 'dist/index.js');
  if (!existsSync(bundle)) return `actions/${action}/dist/index.js does not exist yet`;
  if (!usesGitHubClient) return undefined;
  // The suite relies on the client's request timeout being settable (SHIPSHAPE_GITHUB_TIMEOUT_MS) and on 4xx answers
  // not being repeated; a bundle built before that client proves nothing about it.
  if (!readFileSync(bundle, 'utf8').includes('SHIPSHAPE_GITHUB_TIMEOUT_MS')) {
    return `actions/${action}/dist predates packages/github's current client: run \`npm run build -- ${action}\``;
  }
  return undefined;
}

/**
 * `describe` for one action's bundle. The bundles are committed and CI rebuilds them, so a missing or stale one is
 * a broken tree: it fails, with the command that fixes it.
 */
export function describeBundle(
  action: string,
  body: () => void,
  options: { alsoNeeds?: string[]; usesGitHubClient?: boolean } = {},
): void {
  const reason =
    [
      unavailable(action, options.usesGitHubClient ?? true),
      ...(options.alsoNeeds ?? []).map((other) => unavailable(other, true)),
    ]
      .filter(Boolean)
      .join('; ') || undefined;
  if (reason) throw new Error(`fault suite: ${reason}`);
  describe(`${action} under faults`, body);
}
