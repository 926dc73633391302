import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createGitHubClient } from '@shipshape/github';
import type { Logger } from '@shipshape/kit';

const silent: Logger = { debug() {}, info() {}, warning() {}, error() {}, notice() {} };
const ok: typeof fetch = async () =>
  new Response('[]', { status: 200, headers: { 'content-type': 'application/json' } });

// Bottleneck (under plugin-retry and plugin-throttling) yields to the event loop between the steps of every job.
// With setTimeout(0) each yield waits at least 1 ms: nine of them, ~10 ms, before each request (traced);
// the client makes those yields setImmediate. Timers are counted, not timed: a timing would measure the machine.
describe('createGitHubClient scheduling', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sends a request after at most one zero-delay timer per limiter, and still retries with real delays', async () => {
    const octokit = createGitHubClient({
      token: 't',
      baseUrl: 'http://github.test',
      log: silent,
      fetch: ok,
      delayUnitMs: 1,
    });
    const timeouts = jest.spyOn(globalThis, 'setTimeout');
    const immediates = jest.spyOn(globalThis, 'setImmediate');
    await octokit.request('GET /repos/{owner}/{repo}/releases', { owner: 'o', repo: 'r' });
    const zeroDelay = timeouts.mock.calls.filter(([, ms]) => (ms ?? 0) === 0).length;
    // Three limiters see a GET (plugin-retry's, plugin-throttling's retry limiter and its global group); each runs
    // its job after one timer of its own. The yields between the steps went to setImmediate.
    expect(zeroDelay).toBeLessThanOrEqual(3);
    expect(immediates.mock.calls.length).toBeGreaterThan(0);
  });

  it('keeps retrying a 5xx with the configured back-off (waits that are meant to last keep their timer)', async () => {
    const calls: number[] = [];
    const flaky: typeof fetch = async () => {
      calls.push(Date.now());
      return new Response(JSON.stringify({ message: 'boom' }), {
        status: calls.length < 3 ? 502 : 200,
        headers: { 'content-type': 'application/json' },
      });
    };
    const octokit = createGitHubClient({
      token: 't',
      baseUrl: 'http://github.test',
      log: silent,
      fetch: flaky,
      delayUnitMs: 1,
      retries: 3,
    });
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/releases', { owner: 'o', repo: 'r' }),
    ).resolves.toMatchObject({ status: 200 });
    expect(calls).toHaveLength(3);
  });
});
