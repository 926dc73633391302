import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { closeTarget, openTarget } from './open-target';
import {
  findRef,
  openScratchPullRequest,
  removeRefAfterwards,
  setStatus,
  statusesFor,
  type ScratchPullRequest,
} from './repository-setup';
import { runOnTarget } from './run-on-target';
import type { ContractTarget } from './target';

/**
 * Live contract, deploy-guard: the commit gate on a commit carrying a status of this run's own, a merge freeze on
 * and off through `refs/shipshape/freeze/<branch>` (on a base branch of this run's own, so no other pull request of
 * the repository is touched), and a deploy window. Against GitHub with `npm run test:live` and SHIPSHAPE_LIVE_REPO,
 * against the emulator otherwise (tests/README.md, "Live contract").
 */

let t: ContractTarget | undefined;
let pr: ScratchPullRequest;

beforeAll(async () => {
  t = await openTarget();
  pr = await openScratchPullRequest(t, {
    title: `Live contract ${t.prefix}`,
    body: 'Opened by the shipshape live contract; closed when it ends.',
  });
}, 180_000);
afterEach(() => t?.verifyTraffic());
afterAll(async () => {
  if (t) await closeTarget(t);
}, 300_000);

function target(): ContractTarget {
  if (!t) throw new Error('live contract: the target did not open (see beforeAll)');
  return t;
}

function guard(inputs: Record<string, string>) {
  // Short polls, bounded: a gate that should pass or fail at once never waits for long.
  return runOnTarget(target(), {
    action: 'deploy-guard',
    sha: pr.headSha,
    inputs: { 'poll-interval': '1', timeout: '60', ...inputs },
  });
}

describe('live contract: deploy-guard', () => {
  it('the commit gate proceeds on a successful status of its own context and blocks on a failed one', async () => {
    const t = target();
    await setStatus(t, pr.headSha, {
      context: `${t.prefix}/ci`,
      state: 'success',
      description: 'Live contract: passing',
    });
    await setStatus(t, pr.headSha, {
      context: `${t.prefix}/lint`,
      state: 'failure',
      description: 'Live contract: failing',
    });

    const passing = await guard({ 'commit-gate': 'true', sha: pr.headSha, 'required-checks': `${t.prefix}/ci` });
    expect(passing.failure).toBeUndefined();
    expect(passing.exitCode).toBe(0);
    expect(passing.outputs).toMatchObject({ decision: 'proceed', 'checked-sha': pr.headSha });

    const failing = await guard({ 'commit-gate': 'true', sha: pr.headSha, 'required-checks': `${t.prefix}/lint` });
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs.decision).toBe('blocked');
    expect(failing.outputs.reason).toContain(`${t.prefix}/lint`);
  }, 300_000);

  it('a freeze marks the pull request pending and records itself in refs/shipshape/freeze/<branch>; a re-run writes nothing; lifting it marks success and removes the record', async () => {
    const t = target();
    const context = `${t.prefix}/freeze`;
    const record = `shipshape/freeze/${pr.base}`;
    removeRefAfterwards(t, record);
    const inputs = {
      'freeze-branch': pr.base,
      'freeze-context': context,
      'freeze-reason': `Live contract ${t.prefix}: frozen`,
    };

    const on = await guard({ ...inputs, freeze: 'on' });
    expect(on.failure).toBeUndefined();
    expect(on.exitCode).toBe(0);
    expect(await findRef(t, record)).toBe(pr.baseSha);
    const frozen = await statusesFor(t, pr.headSha, context);
    expect(frozen).toHaveLength(1);
    expect(frozen[0]).toMatchObject({ state: 'pending', description: `Live contract ${t.prefix}: frozen` });

    const again = await guard({ ...inputs, freeze: 'on' });
    expect(again.exitCode).toBe(0);
    expect(await statusesFor(t, pr.headSha, context)).toHaveLength(1);

    const off = await guard({ ...inputs, freeze: 'off' });
    expect(off.failure).toBeUndefined();
    expect(off.exitCode).toBe(0);
    expect(await findRef(t, record)).toBeUndefined();
    const lifted = await statusesFor(t, pr.headSha, context);
    expect(lifted).toHaveLength(2);
    expect(lifted[0]).toMatchObject({ state: 'success' });
  }, 300_000);

  it('a window open all day proceeds; the same window with today and tomorrow blacked out is blocked (skip: the step succeeds)', async () => {
    const now = new Date();
    const day = (offset: number): string => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const open = await guard({ window: 'daily 00:00-24:00 UTC' });
    expect(open.failure).toBeUndefined();
    expect(open.exitCode).toBe(0);
    expect(open.outputs.decision).toBe('proceed');

    // Two days blacked out, so the answer holds even if the run crosses midnight UTC.
    const closed = await guard({
      window: 'daily 00:00-24:00 UTC',
      blackout: `${day(0)},${day(1)}`,
      'outside-window': 'skip',
    });
    expect(closed.exitCode).toBe(0);
    expect(closed.outputs.decision).toBe('blocked');
    expect(Date.parse(closed.outputs['next-window'] ?? '')).toBeGreaterThanOrEqual(Date.parse(`${day(2)}T00:00:00Z`));
  }, 300_000);
});
