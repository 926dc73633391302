import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '@shipshape/kit';

const ShipshapeOctokit = Octokit.plugin(retry, throttling, paginateRest);
export type GitHubClient = InstanceType<typeof ShipshapeOctokit>;

export interface GitHubClientOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise Server. */
  baseUrl?: string;
  log: Logger;
  /** Injected fetch (tests, proxies). Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Attempts after the first for 5xx and dropped connections (owned by plugin-retry). */
  retries?: number;
  /** Retries after a primary or secondary rate limit (owned by plugin-throttling). */
  rateLimitRetries?: number;
  /** The longest single wait a rate limit may ask for before we give up, in seconds. */
  maxRateLimitWaitSeconds?: number;
  /** Abort any single request that has not answered within this many milliseconds. */
  requestTimeoutMs?: number;
  userAgent?: string;
}

/**
 * Status codes plugin-retry must leave alone. 403 and 429 are rate limits, which plugin-throttling owns
 * (it reads Retry-After and X-RateLimit-Reset); letting both plugins retry them would multiply the attempts.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/** Wraps fetch so that a request that hangs fails (and is retried) instead of stalling the job. */
export function fetchWithTimeout(base: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const {
    token,
    baseUrl = 'https://api.github.com',
    log,
    retries = 3,
    rateLimitRetries = 2,
    maxRateLimitWaitSeconds = 120,
    requestTimeoutMs = 30_000,
    userAgent = 'shipshape',
  } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const onLimit =
    (kind: string) =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
      const call = `${request.method} ${request.url}`;
      if (retryCount < rateLimitRetries && retryAfter <= maxRateLimitWaitSeconds) {
        log.warning(`GitHub ${kind} hit on ${call}; retrying in ${retryAfter} s (retry ${retryCount + 1} of ${rateLimitRetries}).`);
        return true;
      }
      log.warning(`GitHub ${kind} hit on ${call}; not retrying (asked to wait ${retryAfter} s after ${retryCount} retries).`);
      return false;
    };
  return new ShipshapeOctokit({
    auth: token,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    userAgent,
    request: { fetch: fetchWithTimeout(baseFetch, requestTimeoutMs), retries },
    retry: { doNotRetry: DO_NOT_RETRY, retries },
    throttle: {
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    log: {
      debug: (m: string) => log.debug(m),
      info: (m: string) => log.debug(m),
      warn: (m: string) => log.debug(m),
      error: (m: string) => log.debug(m),
    },
  });
}
