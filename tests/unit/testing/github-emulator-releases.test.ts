import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';

/**
 * The releases routes where GitHub refuses what a naive emulator would accept. Each rule cites its source next to
 * the emulator's code (packages/testing/src/github/handlers.ts).
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => {
  github.clearFaults();
  github.violations.splice(0);
  github.resetTraffic();
});
afterAll(() => github.close());

interface Answer {
  status: number;
  json: () => unknown;
}

async function call(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: {
      authorization: 'token t',
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: () => JSON.parse(text) as unknown };
}

/** A fresh repository with tags v1.0.0 and v2.0.0, and its API path. */
function fresh(): { base: string; repo: ReturnType<GitHubEmulator['repo']> } {
  const name = `octo-org/releases-${++counter}`;
  const repo = github.repo(name);
  const sha = repo.commit({ branch: 'main', files: { 'CHANGELOG.md': '## 1.0.0\n' }, message: 'release' });
  repo.tag('v1.0.0', sha);
  repo.tag('v2.0.0', sha);
  return { base: `/repos/${name}`, repo };
}

const LATEST_REFUSED = {
  message: 'Validation Failed',
  errors: [{ resource: 'Release', code: 'custom', message: 'Latest release cannot be draft or prerelease.' }],
};

describe('make_latest "true" needs a published full release', () => {
  it('refuses it on a created draft or prerelease, and creates nothing', async () => {
    const { base, repo } = fresh();
    const draft = await call('POST', `${base}/releases`, { tag_name: 'v1.0.0', draft: true, make_latest: 'true' });
    expect(draft.status).toBe(422);
    expect(draft.json()).toMatchObject(LATEST_REFUSED);
    const pre = await call('POST', `${base}/releases`, { tag_name: 'v1.0.0', prerelease: true, make_latest: 'true' });
    expect(pre.status).toBe(422);
    expect(repo.releases).toEqual([]);
    // "false" and no make_latest at all are fine for a draft.
    expect(
      (await call('POST', `${base}/releases`, { tag_name: 'v1.0.0', draft: true, make_latest: 'false' })).status,
    ).toBe(201);
    expect((await call('POST', `${base}/releases`, { tag_name: 'v2.0.0', draft: true })).status).toBe(201);
  });

  it('refuses it on an update that leaves the release a draft or makes it a prerelease, and changes nothing', async () => {
    const { base, repo } = fresh();
    const draft = repo.addRelease({ tag_name: 'v1.0.0', name: 'draft', body: 'old', draft: true });
    const stays = await call('PATCH', `${base}/releases/${draft.id}`, { body: 'new', make_latest: 'true' });
    expect(stays.status).toBe(422);
    expect(stays.json()).toMatchObject(LATEST_REFUSED);
    expect(draft).toMatchObject({ body: 'old', draft: true });
    const published = repo.addRelease({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'two' });
    expect(
      (await call('PATCH', `${base}/releases/${published.id}`, { prerelease: true, make_latest: 'true' })).status,
    ).toBe(422);
    expect(published.prerelease).toBe(false);
    // Publishing the draft in the same request is what makes "true" valid.
    const publish = await call('PATCH', `${base}/releases/${draft.id}`, {
      body: 'new',
      draft: false,
      make_latest: 'true',
    });
    expect(publish.status).toBe(200);
    expect(repo.latestRelease?.id).toBe(draft.id);
    expect(github.violations).toEqual([]);
  });
});

describe('immutable releases', () => {
  it('are off by default; with the setting on, a release is immutable from the moment it is published', async () => {
    const { base, repo } = fresh();
    expect((await call('POST', `${base}/releases`, { tag_name: 'v1.0.0' })).json()).toMatchObject({ immutable: false });
    repo.immutableReleases = true;
    const direct = (await call('POST', `${base}/releases`, { tag_name: 'v2.0.0', name: 'v2.0.0' })).json() as {
      id: number;
      immutable: boolean;
    };
    expect(direct.immutable).toBe(true);
    expect(() => repo.uploadReleaseAsset(direct.id, { name: 'app.tgz' })).toThrow(
      'Cannot upload assets to an immutable release.',
    );
    expect(github.violations).toEqual([]);
  });

  it('draft, upload, publish: the draft takes assets, the published release keeps them and takes no more', async () => {
    const { base, repo } = fresh();
    repo.immutableReleases = true;
    const draft = (
      await call('POST', `${base}/releases`, { tag_name: 'v1.0.0', name: 'v1.0.0', body: 'notes', draft: true })
    ).json() as { id: number; immutable: boolean };
    expect(draft.immutable).toBe(false);
    repo.uploadReleaseAsset(draft.id, { name: 'app.tgz', size: 3 });
    const published = await call('PATCH', `${base}/releases/${draft.id}`, { draft: false, make_latest: 'true' });
    expect(published.status).toBe(200);
    expect(published.json()).toMatchObject({
      immutable: true,
      draft: false,
      assets: [{ name: 'app.tgz', size: 3, state: 'uploaded' }],
    });
    expect(() => repo.uploadReleaseAsset(draft.id, { name: 'late.tgz' })).toThrow(
      'Cannot upload assets to an immutable release.',
    );
    expect(repo.release(draft.id)?.assets.map((a) => a.name)).toEqual(['app.tgz']);
    expect(github.violations).toEqual([]);
  });

  it('a published immutable release keeps its tag, target and state; title, notes, prerelease and make_latest change', async () => {
    const { base, repo } = fresh();
    repo.immutableReleases = true;
    const release = repo.addRelease({ tag_name: 'v1.0.0', name: 'v1.0.0', body: 'notes' });
    const refused = async (body: Record<string, unknown>, message: string): Promise<void> => {
      const answer = await call('PATCH', `${base}/releases/${release.id}`, body);
      expect(answer.status).toBe(422);
      expect(answer.json()).toMatchObject({
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'custom', message }],
      });
    };
    await refused({ draft: true }, 'state cannot be changed when release is immutable');
    await refused({ tag_name: 'v2.0.0' }, 'tag_name cannot be changed when release is immutable');
    await refused({ target_commitish: 'other' }, 'target_commitish cannot be changed when release is immutable');
    expect(release).toMatchObject({ tag_name: 'v1.0.0', draft: false, body: 'notes' });
    const edited = await call('PATCH', `${base}/releases/${release.id}`, {
      name: 'One',
      body: 'better notes',
      prerelease: true,
      make_latest: 'false',
    });
    expect(edited.status).toBe(200);
    expect(release).toMatchObject({ name: 'One', body: 'better notes', prerelease: true, immutable: true });
    expect(github.violations).toEqual([]);
  });
});

describe('release events and the token that caused them', () => {
  async function as(token: string, method: string, path: string, body?: unknown): Promise<Answer> {
    const response = await fetch(`${github.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/vnd.github+json',
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: () => JSON.parse(text) as unknown };
  }

  it('publishing records published and released (or prereleased); only a token other than GITHUB_TOKEN starts workflows', async () => {
    const { base, repo } = fresh();
    github.tokenActor('ghp_personal', 'octocat');
    const draft = (
      await as('ghs_workflow', 'POST', `${base}/releases`, { tag_name: 'v1.0.0', draft: true })
    ).json() as { id: number };
    expect(repo.releaseEvents).toEqual([]);
    await as('ghs_workflow', 'PATCH', `${base}/releases/${draft.id}`, { draft: false });
    const created = (
      await as('ghp_personal', 'POST', `${base}/releases`, { tag_name: 'v2.0.0', prerelease: true })
    ).json() as { id: number; author: { login: string } };
    expect(created.author.login).toBe('octocat');
    expect(repo.releaseEvents).toEqual([
      {
        action: 'published',
        release_id: draft.id,
        tag_name: 'v1.0.0',
        actor: 'github-actions[bot]',
        startsWorkflows: false,
      },
      {
        action: 'released',
        release_id: draft.id,
        tag_name: 'v1.0.0',
        actor: 'github-actions[bot]',
        startsWorkflows: false,
      },
      { action: 'published', release_id: created.id, tag_name: 'v2.0.0', actor: 'octocat', startsWorkflows: true },
      { action: 'prereleased', release_id: created.id, tag_name: 'v2.0.0', actor: 'octocat', startsWorkflows: true },
    ]);
    // Editing a published release publishes nothing new.
    await as('ghp_personal', 'PATCH', `${base}/releases/${created.id}`, { body: 'edited' });
    expect(repo.releaseEvents).toHaveLength(4);
  });
});

describe('the release body limit', () => {
  it('refuses a body over 125,000 characters (code points) on create and update, and applies nothing', async () => {
    const { base, repo } = fresh();
    const tooLong = 'x'.repeat(125_001);
    const created = await call('POST', `${base}/releases`, { tag_name: 'v1.0.0', body: tooLong });
    expect(created.status).toBe(422);
    expect(created.json()).toMatchObject({
      errors: [
        {
          resource: 'Release',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 125000 characters)',
        },
      ],
    });
    expect(repo.releases).toEqual([]);
    const release = repo.addRelease({ tag_name: 'v1.0.0', body: 'short' });
    expect((await call('PATCH', `${base}/releases/${release.id}`, { body: tooLong })).status).toBe(422);
    expect(release.body).toBe('short');
    // 125,000 emoji are 250,000 UTF-16 units but 125,000 characters: accepted.
    expect((await call('PATCH', `${base}/releases/${release.id}`, { body: '🚀'.repeat(125_000) })).status).toBe(200);
  });
});
