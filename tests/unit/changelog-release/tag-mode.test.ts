import { describe, expect, it } from '@jest/globals';
import { ConfigError, InputError, Inputs, MemoryLogger, NotFoundError, mapInputSource } from '@shipshape/kit';
import { readModeSettings, type TagSettings } from '../../../actions/changelog-release/src/inputs';
import { releaseOutputs, releaseSummary } from '../../../actions/changelog-release/src/report';
import { RefExistsError } from '../../../actions/changelog-release/src/repository-port';
import { DEFAULT_TAG_PATTERN } from '../../../actions/changelog-release/src/tag';
import { tagNewestVersion } from '../../../actions/changelog-release/src/tag-version';
import type { WorkspaceFiles } from '../../../actions/changelog-release/src/workspace-files';
import { FakeRepository } from './fake-lifecycle-port';

/** The changelog as the release pull request leaves it: 1.5.0 cut from Unreleased, new entries since. */
const MERGED = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '- Not released yet.',
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
].join('\n');

const settings = (sha: string, over: Partial<TagSettings> = {}): TagSettings => ({
  mode: 'tag',
  token: 't',
  changelogPath: 'CHANGELOG.md',
  tagPattern: DEFAULT_TAG_PATTERN,
  sha,
  target: undefined,
  fastPath: true,
  ...over,
});

/** A repository whose main has 1.4.0 tagged and, on top, the merged release pull request's commit. */
function merged(text = MERGED): { repo: FakeRepository; pushed: string; previous: string } {
  const repo = new FakeRepository();
  const previous = repo.commit('main', { 'CHANGELOG.md': '## [1.4.0] - 2026-11-01\n\n- Older.\n' });
  repo.refs.set('tags/v1.4.0', previous);
  const pushed = repo.commit('main', { 'CHANGELOG.md': text });
  return { repo, pushed, previous };
}

const checkout = (files: Record<string, string>): WorkspaceFiles => ({
  readText: (path) => files[path],
  listDirectories: () => [],
});

describe('tagNewestVersion', () => {
  it('tags the newest version below Unreleased at the pushed commit; a re-run writes nothing', async () => {
    const { repo, pushed } = merged();
    const log = new MemoryLogger();
    const first = await tagNewestVersion(settings(pushed), repo, undefined, log);
    expect(first).toMatchObject({ version: '1.5.0', tag: 'v1.5.0', sha: pushed, result: 'created' });
    expect(first.notes).toContain('- Gift cards.');
    expect(first.notes).not.toContain('Not released yet');
    expect(repo.refs.get('tags/v1.5.0')).toBe(pushed);
    expect(repo.writes).toEqual(['create tags/v1.5.0']);

    repo.writes.length = 0;
    const again = await tagNewestVersion(settings(pushed), repo, undefined, new MemoryLogger());
    expect(again).toMatchObject({ tag: 'v1.5.0', sha: pushed, result: 'unchanged' });
    expect(repo.writes).toEqual([]);
  });

  it('reads the checkout when there is one, and the API at the pushed commit otherwise', async () => {
    const { repo, pushed } = merged();
    const files = checkout({ 'CHANGELOG.md': MERGED.replace('1.5.0', '1.6.0') });
    const fromCheckout = await tagNewestVersion(settings(pushed), repo, files, new MemoryLogger());
    expect(fromCheckout).toMatchObject({ version: '1.6.0', tag: 'v1.6.0', source: 'CHANGELOG.md' });
    const fromApi = await tagNewestVersion(settings(pushed), repo, undefined, new MemoryLogger());
    expect(fromApi).toMatchObject({ version: '1.5.0', source: `CHANGELOG.md at ${pushed.slice(0, 12)}` });
  });

  it('a tag that points to another commit is left as it is, with a notice naming both commits', async () => {
    const { repo, pushed, previous } = merged();
    repo.refs.set('tags/v1.5.0', previous);
    const log = new MemoryLogger();
    const result = await tagNewestVersion(settings(pushed), repo, undefined, log);
    expect(result).toMatchObject({ tag: 'v1.5.0', sha: previous, wanted: pushed, result: 'unchanged' });
    expect(repo.writes).toEqual([]);
    expect(log.text('notice')).toContain(previous);
    expect(log.text('notice')).toContain(pushed);
    expect(repo.refs.get('tags/v1.5.0')).toBe(previous);
  });

  it('a tag created by a concurrent run between the look and the create ends unchanged', async () => {
    /** The concurrent run's tag lands at `sha` just before this run's create reaches the repository. */
    const racing = (repo: FakeRepository, sha: string): FakeRepository => {
      const createRef = repo.createRef.bind(repo);
      repo.createRef = async (ref, wanted) => {
        repo.refs.set(ref, sha);
        return createRef(ref, wanted);
      };
      return repo;
    };
    const first = merged();
    const log = new MemoryLogger();
    const same = await tagNewestVersion(settings(first.pushed), racing(first.repo, first.pushed), undefined, log);
    expect(same).toMatchObject({ sha: first.pushed, result: 'unchanged' });
    expect(first.repo.writes).toEqual(['create tags/v1.5.0']);
    expect(log.text('notice')).toBe('');

    const second = merged();
    const elsewhere = await tagNewestVersion(
      settings(second.pushed),
      racing(second.repo, second.previous),
      undefined,
      log,
    );
    expect(elsewhere).toMatchObject({ sha: second.previous, result: 'unchanged' });
    expect(second.repo.refs.get('tags/v1.5.0')).toBe(second.previous);
    expect(log.text('notice')).toContain(second.previous);
  });

  it('a refused create that leaves no tag behind is not taken for a race', async () => {
    const { repo, pushed } = merged();
    repo.createRef = async (ref) => {
      throw new RefExistsError(ref);
    };
    await expect(tagNewestVersion(settings(pushed), repo, undefined, new MemoryLogger())).rejects.toThrow(
      RefExistsError,
    );
  });

  it('target-commitish names the commit to tag, and the changelog is read there', async () => {
    const { repo, pushed, previous } = merged();
    repo.commit('release/1.4', { 'CHANGELOG.md': '## [1.4.1] - 2026-12-01\n\n- Fix.\n' }, previous);
    const branchHead = repo.head('release/1.4');
    const result = await tagNewestVersion(
      settings(pushed, { target: 'release/1.4' }),
      repo,
      checkout({ 'CHANGELOG.md': MERGED }),
      new MemoryLogger(),
    );
    expect(result).toMatchObject({ version: '1.4.1', tag: 'v1.4.1', sha: branchHead, result: 'created' });
    await expect(
      tagNewestVersion(settings(pushed, { target: 'nope' }), repo, undefined, new MemoryLogger()),
    ).rejects.toThrow(InputError);
  });

  it('a template tag-pattern names the tag', async () => {
    const { repo, pushed } = merged();
    const result = await tagNewestVersion(
      settings(pushed, { tagPattern: 'release-{version}' }),
      repo,
      undefined,
      new MemoryLogger(),
    );
    expect(result).toMatchObject({ tag: 'release-1.5.0', result: 'created' });
    expect(repo.refs.get('tags/release-1.5.0')).toBe(pushed);
  });

  it('no version heading, or no file, is an error naming changelog, and nothing is written', async () => {
    const { repo, pushed } = merged('# Changelog\n\n## [Unreleased]\n\n- First things.\n');
    const noVersion = tagNewestVersion(settings(pushed), repo, undefined, new MemoryLogger());
    await expect(noVersion).rejects.toThrow(ConfigError);
    await expect(noVersion).rejects.toThrow(
      /^Input 'changelog' \(CHANGELOG\.md at [0-9a-f]{12}\) has no released version/,
    );
    const missing = tagNewestVersion(
      settings(pushed, { changelogPath: 'docs/CHANGES.md' }),
      repo,
      undefined,
      new MemoryLogger(),
    );
    await expect(missing).rejects.toThrow(NotFoundError);
    await expect(missing).rejects.toThrow(`Input 'changelog': "docs/CHANGES.md" does not exist at ${pushed}`);
    expect(repo.writes).toEqual([]);
  });
});

describe('tag mode inputs', () => {
  const read = (values: Record<string, string>, env: NodeJS.ProcessEnv = { GITHUB_SHA: 'abc123' }) =>
    readModeSettings(new Inputs(mapInputSource({ token: 't', mode: 'tag', ...values })), env, {});

  it('reads the pushed commit, the changelog and the pattern', () => {
    expect(read({})).toEqual({
      mode: 'tag',
      token: 't',
      changelogPath: 'CHANGELOG.md',
      tagPattern: DEFAULT_TAG_PATTERN,
      sha: 'abc123',
      target: undefined,
      fastPath: true,
    });
    expect(read({ 'target-commitish': 'main', changelog: './docs/CHANGELOG.md' })).toMatchObject({
      target: 'main',
      changelogPath: 'docs/CHANGELOG.md',
    });
  });

  it('refuses a pattern or changelog that cannot name one tag, and a run with no commit', () => {
    expect(() => read({ 'tag-pattern': '{package}@{version}' })).toThrow(InputError);
    expect(() => read({ 'tag-pattern': '{package}@{version}' })).toThrow(
      /^Input 'tag-pattern' is invalid: expected a template that names the new tag in tag mode, such as v\{version\}/,
    );
    expect(() => read({ 'tag-pattern': '^v(?<version>.+)$' })).toThrow(/Input 'tag-pattern' is invalid/);
    expect(() => read({ changelog: 'packages/{package}/CHANGELOG.md' })).toThrow(/Input 'changelog' is invalid/);
    expect(() => read({}, {})).toThrow(/GITHUB_SHA is not set/);
    expect(read({ 'target-commitish': 'main' }, {})).toMatchObject({ sha: '', target: 'main' });
  });
});

describe('tag mode report', () => {
  it('outputs the version, tag, commit and result; the summary says what happened', async () => {
    const { repo, pushed, previous } = merged();
    repo.refs.set('tags/v1.5.0', previous);
    const result = await tagNewestVersion(settings(pushed), repo, undefined, new MemoryLogger());
    expect(releaseOutputs({ mode: 'tag', ...result })).toEqual({
      version: '1.5.0',
      tag: 'v1.5.0',
      sha: previous,
      notes: result.notes,
      result: 'unchanged',
    });
    const summary = releaseSummary({ mode: 'tag', ...result });
    expect(summary).toContain('### Tag v1.5.0');
    expect(summary).toContain(`not at this run's \`${pushed}\``);
  });
});
