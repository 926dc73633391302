import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * changelog-release's `fast-path` input, through the committed bundle against the GitHub emulator. `false` must reach
 * both lookups (publish and check mode): the notes are the same, and a changelog whose old section only the full
 * parse reads (nested deeper than the parse limits allow) is refused then, while the fast path never parses it.
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => github.assertNoViolations());
afterAll(() => github.close());

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '## [1.2.3] - 2026-03-01',
  '',
  '### Fixed',
  '',
  '- The deploy waits for staging ([#12][pr12]).',
  '',
  '```md',
  '## 9.9.9',
  '```',
  '',
  '## [1.2.2] - 2026-02-01',
  '',
  '- Older.',
  '',
  '[pr12]: https://github.com/octo-org/octo-repo/pull/12',
  '',
].join('\n');

/** The fast path reads 1.2.3 alone; the full parse also meets the old section's 101 nested block quotes. */
const DEEP_OLD_SECTION = [
  '# Changelog',
  '',
  '## 1.2.3',
  '',
  '- New.',
  '',
  '## 1.0.0',
  '',
  `${'>'.repeat(101)} x`,
  '',
].join('\n');

interface Fixture {
  name: string;
  repo: EmulatedRepository;
  workspace: string;
}

function fixture(changelog: string): Fixture {
  const files = { 'CHANGELOG.md': changelog, 'package.json': JSON.stringify({ version: '1.2.3' }) };
  const name = `octo-org/fast-path-${++counter}`;
  const repo = github.repo(name);
  repo.tag('v1.2.3', repo.commit({ branch: 'main', files, message: 'Release' }));
  const workspace = mkdtempSync(join(tmpdir(), 'cl-fast-path-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  return { name, repo, workspace };
}

/** A tag push of v1.2.3 (publish mode), or a pull request when `inputs.mode` is check. */
function run(f: Fixture, inputs: RunOptions['inputs']): Promise<RunResult> {
  const check = inputs?.mode === 'check';
  const ref = check ? 'refs/pull/1/merge' : 'refs/tags/v1.2.3';
  const payload = check
    ? webhookExample<Record<string, unknown>>('pull_request', 'opened')
    : {
        ...webhookExample<Record<string, unknown>>('push', undefined, (e) => String(e.ref).startsWith('refs/tags/')),
        ref,
      };
  return runActionBundle({
    action: 'changelog-release',
    apiUrl: github.url,
    repository: f.name,
    workspace: f.workspace,
    ref,
    event: { name: check ? 'pull_request' : 'push', payload },
    timeoutMs: 30_000,
    inputs,
  });
}

const REFUSED =
  /^CHANGELOG\.md: The changelog could not be read: the text is nested too deeply: a line nests up to 101 /;

describe('changelog-release: fast-path', () => {
  it('fast-path false publishes the same notes as the default', async () => {
    const fast = fixture(CHANGELOG);
    const full = fixture(CHANGELOG);
    const [byFastPath, byFullParse] = await Promise.all([run(fast, {}), run(full, { 'fast-path': 'false' })]);
    expect([byFastPath.exitCode, byFullParse.exitCode]).toEqual([0, 0]);
    expect(byFullParse.outputs.result).toBe('created');
    expect(byFullParse.outputs.notes).toContain('- The deploy waits for staging ([#12][pr12]).');
    expect(byFullParse.outputs.notes).not.toContain('- Older.');
    // Each repository's own name is in the changelog link: compare the notes with it taken out.
    expect(byFullParse.outputs.notes?.replace(full.name, '<repo>')).toBe(
      byFastPath.outputs.notes?.replace(fast.name, '<repo>'),
    );
    expect(full.repo.releases[0]?.body).toBe(byFullParse.outputs.notes);
  });

  it('publish mode: fast-path false parses the whole file, so an old section the limits refuse fails the step', async () => {
    const fast = fixture(DEEP_OLD_SECTION);
    const full = fixture(DEEP_OLD_SECTION);
    const [byFastPath, byFullParse] = await Promise.all([run(fast, {}), run(full, { 'fast-path': 'false' })]);
    expect(byFastPath.exitCode).toBe(0);
    expect(byFastPath.outputs.notes).toMatch(/^- New\.\n/);
    expect(byFullParse.exitCode).toBe(1);
    expect(byFullParse.failure).toMatch(REFUSED);
    expect(byFullParse.stderr).not.toMatch(/\n\s+at /);
    expect(full.repo.releases).toHaveLength(0);
  });

  it('check mode: the input reaches the check too', async () => {
    const f = fixture(DEEP_OLD_SECTION);
    const [byFastPath, byFullParse] = await Promise.all([
      run(f, { mode: 'check' }),
      run(f, { mode: 'check', 'fast-path': 'false' }),
    ]);
    expect(byFastPath.exitCode).toBe(0);
    expect(byFastPath.outputs.notes).toBe('- New.');
    expect(byFullParse.exitCode).toBe(1);
    expect(byFullParse.failure).toMatch(REFUSED);
  });

  it('a value that is not a boolean fails naming the input, before any request', async () => {
    const f = fixture(CHANGELOG);
    github.resetTraffic();
    const result = await run(f, { 'fast-path': 'sometimes' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(`Input 'fast-path' is invalid: expected 'true' or 'false', got "sometimes".`);
    expect(github.count()).toBe(0);
  });
});
