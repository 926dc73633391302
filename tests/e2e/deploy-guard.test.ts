import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * deploy-guard's committed bundle against the GitHub emulator, with real but short poll intervals (0.05 s) and
 * timeouts (0.3 s). Each test has its own emulator, so the tests run concurrently (they spend their time in child
 * processes). State changes happen mid-run from `onRequest`, after the guard has seen the blocked state at least
 * once. Each run gets an explicit workspace: the runner's fallback for a missing one imports a module lazily, which
 * jest rejects in concurrent tests.
 */

interface Fixture {
  name: string;
  repo: EmulatedRepository;
  sha: string;
}

/** One emulator per test, so the tests can run concurrently (each spends most of its time in a child process). */
interface Lab {
  github: GitHubEmulator;
  fixture(): Fixture;
  guard(f: Fixture, inputs: RunOptions['inputs'], extra?: Partial<RunOptions>): Promise<RunResult>;
  /** Calls `change` once, after `route` has been answered `times` times from now. */
  after(route: string, times: number, change: () => void): void;
}

function lab(github: GitHubEmulator, workspace: string): Lab {
  let repoCounter = 0;
  return {
    github,
    fixture() {
      const name = `octo-org/guard-${++repoCounter}`;
      const repo = github.repo(name);
      repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
      repo.addWorkflow({ name: 'Staging', path: '.github/workflows/staging.yml' });
      return { name, repo, sha: repo.head('main') };
    },
    guard(f, inputs, extra = {}) {
      return runActionBundle({
        action: 'deploy-guard',
        apiUrl: github.url,
        repository: f.name,
        sha: f.sha,
        runId: 1001,
        timeoutMs: 20_000,
        workspace,
        ...extra,
        // Short real intervals: the waiting logic is the same at 0.05 s as at 15 s (unit tests use a fake clock).
        inputs: { 'poll-interval': 0.05, ...inputs },
      });
    },
    after(route, times, change) {
      let seen = 0;
      const stop = github.onRequest((request) => {
        if (request.route !== route) return;
        if (++seen === times) {
          stop();
          change();
        }
      });
    },
  };
}

/** A concurrent test with its own emulator; any request that broke GitHub's OpenAPI description fails it. */
function scenario(name: string, body: (lab: Lab) => Promise<void>): void {
  it.concurrent(name, async () => {
    const github = await startGitHubEmulator();
    const workspace = mkdtempSync(join(tmpdir(), 'deploy-guard-e2e-'));
    try {
      await body(lab(github, workspace));
      github.assertNoViolations();
    } finally {
      await github.close();
      rmSync(workspace, { recursive: true, force: true });
    }
  });
}

const RUNS = 'GET /repos/{owner}/{repo}/actions/runs';
const CHECK_RUNS = 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs';
const WORKFLOW_RUNS = 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs';

// First in the file: the longest test (the GitHub client spaces writes one second apart, as GitHub asks), so it
// starts before the others fill the concurrent slots.
describe('deploy-guard merge freeze', () => {
  const prPayload = (number: number, sha: string) => {
    const payload = webhookExample<{
      pull_request: { number: number; head: { sha: string }; base: { ref: string }; labels: unknown[] };
    }>('pull_request', 'opened');
    payload.pull_request.number = number;
    payload.pull_request.head.sha = sha;
    payload.pull_request.base.ref = 'main';
    payload.pull_request.labels = [];
    return payload;
  };
  const branchCommit = (f: Fixture, name: string): string =>
    f.repo.branch(name, f.repo.commit({ files: { [name]: 'x' } }));
  const inputs = { freeze: 'on', 'freeze-reason': 'Out-of-band deploy of 1.4.2 in progress', 'exempt-label': 'hotfix' };

  scenario(
    'freeze on: every open PR to the branch gets a pending status (one exempt); a re-run writes nothing; a PR opened during the freeze gets it too',
    async ({ github, fixture, guard }) => {
      const f = fixture();
      const prs = [1, 2].map((n) =>
        f.repo.addPullRequest({ number: n, title: `PR ${n}`, head: { ref: `f${n}`, sha: branchCommit(f, `f${n}`) } }),
      );
      f.repo.addPullRequest({
        number: 4,
        title: 'hotfix',
        labels: ['hotfix'],
        head: { ref: 'hot', sha: branchCommit(f, 'hot') },
      });
      f.repo.addPullRequest({
        number: 5,
        title: 'other base',
        base: 'release',
        head: { ref: 'r', sha: f.repo.commit({ files: { r: 'x' } }) },
      });
      const on = await guard(f, inputs);
      expect(on.exitCode).toBe(0);
      for (const pr of prs) {
        expect(f.repo.statuses(pr.head.sha)[0]).toMatchObject({
          context: 'merge-freeze',
          state: 'pending',
          description: 'Out-of-band deploy of 1.4.2 in progress',
        });
      }
      expect(f.repo.statuses(f.repo.pullRequest(4)?.head.sha ?? '')[0]).toMatchObject({ state: 'success' });
      expect(f.repo.statuses(f.repo.pullRequest(5)?.head.sha ?? '')).toEqual([]);
      expect(f.repo.refs.has('refs/shipshape/freeze/main')).toBe(true);
      expect(on.summary).toMatch(
        /\| merge freeze \| done \|.*frozen: status \\`merge-freeze\\` set on #1, #2, #4; exempt #4/,
      );

      // A re-run writes nothing new (no status, no ref).
      github.resetTraffic();
      const again = await guard(f, inputs);
      expect(again.exitCode).toBe(0);
      expect(github.count('POST /repos/{owner}/{repo}/statuses/{sha}')).toBe(0);
      expect(github.count('POST /repos/{owner}/{repo}/git/refs')).toBe(0);

      // A PR opened during the freeze gets the status on its pull_request event (the state lives in the ref).
      const sha6 = branchCommit(f, 'f6');
      f.repo.addPullRequest({ number: 6, title: 'late', head: { ref: 'f6', sha: sha6 } });
      const sync = await guard(
        f,
        { freeze: 'sync', 'freeze-reason': 'Frozen for a deploy' },
        { event: { name: 'pull_request', payload: prPayload(6, sha6) } },
      );
      expect(sync.exitCode).toBe(0);
      expect(f.repo.statuses(sha6)[0]).toMatchObject({ state: 'pending', description: 'Frozen for a deploy' });
    },
  );

  // Issue 16 item 12. GitHub caps a status description at 140 characters, counted as code points (the emulator's
  // createStatus cites the source): a reason that fits is written whole, emoji and all; a longer one is cut to 140
  // characters without splitting a surrogate pair or a grapheme, and a re-run sees it as unchanged.
  scenario(
    'freeze-reason with emoji: a reason GitHub accepts is written whole; a longer one is cut to 140 characters, whole graphemes, once',
    async ({ fixture, guard }) => {
      const f = fixture();
      const head = branchCommit(f, 'f1');
      f.repo.addPullRequest({ number: 1, title: 'PR 1', head: { ref: 'f1', sha: head } });
      const fits = `${'Deploy in progress '.repeat(5)}${'🚀'.repeat(45)}`;
      expect([...fits].length).toBe(140);
      const fitted = await guard(f, { freeze: 'on', 'freeze-reason': fits });
      expect(fitted.failure).toBeUndefined();
      expect(f.repo.statuses(head)[0]?.description).toBe(fits);
      const family = '👨‍👩‍👧';
      const long = `${'x'.repeat(137)}${family} and more`;
      const cut = await guard(f, { freeze: 'on', 'freeze-reason': long });
      expect(cut.failure).toBeUndefined();
      const description = f.repo.statuses(head)[0]?.description ?? '';
      expect(description).toBe(`${'x'.repeat(137)}…`);
      // Well-formed Unicode: a lone surrogate would not survive a round trip through UTF-8.
      expect(Buffer.from(description, 'utf8').toString('utf8')).toBe(description);
      const statuses = f.repo.statuses(head).length;
      const again = await guard(f, { freeze: 'on', 'freeze-reason': long });
      expect(again.exitCode).toBe(0);
      expect(f.repo.statuses(head)).toHaveLength(statuses);
    },
  );

  scenario(
    'freeze off: every open PR gets success and the record goes; a PR pushed to afterwards gets success',
    async ({ fixture, guard }) => {
      const f = fixture();
      const frozen = [1, 2].map((n) =>
        f.repo.addPullRequest({ number: n, title: `PR ${n}`, head: { ref: `f${n}`, sha: branchCommit(f, `f${n}`) } }),
      );
      for (const pr of frozen)
        f.repo.addStatus(pr.head.sha, { context: 'merge-freeze', state: 'pending', description: 'Frozen' });
      f.repo.refs.set('refs/shipshape/freeze/main', f.sha);
      const off = await guard(f, { freeze: 'off' });
      expect(off.exitCode).toBe(0);
      for (const pr of frozen)
        expect(f.repo.statuses(pr.head.sha)[0]).toMatchObject({ context: 'merge-freeze', state: 'success' });
      expect(f.repo.refs.has('refs/shipshape/freeze/main')).toBe(false);
      const sha7 = branchCommit(f, 'f7');
      f.repo.addPullRequest({ number: 7, title: 'after', head: { ref: 'f7', sha: sha7 } });
      const open = await guard(f, { freeze: 'sync' }, { event: { name: 'pull_request', payload: prPayload(7, sha7) } });
      expect(open.exitCode).toBe(0);
      expect(f.repo.statuses(sha7)[0]).toMatchObject({ context: 'merge-freeze', state: 'success' });
    },
  );

  // A merge queue keeps each queued group on a branch `gh-readonly-queue/<branch>/pr-<n>-<sha>` whose head is the
  // commit the required checks report on (merge_group.head_ref / head_sha in the merge_group webhook payload;
  // https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/configuring-pull-request-merges/managing-a-merge-queue).
  // GET …/git/matching-refs/heads/gh-readonly-queue/main/ lists them: every ref starting with that prefix
  // (https://docs.github.com/en/rest/git/refs#list-matching-references); the trailing slash keeps main-2's out.
  scenario(
    "freeze on / off: the merge groups already queued for the branch get the status too; other branches' groups are left alone; a re-run writes nothing",
    async ({ fixture, guard }) => {
      const f = fixture();
      const groups = ['gh-readonly-queue/main/pr-1-aaaa', 'gh-readonly-queue/main/pr-2-bbbb'].map((name) =>
        branchCommit(f, name),
      );
      const other = branchCommit(f, 'gh-readonly-queue/main-2/pr-3-cccc');
      const on = await guard(f, { freeze: 'on', 'freeze-reason': 'Deploying 1.4.2' });
      expect(on.exitCode).toBe(0);
      for (const sha of groups)
        expect(f.repo.statuses(sha)).toEqual([
          expect.objectContaining({ context: 'merge-freeze', state: 'pending', description: 'Deploying 1.4.2' }),
        ]);
      expect(f.repo.statuses(other)).toEqual([]);
      expect(on.summary).toMatch(/frozen: status \\`merge-freeze\\` set on 2 merge group commit\(s\)/);
      const again = await guard(f, { freeze: 'on', 'freeze-reason': 'Deploying 1.4.2' });
      expect(again.exitCode).toBe(0);
      for (const sha of groups) expect(f.repo.statuses(sha)).toHaveLength(1);
      const off = await guard(f, { freeze: 'off' });
      expect(off.exitCode).toBe(0);
      for (const sha of groups)
        expect(f.repo.statuses(sha)[0]).toMatchObject({
          context: 'merge-freeze',
          state: 'success',
          description: 'Merges to main are open',
        });
      expect(f.repo.statuses(other)).toEqual([]);
    },
  );

  scenario('names the missing permission when the token cannot write statuses', async ({ github, fixture, guard }) => {
    const f = fixture();
    f.repo.addPullRequest({ number: 1, title: 'PR', head: { ref: 'f1', sha: branchCommit(f, 'f1') } });
    f.repo.refs.set('refs/shipshape/freeze/main', f.sha);
    github.restrictToken({ contents: 'write', 'pull-requests': 'read', statuses: 'read' });
    const result = await guard(f, { freeze: 'on' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/statuses: write/);
  });
});

describe('deploy-guard queue', () => {
  scenario(
    'waits for an earlier run to finish, ignoring later runs, then proceeds',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1000,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:05Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1002,
        status: 'queued',
        created_at: '2026-03-01T10:00:09Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Staging',
        id: 999,
        status: 'in_progress',
        created_at: '2026-03-01T09:00:00Z',
        head_sha: f.sha,
      });
      // Two full polls (5 status lists each) see run 1000 active; then it finishes.
      after(RUNS, 10, () => f.repo.updateWorkflowRun(1000, { status: 'completed', conclusion: 'success' }));
      const result = await guard(f, { queue: true });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.decision).toBe('proceed');
      expect(JSON.parse(result.outputs['blocking-runs'] ?? '')).toEqual([]);
      expect(result.stdout).toMatch(/waiting for 1 earlier run\(s\): run 1000/);
      expect(result.stdout).not.toMatch(/run 1002|run 999 /);
      expect(result.summary).toMatch(/\| queue \| passed \|.*waited for run\(s\) 1000 to finish/);
    },
  );

  scenario(
    'of two guards started in the same second, exactly one proceeds first; the other follows',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 2001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 2002,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      // Both guards' first polls (5 status lists each) are answered before run 2001 completes, however slowly either
      // process starts on a busy machine.
      let bothPolled: () => void = () => undefined;
      const firstPolls = new Promise<void>((resolve) => {
        bothPolled = resolve;
      });
      after(RUNS, 10, () => bothPolled());
      const order: number[] = [];
      const second = guard(f, { queue: true }, { runId: 2002 }).then((r) => {
        order.push(2002);
        return r;
      });
      const first = guard(f, { queue: true }, { runId: 2001 }).then(async (r) => {
        order.push(2001);
        await firstPolls;
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
    },
  );

  // Issue 16 item 2. A re-run keeps its run id and created_at, but run_started_at moves to the new attempt's start
  // and run_attempt grows (the emulator's rerunWorkflowRun cites the sources). Re-running yesterday's deploy (a
  // rollback) must wait for today's deploy in progress; runs that start after the re-run must wait for it.
  scenario(
    'a re-run of an old deploy waits for a deploy that started before the re-run, then proceeds',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 900,
        status: 'completed',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 950,
        status: 'in_progress',
        created_at: '2026-03-02T09:00:00Z',
        head_sha: f.sha,
      });
      f.repo.rerunWorkflowRun(900, { at: '2026-03-02T09:05:00Z', status: 'in_progress' });
      after(RUNS, 10, () => f.repo.updateWorkflowRun(950, { status: 'completed', conclusion: 'success' }));
      const result = await guard(f, { queue: true }, { runId: 900, runAttempt: 2 });
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(/waiting for 1 earlier run\(s\): run 950/);
      expect(result.summary).toMatch(/\| queue \| passed \|.*waited for run\(s\) 950 to finish/);
    },
  );

  scenario(
    'a run that started before a re-run does not wait for it; one that started after does',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 900,
        status: 'completed',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 950,
        status: 'in_progress',
        created_at: '2026-03-02T09:00:00Z',
        head_sha: f.sha,
      });
      f.repo.rerunWorkflowRun(900, { at: '2026-03-02T09:05:00Z', status: 'in_progress' });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-02T09:10:00Z',
        head_sha: f.sha,
      });
      const before = await guard(f, { queue: true, timeout: 1 }, { runId: 950 });
      expect(before.outputs.decision).toBe('proceed');
      expect(before.stdout).not.toMatch(/waiting for/);
      const later = await guard(f, { queue: true, timeout: 0.3 }, { runId: 1001 });
      expect(later.outputs.decision).toBe('blocked');
      expect(JSON.parse(later.outputs['blocking-runs'] ?? '[]')).toEqual([
        expect.objectContaining({ id: 950 }),
        expect.objectContaining({ id: 900 }),
      ]);
    },
  );

  // Issue 16 item 6. The runs list's status/created/branch filters go through GitHub's search index, which misses
  // runs (the emulator's listRuns cites the reports): a run ahead that the index does not have yet must still block.
  scenario(
    'a run ahead that the search index misses still blocks: named workflows are read unfiltered, newest first',
    async ({ github, fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 950,
        status: 'in_progress',
        created_at: '2026-03-01T09:59:00Z',
        head_sha: f.sha,
        indexed: false,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      after(WORKFLOW_RUNS, 3, () => f.repo.updateWorkflowRun(950, { status: 'completed', conclusion: 'success' }));
      const named = await guard(f, { queue: true, workflows: 'deploy.yml' });
      expect(named.outputs.decision).toBe('proceed');
      expect(named.stdout).toMatch(/waiting for 1 earlier run\(s\): run 950/);
      // Unfiltered: no search parameter on the workflow's run list.
      const listed = github.requests.filter((r) => r.route === WORKFLOW_RUNS);
      expect(listed.length).toBeGreaterThan(0);
      expect(
        listed.filter((r) => /[?&](status|created|branch|event|actor|head_sha|check_suite_id)=/.test(r.url)),
      ).toEqual([]);
    },
  );

  scenario('the default scope (this workflow) sees a run the search index misses too', async ({ fixture, guard }) => {
    const f = fixture();
    f.repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 950,
      status: 'queued',
      created_at: '2026-03-01T09:59:00Z',
      head_sha: f.sha,
      indexed: false,
    });
    f.repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 1001,
      status: 'in_progress',
      created_at: '2026-03-01T10:00:00Z',
      head_sha: f.sha,
    });
    const result = await guard(f, { queue: true, timeout: 0.3 });
    expect(result.outputs.decision).toBe('blocked');
    expect(JSON.parse(result.outputs['blocking-runs'] ?? '[]')).toEqual([expect.objectContaining({ id: 950 })]);
  });

  scenario('reports and ignores zombie runs stuck queued with no jobs', async ({ github, fixture, guard }) => {
    const f = fixture();
    f.repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 900,
      status: 'queued',
      jobs: 0,
      created_at: '2026-01-01T10:00:00Z',
      head_sha: f.sha,
    });
    f.repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 1001,
      status: 'in_progress',
      created_at: new Date().toISOString(),
      head_sha: f.sha,
    });
    const result = await guard(f, { queue: true, 'zombie-age': 600 });
    expect(result.outputs.decision).toBe('proceed');
    expect(result.annotations.some((a) => a.level === 'warning' && /run 900 .*zombie run/.test(a.message))).toBe(true);
    expect(result.summary).toMatch(/ignored zombie run\(s\) 900/);
    expect(github.count('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs')).toBeGreaterThan(0);
  });

  scenario(
    'times out closed by default, naming the blocking run; on-timeout: continue proceeds',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Staging',
        id: 800,
        status: 'in_progress',
        created_at: '2026-03-01T09:00:00Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      const closed = await guard(f, { queue: true, workflows: 'Deploy, staging.yml', timeout: 0.3 });
      expect(closed.exitCode).toBe(1);
      expect(closed.outputs.decision).toBe('blocked');
      expect(closed.failure).toMatch(/Timed out waiting for earlier runs to finish/);
      expect(JSON.parse(closed.outputs['blocking-runs'] ?? '[]')).toEqual([
        expect.objectContaining({ id: 800, status: 'in_progress' }),
      ]);
      const open = await guard(f, { queue: true, workflows: '*', timeout: 0.3, 'on-timeout': 'continue' });
      expect(open.exitCode).toBe(0);
      expect(open.outputs.decision).toBe('proceed');
      expect(open.summary).toMatch(/\| queue \| timed out \|/);
    },
  );

  scenario('names an unknown workflow and a missing permission', async ({ github, fixture, guard }) => {
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

  scenario(
    'polls with ETags: an unchanged poll costs 0 counted requests; a secondary rate limit is ridden out',
    async ({ github, fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1000,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:05Z',
        head_sha: f.sha,
      });
      github.resetTraffic();
      github.fault('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        status: 403,
        secondaryRateLimit: true,
        retryAfter: 0.1,
      });
      after(RUNS, 20, () => f.repo.updateWorkflowRun(1000, { status: 'completed', conclusion: 'success' }));
      const result = await guard(f, { queue: true });
      expect(result.outputs.decision).toBe('proceed');
      const polls = github.requests.filter((r) => r.route === RUNS && !r.faulted);
      // First poll: 5 counted lists. The unchanged polls after it: every list answered 304.
      const unchanged = polls.slice(5, 20);
      expect(unchanged.length).toBe(15);
      expect(unchanged.every((r) => r.status === 304)).toBe(true);
      expect(polls.slice(5).every((r) => r.headers['if-none-match'])).toBe(true);
      expect(github.requests.filter((r) => r.faulted).length).toBe(1);
      // Counted: this run (1), the first poll (5 lists, this workflow's newest runs, run 1000's jobs: is it only
      // waiting
      // for a concurrency group?), the poll where run 1000 completes (its jobs), the last poll (the in_progress list
      // and
      // this workflow's runs). Every other request of every poll is answered 304.
      expect(result.stdout).toMatch(/Decision: proceed — .*\(11 counted requests, 24 answered 304 Not Modified\)/);
    },
  );

  scenario(
    'reads every page of the run list: an earlier run on page 2 still blocks',
    async ({ github, fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1000,
        status: 'in_progress',
        created_at: '2026-03-01T08:00:00Z',
        head_sha: f.sha,
      });
      // 120 newer runs of another workflow fill page 1 (GitHub lists newest first, 100 per page).
      for (let i = 0; i < 120; i++) {
        f.repo.addWorkflowRun({
          workflow: 'Staging',
          id: 2000 + i,
          status: 'in_progress',
          created_at: new Date(Date.parse('2026-03-01T09:00:00Z') + i * 1000).toISOString(),
          head_sha: f.sha,
        });
      }
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
      });
      github.resetTraffic();
      after(RUNS, 12, () => f.repo.updateWorkflowRun(1000, { status: 'completed', conclusion: 'success' }));
      const result = await guard(f, { queue: true });
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(/waiting for 1 earlier run\(s\): run 1000/);
      expect(github.requests.some((r) => r.route === RUNS && /[?&]page=2\b/.test(r.url))).toBe(true);
    },
  );

  scenario(
    'decides with the fewest requests when nothing blocks: queue and commit gate in 9, an open window in 0',
    async ({ github, fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
      f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
      f.repo.addCheckRun(f.sha, { name: 'build', status: 'completed', conclusion: 'success' });
      github.resetTraffic();
      const result = await guard(f, { queue: true, 'commit-gate': true, window: 'daily 00:00-24:00 UTC' });
      expect(result.outputs.decision).toBe('proceed');
      // This run (1), this workflow's newest runs (1), the five active-status lists (5), the combined status (1), the
      // check runs (1). The guard's own job is an unfinished check run of the commit: its details_url names this run,
      // so
      // the run's jobs are not listed.
      expect(github.count()).toBe(9);
      expect(github.count('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs')).toBe(0);
      github.resetTraffic();
      const windowOnly = await guard(f, { window: 'daily 00:00-24:00 UTC' });
      expect(windowOnly.outputs.decision).toBe('proceed');
      expect(github.count()).toBe(0);
    },
  );
});

describe('deploy-guard queue by environment', () => {
  const DEPLOYMENTS = 'GET /repos/{owner}/{repo}/deployments';
  const STATUSES = 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses';
  /** A run of Deploy and the deployment its job with `environment:` made, through the given statuses (oldest first). */
  const deploying = (
    f: Fixture,
    id: number,
    created: string,
    environment: string | undefined,
    states: ('queued' | 'in_progress' | 'success' | 'failure' | 'inactive')[],
  ) => {
    f.repo.addWorkflowRun({ workflow: 'Deploy', id, status: 'in_progress', created_at: created, head_sha: f.sha });
    if (environment === undefined) return undefined;
    const d = f.repo.addDeployment({
      ref: 'main',
      environment,
      created_at: new Date(Date.parse(created) + 2000).toISOString(),
    });
    // Seeded times, not the wall clock: whether a later status changes the list's ETag must not depend on timing.
    for (const [i, state] of states.entries()) {
      const at = new Date(Date.parse(created) + 3000 + i * 1000).toISOString();
      f.repo.addDeploymentStatus(
        d.id,
        { state, log_url: `https://github.com/${f.name}/actions/runs/${id}/job/${id * 10}`, created_at: at },
        false,
      );
    }
    return d;
  };

  scenario(
    'waits only for the earlier run deploying to production; staging deploys and finished deployments do not block',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      deploying(f, 996, '2026-03-01T09:57:00Z', 'production', ['queued', 'in_progress', 'failure', 'inactive']);
      deploying(f, 997, '2026-03-01T09:58:00Z', 'production', ['queued', 'in_progress', 'success']); // still running a later job
      deploying(f, 998, '2026-03-01T09:59:00Z', 'staging', ['queued', 'in_progress']);
      deploying(f, 999, '2026-03-01T09:59:30Z', undefined, []); // still building: no deployment yet
      const ahead = deploying(f, 1000, '2026-03-01T10:00:00Z', 'production', ['queued', 'in_progress']);
      deploying(f, 1001, '2026-03-01T10:00:05Z', 'production', ['queued', 'in_progress']); // this run
      deploying(f, 1002, '2026-03-01T10:00:09Z', 'production', ['queued']); // a later run
      // The first poll asks for the latest status of every deployment since run 996; the next ones only for run 1000's.
      after('GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', 7, () => {
        if (ahead)
          f.repo.addDeploymentStatus(ahead.id, {
            state: 'success',
            log_url: `https://github.com/${f.name}/actions/runs/1000/job/10000`,
            created_at: '2026-03-01T10:30:00Z',
          });
      });
      const result = await guard(f, { queue: true, environment: 'production' });
      expect(result.exitCode).toBe(0);
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(
        /waiting for 1 earlier run\(s\): run 1000 \(Deploy\) in_progress, .*deploying to production \(deployment \d+ in_progress\)\./,
      );
      expect(result.stdout).not.toMatch(/run (996|997|998|999|1002) /);
      expect(result.summary).toMatch(
        /\| queue \| passed \|.*\| workflow Deploy deploying to production \| waited for run\(s\) 1000 to finish deploying to production \|/,
      );
    },
  );

  scenario(
    'a guard for staging does not wait for production deploys (after riding out a 502 on the deployments)',
    async ({ github, fixture, guard }) => {
      const f = fixture();
      deploying(f, 1000, '2026-03-01T10:00:00Z', 'production', ['queued', 'in_progress']);
      deploying(f, 1001, '2026-03-01T10:00:05Z', 'staging', ['queued', 'in_progress']);
      github.resetTraffic();
      github.fault(DEPLOYMENTS, { status: 502 });
      const result = await guard(f, { queue: true, environment: 'staging' });
      expect(result.outputs.decision).toBe('proceed');
      expect(github.requests.filter((r) => r.route === DEPLOYMENTS).map((r) => r.status)).toEqual([502, 200]);
      expect(result.stdout).not.toMatch(/waiting for/);
      expect(github.requests.find((r) => r.route === DEPLOYMENTS)?.url).toMatch(/[?&]environment=staging\b/);
      expect(result.summary).toMatch(/no earlier run deploying to staging/);
    },
  );

  scenario(
    'times out closed naming the blocking run and its environment; without deployments: read the call names the permission',
    async ({ github, fixture, guard }) => {
      const f = fixture();
      deploying(f, 1000, '2026-03-01T10:00:00Z', 'production', ['queued']);
      deploying(f, 1001, '2026-03-01T10:00:05Z', 'production', ['queued', 'in_progress']);
      const closed = await guard(f, { queue: true, environment: 'production', timeout: 0.3 });
      expect(closed.exitCode).toBe(1);
      expect(closed.outputs.decision).toBe('blocked');
      expect(closed.failure).toMatch(/Timed out waiting for earlier runs to finish/);
      expect(JSON.parse(closed.outputs['blocking-runs'] ?? '[]')).toEqual([
        expect.objectContaining({ id: 1000, status: 'in_progress', environment: 'production' }),
      ]);
      github.restrictToken({ actions: 'read' });
      const denied = await guard(f, { queue: true, environment: 'production' });
      expect(denied.exitCode).toBe(1);
      expect(denied.failure).toMatch(/deployments: read/);
    },
  );

  scenario(
    'polls deployments with ETags: an unchanged poll costs 0 counted requests',
    async ({ github, fixture, guard, after }) => {
      const f = fixture();
      const ahead = deploying(f, 1000, '2026-03-01T10:00:00Z', 'production', ['queued', 'in_progress']);
      deploying(f, 1001, '2026-03-01T10:00:05Z', 'production', ['queued', 'in_progress']);
      github.resetTraffic();
      let changedAt = 0;
      // First poll: the list and both deployments' latest status; then only run 1000's, 4 unchanged polls.
      after(STATUSES, 6, () => {
        changedAt = github.requests.length;
        if (ahead)
          f.repo.addDeploymentStatus(ahead.id, {
            state: 'success',
            log_url: `https://github.com/${f.name}/actions/runs/1000/job/10000`,
            created_at: '2026-03-01T10:30:00Z',
          });
      });
      const result = await guard(f, { queue: true, environment: 'production' });
      expect(result.outputs.decision).toBe('proceed');
      const deploymentCalls = github.requests
        .slice(0, changedAt)
        .filter((r) => r.route === DEPLOYMENTS || r.route === STATUSES);
      expect(deploymentCalls.slice(0, 3).map((r) => r.status)).toEqual([200, 200, 200]);
      const unchanged = deploymentCalls.slice(3);
      expect(unchanged.length).toBe(8);
      expect(unchanged.every((r) => r.status === 304 && r.headers['if-none-match'])).toBe(true);
      expect(github.requests.filter((r) => r.route === STATUSES).every((r) => /[?&]per_page=1\b/.test(r.url))).toBe(
        true,
      );
      // This run (1), the first poll (5 run lists, this workflow's newest runs, the deployment list, 2 statuses, run
      // 1000's jobs), the last poll (the deployment list, 1 status).
      expect(result.stdout).toMatch(/Decision: proceed — .*\(13 counted requests, \d+ answered 304 Not Modified\)/);
    },
  );

  scenario('asks nothing about deployments when no earlier run is active', async ({ github, fixture, guard }) => {
    const f = fixture();
    deploying(f, 1001, '2026-03-01T10:00:05Z', 'production', ['queued', 'in_progress']);
    deploying(f, 1002, '2026-03-01T10:00:09Z', 'production', ['queued', 'in_progress']);
    github.resetTraffic();
    const result = await guard(f, { queue: true, environment: 'production' });
    expect(result.outputs.decision).toBe('proceed');
    // This run, this workflow's newest runs and the five active-status lists: as without an environment.
    expect(github.count()).toBe(7);
    expect(github.count(DEPLOYMENTS)).toBe(0);
  });
});

describe('deploy-guard commit gate', () => {
  scenario(
    'waits for pending statuses and check runs, then proceeds with the checked SHA; its own job is ignored',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress' }],
      });
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
    },
  );

  scenario(
    'pending → failure on a status fails fast, after riding out a 502',
    async ({ github, fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
      f.repo.addStatus(f.sha, { context: 'ci/e2e', state: 'pending', description: 'running' });
      f.repo.addCheckRun(f.sha, { name: 'build', status: 'completed', conclusion: 'success' });
      github.fault('GET /repos/{owner}/{repo}/commits/{ref}/status', { status: 502 });
      after('GET /repos/{owner}/{repo}/commits/{ref}/status', 3, () =>
        f.repo.addStatus(f.sha, { context: 'ci/e2e', state: 'failure', description: 'red' }),
      );
      const result = await guard(f, { 'commit-gate': true });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.decision).toBe('blocked');
      expect(result.outputs['checked-sha']).toBe(f.sha);
      expect(result.stdout).toMatch(/Commit gate: waiting for ci\/e2e/);
      expect(result.failure).toMatch(/failing checks: ci\/e2e/);
      expect(result.summary).toMatch(/\| commit gate \| blocked \|/);
    },
  );

  scenario('fails fast when a check fails, naming it', async ({ fixture, guard, after }) => {
    const f = fixture();
    f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
    f.repo.addStatus(f.sha, { context: 'ci/test', state: 'success' });
    const lint = f.repo.addCheckRun(f.sha, { name: 'lint', status: 'in_progress' });
    after('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', 1, () =>
      f.repo.updateCheckRun(lint.id, { status: 'completed', conclusion: 'failure' }),
    );
    const result = await guard(f, { 'commit-gate': true });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.decision).toBe('blocked');
    expect(result.failure).toMatch(/failing checks: lint/);
  });

  scenario(
    'counts only the required checks (by name or app/name), the newest run per name; no statuses is not pending',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
      f.repo.addCheckRun(f.sha, {
        name: 'e2e',
        status: 'completed',
        conclusion: 'failure',
        app: 'circleci',
        started_at: '2026-03-01T10:00:00Z',
      });
      f.repo.addCheckRun(f.sha, {
        name: 'e2e',
        status: 'completed',
        conclusion: 'success',
        app: 'circleci',
        started_at: '2026-03-01T10:05:00Z',
      });
      f.repo.addCheckRun(f.sha, { name: 'flaky', status: 'completed', conclusion: 'failure' });
      const result = await guard(f, { 'commit-gate': true, 'required-checks': 'circleci/e2e' });
      expect(result.outputs.decision).toBe('proceed');
      const empty = fixture();
      empty.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: empty.sha });
      const none = await guard(empty, { 'commit-gate': true });
      expect(none.outputs.decision).toBe('proceed');
      expect(none.summary).toMatch(/no statuses or check runs/);
    },
  );
});

describe('deploy-guard window', () => {
  scenario('rejects an invalid window naming the input and the bad part', async ({ fixture, guard }) => {
    const f = fixture();
    const result = await guard(f, { window: 'mon-fri 08:00-17:00 Mars/Olympus' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/Input 'window' is invalid: .*unknown time zone "Mars\/Olympus"/);
    expect(result.failure).not.toMatch(/\bat .*\.js:\d+/);
  });

  scenario(
    'fails outside the window with the next opening; an override reason lets it through and is recorded',
    async ({ fixture, guard }) => {
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
      const overridden = await guard(f, {
        window: 'daily 00:00-24:00 UTC',
        blackout: today,
        'override-reason': 'hotfix for INC-42',
      });
      expect(overridden.exitCode).toBe(0);
      expect(overridden.outputs.decision).toBe('proceed');
      expect(overridden.summary).toMatch(/\| deploy window \| overridden \|.*hotfix for INC-42/);
    },
  );

  scenario(
    'on a push, an override label on the PR of the deployed commit lets it through',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addPullRequest({
        number: 12,
        title: 'Hotfix',
        labels: ['out-of-band'],
        state: 'closed',
        merged: true,
        merge_commit_sha: f.sha,
        head: { ref: 'hotfix' },
      });
      const today = new Date().toISOString().slice(0, 10);
      const result = await guard(
        f,
        { window: 'daily 00:00-24:00 UTC', blackout: today, 'override-label': 'out-of-band' },
        { event: { name: 'push', payload: webhookExample('push') } },
      );
      expect(result.exitCode).toBe(0);
      expect(result.outputs.decision).toBe('proceed');
      expect(result.summary).toMatch(/\| deploy window \| overridden \|.*label \\`out-of-band\\` on #12/);
    },
  );
});

describe('deploy-guard cancel window', () => {
  scenario(
    'announces how to cancel and stops when the abort label appears on the PR',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
      f.repo.addPullRequest({ number: 7, title: 'release', head: { ref: 'main', sha: f.sha } });
      const payload = webhookExample<{
        pull_request: { number: number; head: { sha: string }; base: { ref: string }; labels: unknown[] };
      }>('pull_request', 'opened');
      payload.pull_request.number = 7;
      payload.pull_request.head.sha = f.sha;
      payload.pull_request.labels = [];
      after('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', 2, () =>
        f.repo.pullRequest(7)?.labels.push('abort-deploy'),
      );
      const result = await guard(
        f,
        { 'cancel-window': 15, 'abort-label': 'abort-deploy' },
        { event: { name: 'pull_request', payload } },
      );
      expect(result.exitCode).toBe(1);
      expect(result.outputs.decision).toBe('blocked');
      expect(result.stdout).toMatch(
        /Cancel window: proceeding at .* To stop this deploy, add the label `abort-deploy` to #7, or cancel the workflow run\./,
      );
      expect(result.failure).toMatch(/label `abort-deploy` was added to #7/);
      expect(result.summary).toMatch(/\| cancel window \| blocked \|/);
    },
  );

  scenario(
    'proceeds when the window elapses with no abort, announcing it in the log and the summary',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
      f.repo.addPullRequest({
        number: 8,
        title: 'release',
        state: 'closed',
        merged: true,
        merge_commit_sha: f.sha,
        head: { ref: 'rel' },
      });
      const result = await guard(f, { 'cancel-window': 0.005 }); // 0.3 s
      expect(result.exitCode).toBe(0);
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(
        /To stop this deploy, add the label `abort-deploy` to #8, or cancel the workflow run\./,
      );
      expect(result.summary).toMatch(/\| cancel window \| passed \|.*waited 1 s with no abort/);
    },
  );

  scenario(
    'a runner cancellation (SIGTERM) ends the wait with decision blocked and outputs written',
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: f.sha });
      let child: ChildProcess | undefined;
      // Signal once the guard is inside the cancel window (its first look at the run), as the runner would on a cancel.
      after('GET /repos/{owner}/{repo}/actions/runs/{run_id}', 1, () => child?.kill('SIGTERM'));
      const result = await guard(f, { 'cancel-window': 15 }, { onSpawn: (spawned) => void (child = spawned) });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.decision).toBe('blocked');
      expect(result.failure).toMatch(/cancel/i);
      const commands = parseWorkflowCommands(result.stdout).map((c) => c.command);
      expect(commands.every((c) => ['add-mask', 'warning', 'error', 'debug'].includes(c))).toBe(true);
    },
  );
});

// Issue 16 item 5. Our own gates must never wait on each other. The emulator lists every Actions job as a check run
// of its commit and makes a job `pending` while another run's job holds its concurrency group (both cited there).
describe('deploy-guard: no deadlock between its own gates', () => {
  scenario(
    '(a) job-level concurrency: a newer run holding the group does not wait for an older run whose deploy job is pending on it',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 900,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [
          { name: 'build', status: 'completed', conclusion: 'success' },
          { name: 'deploy', status: 'queued', concurrency: 'production' },
        ],
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:01:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress', concurrency: 'production' }],
      });
      const result = await guard(f, { queue: true, timeout: 2 });
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(/Not waiting for run 900 .*concurrency group/);
      expect(result.summary).toMatch(/did not wait for run\(s\) 900 \(waiting for a concurrency group\)/);
    },
  );

  // GitHub documents a job waiting on a group as `pending`, not what its run reports meanwhile: an older run whose only
  // job waits on the group may show `queued` (or `waiting`) as a whole. Its jobs are what tell.
  scenario(
    '(a) an older run reported queued whose only job is pending on the group is not waited for either',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 900,
        status: 'queued',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'queued', concurrency: 'production' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:01:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress', concurrency: 'production' }],
      });
      const result = await guard(f, { queue: true, timeout: 2 });
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(/Not waiting for run 900 .*concurrency group/);
    },
  );

  scenario(
    '(a) an older run whose deploy job is running (not pending) is still waited for',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 900,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress', concurrency: 'production' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:01:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'queued', concurrency: 'production' }],
      });
      const result = await guard(f, { queue: true, timeout: 0.5 });
      expect(result.outputs.decision).toBe('blocked');
      expect(JSON.parse(result.outputs['blocking-runs'] ?? '[]')).toEqual([expect.objectContaining({ id: 900 })]);
    },
  );

  scenario(
    "(b) the commit gate does not wait for a later deploy run's guard job, nor for a deploy job pending approval; CI still counts",
    async ({ fixture, guard, after }) => {
      const f = fixture();
      f.repo.addWorkflow({ name: 'CI', path: '.github/workflows/ci.yml' });
      f.repo.addWorkflowRun({
        workflow: 'CI',
        id: 700,
        status: 'in_progress',
        created_at: '2026-03-01T09:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'test', status: 'in_progress' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress' }],
      });
      // A later deploy of the same commit: its guard job waits in the queue for run 1001.
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1002,
        status: 'in_progress',
        created_at: '2026-03-01T10:05:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'guard', status: 'in_progress' }],
      });
      // Another deploy workflow in the queue's scope, its production job waiting for a reviewer.
      f.repo.addWorkflowRun({
        workflow: 'Staging',
        id: 950,
        status: 'waiting',
        created_at: '2026-03-01T09:30:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'promote', status: 'waiting' }],
      });
      // CI (not a deploy workflow) still gates: it finishes after a few polls.
      after(CHECK_RUNS, 3, () =>
        f.repo.updateWorkflowRun(700, {
          status: 'completed',
          conclusion: 'success',
          jobs: [{ name: 'test', status: 'completed', conclusion: 'success' }],
        }),
      );
      const result = await guard(f, { 'commit-gate': true, workflows: 'Deploy, Staging', timeout: 5 });
      expect(result.outputs.decision).toBe('proceed');
      expect(result.stdout).toMatch(/Commit gate: waiting for test\./);
      expect(result.stdout).toMatch(/not waiting for guard: run 1002 started after this one/);
      expect(result.stdout).toMatch(/not waiting for promote: run 950 waits for an environment approval/);
      expect(result.summary).toMatch(/test passed/);
    },
  );

  scenario(
    "(b) a CI job with the name of one of this run's own unfinished jobs is still a check: the gate waits for it",
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflow({ name: 'CI', path: '.github/workflows/ci.yml' });
      f.repo.addWorkflowRun({
        workflow: 'CI',
        id: 700,
        status: 'in_progress',
        created_at: '2026-03-01T09:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'smoke', status: 'in_progress' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [
          { name: 'deploy', status: 'in_progress' },
          { name: 'smoke', status: 'queued' },
        ],
      });
      const result = await guard(f, { 'commit-gate': true, timeout: 0.5 });
      expect(result.outputs.decision).toBe('blocked');
      expect(result.stdout).toMatch(/Commit gate: waiting for smoke\./);
    },
  );

  scenario(
    'a failed job of one workflow is not hidden by a newer passing job of the same name in another workflow',
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflow({ name: 'CI', path: '.github/workflows/ci.yml' });
      f.repo.addWorkflow({ name: 'Nightly', path: '.github/workflows/nightly.yml' });
      f.repo.addWorkflowRun({
        workflow: 'CI',
        id: 700,
        status: 'completed',
        conclusion: 'failure',
        created_at: '2026-03-01T09:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'test', status: 'completed', conclusion: 'failure' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'Nightly',
        id: 800,
        status: 'completed',
        created_at: '2026-03-01T09:30:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'test', status: 'completed', conclusion: 'success' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress' }],
      });
      const result = await guard(f, { 'commit-gate': true, timeout: 2 });
      expect(result.outputs.decision).toBe('blocked');
      expect(result.failure).toMatch(/has failing checks: test/);
    },
  );

  scenario(
    "(b) a later run of a workflow outside the queue's scope is a check like any other: the gate waits for it",
    async ({ fixture, guard }) => {
      const f = fixture();
      f.repo.addWorkflow({ name: 'CI', path: '.github/workflows/ci.yml' });
      f.repo.addWorkflowRun({
        workflow: 'Deploy',
        id: 1001,
        status: 'in_progress',
        created_at: '2026-03-01T10:00:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'deploy', status: 'in_progress' }],
      });
      f.repo.addWorkflowRun({
        workflow: 'CI',
        id: 1100,
        status: 'in_progress',
        created_at: '2026-03-01T10:05:00Z',
        head_sha: f.sha,
        jobs: [{ name: 'test', status: 'in_progress' }],
      });
      const result = await guard(f, { 'commit-gate': true, timeout: 0.5 });
      expect(result.outputs.decision).toBe('blocked');
      expect(result.failure).toMatch(/Timed out waiting for the checks/);
      expect(result.stdout).toMatch(/Commit gate: waiting for test\./);
    },
  );
});
