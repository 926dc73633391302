import { describe, expect, it } from '@jest/globals';
import { MemoryLogger, NotFoundError } from '@shipshape/kit';
import {
  AlreadyExistsError,
  type Release,
  type ReleaseFields,
  type ReleasesPort,
} from '../../../actions/changelog-release/src/github-port';
import {
  MAX_BODY,
  checkChangelog,
  changelogUrl,
  fitBody,
  pick,
  publishRelease,
  type PublishSettings,
} from '../../../actions/changelog-release/src/publish';
import { DEFAULT_TAG_PATTERN } from '../../../actions/changelog-release/src/tag';

/**
 * GitHub's 422 for make_latest "true" on a release that is or stays a draft or a prerelease (the REST reference:
 * "Drafts and prereleases cannot be set as latest"; cli/cli#6853).
 */
function refuseLatestOnDraft(fields: Partial<ReleaseFields>, draft: boolean, prerelease: boolean): void {
  if (fields.make_latest === 'true' && (draft || prerelease))
    throw new Error('422 Latest release cannot be draft or prerelease.');
}

/** An in-memory releases API with GitHub's rules: lists include drafts, a published tag cannot be created twice. */
class FakeReleases implements ReleasesPort {
  releases: Release[] = [];
  calls: string[] = [];
  /** The fields of every create and update, in order. */
  writes: Partial<ReleaseFields>[] = [];
  /** Called before a create is applied (a concurrent run may create the release first). */
  beforeCreate: (() => void) | undefined;
  /** Called after a create is applied (a concurrent run may create its own draft right after ours). */
  afterCreate: (() => void) | undefined;
  private nextId = 1;

  add(fields: Partial<Release> & { tag_name: string }): Release {
    const id = this.nextId++;
    const release: Release = {
      id,
      name: null,
      body: null,
      draft: false,
      prerelease: false,
      html_url: `https://github.com/o/r/releases/${id}`,
      upload_url: `https://uploads/${id}`,
      ...fields,
    };
    this.releases.unshift(release);
    return release;
  }
  async listFirstPage() {
    this.calls.push('list');
    return { releases: this.releases.slice(0, 100), full: this.releases.length >= 100 };
  }
  async listAll() {
    this.calls.push('listAll');
    return [...this.releases];
  }
  async create(fields: ReleaseFields) {
    this.calls.push('create');
    this.writes.push({ ...fields });
    refuseLatestOnDraft(fields, fields.draft, fields.prerelease);
    this.beforeCreate?.();
    if (this.releases.some((r) => r.tag_name === fields.tag_name && !r.draft))
      throw new AlreadyExistsError(fields.tag_name);
    const created = this.add({
      tag_name: fields.tag_name,
      name: fields.name,
      body: fields.body ?? 'generated notes',
      draft: fields.draft,
      prerelease: fields.prerelease,
    });
    this.afterCreate?.();
    return { ...created };
  }
  async deleteDraft(id: number) {
    this.calls.push(`delete ${id}`);
    const release = this.releases.find((r) => r.id === id);
    if (!release?.draft) throw new Error('only a draft may be deleted');
    this.releases = this.releases.filter((r) => r.id !== id);
  }
  async update(id: number, fields: Partial<ReleaseFields>) {
    this.calls.push('update');
    this.writes.push({ ...fields });
    const release = this.releases.find((r) => r.id === id);
    if (!release) throw new Error('no such release');
    refuseLatestOnDraft(fields, fields.draft ?? release.draft, fields.prerelease ?? release.prerelease);
    Object.assign(release, fields);
    return release;
  }
  async readFile() {
    return undefined;
  }
}

const CHANGELOG =
  '# Changelog\n\n## [Unreleased]\n\n## [2.0.0] - 2024-03-01\n\n- two\n\n## [1.4.7] - 2024-04-01\n\n- backport [x]\n\n## [1.0.0-rc.1]\n\n- rc\n\n[x]: https://x\n';

function settings(overrides: Partial<PublishSettings> = {}): PublishSettings {
  return {
    tag: 'v2.0.0',
    tagPattern: DEFAULT_TAG_PATTERN,
    changelogPath: 'CHANGELOG.md',
    draft: false,
    publish: false,
    prerelease: undefined,
    makeLatest: undefined,
    title: undefined,
    targetCommitish: undefined,
    onMissing: 'fail',
    serverUrl: 'https://github.com',
    repository: 'o/r',
    ...overrides,
  };
}

/** The notes publishRelease makes for v2.0.0 from CHANGELOG. */
const expectedNotes =
  '- two\n\n---\n[Full changelog](https://github.com/o/r/blob/v2.0.0/CHANGELOG.md#200---2024-03-01)';

const publish = (port: FakeReleases, overrides: Partial<PublishSettings> = {}, text: string | undefined = CHANGELOG) =>
  publishRelease(settings(overrides), text, port, new MemoryLogger());

describe('publishRelease', () => {
  it('links a section opened by a version line (no heading, no anchor) to its line in the plain view', async () => {
    const port = new FakeReleases();
    const text = 'Changes\n\n**2.0.0** (2024-03-01)\n\n- two\n\n**1.0.0** (2024-01-01)\n\n- one\n';
    const out = await publish(port, {}, text);
    expect(out.notes).toBe(
      '- two\n\n---\n[Full changelog](https://github.com/o/r/blob/v2.0.0/CHANGELOG.md?plain=1#L3)',
    );
  });

  it('creates the release with the section and a link to its heading: find + create', async () => {
    const port = new FakeReleases();
    const out = await publish(port);
    expect(out.result).toBe('created');
    expect(port.calls).toEqual(['list', 'create']);
    expect(out.notes).toBe(
      '- two\n\n---\n[Full changelog](https://github.com/o/r/blob/v2.0.0/CHANGELOG.md#200---2024-03-01)',
    );
    expect(port.releases[0]).toMatchObject({ name: 'v2.0.0', draft: false, prerelease: false });
  });

  it('a re-run changes nothing and writes nothing; changed notes are one update', async () => {
    const port = new FakeReleases();
    await publish(port);
    port.calls = [];
    expect((await publish(port)).result).toBe('unchanged');
    expect(port.calls).toEqual(['list']);
    const edited = await publish(port, {}, CHANGELOG.replace('- two', '- two, edited'));
    expect(edited.result).toBe('updated');
    expect(port.calls).toEqual(['list', 'list', 'update']);
    expect(port.releases).toHaveLength(1);
  });

  it('adopts a draft (invisible to get-by-tag) and publishes it only when asked', async () => {
    const port = new FakeReleases();
    await publish(port, { draft: true });
    expect(port.releases[0]?.draft).toBe(true);
    expect((await publish(port)).result).toBe('unchanged');
    expect(port.releases[0]?.draft).toBe(true);
    const published = await publish(port, { publish: true });
    expect(published.result).toBe('updated');
    expect(port.releases).toHaveLength(1);
    expect(port.releases[0]?.draft).toBe(false);
    await publish(port, { draft: true });
    expect(port.releases[0]?.draft).toBe(false);
  });

  it('a create that loses a race (422 already_exists) becomes an update of the winner', async () => {
    const port = new FakeReleases();
    port.beforeCreate = () => {
      port.beforeCreate = undefined;
      port.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'the other run' });
    };
    const out = await publish(port);
    expect(out.result).toBe('updated');
    expect(port.releases).toHaveLength(1);
    expect(port.releases[0]?.body).toMatch(/^- two/);
  });

  it('two drafts racing: the run whose draft is not the oldest deletes its own draft and adopts the oldest, writing nothing when it matches', async () => {
    const port = new FakeReleases();
    let other: Release | undefined;
    // The other run's identical draft lands between our list and our create, so it has the lower id.
    port.beforeCreate = () => {
      port.beforeCreate = undefined;
      other = port.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: expectedNotes, draft: true });
    };
    const out = await publish(port, { draft: true });
    expect(out.result).toBe('unchanged');
    expect(out.release.id).toBe(other?.id);
    expect(port.calls).toEqual(['list', 'create', 'listAll', 'delete 2']);
    expect(port.releases).toHaveLength(1);
    expect(port.releases[0]).toMatchObject({ id: other?.id, draft: true });
  });

  it('two drafts racing with different notes: the loser updates the survivor once; a survivor keeps its own draft', async () => {
    const port = new FakeReleases();
    port.beforeCreate = () => {
      port.beforeCreate = undefined;
      port.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'older notes', draft: true });
    };
    const loser = await publish(port, { draft: true });
    expect(loser.result).toBe('updated');
    expect(port.calls).toEqual(['list', 'create', 'listAll', 'delete 2', 'update']);
    expect(port.releases).toHaveLength(1);
    expect(port.releases[0]).toMatchObject({ id: 1, draft: true, body: loser.notes });

    // The survivor's view: a later draft (higher id) is the other run's to delete, never ours.
    const survivor = new FakeReleases();
    survivor.afterCreate = () => {
      survivor.afterCreate = undefined;
      survivor.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'theirs', draft: true });
    };
    const won = await publish(survivor, { draft: true });
    expect(won.result).toBe('created');
    expect(won.release.id).toBe(1);
    expect(survivor.calls).toEqual(['list', 'create', 'listAll']);
    expect(survivor.releases.map((r) => r.id).sort()).toEqual([1, 2]);
  });

  it('a draft that races a published release gives way to it and never turns it back into a draft', async () => {
    const port = new FakeReleases();
    port.afterCreate = () => {
      port.afterCreate = undefined;
      port.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'published by the other run', draft: false });
    };
    const out = await publish(port, { draft: true });
    expect(out.result).toBe('updated');
    expect(port.calls).toEqual(['list', 'create', 'listAll', 'delete 1', 'update']);
    expect(port.releases).toHaveLength(1);
    expect(port.releases[0]).toMatchObject({ id: 2, draft: false, body: out.notes });
  });

  it('a published create makes no extra request: the re-check is only for drafts', async () => {
    const port = new FakeReleases();
    port.afterCreate = () => {
      port.afterCreate = undefined;
      port.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'a stray draft', draft: true });
    };
    expect((await publish(port)).result).toBe('created');
    expect(port.calls).toEqual(['list', 'create']);
  });

  it('make_latest goes only with a release published by the write: never on a draft, even when make-latest is set', async () => {
    const port = new FakeReleases();
    await publish(port, { draft: true, makeLatest: true });
    expect(port.writes.at(-1)).not.toHaveProperty('make_latest');
    // Adopting the draft without publishing: the notes change, the draft stays one, no badge is asked for.
    await publish(port, { makeLatest: true }, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ body: expect.stringContaining('- two, edited') });
    await publish(port, { publish: true, makeLatest: true }, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ draft: false, make_latest: 'true' });
    // A pre-release published from a draft says "false": GitHub would default a newly published release to "true".
    const rc = new FakeReleases();
    await publish(rc, { tag: 'v1.0.0-rc.1', draft: true });
    await publish(rc, { tag: 'v1.0.0-rc.1', publish: true, makeLatest: true });
    expect(rc.writes.map((w) => w.make_latest)).toEqual([undefined, 'false']);
    expect(rc.releases[0]).toMatchObject({ draft: false, prerelease: true });
  });

  it('an update sends only what differs: a notes edit of a published release re-sends no flag', async () => {
    const port = new FakeReleases();
    await publish(port);
    await publish(port, {}, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ body: expect.stringContaining('- two, edited') });
    await publish(port, { title: 'Two' }, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ name: 'Two' });
    // An explicit make-latest rides along with a write to a published full release (and makes none by itself).
    await publish(port, { title: 'Two!', makeLatest: false }, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ name: 'Two!', make_latest: 'false' });
    // A pre-release turned into a full release decides the badge.
    await publish(port, { title: 'Two!', prerelease: true }, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ prerelease: true, make_latest: 'false' });
    await publish(port, { title: 'Two!' }, CHANGELOG.replace('- two', '- two, edited'));
    expect(port.writes.at(-1)).toEqual({ prerelease: false, make_latest: 'true' });
    expect(port.writes).toHaveLength(6);
  });

  it('pick: the published release of the tag, else its draft with the lowest id', () => {
    const port = new FakeReleases();
    const first = port.add({ tag_name: 'v1', draft: true });
    port.add({ tag_name: 'v2', draft: true });
    port.add({ tag_name: 'v1', draft: true });
    expect(pick(port.releases, 'v1')?.id).toBe(first.id);
    expect(pick([...port.releases].reverse(), 'v1')?.id).toBe(first.id);
    const published = port.add({ tag_name: 'v1', draft: false });
    expect(pick(port.releases, 'v1')?.id).toBe(published.id);
    expect(pick(port.releases, 'v3')).toBeUndefined();
  });

  it('make-latest: a backport below the highest release does not take the Latest badge; pre-releases never do', async () => {
    const port = new FakeReleases();
    port.add({ tag_name: 'v2.0.0', name: 'v2.0.0' });
    let made: string | undefined;
    const spy = port.create.bind(port);
    port.create = async (fields) => {
      made = fields.make_latest;
      return spy(fields);
    };
    await publish(port, { tag: 'v1.4.7' });
    expect(made).toBe('false');
    const rc = await publish(port, { tag: 'v1.0.0-rc.1' });
    expect(made).toBe('false');
    expect(rc.prerelease).toBe(true);
    const fresh = new FakeReleases();
    fresh.create = async (fields) => {
      made = fields.make_latest;
      return new FakeReleases().create(fields);
    };
    await publish(fresh, { tag: 'v2.0.0' });
    expect(made).toBe('true');
  });

  it('make-latest when only the first page was read: a higher version further down keeps the badge where it is', async () => {
    const port = new FakeReleases();
    port.add({ tag_name: 'v2.0.0', name: 'v2.0.0' });
    for (let i = 0; i < 110; i++) port.add({ tag_name: `v0.0.${i}`, name: `v0.0.${i}` });
    port.add({ tag_name: 'v1.4.7', name: 'v1.4.7', body: 'draft', draft: true });
    const sent: (string | undefined)[] = [];
    const update = port.update.bind(port);
    port.update = async (id, fields) => {
      sent.push(fields.make_latest);
      return update(id, fields);
    };
    const kept = await publish(port, { tag: 'v1.4.7' });
    expect(kept.result).toBe('updated');
    // Still a draft: no badge to decide, no second look.
    expect(port.calls).toEqual(['list', 'update']);
    port.calls = [];
    await publish(port, { tag: 'v1.4.7', publish: true });
    expect(port.calls).toEqual(['list', 'listAll', 'update']);
    expect(sent.at(-1)).toBe('false');

    // Nothing higher anywhere: the badge is taken after the same second look.
    const alone = new FakeReleases();
    for (let i = 0; i < 110; i++) alone.add({ tag_name: `v0.0.${i}`, name: `v0.0.${i}` });
    alone.add({ tag_name: 'v2.0.0', name: 'v2.0.0', body: 'draft', draft: true });
    const aloneUpdate = alone.update.bind(alone);
    alone.update = async (id, fields) => {
      sent.push(fields.make_latest);
      return aloneUpdate(id, fields);
    };
    await publish(alone, { publish: true });
    expect(alone.calls).toEqual(['list', 'listAll', 'update']);
    expect(sent.at(-1)).toBe('true');
  });

  it('missing section: fails naming the file, the version and the nearest versions; generate and link modes', async () => {
    const port = new FakeReleases();
    await expect(publish(port, { tag: 'v1.5.0' })).rejects.toThrow(NotFoundError);
    await expect(publish(port, { tag: 'v1.5.0' })).rejects.toThrow(
      'CHANGELOG.md has no section for version 1.5.0 (did you mean 1.4.7 or 2.0.0?).',
    );
    await expect(publishRelease(settings({ tag: 'v1.5.0' }), undefined, port, new MemoryLogger())).rejects.toThrow(
      /the file was not found at v1\.5\.0/,
    );
    expect(port.calls).toEqual([]);
    const generated = await publish(port, { tag: 'v1.5.0', onMissing: 'generate' });
    expect(generated.notes).toBe('generated notes');
    await expect(publish(port, { tag: 'web@1.5.0', missingHint: 'no folder of package "web"' })).rejects.toThrow(
      'CHANGELOG.md has no section for version 1.5.0 (did you mean 1.4.7 or 2.0.0?; no folder of package "web").',
    );
    const linked = await publish(port, { tag: 'v1.6.0', onMissing: 'link' });
    expect(linked.notes).toBe('See the [changelog](https://github.com/o/r/blob/v1.6.0/CHANGELOG.md).');
  });

  it('titles: default with and without a package, or a template', async () => {
    const port = new FakeReleases();
    const pkg = '## 2.0.0\n\n- x\n';
    await publish(port, { tag: 'web@2.0.0' }, pkg);
    expect(port.releases[0]?.name).toBe('web v2.0.0');
    await publish(port, { tag: 'api/v2.0.0', title: '{package} {version} ({tag})' }, pkg);
    expect(port.releases[0]?.name).toBe('api 2.0.0 (api/v2.0.0)');
  });
});

describe('fitBody', () => {
  const item = (i: number): string => `- item ${i} ${'x'.repeat(80)}`;
  const big = `### Added\n\n${Array.from({ length: 2000 }, (_, i) => item(i)).join('\n')}\n\n### Fixed\n\n- [a fix][f]`;
  it('keeps a body that fits, with the link at the end', () => {
    expect(fitBody('- a', '', 'https://l')).toBe('- a\n\n---\n[Full changelog](https://l)');
  });
  it('cuts at the last whole list item that fits, keeps the definitions, adds a note and the link', () => {
    const body = fitBody(big, '\n\n[f]: https://f', 'https://l#anchor');
    expect(body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(body.length).toBeGreaterThan(MAX_BODY - 200);
    const kept = body.split('\n\n_The notes were cut')[0] ?? '';
    expect(big.startsWith(kept.replace(/\n\n\[f\]: https:\/\/f$/, ''))).toBe(true);
    expect(kept).toMatch(/- item \d+ x{80}\n\n\[f\]: https:\/\/f$/);
    expect(body.endsWith('the full notes are in the changelog._\n\n---\n[Full changelog](https://l#anchor)')).toBe(
      true,
    );
  });
  it('never cuts inside a code block', () => {
    const code = `- before\n\n\`\`\`\n${Array.from({ length: 3000 }, (_, i) => `- not an item ${i} ${'y'.repeat(40)}`).join('\n')}\n\`\`\`\n`;
    const body = fitBody(code, '', 'https://l');
    expect(body.startsWith('- before\n\n_The notes were cut')).toBe(true);
  });
});

describe('changelogUrl and checkChangelog', () => {
  it('keeps slashes in tags and paths, encodes the rest', () => {
    expect(changelogUrl('https://github.com/', 'o/r', 'pkg/v1.0.0', 'packages/a b/CHANGELOG.md')).toBe(
      'https://github.com/o/r/blob/pkg/v1.0.0/packages/a%20b/CHANGELOG.md',
    );
  });
  it('check mode wants a non-empty section and gives the same hints', () => {
    expect(checkChangelog(CHANGELOG, 'CHANGELOG.md', 'v2.0.0')).toBe('- two');
    expect(() => checkChangelog('## 1.0.0\n\n## 0.9.0\n\n- x\n', 'CHANGELOG.md', '1.0.0')).toThrow(
      'CHANGELOG.md has no non-empty section for version 1.0.0',
    );
    expect(() => checkChangelog('## [Unreleased]\n\n- pending\n\n## 0.9.0\n', 'CHANGELOG.md', '1.0.0')).toThrow(
      /did you mean 0\.9\.0\?; changes are still under Unreleased/,
    );
    expect(() => checkChangelog(undefined, 'CHANGELOG.md', '1.0.0', 'a hint')).toThrow(
      'CHANGELOG.md has no non-empty section for version 1.0.0 (the file does not exist; a hint).',
    );
  });
});
