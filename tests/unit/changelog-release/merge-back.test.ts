import { describe, expect, it } from '@jest/globals';
import { MemoryLogger, NotFoundError } from '@shipshape/kit';
import { mergeBack } from '../../../actions/changelog-release/src/merge-back';
import type { MergeBackSettings } from '../../../actions/changelog-release/src/inputs';
import { FakeRepository } from './fake-lifecycle-port';

const settings: MergeBackSettings = { mode: 'merge-back', token: 't', base: 'develop', head: 'hotfix/1.2.4' };

function repository(): FakeRepository {
  const repo = new FakeRepository();
  repo.commit('develop', { 'feature.txt': 'next' });
  repo.commit('hotfix/1.2.4', { 'fix.txt': 'fixed' }, repo.head('main'));
  return repo;
}

describe('mergeBack', () => {
  it('opens one pull request head → base; a re-run reuses it and writes nothing', async () => {
    const repo = repository();
    const first = await mergeBack(settings, repo, new MemoryLogger());
    expect(first.result).toBe('created');
    expect(first.aheadBy).toBe(1);
    expect(repo.pulls).toMatchObject([
      { head: 'hotfix/1.2.4', base: 'develop', title: 'Merge hotfix/1.2.4 into develop', state: 'open' },
    ]);
    expect(repo.pulls[0]?.body).toContain('(1 commit ahead when this pull request was opened)');
    const again = await mergeBack(settings, repo, new MemoryLogger());
    expect(again).toMatchObject({ result: 'unchanged', pull: { number: first.pull?.number } });
    expect(repo.writes).toEqual(['create pull hotfix/1.2.4 -> develop']);
  });

  it('nothing ahead: no pull request', async () => {
    const repo = repository();
    repo.commit('develop', { 'fix.txt': 'fixed' }, repo.head('hotfix/1.2.4'));
    const result = await mergeBack(settings, repo, new MemoryLogger());
    expect(result).toMatchObject({ result: 'unchanged', pull: undefined, aheadBy: 0 });
    expect(repo.writes).toEqual([]);
  });

  it('a pull request opened by a concurrent run between the look and the create is reused', async () => {
    const repo = repository();
    const findOpenPull = repo.findOpenPull.bind(repo);
    let looks = 0;
    repo.findOpenPull = async (head, base) => {
      looks += 1;
      if (looks === 1) {
        await repo.createPull({ head, base, title: 'by the other run', body: '' });
        return undefined;
      }
      return findOpenPull(head, base);
    };
    const result = await mergeBack(settings, repo, new MemoryLogger());
    expect(result).toMatchObject({ result: 'unchanged', pull: { title: 'by the other run' } });
    expect(repo.pulls).toHaveLength(1);
  });

  it('a base that does not exist is a clear error', async () => {
    const repo = repository();
    await expect(mergeBack({ ...settings, base: 'devel' }, repo, new MemoryLogger())).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
