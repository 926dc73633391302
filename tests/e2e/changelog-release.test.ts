import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * changelog-release's committed bundle, run as the runner runs it, against the GitHub emulator (drafts invisible to
 * get-by-tag, 422 already_exists, pagination, faults). Every repository is fresh, so tests never share releases.
 */

let github: GitHubEmulator;
let counter = 0;

interface BoundedRun {
  result: RunResult;
  attempts: number;
  releases: number;
  violations: string[];
}

/**
 * A list that answers 503 for good: plugin-retry's back-off (1 + 4 + 9 s) makes this the slowest case, so it runs on
 * an emulator of its own from the start, alongside the other tests, and its test only awaits it.
 */
async function boundedRetryRun(): Promise<BoundedRun> {
  const own = await startGitHubEmulator();
  try {
    const name = 'octo-org/bounded';
    const repo = own.repo(name);
    repo.tag('v1.2.3', repo.commit({ branch: 'main', files: { 'CHANGELOG.md': CHANGELOG }, message: 'Release' }));
    own.fault(LIST, { status: 503, times: 10 });
    const result = await runActionBundle({
      action: 'changelog-release',
      apiUrl: own.url,
      repository: name,
      workspace: workspaceWith({ 'CHANGELOG.md': CHANGELOG }),
      ref: 'refs/tags/v1.2.3',
      event: { name: 'push', payload: { ref: 'refs/tags/v1.2.3' } },
      timeoutMs: 40_000,
    });
    return { result, attempts: own.count(LIST), releases: repo.releases.length, violations: [...own.violations] };
  } finally {
    await own.close();
  }
}

let bounded: Promise<BoundedRun>;

beforeAll(async () => {
  github = await startGitHubEmulator();
  bounded = boundedRetryRun();
  bounded.catch(() => undefined);
});
afterEach(() => {
  github.clearFaults();
  github.restrictToken(null);
  github.assertNoViolations();
});
afterAll(() => github.close());

const LIST = 'GET /repos/{owner}/{repo}/releases';
const CREATE = 'POST /repos/{owner}/{repo}/releases';
const UPDATE = 'PATCH /repos/{owner}/{repo}/releases/{release_id}';
const DELETE = 'DELETE /repos/{owner}/{repo}/releases/{release_id}';

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
  '- Hostile text stays text:',
  '::error::injected',
  '::add-mask::secret',
  '',
  '```md',
  '## 9.9.9',
  '```',
  '',
  '## [1.2.30] - 2026-02-15',
  '',
  '- Thirty.',
  '',
  '## [1.2.2] - 2026-02-01',
  '',
  '- Older.',
  '',
  '[pr12]: https://github.com/octo-org/octo-repo/pull/12',
  '',
].join('\r\n');

const SECTION = [
  '### Fixed',
  '',
  '- The deploy waits for staging ([#12][pr12]).',
  '- Hostile text stays text:',
  '::error::injected',
  '::add-mask::secret',
  '',
  '```md',
  '## 9.9.9',
  '```',
  '',
  '[pr12]: https://github.com/octo-org/octo-repo/pull/12',
].join('\n');

interface Fixture {
  name: string;
  repo: EmulatedRepository;
  workspace: string;
}

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-ws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function fixture(files: Record<string, string> = { 'CHANGELOG.md': CHANGELOG }, tags = ['v1.2.3']): Fixture {
  const name = `octo-org/release-${++counter}`;
  const repo = github.repo(name);
  const sha = repo.commit({ branch: 'main', files, message: 'Release' });
  for (const tag of tags) repo.tag(tag, sha);
  return { name, repo, workspace: workspaceWith(files) };
}

/** A tag push (the example payload GitHub publishes for a pushed tag), or another event. */
function release(f: Fixture, inputs: RunOptions['inputs'] = {}, extra: Partial<RunOptions> = {}): Promise<RunResult> {
  const ref = extra.ref ?? 'refs/tags/v1.2.3';
  const payload = webhookExample<Record<string, unknown>>('push', undefined, (e) =>
    String(e.ref).startsWith('refs/tags/'),
  );
  payload.ref = ref;
  return runActionBundle({
    action: 'changelog-release',
    apiUrl: github.url,
    repository: f.name,
    workspace: f.workspace,
    ref,
    event: { name: 'push', payload },
    timeoutMs: 30_000,
    ...extra,
    inputs,
  });
}

/** Only the commands the action means to print: no injected ::error:: or ::add-mask:: from the changelog. */
function expectNoInjectedCommands(result: RunResult): void {
  const commands = parseWorkflowCommands(result.stdout);
  expect(commands.filter((c) => c.message.includes('injected') || c.message === 'secret')).toEqual([]);
}

describe('changelog-release: publishing', () => {
  it('a tag push creates the release from the verbatim section (CRLF file) in 2 requests; a re-run writes nothing', async () => {
    const f = fixture();
    github.resetTraffic();
    const first = await release(f);
    expect(first.exitCode).toBe(0);
    expect(first.outputs.result).toBe('created');
    expect(first.outputs.version).toBe('1.2.3');
    expect(first.outputs.prerelease).toBe('false');
    const link = `https://github.com/${f.name}/blob/v1.2.3/CHANGELOG.md#123---2026-03-01`;
    expect(first.outputs.notes).toBe(`${SECTION}\n\n---\n[Full changelog](${link})`);
    expect(first.outputs.notes).not.toContain('\r');
    expect(f.repo.releases).toHaveLength(1);
    const created = f.repo.releases[0];
    expect(created).toMatchObject({
      tag_name: 'v1.2.3',
      name: 'v1.2.3',
      draft: false,
      prerelease: false,
      body: first.outputs.notes,
    });
    expect(first.outputs['release-id']).toBe(String(created?.id));
    expect(first.outputs['release-url']).toMatch(/\/releases\/tag\/v1\.2\.3$/);
    expect(first.outputs['upload-url']).toMatch(/uploads/);
    expect(github.count()).toBe(2);
    expect(github.count(LIST)).toBe(1);
    expect(github.count(CREATE)).toBe(1);
    expect(first.summary).toContain('| 1.2.3 |');
    expect(first.summary).toContain('| created |');
    expect(first.summary).toContain(`[published](${first.outputs['release-url']})`);
    expect(first.summary).toContain('- The deploy waits for staging');
    expectNoInjectedCommands(first);

    github.resetTraffic();
    const again = await release(f);
    expect(again.outputs.result).toBe('unchanged');
    expect(again.outputs['release-id']).toBe(String(created?.id));
    expect(github.count()).toBe(1);
    expect(f.repo.releases).toHaveLength(1);
  });

  it('changed notes update the same release (one write)', async () => {
    const f = fixture();
    await release(f);
    writeFileSync(
      join(f.workspace, 'CHANGELOG.md'),
      CHANGELOG.replace('- Older.', '- Older.').replace('waits for staging', 'waits for staging and canary'),
    );
    github.resetTraffic();
    const result = await release(f);
    expect(result.outputs.result).toBe('updated');
    expect(github.count(UPDATE)).toBe(1);
    expect(github.count(CREATE)).toBe(0);
    expect(f.repo.releases).toHaveLength(1);
    expect(f.repo.releases[0]?.body).toContain('waits for staging and canary');
  });

  it('draft first, then publish: the draft (invisible to get-by-tag) is found and published, never duplicated', async () => {
    const f = fixture();
    github.resetTraffic();
    const draft = await release(f, { draft: true });
    expect(draft.outputs.result).toBe('created');
    expect(f.repo.releases[0]?.draft).toBe(true);
    // A draft costs one more list than a release: the look for a concurrent run's draft.
    expect(github.count()).toBe(3);
    expect(github.count(LIST)).toBe(2);
    const rerun = await release(f, { draft: true });
    expect(rerun.outputs.result).toBe('unchanged');
    const published = await release(f, { publish: true });
    expect(published.outputs.result).toBe('updated');
    expect(f.repo.releases).toHaveLength(1);
    expect(f.repo.releases[0]).toMatchObject({ draft: false, id: Number(draft.outputs['release-id']) });
    expect(f.repo.latestRelease?.id).toBe(f.repo.releases[0]?.id);
  });

  it('adopts a draft someone else made, and keeps it a draft unless publish is set', async () => {
    const f = fixture();
    const seeded = f.repo.addRelease({ tag_name: 'v1.2.3', name: 'draft by hand', body: 'todo', draft: true });
    const result = await release(f);
    expect(result.outputs.result).toBe('updated');
    expect(f.repo.releases).toHaveLength(1);
    expect(f.repo.releases[0]).toMatchObject({ id: seeded.id, draft: true, name: 'v1.2.3' });
  });

  it('make-latest true on a draft that stays one asks for no badge (GitHub: 422 "Latest release cannot be draft or prerelease"); publishing takes it', async () => {
    const f = fixture();
    const seeded = f.repo.addRelease({ tag_name: 'v1.2.3', name: 'draft by hand', body: 'todo', draft: true });
    github.resetTraffic();
    const kept = await release(f, { 'make-latest': 'true' });
    expect(kept.exitCode).toBe(0);
    expect(kept.outputs.result).toBe('updated');
    expect(f.repo.release(seeded.id)).toMatchObject({ draft: true, name: 'v1.2.3' });
    const edit = github.requests.find((r) => r.route === UPDATE);
    expect(edit?.status).toBe(200);
    expect(edit?.body).not.toHaveProperty('make_latest');
    expect(edit?.body).not.toHaveProperty('draft');

    github.resetTraffic();
    const published = await release(f, { 'make-latest': 'true', publish: true });
    expect(published.outputs.result).toBe('updated');
    expect(github.requests.find((r) => r.route === UPDATE)?.body).toEqual({ draft: false, make_latest: 'true' });
    expect(f.repo.latestRelease?.id).toBe(seeded.id);
  });

  it('a pre-release drafted with make-latest true is created and published without a 422', async () => {
    const f = fixture({ 'CHANGELOG.md': '## 2.0.0-rc.1\n\n- candidate\n' }, ['v2.0.0-rc.1']);
    const drafted = await release(f, { draft: true, 'make-latest': 'true' }, { ref: 'refs/tags/v2.0.0-rc.1' });
    expect(drafted.exitCode).toBe(0);
    const published = await release(f, { publish: true, 'make-latest': 'true' }, { ref: 'refs/tags/v2.0.0-rc.1' });
    expect(published.exitCode).toBe(0);
    expect(f.repo.releases).toHaveLength(1);
    expect(f.repo.releases[0]).toMatchObject({ draft: false, prerelease: true });
    expect(f.repo.latestRelease).toBeUndefined();
  });

  it('immutable releases: draft, attach an asset, publish; later edits send only the notes, and the release never goes back to a draft', async () => {
    const f = fixture();
    f.repo.immutableReleases = true;
    const drafted = await release(f, { draft: true });
    expect(drafted.exitCode).toBe(0);
    const id = Number(drafted.outputs['release-id']);
    expect(f.repo.release(id)).toMatchObject({ draft: true, immutable: false });
    expect(drafted.outputs['upload-url']).toContain(`/releases/${id}/assets`);
    // The workflow's upload step, between the draft and the publish (a published immutable release takes no asset).
    f.repo.uploadReleaseAsset(id, { name: 'app-1.2.3.tgz', size: 1024 });

    github.resetTraffic();
    const published = await release(f, { publish: true });
    expect(published.exitCode).toBe(0);
    expect(published.outputs.result).toBe('updated');
    expect(github.requests.filter((r) => r.route === UPDATE).map((r) => r.body)).toEqual([
      { draft: false, make_latest: 'true' },
    ]);
    expect(f.repo.release(id)).toMatchObject({
      draft: false,
      immutable: true,
      assets: [expect.objectContaining({ name: 'app-1.2.3.tgz' })],
    });
    expect(() => f.repo.uploadReleaseAsset(id, { name: 'late.tgz' })).toThrow(
      'Cannot upload assets to an immutable release.',
    );

    writeFileSync(
      join(f.workspace, 'CHANGELOG.md'),
      CHANGELOG.replace('waits for staging', 'waits for staging and canary'),
    );
    github.resetTraffic();
    const edited = await release(f, { publish: true });
    expect(edited.exitCode).toBe(0);
    expect(edited.outputs.result).toBe('updated');
    expect(github.requests.filter((r) => r.route === UPDATE).map((r) => Object.keys(r.body as object))).toEqual([
      ['body'],
    ]);
    expect(f.repo.release(id)?.body).toContain('waits for staging and canary');

    github.resetTraffic();
    const again = await release(f, { draft: true });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.result).toBe('unchanged');
    expect(github.count(UPDATE)).toBe(0);
    expect(f.repo.releases).toHaveLength(1);
  });

  it('published with the GITHUB_TOKEN the release starts no `on: release` workflow; published with an app token it does (README)', async () => {
    const withDefault = fixture();
    const byWorkflowToken = await release(withDefault, { draft: true });
    expect(withDefault.repo.releaseEvents).toEqual([]);
    await release(withDefault, { publish: true });
    expect(withDefault.repo.releaseEvents.map((e) => [e.action, e.actor, e.startsWorkflows])).toEqual([
      ['published', 'github-actions[bot]', false],
      ['released', 'github-actions[bot]', false],
    ]);
    expect(byWorkflowToken.exitCode).toBe(0);

    const withApp = fixture();
    github.tokenActor('ghs_release_app_installation_token', 'shipshape-release[bot]');
    await release(withApp, { draft: true, token: 'ghs_release_app_installation_token' });
    const published = await release(withApp, { publish: true, token: 'ghs_release_app_installation_token' });
    expect(published.exitCode).toBe(0);
    expect(published.masks).toContain('ghs_release_app_installation_token');
    expect(withApp.repo.releaseEvents.map((e) => [e.action, e.actor, e.startsWorkflows])).toEqual([
      ['published', 'shipshape-release[bot]', true],
      ['released', 'shipshape-release[bot]', true],
    ]);
  });

  it('a release event and a workflow_dispatch tag input name the tag', async () => {
    const f = fixture(undefined, ['v1.2.3', 'v1.2.2']);
    const existing = f.repo.addRelease({ tag_name: 'v1.2.2', name: 'v1.2.2', body: 'old' });
    const payload = webhookExample<Record<string, unknown>>('release', 'published');
    Object.assign(payload.release as Record<string, unknown>, { tag_name: 'v1.2.2', id: existing.id, draft: false });
    const fromEvent = await release(f, {}, { ref: 'refs/tags/v1.2.2', event: { name: 'release', payload } });
    expect(fromEvent.outputs.result).toBe('updated');
    expect(f.repo.release(existing.id)?.body).toMatch(/^- Older\./);

    const dispatch = webhookExample<Record<string, unknown>>('workflow_dispatch');
    dispatch.inputs = { tag: 'v1.2.3' };
    const fromDispatch = await release(
      f,
      {},
      { ref: 'refs/heads/main', event: { name: 'workflow_dispatch', payload: dispatch } },
    );
    expect(fromDispatch.outputs.result).toBe('created');
    expect(f.repo.releases.map((r) => r.tag_name).sort()).toEqual(['v1.2.2', 'v1.2.3']);
  });

  it('a monorepo tag finds the package changelog from the workspace layout; make-latest stays off for a backport', async () => {
    const files = {
      'package.json': JSON.stringify({ workspaces: ['packages/*'] }),
      'packages/web/package.json': JSON.stringify({ name: '@acme/web', version: '1.4.7' }),
      'packages/web/CHANGELOG.md': '# @acme/web\n\n## 2.0.0\n\n- two\n\n## 1.4.7\n\n### Patch Changes\n\n- backport\n',
    };
    const f = fixture(files, ['@acme/web@1.4.7', '@acme/web@2.0.0']);
    const newer = f.repo.addRelease({ tag_name: '@acme/web@2.0.0', name: '@acme/web v2.0.0', body: 'two' });
    const result = await release(f, {}, { ref: 'refs/tags/@acme/web@1.4.7' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.notes).toBe(
      `### Patch Changes\n\n- backport\n\n---\n[Full changelog](https://github.com/${f.name}/blob/@acme/web@1.4.7/packages/web/CHANGELOG.md#147)`,
    );
    expect(f.repo.releases[0]?.name).toBe('@acme/web v1.4.7');
    expect(f.repo.latestRelease?.id).toBe(newer.id);
  });

  it('a pnpm monorepo tag finds the package changelog through pnpm-workspace.yaml (nested packages, a negation)', async () => {
    const files = {
      'package.json': JSON.stringify({ name: 'acme', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'apps/**'\n  - '!apps/examples/**'\n",
      'apps/examples/web/package.json': JSON.stringify({ name: '@acme/web', version: '0.0.0' }),
      'apps/examples/web/CHANGELOG.md': '## 3.1.0\n\n- the example, not the package\n',
      'apps/shop/web/package.json': JSON.stringify({ name: '@acme/web', version: '3.1.0' }),
      'apps/shop/web/CHANGELOG.md': '# @acme/web\n\n## 3.1.0\n\n### Minor Changes\n\n- Gift cards\n',
      'CHANGELOG.md': '## 3.1.0\n\n- the root changelog\n',
    };
    const f = fixture(files, ['@acme/web@3.1.0']);
    github.resetTraffic();
    const result = await release(f, {}, { ref: 'refs/tags/@acme/web@3.1.0' });
    expect(result.failure).toBeUndefined();
    expect(result.outputs.notes).toBe(
      `### Minor Changes\n\n- Gift cards\n\n---\n[Full changelog](https://github.com/${f.name}/blob/@acme/web@3.1.0/apps/shop/web/CHANGELOG.md#310)`,
    );
    expect(f.repo.releases[0]).toMatchObject({ tag_name: '@acme/web@3.1.0', name: '@acme/web v3.1.0' });
    expect(github.count()).toBe(2);
  });

  it('without a checkout the changelog is read through the API at the tag; a path template is filled', async () => {
    const f = fixture({ 'services/api/HISTORY.md': '## v3.0.0-rc.1\n\n- rc\n' }, ['api/v3.0.0-rc.1']);
    const empty = mkdtempSync(join(tmpdir(), 'cl-empty-'));
    github.resetTraffic();
    const result = await release(
      f,
      { changelog: 'services/{package}/HISTORY.md' },
      { ref: 'refs/tags/api/v3.0.0-rc.1', workspace: empty },
    );
    expect(result.outputs.notes?.startsWith('- rc\n\n---\n')).toBe(true);
    expect(result.outputs.prerelease).toBe('true');
    expect(f.repo.releases[0]).toMatchObject({ prerelease: true, name: 'api v3.0.0-rc.1' });
    expect(github.count('GET /repos/{owner}/{repo}/contents/{path}')).toBe(1);
  });

  it('a new tag from workflow_dispatch is created at target-commitish, and without a checkout its changelog is read there', async () => {
    const f = fixture({ 'CHANGELOG.md': '## 1.2.2\n\n- old\n' }, []);
    const branchSha = f.repo.commit({
      branch: 'release-1.2',
      files: { 'CHANGELOG.md': '## 1.2.3\n\n- from the release branch\n' },
      message: '1.2.3',
    });
    f.repo.commit({ branch: 'main', files: { 'README.md': 'main moved on' }, message: 'later' });
    const dispatch = webhookExample<Record<string, unknown>>('workflow_dispatch');
    dispatch.inputs = { tag: 'v1.2.3' };
    const empty = mkdtempSync(join(tmpdir(), 'cl-empty-'));
    github.resetTraffic();
    const result = await release(
      f,
      { 'target-commitish': 'release-1.2' },
      { ref: 'refs/heads/main', workspace: empty, event: { name: 'workflow_dispatch', payload: dispatch } },
    );
    expect(result.failure).toBeUndefined();
    expect(result.outputs.notes?.startsWith('- from the release branch\n')).toBe(true);
    expect(f.repo.refs.get('refs/tags/v1.2.3')).toBe(branchSha);
    // The contents API at the (missing) tag, then at the branch.
    expect(github.count('GET /repos/{owner}/{repo}/contents/{path}')).toBe(2);
    expect(github.requests.find((r) => r.route === CREATE)?.body).toMatchObject({
      tag_name: 'v1.2.3',
      target_commitish: 'release-1.2',
    });
  });

  it('on-missing: generate asks GitHub for generated notes; oversized sections are cut with a note', async () => {
    const f = fixture({ 'CHANGELOG.md': '## 1.0.0\n\n- old\n' });
    const generated = await release(f, { 'on-missing': 'generate' });
    expect(generated.outputs.result).toBe('created');
    expect(f.repo.releases[0]?.body).toMatch(/\*\*Full Changelog\*\*/);

    const items = Array.from({ length: 3000 }, (_, i) => `- change ${i} ${'z'.repeat(60)}`).join('\n');
    const big = fixture({ 'CHANGELOG.md': `## 1.2.3\n\n${items}\n\n## 1.2.2\n` });
    const cut = await release(big);
    const body = big.repo.releases[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(125_000);
    expect(body).toMatch(/- change \d+ z{60}\n\n_The notes were cut to fit GitHub's 125,000-character limit/);
    expect(body.endsWith(`[Full changelog](https://github.com/${big.name}/blob/v1.2.3/CHANGELOG.md#123)`)).toBe(true);
    expect(cut.outputs.notes).toBe(body);
  });

  it('finds an old release on the second page of the list instead of creating a duplicate', async () => {
    const f = fixture();
    const old = f.repo.addRelease({ tag_name: 'v1.2.3', name: 'v1.2.3', body: 'stale' });
    for (let i = 0; i < 120; i++)
      f.repo.addRelease({ tag_name: `v0.0.${i}`, name: `v0.0.${i}`, body: 'x', make_latest: 'false' });
    const result = await release(f);
    expect(result.outputs.result).toBe('updated');
    expect(result.outputs['release-id']).toBe(String(old.id));
    expect(f.repo.releases.filter((r) => r.tag_name === 'v1.2.3')).toHaveLength(1);
  });
});

describe('changelog-release: errors', () => {
  it('a tag that does not match the pattern names the pattern, before any request', async () => {
    const f = fixture();
    github.resetTraffic();
    const result = await release(f, {}, { ref: 'refs/tags/nightly' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(
      /The tag "nightly" does not match the default tag-pattern \(v1\.2\.3, 1\.2\.3, pkg@1\.2\.3/,
    );
    const custom = await release(f, { 'tag-pattern': 'release-{version}' }, { ref: 'refs/tags/v1.2.3' });
    expect(custom.failure).toMatch(/does not match the tag-pattern "release-\{version\}"/);
    expect(github.count()).toBe(0);
  });

  it('a version missing from the changelog names the file, the version and the nearest versions; nothing is written', async () => {
    const f = fixture(undefined, ['v1.2.4']);
    github.resetTraffic();
    const result = await release(f, {}, { ref: 'refs/tags/v1.2.4' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe('CHANGELOG.md has no section for version 1.2.4 (did you mean 1.2.3 or 1.2.30?).');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(github.count()).toBe(0);
  });

  it('a package tag whose folder the workspace layout does not have says so, and how to point at its changelog', async () => {
    const f = fixture(
      {
        'CHANGELOG.md': CHANGELOG,
        'pnpm-workspace.yaml': 'packages:\n  - apps/*\n',
        'libs/web/package.json': JSON.stringify({ name: 'web' }),
      },
      ['web@1.2.4'],
    );
    const result = await release(f, {}, { ref: 'refs/tags/web@1.2.4' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(
      'CHANGELOG.md has no section for version 1.2.4 (did you mean 1.2.3 or 1.2.30?; no folder of package "web" with a CHANGELOG.md was found in the workspace layout ' +
        '(package.json workspaces, pnpm-workspace.yaml, lerna.json, else packages/*): set `changelog` to a template such as packages/{package}/CHANGELOG.md).',
    );
  });

  it('a token without contents: write is named in the error', async () => {
    const f = fixture();
    github.restrictToken({ contents: 'read' });
    const result = await release(f);
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/POST \/repos\/\{owner\}\/\{repo\}\/releases failed \(HTTP 403\).*contents: write/);
    expect(f.repo.releases).toHaveLength(0);
  });
});

describe('changelog-release: faults and races', () => {
  it('500 and 502 answers are retried within the bound, and the release is created once', async () => {
    const f = fixture();
    github.resetTraffic();
    github.fault(LIST, { status: 500 });
    github.fault(CREATE, { status: 502 });
    const result = await release(f);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.result).toBe('created');
    expect(github.count(LIST)).toBe(2);
    expect(github.count(CREATE)).toBe(2);
    expect(f.repo.releases).toHaveLength(1);
  });

  it('a create applied but answered 500 is retried, meets 422 already_exists, and ends as one release', async () => {
    const f = fixture();
    github.fault(CREATE, { status: 500, afterApply: true });
    const result = await release(f);
    expect(result.exitCode).toBe(0);
    expect(['updated', 'unchanged']).toContain(result.outputs.result);
    expect(f.repo.releases).toHaveLength(1);
  });

  it('a secondary rate limit on the list is waited out (Retry-After)', async () => {
    const f = fixture();
    github.fault(LIST, { status: 403, secondaryRateLimit: true, retryAfter: 1 });
    const result = await release(f);
    expect(result.outputs.result).toBe('created');
    expect(result.annotations.some((a) => a.level === 'warning' && /secondary rate limit/.test(a.message))).toBe(true);
  });

  it('a 5xx that does not stop fails after a bounded number of attempts (1 + 3 retries), naming the call', async () => {
    const { result, attempts, releases, violations } = await bounded;
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/GET \/repos\/\{owner\}\/\{repo\}\/releases failed \(HTTP 503\)/);
    expect(attempts).toBe(4);
    expect(releases).toBe(0);
    expect(violations).toEqual([]);
  }, 40_000);

  it('a release created by another run between our find and create (422) becomes an update', async () => {
    const f = fixture();
    const stop = github.onRequest((request) => {
      if (request.route !== LIST) return;
      stop();
      f.repo.addRelease({ tag_name: 'v1.2.3', name: 'other run', body: 'other' });
    });
    const result = await release(f);
    expect(result.outputs.result).toBe('updated');
    expect(f.repo.releases).toHaveLength(1);
    expect(f.repo.releases[0]?.name).toBe('v1.2.3');
  });

  it('two runs racing on the same tag end with exactly one release', async () => {
    const f = fixture();
    const [a, b] = await Promise.all([release(f), release(f)]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    expect(f.repo.releases).toHaveLength(1);
    expect([a.outputs['release-id'], b.outputs['release-id']]).toEqual([
      String(f.repo.releases[0]?.id),
      String(f.repo.releases[0]?.id),
    ]);
  });
  it('two runs racing with draft: true end with exactly one draft: the later draft is deleted by its own run', async () => {
    const f = fixture();
    github.resetTraffic();
    // The first create to arrive is applied late, so the other run's list still sees no release and it creates a
    // draft of its own (GitHub allows several drafts per tag): both runs really create one.
    github.fault(CREATE, { latencyMs: 1500 });
    const [a, b] = await Promise.all([release(f, { draft: true }), release(f, { draft: true })]);
    expect([a.failure, b.failure]).toEqual([undefined, undefined]);
    expect(github.count(CREATE)).toBe(2);
    expect(github.count(DELETE)).toBe(1);
    expect(github.count(UPDATE)).toBe(0);
    expect(f.repo.releases).toHaveLength(1);
    const survivor = f.repo.releases[0];
    expect(survivor).toMatchObject({ tag_name: 'v1.2.3', draft: true });
    expect([a.outputs['release-id'], b.outputs['release-id']]).toEqual([String(survivor?.id), String(survivor?.id)]);
    expect([a.outputs.result, b.outputs.result].sort()).toEqual(['created', 'unchanged']);
    // The deleted draft was the loser's own: the one created second, with the higher id.
    const deleted = github.requests.find((r) => r.route === DELETE);
    expect(Number(deleted?.url.split('/').pop())).toBeGreaterThan(survivor?.id ?? Infinity);

    // Publishing afterwards finds the one draft.
    const published = await release(f, { publish: true });
    expect(published.outputs.result).toBe('updated');
    expect(f.repo.releases).toHaveLength(1);
    expect(f.repo.releases[0]).toMatchObject({ id: survivor?.id, draft: false });
  });
});

describe('changelog-release: check mode', () => {
  it('passes for a non-empty section of the package.json version and writes nothing', async () => {
    const f = fixture({ 'CHANGELOG.md': CHANGELOG, 'package.json': JSON.stringify({ version: '1.2.3' }) });
    github.resetTraffic();
    const payload = webhookExample('pull_request', 'opened');
    const result = await release(
      f,
      { mode: 'check' },
      { ref: 'refs/pull/1/merge', event: { name: 'pull_request', payload } },
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs.version).toBe('1.2.3');
    expect(result.summary).toContain('has a section for **1.2.3**');
    expect(github.count()).toBe(0);
    expectNoInjectedCommands(result);
  });

  it('fails with the same hints when the version has no section yet', async () => {
    const text = '## [Unreleased]\n\n- the new thing\n\n## [1.2.3] - 2026-03-01\n\n- x\n';
    const f = fixture({ 'CHANGELOG.md': text, 'package.json': JSON.stringify({ version: '1.3.0' }) });
    const result = await release(f, { mode: 'check' }, { ref: 'refs/heads/feature' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(
      'CHANGELOG.md has no non-empty section for version 1.3.0 (did you mean 1.2.3?; changes are still under Unreleased — move them under a heading for this version).',
    );
    const byInput = await release(f, { mode: 'check', version: 'v1.2.3' }, { ref: 'refs/heads/feature' });
    expect(byInput.exitCode).toBe(0);
  });

  it('a package changelog is checked against the version of the package.json next to it, not the root one', async () => {
    const f = fixture({
      'package.json': JSON.stringify({ name: 'acme', version: '0.0.0', private: true }),
      'packages/web/package.json': JSON.stringify({ name: '@acme/web', version: '2.1.0' }),
      'packages/web/CHANGELOG.md': '# @acme/web\n\n## 2.1.0\n\n### Minor Changes\n\n- Gift cards\n',
    });
    const payload = webhookExample('pull_request', 'opened');
    const result = await release(
      f,
      { mode: 'check', changelog: 'packages/web/CHANGELOG.md' },
      { ref: 'refs/pull/1/merge', event: { name: 'pull_request', payload } },
    );
    expect(result.failure).toBeUndefined();
    expect(result.outputs.version).toBe('2.1.0');
    expect(result.outputs.notes).toBe('### Minor Changes\n\n- Gift cards');
  });
});
