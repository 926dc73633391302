import { describe, expect, it } from '@jest/globals';
import { ConfigError, FakeClock, InputError, MemoryLogger } from '@shipshape/kit';
import type { PrepareSettings } from '../../../actions/changelog-release/src/inputs';
import { prepareRelease } from '../../../actions/changelog-release/src/prepare';
import { releasePullBody } from '../../../actions/changelog-release/src/release-pull';
import { DEFAULT_TAG_PATTERN, tagForVersion } from '../../../actions/changelog-release/src/tag';
import { scannerWork } from '../../../packages/changelog/src/fast-path';
import { FakeRepository } from './fake-lifecycle-port';

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
  '- Older.',
  '',
].join('\n');

const settings = (over: Partial<PrepareSettings> = {}): PrepareSettings => ({
  mode: 'prepare',
  fastPath: true,
  token: 't',
  bump: 'auto',
  preid: undefined,
  push: false,
  base: undefined,
  releaseBranch: 'shipshape/release',
  changelogPath: 'CHANGELOG.md',
  tagPattern: DEFAULT_TAG_PATTERN,
  runId: '7',
  ...over,
});

const clock = (): FakeClock => new FakeClock(Date.parse('2026-12-05T09:00:00Z'));

function repository(text = CHANGELOG): FakeRepository {
  const repo = new FakeRepository();
  repo.refs.set('tags/v1.4.0', repo.commit('main', { 'CHANGELOG.md': text }));
  return repo;
}

describe('prepareRelease, push: false', () => {
  it('builds the release branch on base and opens one pull request; a re-run writes nothing', async () => {
    const repo = repository();
    const base = repo.head('main');
    const first = await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    expect(first).toMatchObject({ version: '1.5.0', previousVersion: '1.4.0', tag: 'v1.5.0', base: 'main' });
    expect(first.result).toBe('created');
    expect(repo.fileAt('heads/shipshape/release', 'CHANGELOG.md')).toContain('## [1.5.0] - 2026-12-05');
    expect(repo.head('main')).toBe(base);
    expect(repo.commits.get(repo.head('shipshape/release'))?.parent).toBe(base);
    expect(repo.pulls).toMatchObject([{ title: 'Release v1.5.0', head: 'shipshape/release', base: 'main' }]);
    expect(repo.writes).toEqual([
      'create heads/shipshape/release',
      'put CHANGELOG.md on shipshape/release',
      'create pull shipshape/release -> main',
    ]);

    const again = await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    expect(again).toMatchObject({ result: 'unchanged', sha: first.sha, pull: { number: first.pull?.number } });
    expect(repo.writes).toHaveLength(3);
  });

  it('fast-path: false prepares by the whole parse alone (no scanner read) and cuts the same release', async () => {
    const off = repository();
    const before = scannerWork.reads;
    const slow = await prepareRelease(settings({ fastPath: false }), off, clock(), new MemoryLogger());
    expect(scannerWork.reads - before).toBe(0);
    const fast = await prepareRelease(settings(), repository(), clock(), new MemoryLogger());
    expect(scannerWork.reads - before).toBeGreaterThan(0);
    expect(slow).toMatchObject({ version: fast.version, result: 'created' });
    expect(off.fileAt('heads/shipshape/release', 'CHANGELOG.md')).toContain('## [1.5.0] - 2026-12-05');
  });

  it('new entries on base rebuild the branch through a scratch branch, so the open pull request stays open', async () => {
    const repo = repository();
    const first = await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    repo.commit('main', { 'CHANGELOG.md': CHANGELOG.replace('- Gift cards.', '- Gift cards.\n- Store credit.') });
    repo.writes.length = 0;
    const next = await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    expect(next.result).toBe('updated');
    expect(repo.writes).toEqual([
      'create heads/shipshape-scratch/7/shipshape/release',
      'put CHANGELOG.md on shipshape-scratch/7/shipshape/release',
      'update heads/shipshape/release (force)',
      'delete heads/shipshape-scratch/7/shipshape/release',
      `update pull ${first.pull?.number ?? 0}`,
    ]);
    expect(repo.pulls).toHaveLength(1);
    expect(repo.pulls[0]?.state).toBe('open');
    expect(repo.pulls[0]?.body).toContain('- Store credit.');
    expect(repo.commits.get(repo.head('shipshape/release'))?.parent).toBe(repo.head('main'));
  });

  it('a base that moved without changing the changelog still rebuilds the branch on its new head', async () => {
    const repo = repository();
    await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    repo.commit('main', { 'src.ts': 'new code' });
    const next = await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    expect(next.result).toBe('updated');
    expect(repo.fileAt('heads/shipshape/release', 'src.ts')).toBe('new code');
  });

  it("the scratch branch left by this run's stopped attempt is taken over", async () => {
    const repo = repository();
    await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    repo.commit('shipshape-scratch/7/shipshape/release', { junk: 'x' });
    repo.commit('main', { 'src.ts': 'new code' });
    await prepareRelease(settings(), repo, clock(), new MemoryLogger());
    expect(repo.fileAt('heads/shipshape/release', 'junk')).toBeUndefined();
    expect(repo.refs.has('heads/shipshape-scratch/7/shipshape/release')).toBe(false);
  });

  it("a branch of the repository's own named like the old scratch branch (release-next) is left alone", async () => {
    const repo = repository();
    await prepareRelease(settings({ releaseBranch: 'release' }), repo, clock(), new MemoryLogger());
    const own = repo.commit('release-next', { 'next.ts': 'work in progress' });
    repo.commit('main', { 'src.ts': 'new code' });
    const next = await prepareRelease(settings({ releaseBranch: 'release' }), repo, clock(), new MemoryLogger());
    expect(next.result).toBe('updated');
    expect(repo.head('release-next')).toBe(own);
    expect(repo.writes.filter((w) => w.includes('release-next'))).toEqual([]);
  });
});

describe('prepareRelease, push: true', () => {
  it('commits on base and tags the commit; a re-run finds it done and writes nothing', async () => {
    const repo = repository();
    repo.defaultBranchName = 'main';
    const first = await prepareRelease(settings({ push: true, preid: 'rc' }), repo, clock(), new MemoryLogger());
    expect(first).toMatchObject({ version: '1.5.0-rc.0', tag: 'v1.5.0-rc.0', result: 'created', pull: undefined });
    expect(repo.refs.get('tags/v1.5.0-rc.0')).toBe(repo.head('main'));
    expect(first.sha).toBe(repo.head('main'));
    expect(repo.writes).toEqual(['put CHANGELOG.md on main', 'create tags/v1.5.0-rc.0']);

    const again = await prepareRelease(settings({ push: true, preid: 'rc' }), repo, clock(), new MemoryLogger());
    expect(again).toMatchObject({ result: 'unchanged', version: '1.5.0-rc.0', tag: 'v1.5.0-rc.0' });
    expect(again.notes).toContain('- Gift cards.');
    expect(repo.writes).toHaveLength(2);
  });

  it('a re-run after the commit landed but the tag create failed tags the release commit', async () => {
    const repo = repository();
    const createRef = repo.createRef.bind(repo);
    repo.createRef = async () => {
      throw new Error('502 Bad Gateway');
    };
    await expect(prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger())).rejects.toThrow(/502/);
    const released = repo.head('main');
    expect(repo.refs.has('tags/v1.5.0')).toBe(false);
    repo.createRef = createRef;
    const again = await prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger());
    expect(again).toMatchObject({ result: 'created', version: '1.5.0', tag: 'v1.5.0', sha: released });
    expect(again.notes).toContain('- Gift cards.');
    expect(repo.refs.get('tags/v1.5.0')).toBe(released);
    expect(repo.writes).toEqual(['put CHANGELOG.md on main', 'create tags/v1.5.0']);
  });

  it('a re-run after other commits landed on base is unchanged; an annotated tag is peeled', async () => {
    const repo = repository();
    const first = await prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger());
    repo.commit('main', { 'src.ts': 'later work' });
    // matching-refs answers an annotated tag's object, not its commit.
    const listTags = repo.listTags.bind(repo);
    repo.listTags = async () =>
      (await listTags()).map((t) => (t.name === 'v1.5.0' ? { ...t, sha: 'f'.repeat(40), type: 'tag' } : t));
    repo.writes.length = 0;
    const again = await prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger());
    expect(again).toMatchObject({ result: 'unchanged', version: '1.5.0', tag: 'v1.5.0', sha: first.sha });
    expect(repo.writes).toEqual([]);
  });

  it("a newest version's tag that base does not contain is a clear error", async () => {
    const repo = repository();
    await prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger());
    repo.refs.set('tags/v1.5.0', repo.commit('elsewhere', { 'x.ts': 'x' }, repo.head('main')));
    await expect(prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger())).rejects.toThrow(
      /the tag "v1\.5\.0" names .* which main does not contain/,
    );
  });

  it('a tag-pattern template names the tag', async () => {
    const repo = repository();
    const result = await prepareRelease(
      settings({ push: true, tagPattern: 'release-{version}' }),
      repo,
      clock(),
      new MemoryLogger(),
    );
    expect(result.tag).toBe('release-1.5.0');
    expect(repo.refs.has('tags/release-1.5.0')).toBe(true);
  });
});

describe('prepareRelease errors', () => {
  it('names the changelog input for what the file lacks, the base input for a missing branch', async () => {
    const empty = repository(CHANGELOG.replace('### Added\n\n- Gift cards.\n\n', ''));
    const error = await prepareRelease(settings(), empty, clock(), new MemoryLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^Input 'changelog' \(CHANGELOG\.md on main\): .*\.$/);
    expect(empty.writes).toEqual([]);

    const missing = new FakeRepository();
    await expect(prepareRelease(settings(), missing, clock(), new MemoryLogger())).rejects.toThrow(
      `Input 'changelog': "CHANGELOG.md" does not exist on "main"; set \`changelog\` to the changelog's path.`,
    );
    await expect(
      prepareRelease(settings({ base: 'release' }), repository(), clock(), new MemoryLogger()),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('an option prepare refuses names its own input, not the changelog', async () => {
    const error = await prepareRelease(settings({ preid: '1rc' }), repository(), clock(), new MemoryLogger()).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toMatch(/^Input 'preid' is invalid: preid must be a pre-release name/);
  });

  it('a version whose tag exists is refused before anything is written', async () => {
    const repo = repository();
    repo.refs.set('tags/v1.5.0', repo.head('main'));
    await expect(prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger())).rejects.toThrow(
      /1\.5\.0/,
    );
    expect(repo.writes).toEqual([]);
  });

  it('a tag created while the run prepared is a clear error', async () => {
    const repo = repository();
    const createRef = repo.createRef.bind(repo);
    repo.createRef = async (ref, sha) => {
      repo.refs.set(ref, sha);
      return createRef(ref, sha);
    };
    await expect(prepareRelease(settings({ push: true }), repo, clock(), new MemoryLogger())).rejects.toThrow(
      /Version 1\.5\.0 already exists: the tag "v1\.5\.0" was created while this run prepared it/,
    );
  });
});

describe('the release pull request', () => {
  it('says what merging releases, shows the notes, and tells where to edit', () => {
    const body = releasePullBody({
      version: '1.5.0',
      previousVersion: '1.4.0',
      tag: 'v1.5.0',
      base: 'main',
      releaseBranch: 'shipshape/release',
      path: 'CHANGELOG.md',
      date: '2026-12-05',
      notes: '### Added\n\n- Gift cards.',
    });
    expect(body).toMatch(
      /^<!-- shipshape:release-pr -->\nMerging this pull request releases \*\*v1\.5\.0\*\* after 1\.4\.0/,
    );
    expect(body).toContain('\n## v1.5.0\n\n### Added\n\n- Gift cards.\n');
    expect(body).toContain('edit the changelog on main, not here');
  });

  it('tags come from the pattern', () => {
    expect(tagForVersion(DEFAULT_TAG_PATTERN, '1.5.0')).toBe('v1.5.0');
    expect(tagForVersion('release-{version}', '1.5.0')).toBe('release-1.5.0');
    expect(tagForVersion('{package}@{version}', '1.5.0')).toBeUndefined();
    expect(tagForVersion('^v(?<version>.+)$', '1.5.0')).toBeUndefined();
  });
});
