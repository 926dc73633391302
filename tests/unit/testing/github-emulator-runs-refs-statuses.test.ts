import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';

/**
 * The parts of the GitHub emulator deploy-guard relies on, each as GitHub answers (sources next to the emulator's
 * code): refs, commit statuses, workflow runs and their re-runs, jobs as check runs, concurrency groups.
 */

let github: GitHubEmulator;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => {
  github.clearFaults();
  github.assertNoViolations();
  github.resetTraffic();
});
afterAll(() => github.close());

let repoCounter = 0;
function freshRepo(): { path: string; repo: ReturnType<GitHubEmulator['repo']> } {
  const name = `octo-org/runs-${++repoCounter}`;
  return { path: `/repos/${name}`, repo: github.repo(name) };
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: () => Record<string, unknown> }> {
  const response = await fetch(`${github.url}${path}`, {
    method,
    headers: {
      authorization: 'token t',
      accept: 'application/vnd.github+json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: () => (text ? (JSON.parse(text) as Record<string, unknown>) : {}) };
}

describe('refs', () => {
  it('answers 422 "Reference already exists" to creating an existing ref, and "Reference does not exist" to deleting a missing one', async () => {
    const { path, repo } = freshRepo();
    const sha = repo.head('main');
    expect((await call('POST', `${path}/git/refs`, { ref: 'refs/shipshape/freeze/main', sha })).status).toBe(201);
    const again = await call('POST', `${path}/git/refs`, { ref: 'refs/shipshape/freeze/main', sha });
    expect([again.status, again.json().message]).toEqual([422, 'Reference already exists']);
    expect((await call('DELETE', `${path}/git/refs/shipshape/freeze/main`)).status).toBe(204);
    const gone = await call('DELETE', `${path}/git/refs/shipshape/freeze/main`);
    expect([gone.status, gone.json().message]).toEqual([422, 'Reference does not exist']);
  });
});

describe('commit statuses', () => {
  it('refuses a description over 140 characters, counted as GitHub counts them (code points: 140 emoji fit)', async () => {
    const { path, repo } = freshRepo();
    const sha = repo.head('main');
    const emoji = '🚀'.repeat(140);
    expect(
      (await call('POST', `${path}/statuses/${sha}`, { state: 'pending', context: 'c', description: emoji })).status,
    ).toBe(201);
    const long = await call('POST', `${path}/statuses/${sha}`, {
      state: 'pending',
      context: 'c',
      description: 'x'.repeat(141),
    });
    expect(long.status).toBe(422);
    expect(long.json()).toMatchObject({
      message: 'Validation Failed',
      errors: [
        { resource: 'Status', field: 'description', message: 'description is too long (maximum is 140 characters)' },
      ],
    });
    expect(repo.statuses(sha).map((s) => s.description)).toEqual([emoji]);
  });
});

describe('workflow runs and re-runs', () => {
  it('a re-run keeps id, run_number and created_at; run_attempt grows, run_started_at moves, status starts queued', async () => {
    const { path, repo } = freshRepo();
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    repo.addWorkflowRun({ workflow: 'Deploy', id: 900, status: 'completed', created_at: '2026-03-01T10:00:00Z' });
    const first = (await call('GET', `${path}/actions/runs/900`)).json();
    expect(first).toMatchObject({
      run_attempt: 1,
      created_at: '2026-03-01T10:00:00Z',
      run_started_at: '2026-03-01T10:00:00Z',
      previous_attempt_url: null,
    });
    repo.rerunWorkflowRun(900, { at: '2026-03-02T09:05:00Z' });
    const again = (await call('GET', `${path}/actions/runs/900`)).json();
    expect(again).toMatchObject({
      id: 900,
      run_number: first.run_number,
      run_attempt: 2,
      created_at: '2026-03-01T10:00:00Z',
      run_started_at: '2026-03-02T09:05:00Z',
      status: 'queued',
      conclusion: null,
    });
    expect(String(again.previous_attempt_url)).toMatch(/\/actions\/runs\/900\/attempts\/1$/);
    // The list keeps ordering and filtering by created_at: the re-run is still yesterday's run there.
    const list = (await call('GET', `${path}/actions/runs?created=%3E%3D2026-03-02`)).json();
    expect(list.workflow_runs).toEqual([]);
  });
});

describe('run lists through the search index', () => {
  it('a filtered list (status, created, branch…) misses a run the index does not have; the unfiltered list has it', async () => {
    const { path, repo } = freshRepo();
    const wf = repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 950,
      status: 'in_progress',
      created_at: '2026-03-01T09:59:00Z',
      indexed: false,
    });
    repo.addWorkflowRun({ workflow: 'Deploy', id: 951, status: 'in_progress', created_at: '2026-03-01T10:00:00Z' });
    const ids = async (query: string): Promise<unknown[]> =>
      (
        (await call('GET', `${path}/actions/workflows/${wf.id}/runs${query}`)).json().workflow_runs as { id: number }[]
      ).map((r) => r.id);
    expect(await ids('')).toEqual([951, 950]);
    expect(await ids('?status=in_progress')).toEqual([951]);
    expect(await ids('?branch=main')).toEqual([951]);
    expect(await ids('?per_page=100&page=1')).toEqual([951, 950]);
  });
});

describe('jobs as check runs, concurrency groups', () => {
  it("lists every job of a run on its commit as a check run: same id, github-actions, the run's suite, the job page as details_url", async () => {
    const { path, repo } = freshRepo();
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    const sha = repo.head('main');
    repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 900,
      status: 'in_progress',
      head_sha: sha,
      jobs: [
        { name: 'build', status: 'completed', conclusion: 'success' },
        { name: 'deploy', status: 'waiting' },
      ],
    });
    const jobs = (await call('GET', `${path}/actions/runs/900/jobs`)).json().jobs as {
      id: number;
      name: string;
      status: string;
      check_run_url: string;
    }[];
    const run = (await call('GET', `${path}/actions/runs/900`)).json();
    const checks = (await call('GET', `${path}/commits/${sha}/check-runs`)).json().check_runs as {
      id: number;
      name: string;
      status: string;
      app: { slug: string };
      details_url: string;
      check_suite: { id: number };
    }[];
    expect(checks.map((c) => [c.id, c.name, c.status, c.app.slug]).sort()).toEqual(
      jobs.map((j) => [j.id, j.name, j.status, 'github-actions']).sort(),
    );
    for (const check of checks) {
      expect(check.check_suite.id).toBe(run.check_suite_id);
      expect(check.details_url).toMatch(new RegExp(`/actions/runs/900/job/${check.id}$`));
    }
    expect(jobs.every((j) => j.check_run_url.endsWith(`/check-runs/${j.id}`))).toBe(true);
    expect(checks.find((c) => c.name === 'deploy')?.status).toBe('waiting');
  });

  it("a job whose concurrency group another run's job holds is pending until that job finishes", async () => {
    const { path, repo } = freshRepo();
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 900,
      status: 'in_progress',
      created_at: '2026-03-01T10:00:00Z',
      jobs: [
        { name: 'build', status: 'completed' },
        { name: 'deploy', status: 'queued', concurrency: 'production' },
      ],
    });
    repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 901,
      status: 'in_progress',
      created_at: '2026-03-01T10:01:00Z',
      jobs: [{ name: 'deploy', status: 'in_progress', concurrency: 'production' }],
    });
    const status = async (id: number): Promise<string[]> =>
      ((await call('GET', `${path}/actions/runs/${id}/jobs`)).json().jobs as { status: string }[]).map((j) => j.status);
    expect(await status(900)).toEqual(['completed', 'pending']);
    expect(await status(901)).toEqual(['in_progress']);
    repo.updateWorkflowRun(901, {
      status: 'completed',
      jobs: [{ name: 'deploy', status: 'completed', concurrency: 'production' }],
    });
    expect(await status(900)).toEqual(['completed', 'queued']);
  });
});

describe('check runs: latest per check suite', () => {
  it("two workflows' jobs of the same name are both listed; a re-run in one suite replaces its earlier check run", async () => {
    const { path, repo } = freshRepo();
    repo.addWorkflow({ name: 'CI', path: '.github/workflows/ci.yml' });
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    const sha = repo.head('main');
    repo.addWorkflowRun({
      workflow: 'CI',
      id: 700,
      status: 'completed',
      conclusion: 'failure',
      head_sha: sha,
      jobs: [{ name: 'test', status: 'completed', conclusion: 'failure' }],
    });
    repo.addWorkflowRun({
      workflow: 'Deploy',
      id: 800,
      status: 'completed',
      head_sha: sha,
      jobs: [{ name: 'test', status: 'completed', conclusion: 'success' }],
    });
    repo.addCheckRun(sha, { name: 'lint', status: 'completed', conclusion: 'failure', app: 'circleci' });
    repo.addCheckRun(sha, { name: 'lint', status: 'completed', conclusion: 'success', app: 'circleci' });
    const checks = (await call('GET', `${path}/commits/${sha}/check-runs`)).json().check_runs as {
      name: string;
      conclusion: string;
    }[];
    expect(checks.map((c) => `${c.name}:${c.conclusion}`).sort()).toEqual([
      'lint:success',
      'test:failure',
      'test:success',
    ]);
  });
});
