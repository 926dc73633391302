import type { GitHubClient } from '@shipshape/github';
import { statusOf, toApiError } from '@shipshape/github';
import { ApiError, ShipshapeError, type Clock, type Logger } from '@shipshape/kit';

/**
 * Polling economy. Every GET goes out with the ETag of its previous answer (`If-None-Match`): GitHub answers 304,
 * which does not count against the rate limit, so a poll where nothing changed costs 0 counted requests. Octokit
 * surfaces a 304 as a RequestError with status 304; we answer from the cache instead.
 */

export class BudgetError extends ShipshapeError {}

interface CachedAnswer {
  etag: string;
  data: unknown;
}

export interface ConditionalStats {
  /** Requests answered with a body (counted against the rate limit). */
  counted: number;
  /** Requests answered 304 Not Modified (free). */
  notModified: number;
}

export interface ConditionalClientOptions {
  /** Stop when fewer than this many requests are left in the rate-limit budget. */
  reserve?: number;
  clock: Clock;
}

type Params = Record<string, string | number | boolean | undefined>;

export class ConditionalClient {
  readonly stats: ConditionalStats = { counted: 0, notModified: 0 };
  private readonly cache = new Map<string, CachedAnswer>();
  private changed = false;
  private readonly reserve: number;

  constructor(
    readonly octokit: GitHubClient,
    private readonly options: ConditionalClientOptions,
  ) {
    this.reserve = options.reserve ?? 25;
  }

  /** Clears the "something changed" flag; `changedSinceMark` tells whether any answer since then was new. */
  mark(): void {
    this.changed = false;
  }

  changedSinceMark(): boolean {
    return this.changed;
  }

  /** A conditional GET; `permission` names what the call needs, for the error message. */
  async get<T>(route: string, params: Params, permission: string): Promise<T> {
    const key = `${route} ${JSON.stringify(params)}`;
    const cached = this.cache.get(key);
    try {
      const response = await this.octokit.request(route, {
        ...params,
        headers: cached ? { 'if-none-match': cached.etag } : {},
      });
      this.stats.counted++;
      this.checkBudget(response.headers as Record<string, string | undefined>);
      const etag = (response.headers as Record<string, string | undefined>).etag;
      if (etag) this.cache.set(key, { etag, data: response.data });
      this.changed ||= !cached || JSON.stringify(cached.data) !== JSON.stringify(response.data);
      return response.data as T;
    } catch (error) {
      if (statusOf(error) === 304 && cached) {
        this.stats.notModified++;
        return cached.data as T;
      }
      // A budget stop is final: wrapped as an API error without a status it would look like a dropped connection.
      if (error instanceof BudgetError) throw error;
      throw toApiError(route, error, permission);
    }
  }

  /**
   * Every page of a list (per_page 100), each page conditional. `key` is the array's field in wrapped answers.
   * `more`, when given, decides after each full page whether the next one is needed (e.g. a newest-first list read
   * back only to some date).
   */
  async getAll<T>(
    route: string,
    params: Params,
    key: string | undefined,
    permission: string,
    more: (page: T[]) => boolean = () => true,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; page <= 100; page++) {
      const data = await this.get<unknown>(route, { ...params, per_page: 100, page }, permission);
      const list = (key === undefined ? data : (data as Record<string, unknown>)[key]) as T[] | undefined;
      const pageItems = Array.isArray(list) ? list : [];
      items.push(...pageItems);
      if (pageItems.length < 100 || !more(pageItems)) break;
    }
    return items;
  }

  /** A write, or a read that must not be cached (never conditional). Errors are Octokit's, for the caller to sort. */
  async send<T>(route: string, params: Params & Record<string, unknown>): Promise<T> {
    const response = await this.octokit.request(route, params);
    this.stats.counted++;
    this.checkBudget(response.headers as Record<string, string | undefined>);
    return response.data as T;
  }

  /** A write (never conditional); a failure names the call and the permission it needs. */
  async write<T>(route: string, params: Params & Record<string, unknown>, permission: string): Promise<T> {
    try {
      return await this.send<T>(route, params);
    } catch (error) {
      if (error instanceof BudgetError) throw error;
      throw toApiError(route, error, permission);
    }
  }

  private checkBudget(headers: Record<string, string | undefined>): void {
    const remaining = Number(headers['x-ratelimit-remaining']);
    const reset = Number(headers['x-ratelimit-reset']);
    if (!Number.isFinite(remaining) || headers['x-ratelimit-remaining'] === undefined) return;
    if (remaining < this.reserve) {
      const when = Number.isFinite(reset) ? ` (it resets at ${new Date(reset * 1000).toISOString()})` : '';
      throw new BudgetError(
        `Stopping before the GitHub rate-limit budget runs out: ${remaining} requests left${when}. Raise poll-interval, or lower how many guards poll at once.`,
      );
    }
  }
}

export interface RetryHint {
  /** Milliseconds to wait before trying again. */
  waitMs: number;
  reason: string;
}

/**
 * Whether a failed poll is worth retrying after a pause (5xx, dropped connections, rate limits that outlasted
 * the client's own retries), and for how long: Retry-After and x-ratelimit-reset are honoured.
 */
export function transientFailure(error: unknown, clock: Clock): RetryHint | undefined {
  // Only failed API calls (wrapped by toApiError) can be transient; our own errors (a failing check) never are.
  if (!(error instanceof ApiError)) return undefined;
  const cause = error.cause;
  const status = statusOf(cause);
  const headers = ((cause as { response?: { headers?: Record<string, string | undefined> } }).response?.headers ??
    {}) as Record<string, string | undefined>;
  const retryAfter = Number(headers['retry-after']);
  if (status === 403 || status === 429) {
    if (Number.isFinite(retryAfter) && headers['retry-after'] !== undefined)
      return { waitMs: retryAfter * 1000, reason: `rate limited (Retry-After ${retryAfter} s)` };
    const reset = Number(headers['x-ratelimit-reset']);
    if (headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset)) {
      return { waitMs: Math.max(0, reset * 1000 - clock.now()) + 1000, reason: 'primary rate limit exhausted' };
    }
    return status === 429 ? { waitMs: 60_000, reason: 'rate limited' } : undefined;
  }
  if (status === undefined || status >= 500)
    return { waitMs: 0, reason: status === undefined ? 'connection failed' : `HTTP ${status}` };
  return undefined;
}

/** Poll intervals: the base interval, growing ×1.5 while nothing changes (up to 4× or 5 minutes), reset on change. */
export class Backoff {
  private current: number;
  constructor(private readonly baseMs: number) {
    this.current = baseMs;
  }
  next(changed: boolean): number {
    if (changed) this.current = this.baseMs;
    const wait = this.current;
    this.current = Math.min(this.current * 1.5, Math.max(this.baseMs, Math.min(this.baseMs * 4, 300_000)));
    return wait;
  }
}

export class TimeoutReached extends ShipshapeError {}
export class Cancelled extends ShipshapeError {}

export interface WaitContext {
  clock: Clock;
  log: Logger;
  /** Epoch ms after which waiting stops (TimeoutReached). */
  deadline: number;
  pollMs: number;
  signal?: AbortSignal;
  client?: ConditionalClient;
}

/** Sleeps, but never past the deadline; a runner cancellation (signal) becomes Cancelled. */
export async function pause(ctx: WaitContext, ms: number): Promise<void> {
  const wait = Math.max(0, Math.min(ms, ctx.deadline - ctx.clock.now()));
  try {
    await ctx.clock.sleep(wait, ctx.signal);
  } catch (error) {
    if (ctx.signal?.aborted) throw new Cancelled('The run was cancelled while waiting.');
    throw error;
  }
}

/**
 * Polls `probe` until it returns a value (done) or the deadline passes. Transient API failures are logged and
 * retried after a pause; anything else is thrown.
 */
export async function pollUntil<T>(ctx: WaitContext, what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const backoff = new Backoff(ctx.pollMs);
  let failures = 0;
  for (;;) {
    if (ctx.signal?.aborted) throw new Cancelled('The run was cancelled while waiting.');
    ctx.client?.mark();
    let wait: number;
    try {
      const result = await probe();
      if (result !== undefined) return result;
      failures = 0;
      wait = backoff.next(ctx.client?.changedSinceMark() ?? true);
    } catch (error) {
      const hint = transientFailure(error, ctx.clock);
      if (!hint || ++failures > 10) throw error;
      wait = Math.max(hint.waitMs, ctx.pollMs * Math.min(2 ** failures, 8));
      ctx.log.warning(`${what}: ${hint.reason}; trying again in ${Math.round(wait / 1000)} s.`);
    }
    if (ctx.clock.now() >= ctx.deadline) throw new TimeoutReached(`Timed out waiting for ${what}.`);
    await pause(ctx, wait);
    if (ctx.clock.now() >= ctx.deadline) {
      // One last look at the deadline, so a change during the final pause is not missed.
      const last = await probe().catch(() => undefined);
      if (last !== undefined) return last;
      throw new TimeoutReached(`Timed out waiting for ${what}.`);
    }
  }
}
