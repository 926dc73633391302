import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * changelog-release's lifecycle modes (prepare, merge-back, rollback, annotate) through the committed bundle, run as
 * the runner runs it, against the GitHub emulator. Every test has a fresh repository; a re-run counts the writes.
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

const RELEASES_UPDATE = 'PATCH /repos/{owner}/{repo}/releases/{release_id}';

/** The requests that change something: everything but GET. */
const writes = (): string[] => github.requests.filter((r) => r.method !== 'GET').map((r) => r.route ?? r.url);

function newRepo(): { name: string; repo: EmulatedRepository } {
  const name = `octo-org/lifecycle-${++counter}`;
  return { name, repo: github.repo(name) };
}

/** A workflow_dispatch run on `ref` (a branch), the way the example workflows start these modes. */
function run(name: string, inputs: RunOptions['inputs'], ref = 'refs/heads/main', runId?: number): Promise<RunResult> {
  const payload = webhookExample<Record<string, unknown>>('workflow_dispatch');
  payload.ref = ref;
  (payload.repository as Record<string, unknown>).default_branch = 'main';
  return runActionBundle({
    action: 'changelog-release',
    apiUrl: github.url,
    repository: name,
    ref,
    event: { name: 'workflow_dispatch', payload },
    timeoutMs: 30_000,
    inputs,
    ...(runId === undefined ? {} : { runId }),
  });
}

/** v1.2.0, v1.3.0 and v1.4.0 released from three commits of main, v1.4.0 the Latest. */
function releasedRepo(): { name: string; repo: EmulatedRepository; shas: Record<string, string> } {
  const { name, repo } = newRepo();
  const shas: Record<string, string> = {};
  for (const version of ['1.2.0', '1.3.0', '1.4.0']) {
    shas[version] = repo.commit({ files: { VERSION: version }, message: `v${version}` });
    repo.addRelease({ tag_name: `v${version}`, name: `v${version}`, body: `## ${version}\n\n- changes` });
  }
  return { name, repo, shas };
}

describe('changelog-release: publish outputs sha', () => {
  it("on a tag push the tag's commit; for a tag named from a branch run, empty", async () => {
    const { name, repo } = newRepo();
    const sha = repo.commit({ files: { 'CHANGELOG.md': '## 1.0.0\n\n- first\n' } });
    repo.tag('v1.0.0', sha);
    const payload = webhookExample<Record<string, unknown>>('push', undefined, (e) =>
      String(e.ref).startsWith('refs/tags/'),
    );
    payload.ref = 'refs/tags/v1.0.0';
    const pushed = await runActionBundle({
      action: 'changelog-release',
      apiUrl: github.url,
      repository: name,
      ref: 'refs/tags/v1.0.0',
      sha,
      event: { name: 'push', payload },
      timeoutMs: 30_000,
    });
    expect(pushed.failure).toBeUndefined();
    expect(pushed.outputs).toMatchObject({ sha, result: 'created' });
    const dispatched = await run(name, { tag: 'v1.0.0' });
    expect(dispatched.outputs).toMatchObject({ sha: '', result: 'unchanged' });
  });
});

describe('changelog-release: rollback', () => {
  it('resolves the latest release and the one before it, writing nothing', async () => {
    const { name, repo, shas } = releasedRepo();
    repo.addRelease({ tag_name: 'v1.5.0', name: 'v1.5.0', draft: true });
    github.resetTraffic();
    const result = await run(name, { mode: 'rollback' });
    expect(result.failure).toBeUndefined();
    expect(result.outputs).toMatchObject({
      tag: 'v1.4.0',
      version: '1.4.0',
      'release-url': expect.stringMatching(/\/releases\/tag\/v1\.4\.0$/),
      'target-tag': 'v1.3.0',
      'target-version': '1.3.0',
      'target-sha': shas['1.3.0'],
      result: 'unchanged',
    });
    expect(writes()).toEqual([]);
    expect(result.summary).toContain('### Rollback plan');
    expect(result.summary).toContain(`\`${shas['1.3.0']}\``);
  });

  it('a token that cannot see drafts (contents: read) is warned about: a failed draft would be invisible to it', async () => {
    const { name, repo } = releasedRepo();
    // The draft of a release whose smoke tests failed, with its tag: GitHub lists it only to tokens with push access.
    repo.tag('v1.5.0');
    repo.addRelease({ tag_name: 'v1.5.0', name: 'v1.5.0', draft: true });
    github.restrictToken({ contents: 'read' });
    const blind = await run(name, { mode: 'rollback' });
    github.restrictToken(null);
    expect(blind.outputs.tag).toBe('v1.4.0');
    expect(blind.annotations.map((a) => `${a.level}: ${a.message}`)).toContainEqual(
      expect.stringMatching(/^warning: This token cannot see draft releases/),
    );
    const seeing = await run(name, { mode: 'rollback' });
    expect(seeing.outputs.tag).toBe('v1.5.0');
    expect(seeing.annotations.filter((a) => a.level === 'warning')).toEqual([]);
  });

  it('rollback-to names the target by tag or version', async () => {
    const { name, shas } = releasedRepo();
    const result = await run(name, { mode: 'rollback', 'rollback-to': '1.2.0' });
    expect(result.outputs).toMatchObject({ 'target-tag': 'v1.2.0', 'target-sha': shas['1.2.0'] });
  });

  it('a target that is not a published release, or no release before the failed one, is a clear error', async () => {
    const { name, repo } = releasedRepo();
    repo.addRelease({ tag_name: 'v1.3.5', name: 'v1.3.5', draft: true });
    repo.tag('v1.1.0', repo.head('main'));
    github.resetTraffic();
    const missing = await run(name, { mode: 'rollback', 'rollback-to': 'v1.1.0' });
    expect(missing.exitCode).toBe(1);
    expect(missing.failure).toBe(
      `Input 'rollback-to' is invalid: expected the tag of a published release (no release has this tag), got "v1.1.0".`,
    );
    const draft = await run(name, { mode: 'rollback', 'rollback-to': 'v1.3.5' });
    expect(draft.failure).toMatch(
      /^Input 'rollback-to' is invalid: expected the tag of a published release \(v1\.3\.5 is a draft\)/,
    );
    const first = await run(name, { mode: 'rollback', tag: 'v1.2.0' });
    expect(first.failure).toBe(
      'No published release before "v1.2.0" to roll back to (none with a lower version that was not rolled back itself); pass `rollback-to`.',
    );
    expect(first.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(writes()).toEqual([]);
  });
});

describe('changelog-release: annotate', () => {
  it('puts the escaped reason on top of the failed release, moves Latest to the target, and a re-run writes nothing', async () => {
    const { name, repo } = releasedRepo();
    const failed = repo.releases.find((r) => r.tag_name === 'v1.4.0');
    const target = repo.releases.find((r) => r.tag_name === 'v1.3.0');
    expect(repo.latestRelease?.id).toBe(failed?.id);
    const reason = 'checkout 500s @octo-org/oncall see #12 <b>x</b> [link](https://evil.example)\n::error::injected';
    const inputs = { mode: 'annotate', tag: 'v1.4.0', 'rollback-to': 'v1.3.0', reason };
    github.resetTraffic();
    const first = await run(name, inputs);
    expect(first.failure).toBeUndefined();
    expect(first.outputs).toMatchObject({ result: 'updated', 'target-tag': 'v1.3.0', tag: 'v1.4.0' });
    const body = repo.release(failed?.id ?? 0)?.body ?? '';
    expect(body).toMatch(/^<!-- shipshape:rolled-back to=v1\.3\.0 on=\d{4}-\d{2}-\d{2} run=1001 -->\n> \[!CAUTION\]\n/);
    expect(body).toMatch(
      /\n> Rolled back to \[v1\.3\.0\]\(https:\/\/\S+\/releases\/tag\/v1\.3\.0\) on \d{4}-\d{2}-\d{2}: `/,
    );
    expect(body).toContain(
      ': `checkout 500s @octo-org/oncall see #12 <b>x</b> [link](https://evil.example) ::error::injected`\n\n## 1.4.0\n\n- changes',
    );
    expect(repo.latestRelease?.id).toBe(target?.id);
    expect(
      github.requests.filter((r) => r.route === RELEASES_UPDATE).map((r) => Object.keys(r.body as object)),
    ).toEqual([['body'], ['make_latest']]);
    expect(first.summary).toContain('**Reason:**');
    expect(first.summary).not.toContain('<b>');
    expect(parseWorkflowCommands(first.stdout).filter((c) => c.message.includes('injected'))).toEqual([]);

    github.resetTraffic();
    const again = await run(name, inputs);
    expect(again.outputs.result).toBe('unchanged');
    expect(writes()).toEqual([]);
    expect(repo.release(failed?.id ?? 0)?.body).toBe(body);

    // The same rollback resolved with defaults now: v1.4.0 stays the failed release, and v1.3.0 the target.
    const defaults = await run(name, { mode: 'rollback' });
    expect(defaults.outputs).toMatchObject({ tag: 'v1.4.0', 'target-tag': 'v1.3.0' });
  });

  it('a rolled-back release is skipped as a default target later', async () => {
    const { name, repo } = releasedRepo();
    await run(name, { mode: 'annotate', reason: 'bad' });
    repo.commit({ files: { VERSION: '1.5.0' } });
    repo.addRelease({ tag_name: 'v1.5.0', name: 'v1.5.0', body: 'five' });
    const next = await run(name, { mode: 'rollback' });
    expect(next.outputs).toMatchObject({ tag: 'v1.5.0', 'target-tag': 'v1.3.0' });
  });

  it('a release rolled back by another run is not the failed release again; a re-run of that run still is', async () => {
    const { name, repo } = releasedRepo();
    // v1.5.0 went out as a draft (its smoke tests failed), and run 500 rolled it back to v1.4.0.
    repo.addRelease({ tag_name: 'v1.5.0', name: 'v1.5.0', draft: true, body: 'five' });
    repo.tag('v1.5.0', repo.commit({ files: { VERSION: '1.5.0' } }));
    const annotated = await run(name, { mode: 'annotate', reason: 'smoke failed' }, undefined, 500);
    expect(annotated.outputs).toMatchObject({ tag: 'v1.5.0', 'target-tag': 'v1.4.0' });
    // A hotfix ships after, and fails too: run 501 rolls it back to v1.4.0, not to the broken v1.5.0.
    repo.commit({ files: { VERSION: '1.4.1' } });
    repo.addRelease({ tag_name: 'v1.4.1', name: 'v1.4.1', body: 'hotfix' });
    const later = await run(name, { mode: 'rollback' }, undefined, 501);
    expect(later.outputs).toMatchObject({ tag: 'v1.4.1', 'target-tag': 'v1.4.0' });
    // Run 500's second attempt resolves what its first did.
    const rerun = await run(name, { mode: 'rollback' }, undefined, 500);
    expect(rerun.outputs).toMatchObject({ tag: 'v1.5.0', 'target-tag': 'v1.4.0' });
  });

  it('a token that cannot write releases is named in the error', async () => {
    const { name } = releasedRepo();
    github.restrictToken({ contents: 'read' });
    const result = await run(name, { mode: 'annotate' });
    expect(result.failure).toMatch(
      /PATCH \/repos\/\{owner\}\/\{repo\}\/releases\/\{release_id\} failed \(HTTP 403\).*contents: write/,
    );
  });
});

describe('changelog-release: merge-back', () => {
  it('opens one pull request from the run branch into base; a re-run reuses it and writes nothing', async () => {
    const { name, repo } = newRepo();
    repo.commit({ branch: 'develop', files: { 'next.txt': 'next' } });
    repo.branch('hotfix/1.4.1', repo.head('main'));
    repo.commit({ branch: 'hotfix/1.4.1', files: { 'fix.txt': 'fixed' }, message: 'Fix the checkout' });
    github.resetTraffic();
    const first = await run(name, { mode: 'merge-back', base: 'develop' }, 'refs/heads/hotfix/1.4.1');
    expect(first.failure).toBeUndefined();
    expect(first.outputs.result).toBe('created');
    const pr = repo.pullRequest(Number(first.outputs['pr-number']));
    expect(pr).toMatchObject({ base: 'develop', head: { ref: 'hotfix/1.4.1' }, state: 'open' });
    expect(pr?.title).toBe('Merge hotfix/1.4.1 into develop');
    expect(first.outputs['pr-url']).toMatch(new RegExp(`/pull/${pr?.number ?? 0}$`));
    expect(writes()).toEqual(['POST /repos/{owner}/{repo}/pulls']);
    expect(first.summary).toContain('opened now');

    github.resetTraffic();
    const again = await run(name, { mode: 'merge-back', base: 'develop' }, 'refs/heads/hotfix/1.4.1');
    expect(again.outputs).toMatchObject({ result: 'unchanged', 'pr-number': String(pr?.number) });
    expect(writes()).toEqual([]);
  });

  it('nothing to merge back: no pull request; a missing base input is named', async () => {
    const { name, repo } = newRepo();
    repo.branch('develop', repo.head('main'));
    repo.branch('hotfix/1.4.1', repo.head('main'));
    github.resetTraffic();
    const result = await run(name, { mode: 'merge-back', base: 'develop' }, 'refs/heads/hotfix/1.4.1');
    expect(result.outputs).toMatchObject({ result: 'unchanged', 'pr-number': '', 'pr-url': '' });
    expect(result.summary).toContain('Nothing to merge back');
    expect(writes()).toEqual([]);
    const missing = await run(name, { mode: 'merge-back' }, 'refs/heads/hotfix/1.4.1');
    expect(missing.failure).toBe("Input 'base' is required: expected the branch to merge back into, such as develop.");
  });
});

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '',
  '- Gift cards.',
  '',
  '## [1.4.0] - 2026-11-01',
  '',
  '### Fixed',
  '',
  '- Older.',
  '',
  '[Unreleased]: https://github.com/octo-org/app/compare/v1.4.0...HEAD',
  '[1.4.0]: https://github.com/octo-org/app/releases/tag/v1.4.0',
  '',
].join('\n');

function changelogRepo(text = CHANGELOG): { name: string; repo: EmulatedRepository } {
  const { name, repo } = newRepo();
  repo.tag('v1.4.0', repo.commit({ files: { 'CHANGELOG.md': text }, message: 'v1.4.0' }));
  return { name, repo };
}

describe('changelog-release: prepare', () => {
  it('push false: one release pull request; a re-run changes nothing; new entries update the same one', async () => {
    const { name, repo } = changelogRepo();
    const mainBefore = repo.head('main');
    github.resetTraffic();
    const first = await run(name, { mode: 'prepare' });
    expect(first.failure).toBeUndefined();
    expect(first.outputs).toMatchObject({
      version: '1.5.0',
      'previous-version': '1.4.0',
      tag: 'v1.5.0',
      result: 'created',
    });
    expect(repo.head('main')).toBe(mainBefore);
    const branchSha = repo.head('shipshape/release');
    expect(first.outputs.sha).toBe(branchSha);
    const prepared = repo.readFile('CHANGELOG.md', 'shipshape/release') ?? '';
    expect(prepared).toMatch(
      /## \[Unreleased\]\n\n## \[1\.5\.0\] - \d{4}-\d{2}-\d{2}\n\n### Added\n\n- Gift cards\.\n/,
    );
    const pr = repo.pullRequest(Number(first.outputs['pr-number']));
    expect(pr).toMatchObject({
      title: 'Release v1.5.0',
      base: 'main',
      head: { ref: 'shipshape/release' },
      state: 'open',
    });
    expect(pr?.body).toContain('- Gift cards.');
    expect(first.outputs.notes).toContain('- Gift cards.');
    expect(first.summary).toContain(`[#${pr?.number ?? 0}]`);

    github.resetTraffic();
    const again = await run(name, { mode: 'prepare' });
    expect(again.outputs).toMatchObject({ result: 'unchanged', 'pr-number': String(pr?.number), sha: branchSha });
    expect(writes()).toEqual([]);

    repo.commit({ files: { 'CHANGELOG.md': CHANGELOG.replace('- Gift cards.', '- Gift cards.\n- Store credit.') } });
    github.resetTraffic();
    const updated = await run(name, { mode: 'prepare' });
    expect(updated.outputs).toMatchObject({ result: 'updated', version: '1.5.0', 'pr-number': String(pr?.number) });
    expect(repo.readFile('CHANGELOG.md', 'shipshape/release')).toContain('- Store credit.');
    expect(repo.pullRequest(pr?.number ?? 0)).toMatchObject({ state: 'open' });
    expect(repo.pullRequest(pr?.number ?? 0)?.body).toContain('- Store credit.');
    expect(repo.isAncestor(repo.head('main'), repo.head('shipshape/release'))).toBe(true);
    expect([...repo.refs.keys()].filter((ref) => ref.includes('scratch') || ref.endsWith('-next'))).toEqual([]);
    expect(repo.pullRequests.size).toBe(1);
  });

  it('push true: commits the changelog on base and tags it; a re-run changes nothing', async () => {
    const { name, repo } = changelogRepo();
    github.resetTraffic();
    const first = await run(name, { mode: 'prepare', push: true, bump: 'major' });
    expect(first.failure).toBeUndefined();
    expect(first.outputs).toMatchObject({ version: '2.0.0', tag: 'v2.0.0', result: 'created', 'pr-number': '' });
    expect(repo.refs.get('refs/tags/v2.0.0')).toBe(repo.head('main'));
    expect(first.outputs.sha).toBe(repo.head('main'));
    expect(repo.readFile('CHANGELOG.md')).toMatch(/## \[2\.0\.0\] - \d{4}-\d{2}-\d{2}/);
    expect(writes()).toEqual(['PUT /repos/{owner}/{repo}/contents/{path}', 'POST /repos/{owner}/{repo}/git/refs']);

    github.resetTraffic();
    const again = await run(name, { mode: 'prepare', push: true, bump: 'major' });
    expect(again.failure).toBeUndefined();
    expect(again.outputs).toMatchObject({ result: 'unchanged', version: '2.0.0', tag: 'v2.0.0' });
    expect(writes()).toEqual([]);
  });

  it('push true: a re-run after the tag create failed tags the release commit; later commits leave it unchanged', async () => {
    const { name, repo } = changelogRepo();
    github.fault('POST /repos/{owner}/{repo}/git/refs', { status: 403 });
    const first = await run(name, { mode: 'prepare', push: true });
    expect(first.exitCode).toBe(1);
    const released = repo.head('main');
    expect(repo.readFile('CHANGELOG.md')).toMatch(/## \[1\.5\.0\]/);
    expect(repo.refs.has('refs/tags/v1.5.0')).toBe(false);

    github.resetTraffic();
    const again = await run(name, { mode: 'prepare', push: true });
    expect(again.failure).toBeUndefined();
    expect(again.outputs).toMatchObject({ result: 'created', version: '1.5.0', tag: 'v1.5.0', sha: released });
    expect(repo.refs.get('refs/tags/v1.5.0')).toBe(released);
    expect(writes()).toEqual(['POST /repos/{owner}/{repo}/git/refs']);

    repo.commit({ files: { 'src.ts': 'later work' } });
    github.resetTraffic();
    const later = await run(name, { mode: 'prepare', push: true });
    expect(later.failure).toBeUndefined();
    expect(later.outputs).toMatchObject({ result: 'unchanged', tag: 'v1.5.0', sha: released });
    expect(writes()).toEqual([]);
  });

  it('bad input and a changelog with nothing to release end with a clear error and no write', async () => {
    const empty = changelogRepo(CHANGELOG.replace('### Added\n\n- Gift cards.\n\n', ''));
    github.resetTraffic();
    const nothing = await run(empty.name, { mode: 'prepare' });
    expect(nothing.exitCode).toBe(1);
    expect(nothing.failure).toMatch(/^Input 'changelog' \(CHANGELOG\.md on main\): .*Unreleased/);
    expect(nothing.stderr).not.toMatch(/at .*\.js:\d+/);

    const noSection = changelogRepo('# Changelog\n\n## [1.4.0] - 2026-11-01\n\n- Older.\n');
    const missing = await run(noSection.name, { mode: 'prepare' });
    expect(missing.failure).toMatch(/^Input 'changelog' \(CHANGELOG\.md on main\): .*Unreleased/);

    const taken = changelogRepo();
    taken.repo.tag('v1.5.0', taken.repo.head('main'));
    const exists = await run(taken.name, { mode: 'prepare' });
    expect(exists.failure).toMatch(/1\.5\.0/);
    expect(exists.failure).toMatch(/exist/);

    const bump = await run(taken.name, { mode: 'prepare', bump: 'huge' });
    expect(bump.failure).toBe(
      `Input 'bump' is invalid: expected one of 'auto', 'major', 'minor', 'patch', got "huge".`,
    );
    const base = await run(taken.name, { mode: 'prepare', base: 'nope' });
    expect(base.failure).toBe(`Input 'base' is invalid: expected a branch that exists in the repository, got "nope".`);
    expect(writes()).toEqual([]);
  });
});
