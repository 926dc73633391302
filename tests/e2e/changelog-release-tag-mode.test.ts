import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * changelog-release `mode: tag` through the committed bundle, run as the runner runs it on a push to main (the merge
 * of the release pull request), against the GitHub emulator. Every test has a fresh repository; re-runs count writes.
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => {
  github.restrictToken(null);
  github.assertNoViolations();
});
afterAll(() => github.close());

/** The requests that change something: everything but GET. */
const writes = (): string[] => github.requests.filter((r) => r.method !== 'GET').map((r) => r.route ?? r.url);

const RELEASED = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '## [1.5.0] - 2026-12-05',
  '',
  '### Added',
  '',
  '- Gift cards.',
  '',
  '## [1.4.0] - 2026-11-01',
  '',
  '- Older.',
  '',
  '[Unreleased]: https://github.com/octo-org/app/compare/v1.5.0...HEAD',
  '[1.5.0]: https://github.com/octo-org/app/compare/v1.4.0...v1.5.0',
  '[1.4.0]: https://github.com/octo-org/app/releases/tag/v1.4.0',
  '',
].join('\n');

/** main with v1.4.0 tagged, then the merge of the release pull request that cut 1.5.0 (the pushed commit). */
function mergedRepo(text = RELEASED): { name: string; repo: EmulatedRepository; previous: string; pushed: string } {
  const name = `octo-org/tag-mode-${++counter}`;
  const repo = github.repo(name);
  const previous = repo.commit({ files: { 'CHANGELOG.md': '## [1.4.0] - 2026-11-01\n\n- Older.\n' } });
  repo.tag('v1.4.0', previous);
  const pushed = repo.commit({ files: { 'CHANGELOG.md': text }, message: 'Release v1.5.0 (#12)' });
  return { name, repo, previous, pushed };
}

/** The push to main that cut-release.yml runs on (`push: branches: [main], paths: [CHANGELOG.md]`). */
function push(name: string, sha: string, inputs: Record<string, string> = {}, workspace?: string): Promise<RunResult> {
  const payload = webhookExample<Record<string, unknown>>('push', undefined, (e) =>
    String(e.ref).startsWith('refs/heads/'),
  );
  payload.ref = 'refs/heads/main';
  payload.after = sha;
  return runActionBundle({
    action: 'changelog-release',
    apiUrl: github.url,
    repository: name,
    ref: 'refs/heads/main',
    sha,
    ...(workspace ? { workspace } : {}),
    event: { name: 'push', payload },
    timeoutMs: 30_000,
    inputs: { mode: 'tag', ...inputs },
  });
}

describe('changelog-release: mode tag', () => {
  it('tags the newest version at the pushed commit; a re-run writes nothing', async () => {
    const { name, repo, pushed } = mergedRepo();
    github.resetTraffic();
    const first = await push(name, pushed);
    expect(first.failure).toBeUndefined();
    expect(first.outputs).toMatchObject({ version: '1.5.0', tag: 'v1.5.0', sha: pushed, result: 'created' });
    expect(first.outputs.notes).toContain('- Gift cards.');
    expect(repo.refs.get('refs/tags/v1.5.0')).toBe(pushed);
    expect(writes()).toEqual(['POST /repos/{owner}/{repo}/git/refs']);
    expect(github.requests).toHaveLength(3);
    expect(first.summary).toContain('### Tag v1.5.0');
    expect(first.summary).toContain(`Tagged \`${pushed}\` as v1.5.0.`);

    github.resetTraffic();
    const again = await push(name, pushed);
    expect(again.failure).toBeUndefined();
    expect(again.outputs).toMatchObject({ version: '1.5.0', tag: 'v1.5.0', sha: pushed, result: 'unchanged' });
    expect(writes()).toEqual([]);
    expect(github.requests).toHaveLength(2);
  });

  it('reads the changelog from the checkout when there is one (no contents request)', async () => {
    const { name, repo, pushed } = mergedRepo();
    const workspace = mkdtempSync(join(tmpdir(), 'tag-mode-ws-'));
    try {
      writeFileSync(join(workspace, 'CHANGELOG.md'), RELEASED);
      github.resetTraffic();
      const result = await push(name, pushed, {}, workspace);
      expect(result.outputs).toMatchObject({ tag: 'v1.5.0', sha: pushed, result: 'created' });
      expect(repo.refs.get('refs/tags/v1.5.0')).toBe(pushed);
      expect(github.requests.map((r) => r.route ?? r.url)).toEqual([
        'GET /repos/{owner}/{repo}/commits/{ref}',
        'POST /repos/{owner}/{repo}/git/refs',
      ]);
    } finally {
      rmSync(workspace, { recursive: true, force: true });
    }
  });

  it('a tag that exists at another commit ends unchanged with a notice naming both commits', async () => {
    const { name, repo, previous, pushed } = mergedRepo();
    repo.tag('v1.5.0', previous);
    github.resetTraffic();
    const result = await push(name, pushed);
    expect(result.failure).toBeUndefined();
    expect(result.outputs).toMatchObject({ tag: 'v1.5.0', sha: previous, result: 'unchanged' });
    expect(writes()).toEqual([]);
    expect(repo.refs.get('refs/tags/v1.5.0')).toBe(previous);
    const notices = parseWorkflowCommands(result.stdout).filter((c) => c.command === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toContain(previous);
    expect(notices[0]?.message).toContain(pushed);
  });

  it('a template tag-pattern names the tag', async () => {
    const { name, repo, pushed } = mergedRepo();
    const result = await push(name, pushed, { 'tag-pattern': 'release-{version}' });
    expect(result.outputs).toMatchObject({ tag: 'release-1.5.0', result: 'created' });
    expect(repo.refs.get('refs/tags/release-1.5.0')).toBe(pushed);
  });

  it('a changelog with no version, or a {package} pattern, is a clear error and writes nothing', async () => {
    const { name, pushed } = mergedRepo('# Changelog\n\n## [Unreleased]\n\n- First things.\n');
    github.resetTraffic();
    const none = await push(name, pushed);
    expect(none.exitCode).toBe(1);
    expect(none.failure).toMatch(
      /^Input 'changelog' \(CHANGELOG\.md at [0-9a-f]{12}\) has no released version: tag mode tags the first version heading below Unreleased/,
    );
    expect(none.stderr).not.toMatch(/at .*\.js:\d+/);

    const pattern = await push(name, pushed, { 'tag-pattern': '{package}@{version}' });
    expect(pattern.exitCode).toBe(1);
    expect(pattern.failure).toBe(
      `Input 'tag-pattern' is invalid: expected a template that names the new tag in tag mode, such as v{version} or release-{version} (no {package}, no regular expression), got "{package}@{version}".`,
    );
    expect(writes()).toEqual([]);
  });

  it('a token that cannot write contents is named in the error', async () => {
    const { name, pushed } = mergedRepo();
    github.restrictToken({ contents: 'read' });
    const result = await push(name, pushed);
    expect(result.failure).toMatch(/POST \/repos\/\{owner\}\/\{repo\}\/git\/refs failed \(HTTP 403\).*contents: write/);
  });
});
