import { describe, expect, it } from '@jest/globals';
import { evaluateCommit } from '../../../actions/deploy-guard/src/commit-gate';
import type { CheckInfo } from '../../../actions/deploy-guard/src/github-port';

let nextId = 1;
const check = (
  name: string,
  status: string,
  conclusion: string | null = null,
  extra: Partial<CheckInfo> = {},
): CheckInfo => ({
  id: nextId++,
  name,
  status,
  conclusion,
  started_at: '2026-03-01T10:00:00Z',
  app: { slug: 'github-actions' },
  ...extra,
});

describe('evaluateCommit', () => {
  it('treats zero statuses and zero check runs as success, not pending', () => {
    expect(evaluateCommit([], [], [], []).state).toBe('success');
  });
  it('needs the combined status AND the check runs', () => {
    const statuses = [{ context: 'ci/test', state: 'success', description: null }];
    expect(evaluateCommit(statuses, [check('build', 'in_progress')], [], []).state).toBe('pending');
    expect(
      evaluateCommit(
        [{ context: 'ci/test', state: 'pending', description: null }],
        [check('build', 'completed', 'success')],
        [],
        [],
      ).pending,
    ).toEqual(['ci/test']);
    const failed = evaluateCommit(
      [{ context: 'ci/test', state: 'error', description: null }],
      [check('build', 'completed', 'timed_out')],
      [],
      [],
    );
    expect(failed.state).toBe('failure');
    expect(failed.failing).toEqual(['ci/test', 'build']);
  });
  it('counts neutral and skipped as passing', () => {
    expect(
      evaluateCommit([], [check('a', 'completed', 'neutral'), check('b', 'completed', 'skipped')], [], []).state,
    ).toBe('success');
  });
  it('uses the newest check run per name (a re-run replaces a failure)', () => {
    const old = check('e2e', 'completed', 'failure', { started_at: '2026-03-01T09:00:00Z' });
    const rerun = check('e2e', 'completed', 'success', { started_at: '2026-03-01T09:30:00Z' });
    expect(evaluateCommit([], [rerun, old], [], []).state).toBe('success');
  });
  it('ignores unfinished check runs of this run (by job id, or a github-actions check with the job name)', () => {
    const own = check('deploy', 'in_progress');
    const byName = check('smoke', 'queued');
    const jobs = [
      { id: own.id, name: 'deploy (prod)', status: 'in_progress' },
      { id: 999_999, name: 'smoke', status: 'queued' },
    ];
    expect(evaluateCommit([], [own, byName, check('build', 'completed', 'success')], [], jobs)).toMatchObject({
      state: 'success',
      passed: ['build'],
    });
    // A finished job of the same run counts.
    const done = check('lint', 'completed', 'failure');
    expect(evaluateCommit([], [done], [], [{ id: done.id, name: 'lint', status: 'completed' }]).state).toBe('failure');
  });
  it('keeps the newest per name in each check suite: a green job of one workflow never hides a red one of another', () => {
    const ci = check('test', 'completed', 'failure', { started_at: '2026-03-01T09:00:00Z', check_suite: { id: 1 } });
    const other = check('test', 'completed', 'success', { started_at: '2026-03-01T09:30:00Z', check_suite: { id: 2 } });
    expect(evaluateCommit([], [other, ci], [], [])).toMatchObject({ state: 'failure', failing: ['test'] });
    // A re-run in the same suite replaces the failure.
    const rerun = check('test', 'completed', 'success', { started_at: '2026-03-01T09:40:00Z', check_suite: { id: 1 } });
    expect(evaluateCommit([], [other, ci, rerun], [], []).state).toBe('success');
  });
  it('a job of another run with the name of one of ours is not ours: its details_url names its run', () => {
    const url = (run: number, id: number) => `https://github.com/o/r/actions/runs/${run}/job/${id}`;
    const ownSmoke = check('smoke', 'queued', null, { started_at: null, details_url: url(10, 1002) });
    const ciSmoke = check('smoke', 'in_progress', null, { details_url: url(7, 701) });
    const jobs = [{ id: 1002, name: 'smoke', status: 'queued' }];
    expect(evaluateCommit([], [ownSmoke, ciSmoke], [], jobs, [], new Set(), 10)).toMatchObject({
      state: 'pending',
      pending: ['smoke'],
    });
    // Without the run's id (outside a workflow run), the name still tells (as before).
    expect(evaluateCommit([], [ciSmoke], [], jobs).state).toBe('success');
  });
  it('with required checks, looks only at those: by name, or app/name; missing ones are pending', () => {
    const checks = [
      check('e2e', 'completed', 'success', { app: { slug: 'circleci' } }),
      check('flaky', 'completed', 'failure'),
    ];
    const statuses = [{ context: 'ci/circleci: build', state: 'success', description: null }];
    expect(evaluateCommit(statuses, checks, [{ text: 'circleci/e2e' }, { text: 'ci/circleci: build' }], []).state).toBe(
      'success',
    );
    expect(evaluateCommit(statuses, checks, [{ text: 'travis/e2e' }], [])).toMatchObject({
      state: 'pending',
      pending: ['travis/e2e (not reported yet)'],
    });
    expect(evaluateCommit(statuses, checks, [{ text: 'flaky' }], []).failing).toEqual(['flaky']);
  });
  it("never waits on the guard's own merge-freeze status", () => {
    const statuses = [
      { context: 'merge-freeze', state: 'pending', description: 'Out-of-band deploy' },
      { context: 'ci/test', state: 'success', description: null },
    ];
    expect(evaluateCommit(statuses, [], [], [], ['merge-freeze'])).toMatchObject({
      state: 'success',
      passed: ['ci/test'],
    });
    expect(evaluateCommit(statuses, [], [], []).state).toBe('pending');
  });
});
