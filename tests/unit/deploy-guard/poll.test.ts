import { describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '@shipshape/github';
import { ApiError, FakeClock, MemoryLogger } from '@shipshape/kit';
import {
  Backoff,
  BudgetError,
  ConditionalClient,
  TimeoutReached,
  pollUntil,
  transientFailure,
} from '../../../actions/deploy-guard/src/poll';

interface Exchange {
  ifNoneMatch: string | null;
}

/** A fetch that answers like GitHub: an ETag per body, 304 when it matches, a rate-limit budget. */
function fakeGitHub(
  body: () => unknown,
  remaining: () => number = () => 4000,
): { fetch: typeof fetch; seen: Exchange[] } {
  const seen: Exchange[] = [];
  const fetchImpl = (async (_input: unknown, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const text = JSON.stringify(body());
    const etag = `"${Buffer.from(text).toString('base64').slice(0, 16)}"`;
    seen.push({ ifNoneMatch: headers.get('if-none-match') });
    const common = {
      etag,
      'x-ratelimit-remaining': String(remaining()),
      'x-ratelimit-reset': '1772366400',
      'content-type': 'application/json',
    };
    if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: common });
    return new Response(text, { status: 200, headers: common });
  }) as typeof fetch;
  return { fetch: fetchImpl, seen };
}

function client(fetchImpl: typeof fetch, reserve?: number): ConditionalClient {
  const octokit = createGitHubClient({
    token: 't',
    baseUrl: 'https://api.example',
    log: new MemoryLogger(),
    fetch: fetchImpl,
    retries: 0,
  });
  return new ConditionalClient(octokit, { clock: new FakeClock(), reserve });
}

describe('ConditionalClient', () => {
  it('sends the ETag back and answers a 304 from its cache, counting it as free', async () => {
    let data: { n: number } = { n: 1 };
    const github = fakeGitHub(() => data);
    const c = client(github.fetch);
    expect(await c.get('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }, 'metadata: read')).toEqual({ n: 1 });
    c.mark();
    expect(await c.get('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }, 'metadata: read')).toEqual({ n: 1 });
    expect(c.changedSinceMark()).toBe(false);
    expect(c.stats).toEqual({ counted: 1, notModified: 1 });
    expect(github.seen[1]?.ifNoneMatch).toMatch(/^"/);
    data = { n: 2 };
    c.mark();
    expect(await c.get('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }, 'metadata: read')).toEqual({ n: 2 });
    expect(c.changedSinceMark()).toBe(true);
  });

  it('a budget stop ends polling at once instead of being retried as a dropped connection', async () => {
    const github = fakeGitHub(
      () => ({}),
      () => 10,
    );
    const c = client(github.fetch, 25);
    const clock = new FakeClock();
    const log = new MemoryLogger();
    await expect(
      pollUntil({ clock, log, deadline: clock.now() + 600_000, pollMs: 1000, client: c }, 'x', () =>
        c.get('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }, 'metadata: read'),
      ),
    ).rejects.toThrow(BudgetError);
    expect(github.seen).toHaveLength(1);
    expect(log.text('warning')).toBe('');
  });

  it('stops with a clear message before the rate-limit budget runs out', async () => {
    const github = fakeGitHub(
      () => ({}),
      () => 10,
    );
    await expect(
      client(github.fetch, 25).get('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }, 'metadata: read'),
    ).rejects.toThrow(
      /Stopping before the GitHub rate-limit budget runs out: 10 requests left \(it resets at 2026-03-01T12:00:00.000Z\)/,
    );
  });
});

describe('transientFailure', () => {
  const clock = new FakeClock(Date.parse('2026-03-01T11:59:00Z'));
  const apiError = (status: number | undefined, headers: Record<string, string> = {}): ApiError =>
    new ApiError('GET x', status, 'failed', { cause: { status, response: { headers } } });
  it('retries 5xx and dropped connections, honours Retry-After and the reset time', () => {
    expect(transientFailure(apiError(502), clock)?.waitMs).toBe(0);
    expect(transientFailure(apiError(undefined), clock)?.reason).toBe('connection failed');
    expect(transientFailure(apiError(403, { 'retry-after': '30' }), clock)?.waitMs).toBe(30_000);
    expect(
      transientFailure(apiError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1772366400' }), clock)
        ?.waitMs,
    ).toBe(61_000);
  });
  it('never retries a permission problem, a budget stop or our own errors', () => {
    expect(transientFailure(apiError(403), clock)).toBeUndefined();
    expect(transientFailure(apiError(404), clock)).toBeUndefined();
    expect(transientFailure(new BudgetError('x'), clock)).toBeUndefined();
    expect(transientFailure(new Error('x'), clock)).toBeUndefined();
  });
});

describe('Backoff and pollUntil', () => {
  it('grows ×1.5 while nothing changes, up to 4×, and resets on a change', () => {
    const b = new Backoff(10_000);
    expect([false, false, false, false, false, true, false].map((c) => b.next(c))).toEqual([
      10_000, 15_000, 22_500, 33_750, 40_000, 10_000, 15_000,
    ]);
  });
  it('rides out transient failures and times out at the deadline', async () => {
    const clock = new FakeClock();
    const log = new MemoryLogger();
    let calls = 0;
    const value = await pollUntil({ clock, log, deadline: clock.now() + 600_000, pollMs: 1000 }, 'x', async () => {
      calls++;
      if (calls === 1) throw new ApiError('GET x', 503, 'down', { cause: { status: 503 } });
      return calls === 3 ? 'done' : undefined;
    });
    expect(value).toBe('done');
    expect(log.text('warning')).toMatch(/x: HTTP 503; trying again in 2 s/);
    await expect(
      pollUntil({ clock, log, deadline: clock.now() + 5000, pollMs: 1000 }, 'the thing', async () => undefined),
    ).rejects.toThrow(TimeoutReached);
  });
});
