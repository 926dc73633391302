import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * deploy-guard's committed bundle against the GitHub emulator, with real (short) poll intervals. State changes
 * happen mid-run from `onRequest`, after the guard has seen the blocked state at least once.
 */

let github: GitHubEmulator;
let repoCounter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => {
  github.clearFaults();
  github.restrictToken(null);
  github.assertNoViolations();
});
afterAll(() => github.close());

interface Fixture {
  name: string;
  repo: EmulatedRepository;
  sha: string;
}

function fixture(): Fixture {
  const name = `octo-org/guard-${++repoCounter}`;
  const repo = github.repo(name);
  repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
  repo.addWorkflow({ name: 'Staging', path: '.github/workflows/staging.yml' });
  return { name, repo, sha: repo.head('main') };
}

function guard(f: Fixture, inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}): Promise<RunResult> {
  return runActionBundle({
    action: 'deploy-guard',
    apiUrl: github.url,
    repository: f.name,
    sha: f.sha,
    runId: 1001,
    timeoutMs: 30_000,
    ...extra,
    inputs: { 'poll-interval': 1, ...inputs },
  });
}

/** Calls `change` once, after `route` has been answered `after` times from now. */
function after(route: string, times: number, change: () => void): void {
  let seen = 0;
  const stop = github.onRequest((request) => {
    if (request.route !== route) return;
    if (++seen === times) {
      stop();
      change();
    }
  });
}

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';

describe('deploy-guard queue', () => {
  it('waits for an earlier run to finish, ignoring later runs, then proceeds', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1000, status: 'in_progress', created_at: '2026-03-01T10:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', created_at: '2026-03-01T10:00:05Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1002, status: 'queued', created_at: '2026-03-01T10:00:09Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Staging', id: 999, status: 'in_progress', created_at: '2026-03-01T09:00:00Z', head_sha: f.sha });
    // Two full polls (5 status lists each) see run 1000 active; then it finishes.
    after(RUNS, 10, () => f.repo.updateWorkflowRun(1000, { status: 'completed', conclusion: 'success' }));
    const result = await guard(f, { queue: true });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.decision).toBe('proceed');
    expect(JSON.parse(result.outputs['blocking-runs'] ?? '')).toEqual([]);
    expect(result.stdout).toMatch(/waiting for 1 earlier run\(s\): run 1000/);
    expect(result.stdout).not.toMatch(/run 1002|run 999 /);
    expect(result.summary).toMatch(/\| queue \| passed \|.*waited for run\(s\) 1000 to finish/);
  });

  it('of two guards started in the same second, exactly one proceeds first; the other follows', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 2001, status: 'in_progress', created_at: '2026-03-01T10:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 2002, status: 'in_progress', created_at: '2026-03-01T10:00:00Z', head_sha: f.sha });
    const order: number[] = [];
    const second = guard(f, { queue: true }, { runId: 2002 }).then((r) => {
      order.push(2002);
      return r;
    });
    const first = guard(f, { queue: true }, { runId: 2001 }).then((r) => {
      order.push(2001);
      // The first deploy's job ends: its run completes.
      f.repo.updateWorkflowRun(2001, { status: 'completed', conclusion: 'success' });
      return r;
    });
    const [a, b] = await Promise.all([first, second]);
    expect(order).toEqual([2001, 2002]);
    expect(a.outputs.decision).toBe('proceed');
    expect(a.stdout).not.toMatch(/waiting for/);
    expect(b.outputs.decision).toBe('proceed');
    expect(b.stdout).toMatch(/waiting for 1 earlier run\(s\): run 2001/);
  });

  it('a re-run keeps its place: it never waits on runs created after it', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', run_attempt: 2, created_at: '2026-03-01T10:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1005, status: 'in_progress', created_at: '2026-03-01T11:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1006, status: 'waiting', created_at: '2026-03-01T11:30:00Z', head_sha: f.sha });
    const result = await guard(f, { queue: true }, { runAttempt: 2 });
    expect(result.outputs.decision).toBe('proceed');
    expect(result.stdout).not.toMatch(/waiting for/);
  });

  it('reports and ignores zombie runs stuck queued with no jobs', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 900, status: 'queued', jobs: 0, created_at: '2026-01-01T10:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', created_at: new Date().toISOString(), head_sha: f.sha });
    const result = await guard(f, { queue: true, 'zombie-age': 600 });
    expect(result.outputs.decision).toBe('proceed');
    expect(result.annotations.some((a) => a.level === 'warning' && /run 900 .*zombie run/.test(a.message))).toBe(true);
    expect(result.summary).toMatch(/ignored zombie run\(s\) 900/);
    expect(github.count('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs')).toBeGreaterThan(0);
  });

  it('times out closed by default, naming the blocking run; on-timeout: continue proceeds', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Staging', id: 800, status: 'in_progress', created_at: '2026-03-01T09:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', created_at: '2026-03-01T10:00:00Z', head_sha: f.sha });
    const closed = await guard(f, { queue: true, workflows: 'Deploy, staging.yml', timeout: 2 });
    expect(closed.exitCode).toBe(1);
    expect(closed.outputs.decision).toBe('blocked');
    expect(closed.failure).toMatch(/Timed out waiting for earlier runs to finish/);
    expect(JSON.parse(closed.outputs['blocking-runs'] ?? '[]')).toEqual([expect.objectContaining({ id: 800, status: 'in_progress' })]);
    const open = await guard(f, { queue: true, workflows: '*', timeout: 2, 'on-timeout': 'continue' });
    expect(open.exitCode).toBe(0);
    expect(open.outputs.decision).toBe('proceed');
    expect(open.summary).toMatch(/\| queue \| timed out \|/);
  });

  it('names an unknown workflow and a missing permission', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
    const unknown = await guard(f, { queue: true, workflows: 'Deploi' });
    expect(unknown.exitCode).toBe(1);
    expect(unknown.failure).toMatch(/Input 'workflows' is invalid: .*Deploy \(deploy\.yml\).*got "Deploi"/);
    github.restrictToken({ contents: 'read' });
    const denied = await guard(f, { queue: true });
    expect(denied.exitCode).toBe(1);
    expect(denied.failure).toMatch(/actions: read/);
  });

  it('polls with ETags: an unchanged poll costs 0 counted requests; 5xx and secondary limits are ridden out', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1000, status: 'in_progress', created_at: '2026-03-01T10:00:00Z', head_sha: f.sha });
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', created_at: '2026-03-01T10:00:05Z', head_sha: f.sha });
    github.resetTraffic();
    github.fault(RUNS, { status: 502 });
    github.fault('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { status: 403, secondaryRateLimit: true, retryAfter: 1 });
    after(RUNS, 21, () => f.repo.updateWorkflowRun(1000, { status: 'completed', conclusion: 'success' }));
    const result = await guard(f, { queue: true });
    expect(result.outputs.decision).toBe('proceed');
    const polls = github.requests.filter((r) => r.route === RUNS && !r.faulted);
    // First poll: 5 counted lists. The unchanged polls after it: every list answered 304.
    const unchanged = polls.slice(5, 20);
    expect(unchanged.length).toBe(15);
    expect(unchanged.every((r) => r.status === 304)).toBe(true);
    expect(polls.slice(5).every((r) => r.headers['if-none-match'])).toBe(true);
    expect(github.requests.filter((r) => r.faulted).length).toBe(2);
  });
});

describe('deploy-guard commit gate', () => {
  it('waits for pending statuses and check runs, then proceeds with the checked SHA; its own job is ignored', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha, jobs: [{ name: 'deploy', status: 'in_progress' }] });
    f.repo.addStatus(f.sha, { context: 'ci/test', state: 'pending' });
    const build = f.repo.addCheckRun(f.sha, { name: 'build', status: 'in_progress' });
    f.repo.addCheckRun(f.sha, { name: 'deploy', status: 'in_progress' }); // this very job
    after('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 2, () => {
      f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
      f.repo.updateCheckRun(build.id, { status: 'completed', conclusion: 'success' });
    });
    const result = await guard(f, { 'commit-gate': true });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.decision).toBe('proceed');
    expect(result.outputs['checked-sha']).toBe(f.sha);
    expect(result.stdout).toMatch(/Commit gate: waiting for ci\/test, build/);
    expect(result.summary).toMatch(/ci\/test, build passed/);
  });

  it('fails fast when a check fails, naming it', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
    f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
    const lint = f.repo.addCheckRun(f.sha, { name: 'lint', status: 'in_progress' });
    after('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 1, () => f.repo.updateCheckRun(lint.id, { status: 'completed', conclusion: 'failure' }));
    const result = await guard(f, { 'commit-gate': true });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.decision).toBe('blocked');
    expect(result.failure).toMatch(/failing checks: lint/);
  });

  it('counts only the required checks (by name or app/name), the newest run per name; no statuses is not pending', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
    f.repo.addCheckRun(f.sha, { name: 'e2e', status: 'completed', conclusion: 'failure', app: 'circleci', started_at: '2026-03-01T10:00:00Z' });
    f.repo.addCheckRun(f.sha, { name: 'e2e', status: 'completed', conclusion: 'success', app: 'circleci', started_at: '2026-03-01T10:05:00Z' });
    f.repo.addCheckRun(f.sha, { name: 'flaky', status: 'completed', conclusion: 'failure' });
    const result = await guard(f, { 'commit-gate': true, 'required-checks': 'circleci/e2e' });
    expect(result.outputs.decision).toBe('proceed');
    const empty = fixture();
    empty.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: empty.sha });
    const none = await guard(empty, { 'commit-gate': true });
    expect(none.outputs.decision).toBe('proceed');
    expect(none.summary).toMatch(/no statuses or check runs/);
  });
});

describe('deploy-guard window', () => {
  it('rejects an invalid window naming the input and the bad part', async () => {
    const f = fixture();
    const result = await guard(f, { window: 'mon-fri 08:00-17:00 Mars/Olympus' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/Input 'window' is invalid: .*unknown time zone "Mars\/Olympus"/);
    expect(result.failure).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('fails outside the window with the next opening; an override reason lets it through and is recorded', async () => {
    const f = fixture();
    // A window that is never open now: a one-minute window on a blacked-out today.
    const today = new Date().toISOString().slice(0, 10);
    const closed = await guard(f, { window: 'daily 00:00-24:00 UTC', blackout: today });
    expect(closed.exitCode).toBe(1);
    expect(closed.outputs.decision).toBe('blocked');
    expect(closed.failure).toMatch(/outside the deploy window/);
    expect(closed.outputs['next-window']).toMatch(/T00:00:00\.000Z$/);
    const skipped = await guard(f, { window: 'daily 00:00-24:00 UTC', blackout: today, 'outside-window': 'skip' });
    expect(skipped.exitCode).toBe(0);
    expect(skipped.outputs.decision).toBe('blocked');
    const overridden = await guard(f, { window: 'daily 00:00-24:00 UTC', blackout: today, 'override-reason': 'hotfix for INC-42' });
    expect(overridden.exitCode).toBe(0);
    expect(overridden.outputs.decision).toBe('proceed');
    expect(overridden.summary).toMatch(/\| deploy window \| overridden \|.*hotfix for INC-42/);
  });
});

describe('deploy-guard merge freeze', () => {
  it('freezes every open PR (one exempt), marks a PR opened during the freeze, lifts it, and never duplicates a status', async () => {
    const f = fixture();
    const prs = [1, 2, 3].map((n) => f.repo.addPullRequest({ number: n, title: `PR ${n}`, head: { ref: `f${n}`, sha: f.repo.branch(`f${n}`, f.repo.commit({ files: { [`f${n}`]: 'x' } })) } }));
    f.repo.addPullRequest({ number: 4, title: 'hotfix', labels: ['hotfix'], head: { ref: 'hot', sha: f.repo.branch('hot', f.repo.commit({ files: { hot: 'x' } })) } });
    f.repo.addPullRequest({ number: 5, title: 'other base', base: 'release', head: { ref: 'r', sha: f.repo.commit({ files: { r: 'x' } }) } });
    const on = await guard(f, { freeze: 'on', 'freeze-reason': 'Out-of-band deploy of 1.4.2 in progress', 'exempt-label': 'hotfix' });
    expect(on.exitCode).toBe(0);
    for (const pr of prs) {
      expect(f.repo.statuses(pr.head.sha)[0]).toMatchObject({ context: 'merge-freeze', state: 'pending', description: 'Out-of-band deploy of 1.4.2 in progress' });
    }
    expect(f.repo.statuses(f.repo.pullRequest(4)?.head.sha ?? '')[0]).toMatchObject({ state: 'success' });
    expect(f.repo.statuses(f.repo.pullRequest(5)?.head.sha ?? '')).toEqual([]);
    expect(f.repo.refs.has('refs/shipshape/freeze/main')).toBe(true);

    // A re-run writes nothing new.
    const writes = github.count('POST /repos/{owner}/{repo}/statuses/{sha}');
    const again = await guard(f, { freeze: 'on', 'freeze-reason': 'Out-of-band deploy of 1.4.2 in progress', 'exempt-label': 'hotfix' });
    expect(again.exitCode).toBe(0);
    expect(github.count('POST /repos/{owner}/{repo}/statuses/{sha}')).toBe(writes);

    // A PR opened during the freeze gets the status on its pull_request event.
    const sha6 = f.repo.branch('f6', f.repo.commit({ files: { f6: 'x' } }));
    f.repo.addPullRequest({ number: 6, title: 'late', head: { ref: 'f6', sha: sha6 } });
    const payload = webhookExample<{ pull_request: { number: number; head: { sha: string }; base: { ref: string }; labels: unknown[] } }>('pull_request', 'opened');
    payload.pull_request.number = 6;
    payload.pull_request.head.sha = sha6;
    payload.pull_request.base.ref = 'main';
    payload.pull_request.labels = [];
    const sync = await guard(f, { freeze: 'sync', 'freeze-reason': 'Frozen for a deploy' }, { event: { name: 'pull_request', payload } });
    expect(sync.exitCode).toBe(0);
    expect(f.repo.statuses(sha6)[0]).toMatchObject({ state: 'pending', description: 'Frozen for a deploy' });

    const off = await guard(f, { freeze: 'off' });
    expect(off.exitCode).toBe(0);
    for (const sha of [...prs.map((p) => p.head.sha), sha6]) expect(f.repo.statuses(sha)[0]).toMatchObject({ context: 'merge-freeze', state: 'success' });
    expect(f.repo.refs.has('refs/shipshape/freeze/main')).toBe(false);
  });
});

describe('deploy-guard cancel window', () => {
  it('announces how to cancel and stops when the abort label appears on the PR', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
    f.repo.addPullRequest({ number: 7, title: 'release', head: { ref: 'main', sha: f.sha } });
    const payload = webhookExample<{ pull_request: { number: number; head: { sha: string }; base: { ref: string }; labels: unknown[] } }>('pull_request', 'opened');
    payload.pull_request.number = 7;
    payload.pull_request.head.sha = f.sha;
    payload.pull_request.labels = [];
    after('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', 2, () => f.repo.pullRequest(7)?.labels.push('abort-deploy'));
    const result = await guard(f, { 'cancel-window': 15, 'abort-label': 'abort-deploy' }, { event: { name: 'pull_request', payload } });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.decision).toBe('blocked');
    expect(result.stdout).toMatch(/Cancel window: proceeding at .* To stop this deploy, add the label `abort-deploy` to #7, or cancel the workflow run\./);
    expect(result.failure).toMatch(/label `abort-deploy` was added to #7/);
    expect(result.summary).toMatch(/\| cancel window \| blocked \|/);
  });

  it('a runner cancellation (SIGTERM) ends the wait with decision blocked and outputs written', async () => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
    const result = await guard(f, { 'cancel-window': 15 }, { onSpawn: (child) => void setTimeout(() => child.kill('SIGTERM'), 1500) });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.decision).toBe('blocked');
    expect(result.failure).toMatch(/cancel/i);
    const commands = parseWorkflowCommands(result.stdout).map((c) => c.command);
    expect(commands.every((c) => ['add-mask', 'warning', 'error', 'debug'].includes(c))).toBe(true);
  });
});
