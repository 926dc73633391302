import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createGitHubClient, toApiError, type GitHubClient } from '@shipshape/github';
import type { Logger } from '@shipshape/kit';
import { startGitHubEmulator, type GitHubEmulator, type GitHubFault } from '@shipshape/testing/github-emulator';

/**
 * The Octokit factory (packages/github) under every fault the GitHub emulator offers. Waits are scaled with
 * `delayUnitMs` (10 ms per "second") so a back-off of 1 + 4 + 9 units costs 140 ms; the assertions on time are
 * bounds that prove a wait happened and that it ended, not speed measurements.
 */

const UNIT_MS = 10;
/** Only the hang cases wait for the request timeout; the others get a long one, so a slow first answer is no fault. */
const HANG_TIMEOUT_MS = 100;
const LIST = 'GET /repos/{owner}/{repo}/releases';
const CREATE = 'POST /repos/{owner}/{repo}/releases';
const owner = 'fault-org';
let repoCounter = 0;

let github: GitHubEmulator;
beforeAll(async () => {
  github = await startGitHubEmulator();
  // The emulator's first answer compiles its validators; keep that out of the timed cases.
  await client().request(LIST, { owner, repo: freshRepo() });
});
afterEach(() => {
  github.clearFaults();
  github.assertNoViolations();
});
afterAll(() => github.close());

interface Recorded extends Logger {
  warnings: string[];
}

function recordingLogger(): Recorded {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, notice() {}, error() {}, warning: (m) => void warnings.push(m) };
}

function client(
  log: Logger = recordingLogger(),
  extra: Partial<Parameters<typeof createGitHubClient>[0]> = {},
): GitHubClient {
  return createGitHubClient({
    token: 'ghs_faulttest',
    baseUrl: github.url,
    log,
    delayUnitMs: UNIT_MS,
    requestTimeoutMs: 10_000,
    ...extra,
  });
}

function freshRepo(): string {
  const name = `repo-${++repoCounter}`;
  github.repo(`${owner}/${name}`);
  github.resetTraffic();
  return name;
}

/** Runs `call`, returning what it threw (or undefined), how long it took and how many requests reached the route. */
async function attempt(
  route: string,
  call: () => Promise<unknown>,
): Promise<{ error: unknown; ms: number; requests: number }> {
  const started = performance.now();
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  return { error, ms: performance.now() - started, requests: github.count(route) };
}

const list = (octokit: GitHubClient, repo: string) => octokit.request(LIST, { owner, repo });

describe('retryable faults are retried with back-off, then succeed', () => {
  const transient: [string, GitHubFault][] = [
    ['500', { status: 500, times: 2 }],
    ['502', { status: 502, times: 2 }],
    ['503', { status: 503, times: 2 }],
    ['a dropped connection', { drop: true, times: 2 }],
    ['a request that hangs', { hang: true, times: 2 }],
  ];
  it.each(transient)('%s twice: 3 attempts, back-off of 1 + 4 units', async (...row) => {
    const [, fault] = row;
    const repo = freshRepo();
    github.fault(LIST, fault);
    const result = await attempt(LIST, () =>
      list(client(recordingLogger(), fault.hang ? { requestTimeoutMs: HANG_TIMEOUT_MS } : {}), repo),
    );
    expect(result.error).toBeUndefined();
    expect(result.requests).toBe(3);
    expect(result.ms).toBeGreaterThanOrEqual(5 * UNIT_MS);
  });

  it.each(transient)(
    '%s every time: 1 + 3 attempts within a bounded time, then an error naming the call',
    async (...row) => {
      const [label, fault] = row;
      const repo = freshRepo();
      github.fault(LIST, { ...fault, times: Infinity });
      const result = await attempt(LIST, () =>
        list(client(recordingLogger(), fault.hang ? { requestTimeoutMs: HANG_TIMEOUT_MS } : {}), repo),
      );
      expect(result.requests).toBe(4);
      // The attempts are bounded by count (4 requests), not by a time that a busy machine could exceed.
      expect(result.ms).toBeGreaterThanOrEqual(14 * UNIT_MS);
      const message = toApiError(LIST, result.error).message;
      expect(message).toMatch(/^GET \/repos\/\{owner\}\/\{repo\}\/releases failed/);
      if (label === 'a request that hangs')
        expect(message).toMatch(/failed: no answer from GitHub \(no answer within 100 ms\)$/);
      else if (fault.status) expect(message).toContain(`(HTTP ${fault.status})`);
      else expect(message).toMatch(/failed: no answer from GitHub \(.*(connection|socket|closed|fetch failed)/i);
    },
  );

  it('a write that failed with 502 is sent again and creates exactly one release', async () => {
    const repo = freshRepo();
    github.fault(CREATE, { status: 502 });
    const octokit = client();
    const result = await attempt(CREATE, () =>
      octokit.request(CREATE, { owner, repo, tag_name: 'v1.0.0', name: 'v1.0.0' }),
    );
    expect(result.error).toBeUndefined();
    expect(result.requests).toBe(2);
    expect(github.repo(`${owner}/${repo}`).releases).toHaveLength(1);
  });

  it('an ambiguous 500 (applied, then failed) is retried into the 422 the caller must handle: still one release', async () => {
    const repo = freshRepo();
    github.fault(CREATE, { status: 500, afterApply: true });
    const result = await attempt(CREATE, () =>
      client().request(CREATE, { owner, repo, tag_name: 'v1.0.0', name: 'v1.0.0' }),
    );
    expect(result.requests).toBe(2);
    expect((result.error as { status?: number }).status).toBe(422);
    expect(github.repo(`${owner}/${repo}`).releases).toHaveLength(1);
  });
});

describe('rate limits are retried after the wait GitHub asks for', () => {
  const limits: [string, GitHubFault][] = [
    ['403 secondary rate limit', { status: 403, secondaryRateLimit: true, retryAfter: 3 }],
    ['429', { status: 429, retryAfter: 3 }],
  ];
  it.each(limits)(
    '%s with Retry-After 3: one retry, after ≥ 3 units, with a warning naming the call',
    async (...row) => {
      const [, fault] = row;
      const repo = freshRepo();
      github.fault(LIST, fault);
      const log = recordingLogger();
      const result = await attempt(LIST, () => list(client(log), repo));
      expect(result.error).toBeUndefined();
      expect(result.requests).toBe(2);
      expect(result.ms).toBeGreaterThanOrEqual(3 * UNIT_MS);
      expect(log.warnings).toEqual([
        expect.stringMatching(
          /rate limit hit on GET \/repos\/\{owner\}\/\{repo\}\/releases; retrying in 3 s \(retry 1 of 2\)\.$/,
        ),
      ]);
    },
  );

  it.each(limits)('%s every time: 1 + 2 attempts, then an error naming the call', async (...row) => {
    const [, fault] = row;
    const repo = freshRepo();
    github.fault(LIST, { ...fault, times: Infinity });
    const log = recordingLogger();
    const result = await attempt(LIST, () => list(client(log), repo));
    expect(result.requests).toBe(3);
    expect(result.ms).toBeGreaterThanOrEqual(6 * UNIT_MS);
    expect(toApiError(LIST, result.error).message).toMatch(
      new RegExp(
        `^GET /repos/\\{owner\\}/\\{repo\\}/releases failed \\(HTTP ${fault.status}\\): You have exceeded a secondary rate limit`,
      ),
    );
    expect(log.warnings.at(-1)).toMatch(/not retrying/);
  });

  // GitHub: "If you receive a rate limit error [403 or 429] … If the retry-after response header is present, you should
  // not retry your request until after that many seconds has elapsed. … Otherwise, wait for at least one minute"
  // (docs.github.com, REST API › Rate limits › "Handle rate limit errors appropriately"). A proxy or a GitHub
  // Enterprise Server load balancer may answer 429 without GitHub's rate-limit message, which plugin-throttling
  // does not recognise.
  it('a bare 429 (Retry-After, no rate-limit message) is retried after the wait it asks for', async () => {
    const repo = freshRepo();
    github.fault(LIST, { status: 429, retryAfter: 2, body: { message: 'Too Many Requests' } });
    const log = recordingLogger();
    const result = await attempt(LIST, () => list(client(log), repo));
    expect(result.error).toBeUndefined();
    expect(result.requests).toBe(2);
    expect(result.ms).toBeGreaterThanOrEqual(2 * UNIT_MS);
    expect(log.warnings).toEqual([
      expect.stringMatching(
        /^GitHub rate limit \(HTTP 429\) hit on GET \/repos\/\{owner\}\/\{repo\}\/releases; retrying in 2 s \(retry 1 of 2\)\.$/,
      ),
    ]);
  });

  it('a bare 429 every time: 1 + 2 attempts, then the 429 to the caller', async () => {
    const repo = freshRepo();
    github.fault(LIST, { status: 429, retryAfter: 1, body: { message: 'Too Many Requests' }, times: Infinity });
    const result = await attempt(LIST, () => list(client(recordingLogger()), repo));
    expect(result.requests).toBe(3);
    expect((result.error as { status?: number }).status).toBe(429);
  });

  it('a bare 429 without Retry-After waits a minute, the documented fallback (a minute longer than allowed: not retried)', async () => {
    const repo = freshRepo();
    github.fault(LIST, { status: 429, body: { message: 'Too Many Requests' } });
    const log = recordingLogger();
    const result = await attempt(LIST, () => list(client(log, { maxRateLimitWaitSeconds: 30 }), repo));
    expect(result.requests).toBe(1);
    expect(log.warnings).toEqual([expect.stringMatching(/not retrying \(asked to wait 60 s after 0 retries\)/)]);
  });

  it('a secondary limit asking for longer than the longest allowed wait fails at once', async () => {
    const repo = freshRepo();
    github.fault(LIST, { status: 403, secondaryRateLimit: true, retryAfter: 600 });
    const result = await attempt(LIST, () => list(client(recordingLogger(), { maxRateLimitWaitSeconds: 120 }), repo));
    expect(result.requests).toBe(1);
    expect((result.error as { status?: number }).status).toBe(403);
  });

  it('a primary rate limit (remaining 0) waits until the reset, then retries', async () => {
    const repo = freshRepo();
    // Reset 2 s from now: the plugin waits (reset - now) + 1 "seconds", here scaled to units.
    github.fault(LIST, { status: 403, rateLimitReset: Math.floor(Date.now() / 1000) + 2 });
    const log = recordingLogger();
    const result = await attempt(LIST, () => list(client(log), repo));
    expect(result.error).toBeUndefined();
    expect(result.requests).toBe(2);
    expect(log.warnings[0]).toMatch(/GitHub rate limit hit on GET/);
  });
});

describe('what is not retryable fails at once with an error naming the call', () => {
  const final: [string, GitHubFault, RegExp][] = [
    [
      '404',
      { status: 404 },
      /^GET \/repos\/\{owner\}\/\{repo\}\/releases failed \(HTTP 404\): Not Found.*not found, or the token cannot see it .*; this call needs `contents: read`$/,
    ],
    [
      '422',
      { status: 422, body: { message: 'Validation Failed', errors: [] } },
      /^GET \/repos\/\{owner\}\/\{repo\}\/releases failed \(HTTP 422\): Validation Failed/,
    ],
    [
      '403 without a rate limit',
      { status: 403, body: { message: 'Resource not accessible by integration' } },
      /failed \(HTTP 403\): Resource not accessible by integration.*lacks a permission.*needs `contents: read`/,
    ],
  ];
  it.each(final)('%s: exactly one request', async (...row) => {
    const [, fault, message] = row;
    const repo = freshRepo();
    github.fault(LIST, fault);
    const result = await attempt(LIST, () => list(client(), repo));
    expect(result.requests).toBe(1);
    expect(toApiError(LIST, result.error, 'contents: read').message).toMatch(message);
  });

  it('a 304 Not Modified answer to a conditional GET is not repeated', async () => {
    const repo = freshRepo();
    const octokit = client();
    const first = await list(octokit, repo);
    const etag = first.headers.etag ?? '';
    github.resetTraffic();
    const result = await attempt(LIST, () =>
      octokit.request(LIST, { owner, repo, headers: { 'if-none-match': etag } }),
    );
    expect((result.error as { status?: number }).status).toBe(304);
    expect(result.requests).toBe(1);
  });

  it('a 422 on a write is not repeated (no duplicate attempt at a rejected write)', async () => {
    const repo = freshRepo();
    github.fault(CREATE, {
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
      },
    });
    const result = await attempt(CREATE, () =>
      client().request(CREATE, { owner, repo, tag_name: 'v1.0.0', name: 'v1.0.0' }),
    );
    expect(result.requests).toBe(1);
    expect(github.repo(`${owner}/${repo}`).releases).toHaveLength(0);
  });
});
