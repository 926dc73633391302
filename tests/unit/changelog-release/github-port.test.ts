import { describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '@shipshape/github';
import type { Logger } from '@shipshape/kit';
import { githubReleasesPort } from '../../../actions/changelog-release/src/github-port';
import { githubRepositoryPort } from '../../../actions/changelog-release/src/repository-port';

const silent: Logger = { debug() {}, info() {}, warning() {}, error() {}, notice() {} };

/** A port over a fetch that answers every request with one status, recording the requests. */
function portAnswering(status: number): { port: ReturnType<typeof githubReleasesPort>; calls: string[] } {
  const calls: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
    const body =
      status === 204
        ? null
        : JSON.stringify({ message: status === 404 ? 'Not Found' : 'Resource not accessible by integration' });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };
  const octokit = createGitHubClient({
    token: 't',
    baseUrl: 'http://github.test',
    log: silent,
    fetch: fetchFn,
    delayUnitMs: 1,
  });
  return { port: githubReleasesPort(octokit, 'o', 'r'), calls };
}

describe('deleteDraft', () => {
  it('deletes the release by id', async () => {
    const { port, calls } = portAnswering(204);
    await expect(port.deleteDraft(42)).resolves.toBeUndefined();
    expect(calls).toEqual(['DELETE http://github.test/repos/o/r/releases/42']);
  });
  it('a draft that is already gone is fine: there is no duplicate left', async () => {
    const { port, calls } = portAnswering(404);
    await expect(port.deleteDraft(42)).resolves.toBeUndefined();
    expect(calls).toHaveLength(1);
  });
  it('a refusal names the call and the permission it needs', async () => {
    const { port } = portAnswering(403);
    await expect(port.deleteDraft(42)).rejects.toThrow(
      /DELETE \/repos\/\{owner\}\/\{repo\}\/releases\/\{release_id\} failed \(HTTP 403\).*contents: write/,
    );
  });
});

describe('canPush', () => {
  function portWithPermissions(permissions: unknown) {
    const fetchFn: typeof fetch = async () =>
      new Response(JSON.stringify({ default_branch: 'main', ...(permissions === undefined ? {} : { permissions }) }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    const octokit = createGitHubClient({ token: 't', baseUrl: 'http://github.test', log: silent, fetch: fetchFn });
    return githubRepositoryPort(octokit, 'o', 'r');
  }
  it("reads the repository's permissions.push for the token; undefined when the answer has none", async () => {
    await expect(portWithPermissions({ push: false, pull: true }).canPush()).resolves.toBe(false);
    await expect(portWithPermissions({ push: true, pull: true }).canPush()).resolves.toBe(true);
    await expect(portWithPermissions(undefined).canPush()).resolves.toBeUndefined();
  });
});
