import { describe, expect, it } from '@jest/globals';
import { checksWaitingOnThisRun, runOfCheck } from '../../../actions/deploy-guard/src/gate-waiters';
import type { CheckInfo } from '../../../actions/deploy-guard/src/github-port';
import { FakePort, run } from './fake-port';

/** An Actions job's check run, as GitHub lists it: same id as the job, details_url the job's page. */
const job = (id: number, runId: number, name: string, status: string): CheckInfo => ({
  id,
  name,
  status,
  conclusion: null,
  started_at: null,
  app: { slug: 'github-actions' },
  details_url: `https://github.com/o/r/actions/runs/${runId}/job/${id}`,
});

describe('checks that wait on this run (issue 16 item 5b)', () => {
  const self = run(10, '2026-03-01T10:00:00Z');
  const context = (port: FakePort, ids = [1]) => ({
    self,
    scope: { all: false as const, ids: new Set(ids) },
    runs: new Map([[self.id, self]]),
  });

  it("ties a job to its run by its page; another app's check run has no run", () => {
    expect(runOfCheck(job(1101, 11, 'deploy', 'in_progress'))).toBe(11);
    expect(runOfCheck({ ...job(5, 11, 'ci', 'in_progress'), app: { slug: 'circleci' } })).toBeUndefined();
  });

  it("a later deploy run's job, a job pending on a concurrency group and one waiting for approval; not an earlier deploy job, not CI", async () => {
    const port = new FakePort();
    port.runs = [
      self,
      run(11, '2026-03-01T10:05:00Z'),
      run(9, '2026-03-01T09:00:00Z'),
      run(8, '2026-03-01T09:00:00Z'),
      run(7, '2026-03-01T09:00:00Z'),
      run(12, '2026-03-01T10:06:00Z', 'in_progress', { workflow_id: 2 }),
    ];
    const checks = [
      job(1101, 11, 'guard', 'in_progress'),
      job(901, 9, 'deploy', 'in_progress'),
      job(801, 8, 'deploy', 'pending'),
      job(701, 7, 'promote', 'waiting'),
      job(1201, 12, 'test', 'in_progress'),
    ];
    const waiting = await checksWaitingOnThisRun(port, checks, context(port));
    expect(Object.fromEntries(waiting)).toEqual({
      1101: 'run 11 started after this one and may be waiting for it',
      801: 'run 8 waits for a concurrency group',
      701: 'run 7 waits for an environment approval',
    });
    // Each run is asked for once; the next poll asks for none.
    const ctx = context(port);
    await checksWaitingOnThisRun(port, checks, ctx);
    const asked = port.calls.filter((c) => c === 'getRun').length;
    await checksWaitingOnThisRun(port, checks, ctx);
    expect(port.calls.filter((c) => c === 'getRun').length).toBe(asked);
  });
});
