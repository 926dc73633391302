import { describe, expect, it } from '@jest/globals';
import { MemoryLogger } from '@shipshape/kit';
import { freezeRef, setFreeze, syncMergeGroup, syncPull } from '../../../actions/deploy-guard/src/freeze';
import { FakePort } from './fake-port';

const settings = { branch: 'main', context: 'merge-freeze', reason: 'Deploying 2.0', exemptLabel: 'hotfix' };
const sha = (n: number): string => String(n).repeat(40).slice(0, 40);

function portWithPulls(): FakePort {
  const port = new FakePort();
  port.pulls = [
    { number: 1, head: { sha: sha(1) }, labels: [], base: 'main' },
    { number: 2, head: { sha: sha(2) }, labels: [{ name: 'hotfix' }], base: 'main' },
    { number: 3, head: { sha: sha(3) }, labels: [], base: 'release' },
  ];
  return port;
}

describe('merge freeze', () => {
  it('records the freeze as a ref and marks every open PR to the branch; the exempt one gets success', async () => {
    const port = portWithPulls();
    const result = await setFreeze(port, true, settings, new MemoryLogger());
    expect(port.refs.get(freezeRef('main'))).toBe('a'.repeat(40));
    expect(result).toMatchObject({ frozen: true, updated: [1, 2], exempt: [2] });
    expect(port.written).toEqual([
      { sha: sha(1), fields: { state: 'pending', context: 'merge-freeze', description: 'Deploying 2.0' } },
      {
        sha: sha(2),
        fields: {
          state: 'success',
          context: 'merge-freeze',
          description: 'Exempt from the merge freeze (label hotfix)',
        },
      },
    ]);
  });
  it('is idempotent: a second run writes nothing', async () => {
    const port = portWithPulls();
    await setFreeze(port, true, settings, new MemoryLogger());
    const again = await setFreeze(port, true, settings, new MemoryLogger());
    expect(again.updated).toEqual([]);
    expect(port.written).toHaveLength(2);
    expect(port.calls.filter((c) => c === 'createRef')).toHaveLength(1);
  });
  it('lifts the freeze everywhere and removes the ref', async () => {
    const port = portWithPulls();
    await setFreeze(port, true, settings, new MemoryLogger());
    await setFreeze(port, false, settings, new MemoryLogger());
    expect(port.refs.size).toBe(0);
    await setFreeze(port, false, settings, new MemoryLogger());
    expect(port.calls.filter((c) => c === 'deleteRef')).toHaveLength(1);
    expect(port.statuses.get(sha(1))).toEqual([
      { context: 'merge-freeze', state: 'success', description: 'Merges to main are open' },
    ]);
  });
  it('syncs one PR from the recorded state, and cuts long reasons to 140 characters', async () => {
    const port = new FakePort();
    const pr = { number: 9, sha: sha(9), labels: [] };
    expect((await syncPull(port, pr, settings, new MemoryLogger())).frozen).toBe(false);
    port.refs.set(freezeRef('main'), 'x');
    await syncPull(port, pr, { ...settings, reason: 'r'.repeat(300) }, new MemoryLogger());
    expect(port.written.at(-1)?.fields).toMatchObject({ state: 'pending' });
    expect(port.written.at(-1)?.fields.description).toHaveLength(140);
  });
  it('syncs a merge group commit from the recorded state, with no exempt label, and writes nothing on a re-run', async () => {
    const port = new FakePort();
    const group = sha(7);
    expect(await syncMergeGroup(port, group, settings, new MemoryLogger())).toEqual({ frozen: false, updated: true });
    expect(port.written.at(-1)).toEqual({
      sha: group,
      fields: { state: 'success', context: 'merge-freeze', description: 'Merges to main are open' },
    });
    port.refs.set(freezeRef('main'), 'x');
    expect(await syncMergeGroup(port, group, settings, new MemoryLogger())).toEqual({ frozen: true, updated: true });
    expect(port.written.at(-1)?.fields).toEqual({
      state: 'pending',
      context: 'merge-freeze',
      description: 'Deploying 2.0',
    });
    expect(await syncMergeGroup(port, group, settings, new MemoryLogger())).toEqual({ frozen: true, updated: false });
    expect(port.written).toHaveLength(2);
  });
  it('on and off also mark the merge groups queued for the branch (none exempt); a re-run writes nothing', async () => {
    const port = portWithPulls();
    port.mergeGroups.set('main', [sha(5), sha(6)]);
    port.mergeGroups.set('release', [sha(8)]);
    const on = await setFreeze(port, true, settings, new MemoryLogger());
    expect(on.mergeGroupsUpdated).toEqual([sha(5), sha(6)]);
    expect(port.statuses.get(sha(5))).toEqual([
      { context: 'merge-freeze', state: 'pending', description: 'Deploying 2.0' },
    ]);
    expect(port.statuses.get(sha(8))).toBeUndefined();
    expect((await setFreeze(port, true, settings, new MemoryLogger())).mergeGroupsUpdated).toEqual([]);
    const off = await setFreeze(port, false, settings, new MemoryLogger());
    expect(off.mergeGroupsUpdated).toEqual([sha(5), sha(6)]);
    expect(port.statuses.get(sha(6))).toEqual([
      { context: 'merge-freeze', state: 'success', description: 'Merges to main are open' },
    ]);
  });
});
