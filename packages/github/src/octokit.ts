// ncc compiles each action with its own tsconfig, which does not include this package's ambient declarations; the
// reference carries them along.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./bottleneck-light.d.ts" />
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '@shipshape/kit';
import Bottleneck from 'bottleneck/light.js';
import { nodeFetch } from './node-fetch';

const ShipshapeOctokit = Octokit.plugin(retry, throttling, paginateRest);
export type GitHubClient = InstanceType<typeof ShipshapeOctokit>;

/**
 * Bottleneck (under plugin-retry and plugin-throttling) yields to the event loop with `setTimeout(resolve, 0)` at
 * every step of every job, and Node never fires a timer sooner than 1 ms, so each request waits idle through a
 * chain of zero-delay timers (docs/performance.md, row 3). setImmediate yields to the event loop just the same,
 * without the floor; the limiters' own job timers remain.
 * Waits that are meant to last (t > 0) keep their timer. Applied once, to the prototype of Bottleneck's local
 * datastore, which every limiter in the bundle shares.
 */
let yieldPatched = false;
function yieldWithoutTimerFloor(): void {
  if (yieldPatched) return;
  yieldPatched = true;
  const store = (new Bottleneck() as unknown as { _store?: object })._store;
  const datastore = store ? (Object.getPrototypeOf(store) as { yieldLoop?: unknown }) : undefined;
  if (typeof datastore?.yieldLoop !== 'function') return;
  datastore.yieldLoop = function yieldLoop(this: { Promise: PromiseConstructor }, t = 0): Promise<void> {
    return new this.Promise<void>((resolve) => (t > 0 ? setTimeout(resolve, t) : setImmediate(resolve)));
  };
}

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  baseUrl?: string;
  log: Logger;
  /** Injected fetch (tests, proxies). Defaults to nodeFetch (node:http; the global fetch costs ~20 ms to start). */
  fetch?: typeof fetch;
  /** Attempts after the first for 5xx and dropped connections (owned by plugin-retry). */
  retries?: number;
  /** Retries after a primary or secondary rate limit (owned by plugin-throttling). */
  rateLimitRetries?: number;
  /** The longest single wait a rate limit may ask for before we give up, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /**
   * Abort any single request that has not answered within this many milliseconds (it is then retried). Default:
   * the environment variable SHIPSHAPE_GITHUB_TIMEOUT_MS when it is a positive integer (a slow GitHub Enterprise
   * Server, or the fault tests, which make a hanging request cost milliseconds), else 30 s.
   */
  requestTimeoutMs?: number;
  /**
   * Milliseconds per "second" of every wait the client makes: plugin-retry's back-off (1, 4, 9 … units), a
   * Retry-After or rate-limit reset, and GitHub's spacing of writes (1 unit) and notifying writes (3 units).
   * 1000 in production; tests shrink it so that faults cost milliseconds.
   */
  delayUnitMs?: number;
  userAgent?: string;
}

/**
 * Status codes plugin-retry must leave alone. 403 and 429 are rate limits, which plugin-throttling owns
 * (it reads Retry-After and X-RateLimit-Reset); letting both plugins retry them would multiply the attempts.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/** A request that got no answer in time; Octokit wraps it (as a 500 without a response), so plugin-retry retries it. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/**
 * fetch failed without an answer (connection refused or dropped, DNS). fetch's own message is "fetch failed"; the
 * reason is in its cause, which Octokit only reads from errors of its own realm, so it is spelled out here.
 */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    const outer = (cause as { message?: unknown } | null)?.message;
    const inner = ((cause as { cause?: { message?: unknown; code?: unknown } } | null)?.cause ?? {}) as {
      message?: unknown;
      code?: unknown;
    };
    const reason = [inner.message, inner.code].filter((part) => typeof part === 'string' && part).join(', ');
    super(`${typeof outer === 'string' && outer ? outer : 'network error'}${reason ? `: ${reason}` : ''}`, { cause });
    this.name = 'NetworkError';
  }
}

/**
 * Wraps fetch so that a request that hangs fails (and is retried) with a message that says so, instead of stalling the
 * job.
 */
export function fetchWithTimeout(base: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await base(input, { ...init, signal });
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      if (timeout.aborted) throw new RequestTimeoutError(timeoutMs);
      throw new NetworkError(error);
    }
  };
}

/**
 * plugin-throttling's request groups with their spacing scaled to `unitMs` (the plugin's own are module-wide and
 * fixed at 1 s between writes, 3 s between notifying writes, 2 s between searches).
 */
function scaledLimiterGroups(
  unitMs: number,
): Record<'global' | 'auth' | 'search' | 'write' | 'notifications', Bottleneck.Group> {
  const common = { timeout: 120_000 };
  return {
    global: new Bottleneck.Group({ maxConcurrent: 10, ...common }),
    auth: new Bottleneck.Group({ maxConcurrent: 1, ...common }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2 * unitMs, ...common }),
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: unitMs, ...common }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * unitMs, ...common }),
  };
}

/** SHIPSHAPE_GITHUB_TIMEOUT_MS as a positive whole number of milliseconds; anything else is ignored. */
export function timeoutFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  const ms = Number(value);
  return ms > 0 ? ms : undefined;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const {
    token,
    baseUrl = 'https://api.github.com',
    log,
    retries = 3,
    rateLimitRetries = 2,
    maxRateLimitWaitSeconds = 120,
    requestTimeoutMs = timeoutFromEnv(process.env.SHIPSHAPE_GITHUB_TIMEOUT_MS) ?? 30_000,
    delayUnitMs = 1000,
    userAgent = 'shipshape',
  } = options;
  // node:http rather than the global fetch by default: see node-fetch.ts (cold start).
  const baseFetch = options.fetch ?? nodeFetch;
  yieldWithoutTimerFloor();
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const call = `${request.method} ${request.url}`;
      if (retryCount < rateLimitRetries && retryAfter <= maxRateLimitWaitSeconds) {
        log.warning(
          `GitHub ${kind} hit on ${call}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${rateLimitRetries}).`,
        );
        return true;
      }
      log.warning(
        `GitHub ${kind} hit on ${call}; not retrying (asked to wait ${retryAfter} s after ${retryCount} retries).`,
      );
      return false;
    };
  const octokit = new ShipshapeOctokit({
    auth: token,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    userAgent,
    // `retries` must not go into `request`: plugin-retry reads `request.retries` as "this failure was judged
    // retryable", so it would repeat every failure (304, 404, 422, a rate limit) at once, without delay.
    request: { fetch: fetchWithTimeout(baseFetch, requestTimeoutMs) },
    retry: { doNotRetry: DO_NOT_RETRY, retries, retryAfterBaseValue: delayUnitMs },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
      retryAfterBaseValue: delayUnitMs,
      ...(delayUnitMs === 1000 ? {} : scaledLimiterGroups(delayUnitMs)),
    },
    log: {
      debug: (m: string) => log.debug(m),
      info: (m: string) => log.debug(m),
      warn: (m: string) => log.debug(m),
      error: (m: string) => log.debug(m),
    },
  });
  retryBareTooManyRequests(octokit, onLimit('rate limit (HTTP 429)'), delayUnitMs);
  return octokit;
}

/** Seconds GitHub documents to wait after a rate-limit answer that carries no Retry-After. */
const FALLBACK_RATE_LIMIT_WAIT_SECONDS = 60;

interface ErrorWithResponse {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

/**
 * The wait, in seconds, for a 429 that plugin-throttling leaves alone: one without GitHub's secondary-rate-limit
 * message and without `x-ratelimit-remaining: 0` (a proxy's or a load balancer's bare 429). Undefined for anything
 * else.
 */
export function bareTooManyRequestsWait(error: unknown): number | undefined {
  const e = error as ErrorWithResponse | null;
  if (e?.status !== 429) return undefined;
  if (/\bsecondary rate\b/i.test(e.message ?? '') || e.response?.headers?.['x-ratelimit-remaining'] === '0')
    return undefined;
  const header = Number(e.response?.headers?.['retry-after']);
  return Number.isFinite(header) && header >= 0 ? Math.ceil(header) : FALLBACK_RATE_LIMIT_WAIT_SECONDS;
}

/**
 * The outermost request hook: a bare 429 is waited out and retried like a rate limit ("wait for the Retry-After
 * seconds, else at least a minute": GitHub's REST docs, "Handle rate limit errors appropriately"), with the same
 * bounds and warnings as the throttling plugin's.
 */
function retryBareTooManyRequests(
  octokit: GitHubClient,
  onLimit: (
    retryAfter: number,
    request: { method: string; url: string },
    octokit: unknown,
    retryCount: number,
  ) => boolean,
  delayUnitMs: number,
): void {
  octokit.hook.wrap('request', async (request, options) => {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await request(options);
      } catch (error) {
        const wait = bareTooManyRequestsWait(error);
        if (wait === undefined || !onLimit(wait, { method: options.method, url: options.url }, octokit, retryCount))
          throw error;
        await new Promise((resolve) => setTimeout(resolve, wait * delayUnitMs));
      }
    }
  });
}
