import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { InputError } from '@shipshape/kit';
import {
  inspectQueue,
  isAhead,
  matchWorkflows,
  resolveScope,
  type QueueSettings,
} from '../../../actions/deploy-guard/src/queue';
import { FakePort, run } from './fake-port';

const settings: QueueSettings = { workflows: 'self', sameBranch: false, zombieAgeMs: 600_000 };
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('isAhead (strict FIFO)', () => {
  const self = { id: 50, created_at: '2026-03-01T10:00:00Z' };
  it('orders by creation time, then by run id; never self', () => {
    expect(isAhead({ id: 99, created_at: '2026-03-01T09:59:59Z' }, self)).toBe(true);
    expect(isAhead({ id: 49, created_at: '2026-03-01T10:00:00Z' }, self)).toBe(true);
    expect(isAhead({ id: 51, created_at: '2026-03-01T10:00:00Z' }, self)).toBe(false);
    expect(isAhead({ id: 1, created_at: '2026-03-01T10:00:01Z' }, self)).toBe(false);
    expect(isAhead(self, self)).toBe(false);
  });
  it('gives exactly one of any two runs precedence (no deadlock, no starvation)', () => {
    const a = { id: 7, created_at: '2026-03-01T10:00:00Z' };
    const b = { id: 8, created_at: '2026-03-01T10:00:00Z' };
    expect(isAhead(a, b) !== isAhead(b, a)).toBe(true);
  });
});

describe("isAhead with re-runs (issue 16 item 2: the latest attempt's start, not the creation, orders the queue)", () => {
  // Yesterday's run 900, re-run now; today's run 950 started before the re-run; run 1001 after it.
  const rerun = { id: 900, created_at: '2026-03-01T10:00:00Z', run_started_at: '2026-03-02T09:05:00Z' };
  const today = { id: 950, created_at: '2026-03-02T09:00:00Z', run_started_at: '2026-03-02T09:00:00Z' };
  const later = { id: 1001, created_at: '2026-03-02T09:10:00Z', run_started_at: '2026-03-02T09:10:00Z' };
  it('a re-run waits for runs that started before it, and runs that start after it wait for it', () => {
    expect(isAhead(today, rerun)).toBe(true);
    expect(isAhead(rerun, today)).toBe(false);
    expect(isAhead(rerun, later)).toBe(true);
    expect(isAhead(later, rerun)).toBe(false);
  });
  it('falls back to created_at when run_started_at is missing', () => {
    expect(isAhead({ id: 2, created_at: '2026-03-02T09:01:00Z' }, rerun)).toBe(true);
  });
});

describe('inspectQueue with a search index that misses runs (issue 16 item 6)', () => {
  it('finds a run ahead through the unfiltered list of each workflow in scope when the filtered lists miss it', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(9, '2026-03-01T09:59:00Z', 'in_progress')];
    port.unindexed.add(9);
    const scope = await resolveScope(port, settings, self, 'workflows');
    const state = await inspectQueue(port, settings, scope, self, NOW, new Map());
    expect(state.blocking.map((r) => r.id)).toEqual([9]);
    // Read back to the oldest run that could still be active: 65 days before this run started.
    expect(port.recentLists).toEqual([{ workflowId: 1, since: '2025-12-26T10:00:00.000Z' }]);
  });

  it('keeps the search lists as the cross-check: an old active run beyond the unfiltered pages still blocks', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    const old = {
      ...run(3, '2026-01-20T10:00:00Z', 'in_progress'),
      run_attempt: 2,
      run_started_at: '2026-03-01T09:00:00Z',
    };
    port.runs = [self, old];
    port.listRecentRuns = async () => [{ ...self }];
    const state = await inspectQueue(port, settings, { all: true }, self, NOW, new Map());
    expect(state.blocking.map((r) => r.id)).toEqual([3]);
  });

  it("prefers the unfiltered list's view of a run over the index's stale one", async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(9, '2026-03-01T09:59:00Z', 'in_progress')];
    port.listActiveRuns = async () => [run(9, '2026-03-01T09:59:00Z', 'in_progress')];
    port.runs[1] = run(9, '2026-03-01T09:59:00Z', 'completed');
    const state = await inspectQueue(port, settings, { all: true }, self, NOW, new Map());
    expect(state.blocking).toEqual([]);
  });
});

describe('inspectQueue with re-runs', () => {
  it("lists runs created up to this attempt's start, and a re-run queued just now is no zombie however old its run", async () => {
    const port = new FakePort();
    const self = run(1001, '2026-03-01T11:58:00Z');
    const rerun = {
      ...run(900, '2026-02-01T10:00:00Z', 'queued'),
      run_attempt: 2,
      run_started_at: '2026-03-01T11:57:00Z',
    };
    port.runs = [self, rerun];
    port.jobs.set(900, []);
    const state = await inspectQueue(port, settings, { all: true }, self, NOW, new Map());
    expect(state.blocking.map((r) => r.id)).toEqual([900]);
    expect(state.zombies).toEqual([]);
  });
});

describe('isAhead is a strict total order over runs and attempts (property)', () => {
  const minute = 60_000;
  const base = Date.parse('2026-03-01T10:00:00Z');
  // Runs with a creation time and, for re-runs, a later start: times on a coarse grid so ties happen.
  const place = fc
    .tuple(
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 0, max: 20 }),
      fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    )
    .map(([id, created, rerunAfter]) => ({
      id,
      created_at: new Date(base + created * minute).toISOString(),
      ...(rerunAfter === undefined
        ? {}
        : { run_started_at: new Date(base + (created + rerunAfter) * minute).toISOString() }),
    }));
  const distinct = fc.uniqueArray(place, { minLength: 3, maxLength: 3, selector: (r) => r.id });

  it('of two distinct runs exactly one is ahead (so two guards never wait on each other, and one always goes), and it is transitive', () => {
    fc.assert(
      fc.property(distinct, ([a, b, c]) => {
        if (!a || !b || !c) return;
        expect(isAhead(a, b) !== isAhead(b, a)).toBe(true);
        expect(isAhead(a, a)).toBe(false);
        if (isAhead(a, b) && isAhead(b, c)) expect(isAhead(a, c)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('matchWorkflows', () => {
  const workflows = [
    { id: 1, name: 'Deploy', path: '.github/workflows/deploy.yml' },
    { id: 2, name: 'Staging deploy', path: '.github/workflows/staging.yml' },
  ];
  it('matches by name, file name or path', () => {
    expect([...matchWorkflows(['Deploy', 'staging.yml'], workflows, 'workflows')]).toEqual([1, 2]);
    expect([...matchWorkflows(['.github/workflows/staging.yml'], workflows, 'workflows')]).toEqual([2]);
  });
  it('names the input and lists the known workflows for an unknown name', () => {
    expect(() => matchWorkflows(['Prod'], workflows, 'workflows')).toThrow(InputError);
    expect(() => matchWorkflows(['Prod'], workflows, 'workflows')).toThrow(
      /Input 'workflows' is invalid: .*Deploy \(deploy\.yml\), Staging deploy \(staging\.yml\).*got "Prod"/,
    );
  });
});

describe('inspectQueue', () => {
  it('blocks on earlier active runs of the scope only, oldest first', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [
      self,
      run(9, '2026-03-01T09:59:00Z', 'waiting'),
      run(8, '2026-03-01T09:00:00Z', 'requested'),
      run(11, '2026-03-01T10:00:00Z', 'queued'),
      run(5, '2026-03-01T08:00:00Z', 'in_progress', { workflow_id: 2 }),
      run(4, '2026-03-01T08:00:00Z', 'completed'),
    ];
    const scope = await resolveScope(port, settings, self, 'workflows');
    const state = await inspectQueue(port, settings, scope, self, NOW, new Map());
    expect(state.blocking.map((r) => r.id)).toEqual([8, 9]);
    const all = await inspectQueue(port, settings, { all: true }, self, NOW, new Map());
    expect(all.blocking.map((r) => r.id)).toEqual([5, 8, 9]);
  });

  it('ignores zombie runs (queued, no jobs, older than the age), judging each once; one jobs list per unfinished run and look', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T11:59:00Z');
    port.runs = [
      self,
      run(3, '2026-03-01T10:00:00Z', 'queued'),
      run(4, '2026-03-01T10:00:00Z', 'queued'),
      run(6, '2026-03-01T11:58:00Z', 'queued'),
    ];
    port.jobs.set(4, [{ id: 400, name: 'build', status: 'queued' }]);
    const known = new Map<number, boolean>();
    const first = await inspectQueue(port, settings, { all: true }, self, NOW, known);
    expect(first.zombies.map((r) => r.id)).toEqual([3]);
    expect(first.blocking.map((r) => r.id)).toEqual([4, 6]); // 6 is young: not a zombie yet
    expect(known).toEqual(
      new Map([
        [3, true],
        [4, false],
      ]),
    );
    await inspectQueue(port, settings, { all: true }, self, NOW, known);
    // Three queued runs ahead, two looks: their jobs decide the concurrency check and, once, the zombie verdict.
    expect(port.calls.filter((c) => c === 'listJobs')).toHaveLength(6);
  });

  it('limits to the same branch when asked', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(9, '2026-03-01T09:00:00Z', 'in_progress', { head_branch: 'release' })];
    const state = await inspectQueue(port, { ...settings, sameBranch: true }, { all: true }, self, NOW, new Map());
    expect(state.blocking).toEqual([]);
  });
});
