import { describe, expect, it } from '@jest/globals';
import { FakeClock, InputError, MemoryLogger, mapInputSource, Inputs } from '@shipshape/kit';
import { runGuard, type GuardContext } from '../../../actions/deploy-guard/src/guard';
import { renderSummary } from '../../../actions/deploy-guard/src/report';
import { readSettings, type Settings } from '../../../actions/deploy-guard/src/inputs';
import { FakePort, run } from './fake-port';

const SHA = 'c'.repeat(40);

function settings(values: Record<string, string>, payload = {}): Settings {
  return readSettings(new Inputs(mapInputSource({ token: 't', 'poll-interval': '10', ...values })), {
    env: { GITHUB_SHA: SHA, GITHUB_REF: 'refs/heads/main' },
    payload,
    readFile: (path) => (path === 'blackouts.txt' ? '2026-12-24\n2026-12-25 # Christmas\n' : undefined),
  });
}

const ctx: GuardContext = { runId: 10, eventName: 'workflow_dispatch', pull: undefined };

describe('readSettings', () => {
  it('needs at least one check and validates durations and choices, naming the input', () => {
    expect(() => settings({})).toThrow(/at least one check/);
    expect(() => settings({ queue: 'true', 'poll-interval': '0' })).toThrow(/Input 'poll-interval' is invalid/);
    expect(() => settings({ queue: 'true', timeout: '-5' })).toThrow(/Input 'timeout' is invalid/);
    expect(() => settings({ 'cancel-window': '100000' })).toThrow(/Input 'cancel-window' is invalid/);
    expect(() => settings({ queue: 'true', 'on-timeout': 'maybe' })).toThrow(/Input 'on-timeout' is invalid/);
    expect(() => settings({ freeze: 'sync' })).toThrow(
      /Input 'freeze' is invalid: expected 'sync' only on pull_request and merge_group events/,
    );
  });
  it('freeze: sync on a merge_group event reads the group commit and its target branch (base_ref without refs/heads/)', () => {
    const group = {
      merge_group: {
        head_sha: 'd'.repeat(40),
        base_ref: 'refs/heads/release/2.x',
        head_ref: 'refs/heads/gh-readonly-queue/release/2.x/pr-7-dddd',
      },
    };
    expect(settings({ freeze: 'sync' }, group)).toMatchObject({
      freeze: 'sync',
      sha: 'd'.repeat(40),
      freezeBranch: 'release/2.x',
    });
  });
  it('names the window input and the bad part; blackouts come from a list or a file', () => {
    expect(() => settings({ window: 'weekdays 08:00-17:00 UTC' })).toThrow(InputError);
    expect(() => settings({ window: 'weekdays 08:00-17:00 UTC' })).toThrow(
      /Input 'window' is invalid: .*unknown day "weekdays"/,
    );
    expect(() => settings({ window: 'daily 08:00-17:00 UTC', blackout: '2026-13-01' })).toThrow(
      /Input 'blackout' is invalid/,
    );
    expect(() => settings({ window: 'daily 08:00-17:00 UTC', blackout: 'missing.txt' })).toThrow(
      /Input 'blackout' is invalid/,
    );
    expect([
      ...(settings({ window: 'daily 08:00-17:00 UTC', blackout: 'blackouts.txt' }).window?.blackouts ?? []),
    ]).toEqual(['2026-12-24', '2026-12-25']);
  });
  it('reads poll intervals, timeouts and the cancel window as decimals, rejecting negatives and absurd values', () => {
    expect(settings({ queue: 'true', 'poll-interval': '0.05', timeout: '0.5' })).toMatchObject({
      pollMs: 50,
      timeoutMs: 500,
    });
    expect(settings({ 'cancel-window': '15' }).cancelWindowMinutes).toBe(15);
    expect(settings({ 'cancel-window': '0.5' }).cancelWindowMinutes).toBe(0.5);
    for (const [name, value] of [
      ['poll-interval', '-1'],
      ['poll-interval', '1e3'],
      ['poll-interval', '0.001'],
      ['timeout', '999999'],
      ['cancel-window', '-2'],
      ['cancel-window', 'fifteen'],
    ]) {
      expect(() => settings({ queue: 'true', [name as string]: value as string })).toThrow(
        new RegExp(`Input '${name}' is invalid: expected a number of (seconds|minutes) from`),
      );
    }
  });
  it('needs a commit only for the commit gate (a window alone runs without GITHUB_SHA)', () => {
    const bare = (values: Record<string, string>) =>
      readSettings(new Inputs(mapInputSource({ token: 't', ...values })), {
        env: {},
        payload: {},
        readFile: () => undefined,
      });
    expect(bare({ window: 'daily 00:00-24:00 UTC' }).sha).toBe('');
    expect(() => bare({ 'commit-gate': 'true' })).toThrow(
      /Input 'sha' is invalid: expected a commit SHA \(GITHUB_SHA is not set\)/,
    );
    expect(() => bare({ window: 'daily 00:00-24:00 UTC', sha: 'main; rm -rf' })).toThrow(
      /Input 'sha' is invalid: expected a commit SHA or ref name/,
    );
  });
  it('defaults the commit to the PR head, then GITHUB_SHA; workflows to this one', () => {
    expect(settings({ 'commit-gate': 'true' }).sha).toBe(SHA);
    expect(
      settings({ 'commit-gate': 'true' }, { pull_request: { number: 1, head: { sha: 'd'.repeat(40) } } }).sha,
    ).toBe('d'.repeat(40));
    expect(settings({ queue: 'true' }).workflows).toBe('self');
    expect(settings({ queue: 'true', workflows: 'Deploy\n*' }).workflows).toBe('*');
  });
});

describe('runGuard', () => {
  it('waits for an earlier run, backing off while nothing changes, then proceeds', async () => {
    const port = new FakePort();
    port.runs = [run(10, '2026-03-01T10:00:00Z'), run(9, '2026-03-01T09:00:00Z')];
    port.onPoll = (kind, n) => {
      if (kind === 'listRecentRuns' && n === 4) port.runs = port.runs.filter((r) => r.id !== 9);
    };
    const clock = new FakeClock();
    const log = new MemoryLogger();
    const result = await runGuard(settings({ queue: 'true' }), ctx, { port, clock, log });
    expect(result).toMatchObject({ decision: 'proceed', failed: false, blockingRuns: [] });
    // Without a ConditionalClient every poll counts as changed: the base interval each time.
    expect(clock.sleeps).toEqual([10_000, 10_000, 10_000]);
    expect(result.waitedMs).toBe(30_000);
    expect(log.text()).toContain('waiting for 1 earlier run(s): run 9 (Deploy) in_progress');
  });

  it('fails closed on timeout with the blocking runs, or continues when asked', async () => {
    const port = new FakePort();
    port.runs = [run(10, '2026-03-01T10:00:00Z'), run(9, '2026-03-01T09:00:00Z')];
    const closed = await runGuard(settings({ queue: 'true', timeout: '60' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(closed).toMatchObject({ decision: 'blocked', failed: true, waitedMs: 60_000 });
    expect(closed.blockingRuns.map((r) => r.id)).toEqual([9]);
    expect(closed.reason).toMatch(/Timed out waiting for earlier runs/);
    const open = await runGuard(settings({ queue: 'true', timeout: '60', 'on-timeout': 'continue' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(open).toMatchObject({ decision: 'proceed', failed: false });
    expect(renderSummary(open)).toMatch(/\| queue \| timed out \| 60 s \|/);
  });

  it('freeze: sync on a merge group marks the group commit (not a PR) and says so in its row', async () => {
    const port = new FakePort();
    const group = 'e'.repeat(40);
    const payload = { merge_group: { head_sha: group, base_ref: 'refs/heads/main' } };
    const groupCtx: GuardContext = { runId: 10, eventName: 'merge_group', pull: undefined, mergeGroup: { sha: group } };
    const result = await runGuard(settings({ freeze: 'sync' }, payload), groupCtx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(result).toMatchObject({ decision: 'proceed', reason: 'merge freeze off' });
    expect(result.rows).toEqual([
      expect.objectContaining({
        check: 'merge freeze',
        result: 'done',
        detail: 'open: status `merge-freeze` set on merge group commit eeeeeee',
      }),
    ]);
    expect(port.written).toEqual([
      { sha: group, fields: { state: 'success', context: 'merge-freeze', description: 'Merges to main are open' } },
    ]);
    expect(port.calls).not.toContain('openPulls');
  });
  it('waits for the window to open (outside-window: wait) and reports the next window', async () => {
    const clock = new FakeClock(Date.parse('2026-03-27T16:30:00Z')); // Friday 17:30 CET, closed
    const result = await runGuard(
      settings({ window: 'mon-fri 08:00-17:00 Europe/Paris', 'outside-window': 'wait', timeout: '259200' }),
      ctx,
      {
        port: new FakePort(),
        clock,
        log: new MemoryLogger(),
      },
    );
    expect(result.decision).toBe('proceed');
    expect(new Date(clock.now()).toISOString()).toBe('2026-03-30T06:00:00.000Z'); // Monday 08:00 CEST
    expect(result.nextWindow).toBe('2026-03-30T06:00:00.000Z');
  });

  it('does not wait for a window that opens after the timeout', async () => {
    const clock = new FakeClock(Date.parse('2026-03-27T16:30:00Z'));
    const result = await runGuard(
      settings({ window: 'mon-fri 08:00-17:00 Europe/Paris', 'outside-window': 'wait', timeout: '3600' }),
      ctx,
      {
        port: new FakePort(),
        clock,
        log: new MemoryLogger(),
      },
    );
    expect(result).toMatchObject({ decision: 'blocked', failed: true });
    expect(result.reason).toMatch(/opens at Mon 2026-03-30 08:00 .* after the timeout/);
    expect(clock.sleeps).toEqual([]);
  });

  it('lets an override label through outside the window and records it', async () => {
    const clock = new FakeClock(Date.parse('2026-03-28T12:00:00Z'));
    const pull = { number: 5, sha: SHA, labels: ['out-of-band'] };
    const result = await runGuard(
      settings({ window: 'mon-fri 08:00-17:00 Europe/Paris', 'override-label': 'out-of-band' }),
      { ...ctx, pull },
      {
        port: new FakePort(),
        clock,
        log: new MemoryLogger(),
      },
    );
    expect(result.decision).toBe('proceed');
    expect(result.rows[0]).toMatchObject({ check: 'deploy window', result: 'overridden' });
    expect(result.reason).toContain('label `out-of-band` on #5');
  });

  it('waits through the cancel window, announcing the countdown, then proceeds', async () => {
    const port = new FakePort();
    port.runs = [run(10, '2026-03-01T10:00:00Z')];
    const clock = new FakeClock();
    const log = new MemoryLogger();
    const result = await runGuard(
      settings({ 'cancel-window': '3', 'poll-interval': '30' }),
      { ...ctx, pull: { number: 5, sha: SHA, labels: [] } },
      { port, clock, log },
    );
    expect(result.decision).toBe('proceed');
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(180_000);
    expect(log.text()).toMatch(
      /Cancel window: proceeding at .*add the label `abort-deploy` to #5, or cancel the workflow run/,
    );
    expect(log.text()).toMatch(/Cancel window: 2 min 30 s left|Cancel window: 2 min left/);
  });

  it('stops the cancel window when the run is cancelled, or the runner signals', async () => {
    const port = new FakePort();
    port.runs = [run(10, '2026-03-01T10:00:00Z')];
    port.onPoll = (kind, n) => {
      if (kind === 'getRun' && n === 3)
        port.runs = [run(10, '2026-03-01T10:00:00Z', 'completed', { conclusion: 'cancelled' })];
    };
    const cancelled = await runGuard(settings({ 'cancel-window': '15' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(cancelled).toMatchObject({ decision: 'blocked', failed: true });
    expect(cancelled.reason).toMatch(/the workflow run is cancelled/);

    const controller = new AbortController();
    const clock = new FakeClock();
    const signalled = new FakePort();
    signalled.runs = [run(10, '2026-03-01T10:00:00Z')];
    signalled.onPoll = (kind, n) => {
      if (kind === 'getRun' && n === 2) controller.abort(new Error('SIGTERM'));
    };
    const stopped = await runGuard(settings({ 'cancel-window': '15' }), ctx, {
      port: signalled,
      clock,
      log: new MemoryLogger(),
      signal: controller.signal,
    });
    expect(stopped).toMatchObject({ decision: 'blocked', failed: true });
  });

  it('fails fast on a failing check and reports the checked SHA; escapes untrusted text in the summary', async () => {
    const port = new FakePort();
    port.statuses.set(SHA, [{ context: 'ci|<script>', state: 'failure', description: null }]);
    const result = await runGuard(settings({ 'commit-gate': 'true' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(result).toMatchObject({ decision: 'blocked', failed: true, checkedSha: SHA });
    const summary = renderSummary(result);
    expect(summary).toContain('ci\\|&lt;script&gt;');
    expect(summary).not.toContain('<script>');
  });

  it('on a push, finds the override label on a PR of the deployed commit', async () => {
    const port = new FakePort();
    port.commitPulls.set(SHA, [3, 4]);
    port.prLabels.set(4, ['out-of-band']);
    const result = await runGuard(
      settings({ window: 'mon-fri 08:00-17:00 Europe/Paris', 'override-label': 'out-of-band' }),
      ctx,
      {
        port,
        clock: new FakeClock(Date.parse('2026-03-28T12:00:00Z')),
        log: new MemoryLogger(),
      },
    );
    expect(result.decision).toBe('proceed');
    expect(renderSummary(result)).toMatch(/\| deploy window \| overridden \|.*label \\`out-of-band\\` on #4/);
    const none = new FakePort();
    const blocked = await runGuard(
      settings({ window: 'mon-fri 08:00-17:00 Europe/Paris', 'override-label': 'out-of-band' }),
      ctx,
      {
        port: none,
        clock: new FakeClock(Date.parse('2026-03-28T12:00:00Z')),
        log: new MemoryLogger(),
      },
    );
    expect(blocked).toMatchObject({ decision: 'blocked', failed: true });
  });

  it('asks for its own jobs only when some check run is unfinished', async () => {
    const port = new FakePort();
    port.checks.set(SHA, [
      {
        id: 1,
        name: 'build',
        status: 'completed',
        conclusion: 'success',
        started_at: null,
        app: { slug: 'github-actions' },
      },
    ]);
    const done = await runGuard(settings({ 'commit-gate': 'true' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(done.decision).toBe('proceed');
    expect(port.calls).toEqual(['combinedStatus', 'checkRuns']);
    port.checks.set(SHA, [
      {
        id: 2,
        name: 'deploy',
        status: 'in_progress',
        conclusion: null,
        started_at: null,
        app: { slug: 'github-actions' },
      },
    ]);
    port.jobs.set(10, [{ id: 2, name: 'deploy', status: 'in_progress' }]);
    port.calls = [];
    const own = await runGuard(settings({ 'commit-gate': 'true' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    expect(own.decision).toBe('proceed');
    expect(port.calls).toEqual(['combinedStatus', 'checkRuns', 'listJobs']);
  });

  it('names GITHUB_RUN_ID when the queue or the cancel window runs outside a workflow run', async () => {
    for (const values of [{ queue: 'true' }, { 'cancel-window': '1' }] as Record<string, string>[]) {
      const result = await runGuard(
        settings(values),
        { ...ctx, runId: 0 },
        { port: new FakePort(), clock: new FakeClock(), log: new MemoryLogger() },
      );
      expect(result).toMatchObject({ decision: 'blocked', failed: true });
      expect(result.reason).toMatch(/needs this workflow run's id \(GITHUB_RUN_ID\)/);
    }
  });

  it('outside-window: skip blocks without failing the step', async () => {
    const result = await runGuard(settings({ window: 'sat 10:00-11:00 UTC', 'outside-window': 'skip' }), ctx, {
      port: new FakePort(),
      clock: new FakeClock(Date.parse('2026-03-02T10:00:00Z')),
      log: new MemoryLogger(),
    });
    expect(result).toMatchObject({ decision: 'blocked', failed: false, nextWindow: '2026-03-07T10:00:00.000Z' });
  });
});
