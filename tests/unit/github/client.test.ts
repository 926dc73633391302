import { describe, expect, it } from '@jest/globals';
import {
  DO_NOT_RETRY,
  NetworkError,
  RequestTimeoutError,
  createGitHubClient,
  fetchWithTimeout,
  statusOf,
  timeoutFromEnv,
  toApiError,
  validationCodes,
} from '@shipshape/github';
import type { Logger } from '@shipshape/kit';

const silent: Logger = { debug() {}, info() {}, warning() {}, error() {}, notice() {} };

/** A fetch that answers from a script of statuses and records every call. */
function scriptedFetch(statuses: number[]): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)] ?? 200;
    const body = status === 200 ? '[]' : JSON.stringify({ message: `status ${status}` });
    return new Response(status === 304 ? null : body, { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetchFn, calls };
}

const LIST = 'GET /repos/{owner}/{repo}/releases';

describe('createGitHubClient retries', () => {
  it.each([[304], [400], [401], [404], [409], [410], [422], [451]])('does not repeat a %i answer', async (...row) => {
    const [status] = row;
    const { fetch, calls } = scriptedFetch([status]);
    const octokit = createGitHubClient({
      token: 't',
      baseUrl: 'http://github.test',
      log: silent,
      fetch,
      delayUnitMs: 1,
    });
    await expect(octokit.request(LIST, { owner: 'o', repo: 'r' })).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it('repeats a 5xx up to `retries` times, then gives up', async () => {
    const { fetch, calls } = scriptedFetch([502]);
    const octokit = createGitHubClient({
      token: 't',
      baseUrl: 'http://github.test',
      log: silent,
      fetch,
      delayUnitMs: 1,
      retries: 2,
    });
    await expect(octokit.request(LIST, { owner: 'o', repo: 'r' })).rejects.toMatchObject({ status: 502 });
    expect(calls).toHaveLength(3);
  });

  it('stops repeating as soon as an answer succeeds', async () => {
    const { fetch, calls } = scriptedFetch([503, 500, 200]);
    const octokit = createGitHubClient({
      token: 't',
      baseUrl: 'http://github.test/api/v3/',
      log: silent,
      fetch,
      delayUnitMs: 1,
    });
    const response = await octokit.request(LIST, { owner: 'o', repo: 'r' });
    expect(response.status).toBe(200);
    expect(calls).toEqual(Array(3).fill('GET http://github.test/api/v3/repos/o/r/releases'));
  });

  it('leaves rate limits (403, 429) to the throttling plugin, so plugin-retry never doubles them', () => {
    expect(DO_NOT_RETRY).toEqual(expect.arrayContaining([403, 429, 404, 422]));
    expect(DO_NOT_RETRY.some((status) => status >= 500)).toBe(false);
  });
});

describe('fetchWithTimeout', () => {
  const never: typeof fetch = (_input, init) =>
    new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));

  it('turns a request with no answer into a RequestTimeoutError that says how long it waited', async () => {
    await expect(fetchWithTimeout(never, 20)('http://github.test/x')).rejects.toThrow(new RequestTimeoutError(20));
  });

  it('passes the caller’s own abort through unchanged', async () => {
    const controller = new AbortController();
    const pending = fetchWithTimeout(never, 10_000)('http://github.test/x', { signal: controller.signal });
    controller.abort(new Error('cancelled by the caller'));
    await expect(pending).rejects.toThrow('cancelled by the caller');
  });

  it('spells out why fetch failed (its cause), whatever realm the error came from', async () => {
    const dropped: typeof fetch = () =>
      Promise.reject(
        Object.assign(new TypeError('fetch failed'), {
          cause: { message: 'other side closed', code: 'UND_ERR_SOCKET' },
        }),
      );
    const error = await fetchWithTimeout(dropped, 1000)('http://github.test/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe('fetch failed: other side closed, UND_ERR_SOCKET');
  });
});

describe('timeoutFromEnv', () => {
  it.each([
    ['250', 250],
    [' 5000 ', 5000],
    ['0', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    [undefined, undefined],
  ])('%s → %s', (...row) => {
    const [value, expected] = row;
    expect(timeoutFromEnv(value)).toBe(expected);
  });
});

describe('toApiError', () => {
  const answered = (status: number, message: string, data?: unknown) =>
    Object.assign(new Error(message), { status, response: { data, headers: {} } });

  it('names the call, the status, the first line of GitHub’s message and a hint', () => {
    const error = toApiError(LIST, answered(404, 'Not Found\nsecond line'), 'contents: read');
    expect(error.message).toBe(
      'GET /repos/{owner}/{repo}/releases failed (HTTP 404): Not Found — not found, or the token cannot see it (private repository without `contents: read`?); this call needs `contents: read`',
    );
    expect(error.status).toBe(404);
    expect(error.call).toBe(LIST);
  });

  it('does not call a request that got no answer an HTTP 500', () => {
    const unanswered = Object.assign(new Error('no answer within 100 ms'), { status: 500 });
    const error = toApiError(LIST, unanswered);
    expect(error.message).toBe(
      'GET /repos/{owner}/{repo}/releases failed: no answer from GitHub (no answer within 100 ms)',
    );
    expect(error.status).toBeUndefined();
  });

  it('reads the status and the validation codes of a 422', () => {
    const error = answered(422, 'Validation Failed', { errors: [{ code: 'already_exists' }, { code: '' }, {}] });
    expect(statusOf(error)).toBe(422);
    expect(validationCodes(error)).toEqual(['already_exists']);
    expect(statusOf('not an error')).toBeUndefined();
    expect(validationCodes(null)).toEqual([]);
  });
});
