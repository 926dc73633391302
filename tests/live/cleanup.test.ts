import { describe, expect, it } from '@jest/globals';
import { CleanupRegistry } from './cleanup';
import { startEmulatedTarget } from './emulated-target';
import { closeTarget } from './open-target';
import {
  createRef,
  defaultBranchHead,
  openScratchPullRequest,
  removeReleasesAfterwards,
  setStatus,
} from './repository-setup';
import { newRunPrefix } from './target';

/**
 * Cleanup removes exactly what a run created, read back through the API, and says what it could not remove. Run
 * against the emulated target: the same code removes a live run's refs, releases and pull requests.
 */

describe('CleanupRegistry', () => {
  it('undoes newest first, goes on after a failure, reports each, and undoes nothing twice', async () => {
    const registry = new CleanupRegistry();
    const order: string[] = [];
    registry.add('first', async () => void order.push('first'));
    registry.add('broken', () => Promise.reject(new Error('422 Reference update failed')));
    registry.add('last', async () => void order.push('last'));
    const report = await registry.run();
    expect(order).toEqual(['last', 'first']);
    expect(report).toEqual({
      undone: ['last', 'first'],
      failures: [{ what: 'broken', error: '422 Reference update failed' }],
    });
    expect(await registry.run()).toEqual({ undone: [], failures: [] });
  });
});

describe('closeTarget on the emulated target', () => {
  it("removes the run's tag, branches, release and open pull request and leaves everything else as it was", async () => {
    const t = await startEmulatedTarget(newRunPrefix());
    const emulated = t.emulators?.github.repo(t.repository);
    if (!emulated) throw new Error('expected the emulated target');
    // Someone else's things in the same repository.
    emulated.tag('v0.1.0');
    emulated.branch('feature-x', emulated.commit({ branch: 'feature-x', files: { 'x.md': 'x' } }));
    emulated.addRelease({ tag_name: 'v0.1.0', name: 'v0.1.0', body: 'theirs' });
    emulated.addPullRequest({ title: 'Theirs', head: { ref: 'feature-x' } });

    const { sha } = await defaultBranchHead(t);
    const tag = `${t.prefix}-v1.0.0`;
    await createRef(t, `tags/${tag}`, sha);
    removeReleasesAfterwards(t, tag);
    await t.github.request('POST /repos/{owner}/{repo}/releases', {
      owner: t.owner,
      repo: t.repo,
      tag_name: tag,
      name: tag,
      draft: true,
    });
    const pr = await openScratchPullRequest(t, { title: 'Ours', body: 'ours' });
    await setStatus(t, pr.headSha, { context: `${t.prefix}/ci`, state: 'success', description: 'ours' });
    const refsBefore = [...emulated.refs.keys()].filter((ref) => !ref.includes(t.prefix)).sort();

    await closeTarget(t);
    expect([...emulated.refs.keys()].filter((ref) => ref.includes(t.prefix))).toEqual([]);
    expect([...emulated.refs.keys()].sort()).toEqual(refsBefore);
    expect(emulated.releases.map((r) => r.tag_name)).toEqual(['v0.1.0']);
    expect(emulated.pullRequest(pr.number)?.state).toBe('closed');
    expect([...emulated.pullRequests.values()].filter((p) => p.state === 'open').map((p) => p.title)).toEqual([
      'Theirs',
    ]);
    // Statuses cannot be deleted, on GitHub or here: the run's stays, under its own context.
    expect(emulated.statuses(pr.headSha).map((s) => s.context)).toEqual([`${t.prefix}/ci`]);
  });

  it('fails, listing it, when something named with the run prefix is left (here: a ref nobody registered), and still closes the emulators', async () => {
    const t = await startEmulatedTarget(newRunPrefix());
    const emulated = t.emulators?.github.repo(t.repository);
    if (!emulated) throw new Error('expected the emulated target');
    emulated.branch(`${t.prefix}-forgotten`);
    await expect(closeTarget(t)).rejects.toThrow(
      new RegExp(
        `1 thing\\(s\\) named ${t.prefix} are still in octo-org/shipshape-scratch:\\n- ref refs/heads/${t.prefix}-forgotten`,
      ),
    );
    await expect(fetch(`${t.apiUrl}/repos/${t.repository}`)).rejects.toThrow();
  });

  it('fails, listing it, when an undo fails', async () => {
    const t = await startEmulatedTarget(newRunPrefix());
    t.cleanup.add('release 42 of a tag', () =>
      Promise.reject(new Error('403 Resource not accessible by personal access token')),
    );
    await expect(closeTarget(t)).rejects.toThrow(
      /1 thing\(s\) could not be removed; remove them by hand:\n- release 42 of a tag: 403 Resource not accessible/,
    );
  });
});
