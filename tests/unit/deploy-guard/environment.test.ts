import { describe, expect, it } from '@jest/globals';
import { createGitHubClient } from '@shipshape/github';
import { FakeClock, Inputs, MemoryLogger, mapInputSource } from '@shipshape/kit';
import {
  activeDeployments,
  deploymentMemory,
  runIdFromUrl,
  runIdOfStatus,
} from '../../../actions/deploy-guard/src/environment';
import { githubGuardPort } from '../../../actions/deploy-guard/src/github-port';
import { runGuard, type GuardContext } from '../../../actions/deploy-guard/src/guard';
import { readSettings } from '../../../actions/deploy-guard/src/inputs';
import { ConditionalClient } from '../../../actions/deploy-guard/src/poll';
import { inspectQueue, type QueueSettings } from '../../../actions/deploy-guard/src/queue';
import { FakePort, deployment, run } from './fake-port';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const production: QueueSettings = {
  workflows: 'self',
  sameBranch: false,
  zombieAgeMs: 600_000,
  environment: 'production',
};
const SCOPE = { all: true } as const;

describe('runIdFromUrl', () => {
  it('reads the run from run and job URLs, on any host', () => {
    expect(runIdFromUrl('https://github.com/octo-org/app/actions/runs/18739662665')).toBe(18739662665);
    expect(runIdFromUrl('https://github.com/octo-org/app/actions/runs/18739662665/job/53459204614')).toBe(18739662665);
    expect(runIdFromUrl('https://github.example.com/octo-org/app/actions/runs/42/attempts/2')).toBe(42);
    expect(runIdFromUrl('https://github.com/octo-org/app/actions/runs/42?check_suite_focus=true')).toBe(42);
  });
  it('ignores URLs it cannot read', () => {
    for (const url of [
      undefined,
      null,
      '',
      'not a url',
      'https://deploy.example.com/logs/42',
      'https://github.com/o/r/actions/runs/',
      'https://github.com/o/r/actions/runs/abc',
      'https://github.com/o/r/actions/workflows/deploy.yml',
      'https://github.com/o/r/actions/runs/0',
      'https://github.com/o/r/actions/runs/99999999999999999999',
    ]) {
      expect(runIdFromUrl(url)).toBeUndefined();
    }
  });
  it('falls back from log_url to target_url', () => {
    expect(runIdOfStatus({ log_url: '', target_url: 'https://github.com/o/r/actions/runs/7/job/70' })).toBe(7);
    expect(
      runIdOfStatus({
        log_url: 'https://github.com/o/r/actions/runs/8',
        target_url: 'https://github.com/o/r/actions/runs/7',
      }),
    ).toBe(8);
  });
});

describe('inspectQueue with an environment', () => {
  it('waits only for earlier runs with an active deployment to the environment', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [
      self,
      run(4, '2026-03-01T09:00:00Z'), // deploying to production: in progress
      run(5, '2026-03-01T09:01:00Z', 'waiting'), // waiting for an approval to deploy to production
      run(6, '2026-03-01T09:02:00Z'), // deploying to staging
      run(7, '2026-03-01T09:03:00Z'), // its production deployment finished (success), the run is still going
      run(8, '2026-03-01T09:04:00Z'), // no deployment at all (still building)
      run(9, '2026-03-01T09:05:00Z'), // deployment failed, then marked inactive
      run(11, '2026-03-01T10:30:00Z'), // later: never waited on
    ];
    deployment(port, 100, 'production', '2026-03-01T09:10:00Z', [
      { state: 'queued', runId: 4 },
      { state: 'in_progress', runId: 4 },
    ]);
    deployment(port, 101, 'production', '2026-03-01T09:11:00Z', [{ state: 'waiting', runId: 5 }]);
    deployment(port, 102, 'staging', '2026-03-01T09:12:00Z', [{ state: 'in_progress', runId: 6 }]);
    deployment(port, 103, 'production', '2026-03-01T09:13:00Z', [
      { state: 'in_progress', runId: 7 },
      { state: 'success', runId: 7 },
    ]);
    deployment(port, 104, 'production', '2026-03-01T09:14:00Z', [
      { state: 'error', runId: 9 },
      { state: 'inactive', runId: 9 },
    ]);
    deployment(port, 105, 'production', '2026-03-01T10:31:00Z', [{ state: 'in_progress', runId: 11 }]);
    const state = await inspectQueue(port, production, SCOPE, self, NOW, new Map());
    expect(state.blocking.map((r) => r.id)).toEqual([4, 5]);
    expect(state.deployments.get(4)).toEqual({ deploymentId: 100, state: 'in_progress' });
    expect(state.deployments.get(5)).toEqual({ deploymentId: 101, state: 'waiting' });
    const staging = await inspectQueue(port, { ...production, environment: 'staging' }, SCOPE, self, NOW, new Map());
    expect(staging.blocking.map((r) => r.id)).toEqual([6]);
  });

  it('asks nothing about deployments when no run is ahead', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(11, '2026-03-01T10:30:00Z'), run(3, '2026-03-01T08:00:00Z', 'completed')];
    deployment(port, 105, 'production', '2026-03-01T10:31:00Z', [{ state: 'in_progress', runId: 11 }]);
    const state = await inspectQueue(port, production, SCOPE, self, NOW, new Map());
    expect(state.blocking).toEqual([]);
    expect(port.calls).toEqual(['listRecentRuns', 'listActiveRuns']);
  });

  it('reads deployments back only to the oldest earlier run, and remembers finished and foreign ones', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(4, '2026-03-01T09:00:00Z'), run(11, '2026-03-01T10:30:00Z')];
    deployment(port, 90, 'production', '2026-03-01T07:00:00Z', [{ state: 'in_progress', runId: 2 }]); // before run 4: never read
    deployment(port, 91, 'production', '2026-03-01T08:00:00Z', [{ state: 'in_progress', runId: 3 }]);
    deployment(port, 100, 'production', '2026-03-01T09:10:00Z', [{ state: 'in_progress', runId: 4 }]);
    deployment(port, 101, 'production', '2026-03-01T09:20:00Z', [{ state: 'success', runId: 1 }]);
    deployment(port, 102, 'production', '2026-03-01T10:00:01Z', [{ state: 'in_progress', runId: 10 }]); // this run's own
    deployment(port, 103, 'production', '2026-03-01T10:31:00Z', [{ state: 'in_progress', runId: 11 }]); // a later run's
    const memory = deploymentMemory();
    const first = await inspectQueue(port, production, SCOPE, self, NOW, new Map(), memory);
    expect(first.blocking.map((r) => r.id)).toEqual([4]);
    expect(port.deploymentLists[0]?.createdSince).toBe('2026-03-01T09:00:00.000Z');
    // Pages of 2, newest first: 103 102 | 101 100 | 91 90 — the third page reaches back before run 4, the last read.
    expect(port.deploymentLists[0]?.returned).toBe(6);
    const asked = (): number => port.calls.filter((c) => c === 'latestDeploymentStatus').length;
    expect(asked()).toBe(4); // 103, 102, 101, 100 (91 and 90 predate every earlier run)
    // The next poll asks only about the one that may still block: 101 finished, 102 and 103 are not ahead of us.
    port.calls = [];
    await inspectQueue(port, production, SCOPE, self, NOW, new Map(), memory);
    expect(asked()).toBe(1);
    // Run 4's deploy finishes: the run no longer blocks, though it is still active.
    port.deploymentStatuses.get(100)?.push({
      id: 999,
      state: 'success',
      created_at: '2026-03-01T09:30:00Z',
      log_url: 'https://github.com/octo-org/app/actions/runs/4/job/40',
    });
    const after = await inspectQueue(port, production, SCOPE, self, NOW, new Map(), memory);
    expect(after.blocking).toEqual([]);
    expect(memory.finished.has(100)).toBe(true);
  });

  it('counts a deployment with no status yet for the earlier runs of its commit, for a few minutes only', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T11:50:00Z');
    port.runs = [
      self,
      run(4, '2026-03-01T11:40:00Z', 'in_progress', { head_sha: 'c'.repeat(40) }),
      run(5, '2026-03-01T11:41:00Z', 'in_progress', { head_sha: 'd'.repeat(40) }),
    ];
    deployment(port, 100, 'production', '2026-03-01T11:58:00Z'); // 2 minutes old, no status, commit of run 4
    const young = await inspectQueue(port, production, SCOPE, self, NOW, new Map());
    expect(young.blocking.map((r) => r.id)).toEqual([4]);
    expect(young.deployments.get(4)).toEqual({ deploymentId: 100, state: 'created' });
    const old = await inspectQueue(port, production, SCOPE, self, NOW + 10 * 60_000, new Map());
    expect(old.blocking).toEqual([]);
  });

  it('forgets a deployment deleted between the list and its status', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(4, '2026-03-01T09:00:00Z')];
    deployment(port, 100, 'production', '2026-03-01T09:10:00Z', [{ state: 'in_progress', runId: 4 }]);
    const listed = [...port.deployments];
    port.listDeployments = async () => listed; // listed, then deleted before its status is read
    port.deployments = [];
    const memory = deploymentMemory();
    const state = await inspectQueue(port, production, SCOPE, self, NOW, new Map(), memory);
    expect(state.blocking).toEqual([]);
    expect(memory.finished.has(100)).toBe(true);
  });

  it('ignores deployments whose statuses link to no run (an external deploy tool)', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [self, run(4, '2026-03-01T09:00:00Z')];
    deployment(port, 100, 'production', '2026-03-01T09:10:00Z', [
      { state: 'in_progress', url: 'https://deploy.example.com/jobs/4' },
    ]);
    const state = await inspectQueue(port, production, SCOPE, self, NOW, new Map());
    expect(state.blocking).toEqual([]);
  });

  it('applies to the runs of the scope and branch only, FIFO unchanged', async () => {
    const port = new FakePort();
    const self = run(10, '2026-03-01T10:00:00Z');
    port.runs = [
      self,
      run(4, '2026-03-01T09:00:00Z', 'in_progress', { workflow_id: 2 }),
      run(9, '2026-03-01T10:00:00Z'),
      run(12, '2026-03-01T10:00:00Z'),
    ];
    deployment(port, 100, 'production', '2026-03-01T09:10:00Z', [{ state: 'in_progress', runId: 4 }]);
    deployment(port, 101, 'production', '2026-03-01T10:00:10Z', [{ state: 'in_progress', runId: 9 }]);
    deployment(port, 102, 'production', '2026-03-01T10:00:10Z', [{ state: 'in_progress', runId: 12 }]);
    const state = await inspectQueue(port, production, { all: false, ids: new Set([1]) }, self, NOW, new Map());
    // Run 4 is another workflow's; run 9 was created in the same second with a lower id: it goes first. Run 12 does
    // not.
    expect(state.blocking.map((r) => r.id)).toEqual([9]);
  });
});

describe('activeDeployments', () => {
  it('returns nothing and asks nothing without candidates', async () => {
    const port = new FakePort();
    expect((await activeDeployments(port, 'production', [], NOW, deploymentMemory())).size).toBe(0);
    expect(port.calls).toEqual([]);
  });
  it('matches the environment name regardless of case', async () => {
    const port = new FakePort();
    deployment(port, 100, 'Production', '2026-03-01T09:10:00Z', [{ state: 'in_progress', runId: 4 }]);
    port.listDeployments = async () => port.deployments; // a server that filters without regard to case
    const active = await activeDeployments(
      port,
      'production',
      [run(4, '2026-03-01T09:00:00Z')],
      NOW,
      deploymentMemory(),
    );
    expect([...active.keys()]).toEqual([4]);
  });
});

describe('the GitHub port: deployments', () => {
  /** Newest-first deployments, 100 per page, with ETags: like GitHub. */
  function github(count: number, newest: number): { fetch: typeof fetch; urls: URL[] } {
    const all = Array.from({ length: count }, (_, i) => ({
      id: 5000 - i,
      sha: 'c'.repeat(40),
      ref: 'main',
      environment: 'production',
      created_at: new Date(newest - i * 60_000).toISOString(),
    }));
    const urls: URL[] = [];
    const fetchImpl = (async (input: unknown, init?: RequestInit) => {
      const url = new URL(String(input));
      urls.push(url);
      let body: unknown;
      if (url.pathname.endsWith('/statuses'))
        body = [
          {
            id: 1,
            state: 'in_progress',
            created_at: all[0]?.created_at,
            log_url: 'https://github.com/o/r/actions/runs/4/job/40',
          },
        ];
      else {
        const page = Number(url.searchParams.get('page') ?? '1');
        const perPage = Number(url.searchParams.get('per_page') ?? '30');
        body = all.slice((page - 1) * perPage, page * perPage);
      }
      const text = JSON.stringify(body);
      const etag = `"${text.length}-${url.search}"`;
      const headers = { etag, 'content-type': 'application/json', 'x-ratelimit-remaining': '4000' };
      if (new Headers(init?.headers).get('if-none-match') === etag) return new Response(null, { status: 304, headers });
      return new Response(text, { status: 200, headers });
    }) as typeof fetch;
    return { fetch: fetchImpl, urls };
  }
  const portFor = (
    fetchImpl: typeof fetch,
  ): { port: ReturnType<typeof githubGuardPort>; client: ConditionalClient } => {
    const octokit = createGitHubClient({
      token: 't',
      baseUrl: 'https://api.example',
      log: new MemoryLogger(),
      fetch: fetchImpl,
      retries: 0,
    });
    const client = new ConditionalClient(octokit, { clock: new FakeClock() });
    return { port: githubGuardPort(client, 'o', 'r'), client };
  };

  it('stops paging once a page reaches back before the oldest earlier run', async () => {
    const newest = Date.parse('2026-03-01T12:00:00Z');
    const gh = github(350, newest);
    const { port } = portFor(gh.fetch);
    // The 150th deployment (page 2) is the first one older than this.
    const since = new Date(newest - 149 * 60_000 + 1).toISOString();
    const deployments = await port.listDeployments('production', since);
    expect(deployments).toHaveLength(200);
    expect(gh.urls.map((u) => u.searchParams.get('page'))).toEqual(['1', '2']);
    expect(
      gh.urls.every(
        (u) => u.searchParams.get('environment') === 'production' && u.searchParams.get('per_page') === '100',
      ),
    ).toBe(true);
    // Everything newer than `since`: every page is read.
    gh.urls.length = 0;
    expect(await port.listDeployments('production', '2000-01-01T00:00:00Z')).toHaveLength(350);
    expect(gh.urls).toHaveLength(4);
  });

  it('reads a 404 on the statuses of a listed deployment as deleted; other failures name the permission', async () => {
    const answers = (status: number) =>
      (async () =>
        new Response(JSON.stringify({ message: 'x' }), {
          status,
          headers: { 'content-type': 'application/json' },
        })) as typeof fetch;
    expect(await portFor(answers(404)).port.latestDeploymentStatus(5000)).toBe('deleted');
    await expect(portFor(answers(403)).port.latestDeploymentStatus(5000)).rejects.toThrow(/deployments: read/);
    await expect(portFor(answers(403)).port.listDeployments('production', '2026-03-01T00:00:00Z')).rejects.toThrow(
      /GET \/repos\/\{owner\}\/\{repo\}\/deployments failed \(HTTP 403\).*deployments: read/,
    );
  });

  it('asks for the latest status only (per_page=1); an unchanged poll is answered 304 and costs nothing', async () => {
    const gh = github(3, Date.parse('2026-03-01T12:00:00Z'));
    const { port, client } = portFor(gh.fetch);
    expect(await port.latestDeploymentStatus(5000)).toMatchObject({ state: 'in_progress' });
    expect(gh.urls[0]?.pathname).toBe('/repos/o/r/deployments/5000/statuses');
    expect(gh.urls[0]?.searchParams.get('per_page')).toBe('1');
    await port.listDeployments('production', '2026-03-01T00:00:00Z');
    const counted = client.stats.counted;
    await port.latestDeploymentStatus(5000);
    await port.listDeployments('production', '2026-03-01T00:00:00Z');
    expect(client.stats.counted).toBe(counted);
    expect(client.stats.notModified).toBe(2);
  });
});

describe('runGuard with an environment', () => {
  const ctx: GuardContext = { runId: 10, eventName: 'push', pull: undefined };
  const settings = (values: Record<string, string>) =>
    readSettings(new Inputs(mapInputSource({ token: 't', 'poll-interval': '10', ...values })), {
      env: { GITHUB_SHA: 'c'.repeat(40) },
      payload: {},
      readFile: () => undefined,
    });

  it('needs the queue and one plain name', () => {
    expect(() => settings({ environment: 'production', 'commit-gate': 'true' })).toThrow(
      /Input 'environment' is invalid: expected only together with `queue: true`/,
    );
    expect(() => settings({ queue: 'true', environment: 'production, staging' })).toThrow(
      /Input 'environment' is invalid: expected one environment name/,
    );
    expect(() => settings({ queue: 'true', environment: 'x'.repeat(256) })).toThrow(/Input 'environment' is invalid/);
    expect(() => settings({ queue: 'true', environment: 'prod\u0007uction' })).toThrow(
      /Input 'environment' is invalid/,
    );
    expect(settings({ queue: 'true', environment: ' production ' }).environment).toBe('production');
    expect(settings({ queue: 'true' }).environment).toBeUndefined();
  });

  it('waits while an earlier run deploys to the environment, naming it in the blocking runs, then proceeds', async () => {
    const port = new FakePort();
    port.runs = [run(10, '2026-03-01T10:00:00Z'), run(4, '2026-03-01T09:00:00Z'), run(6, '2026-03-01T09:30:00Z')];
    deployment(port, 100, 'production', '2026-03-01T09:10:00Z', [{ state: 'in_progress', runId: 4 }]);
    deployment(port, 101, 'staging', '2026-03-01T09:40:00Z', [{ state: 'in_progress', runId: 6 }]);
    deployment(port, 102, 'production', '2026-03-01T10:00:05Z', [{ state: 'in_progress', runId: 10 }]);
    const blockingSeen: unknown[] = [];
    port.onPoll = (kind, n) => {
      if (kind === 'listActiveRuns' && n === 5)
        port.deploymentStatuses.get(100)?.push({
          id: 7,
          state: 'success',
          created_at: '2026-03-01T10:01:00Z',
          log_url: 'https://github.com/o/r/actions/runs/4',
        });
    };
    const log = new MemoryLogger();
    const clock = new FakeClock();
    const closed = await runGuard(settings({ queue: 'true', environment: 'production', timeout: '15' }), ctx, {
      port,
      clock: new FakeClock(),
      log: new MemoryLogger(),
    });
    blockingSeen.push(...closed.blockingRuns);
    expect(closed).toMatchObject({ decision: 'blocked', failed: true });
    expect(blockingSeen).toEqual([
      expect.objectContaining({ id: 4, environment: 'production', status: 'in_progress' }),
    ]);
    port.calls = [];
    const result = await runGuard(settings({ queue: 'true', environment: 'production' }), ctx, { port, clock, log });
    expect(result).toMatchObject({ decision: 'proceed', blockingRuns: [] });
    expect(log.text()).toContain(
      'waiting for 1 earlier run(s): run 4 (Deploy) in_progress, created 2026-03-01T09:00:00Z on main, deploying to production (deployment 100 in_progress)',
    );
    expect(result.rows[0]).toMatchObject({
      check: 'queue',
      result: 'passed',
      waitedOn: 'workflow Deploy deploying to production',
      detail: 'waited for run(s) 4 to finish deploying to production',
    });
  });
});
