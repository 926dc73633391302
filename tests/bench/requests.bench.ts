// GitHub API requests per scenario, counted by the GitHub emulator (exact, not timed), against the fewest that can
// do the job; and the cost of a poll in which nothing changed (ETag / 304: 0 counted requests is the goal).
// Runs each action's committed bundle once per scenario on Node 24. See tests/bench/README.md.
import { startGitHubEmulator, type GitHubEmulator, type RecordedRequest } from '@shipshape/testing/github-emulator';
import { SlackEmulator } from '@shipshape/testing/slack-emulator';
import { runActionBundle, type RunOptions } from '@shipshape/testing/runner';
import { SCENARIOS, prepareScenarios } from './scenarios';
import type { BenchRow } from './support';

/** A request GitHub counts against the rate limit: anything but a 304 Not Modified. */
const counted = (requests: readonly RecordedRequest[]): number => requests.filter((r) => r.status !== 304).length;

async function run(
  github: GitHubEmulator,
  options: RunOptions,
): Promise<{ requests: RecordedRequest[]; failure?: string }> {
  github.resetTraffic();
  const result = await runActionBundle({ ...options, timeoutMs: 60_000 });
  const requests = [...github.requests];
  github.assertNoViolations();
  return {
    requests,
    failure:
      result.exitCode === 0 ? undefined : `exit ${result.exitCode}: ${result.failure ?? result.stderr.slice(0, 300)}`,
  };
}

async function main(): Promise<void> {
  const github = await startGitHubEmulator();
  const slack = await SlackEmulator.start();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const { ready, skipped } = prepareScenarios(SCENARIOS, github, slack);
  for (const s of skipped) notes.push(`NOTICE: ${s.action} skipped: ${s.reason}`);

  for (const scenario of ready) {
    // Twice: the first run of changelog-release creates the release; the second is the scenario (a re-run).
    const runs = scenario.action === 'changelog-release' ? [await run(github, scenario.options)] : [];
    runs.push(await run(github, scenario.options));
    const first = runs[0];
    const last = runs[runs.length - 1];
    if (!first || !last) continue;
    if (scenario.action === 'changelog-release') {
      rows.push(
        first.failure
          ? { label: 'changelog-release: first run (creates the release)', error: first.failure }
          : {
              label: 'changelog-release: first run (creates the release)',
              value: counted(first.requests),
              unit: 'requests',
              goal: '= 2 (list, create)',
              met: counted(first.requests) <= 2,
            },
      );
    }
    if (last.failure) {
      rows.push({ label: `${scenario.action}: ${scenario.what}`, error: last.failure });
      continue;
    }
    const n = counted(last.requests);
    rows.push({
      label: `${scenario.action}: minimal scenario`,
      value: n,
      unit: 'requests',
      goal: `= ${scenario.minimumRequests} (${scenario.minimumWhy})`,
      met: n <= scenario.minimumRequests,
    });
    notes.push(
      `${scenario.action}: ${scenario.what}: ${last.requests.map((r) => `${r.method} ${r.url.split('?')[0]} ${r.status}`).join(', ') || 'no GitHub request'}`,
    );
  }

  if (ready.some((s) => s.action === 'deploy-guard')) rows.push(...(await unchangedPolls(github)));
  else notes.push('NOTICE: deploy-guard not runnable: the unchanged-poll measure was skipped');

  await github.close();
  await slack.close();
  console.log(JSON.stringify({ name: 'requests', rows, notes: notes.join('; ') }));
}

/**
 * deploy-guard's queue waits behind an earlier run for several polls, then the run finishes. A poll is recognised by
 * the first URL that comes round a second time. Goal: the polls in which nothing changed cost 0 counted requests (all
 * 304).
 */
async function unchangedPolls(github: GitHubEmulator): Promise<BenchRow[]> {
  const repository = 'bench-org/poll-economy';
  const repo = github.repo(repository);
  const sha = repo.head('main');
  repo.addWorkflow({ name: 'Release', path: '.github/workflows/release.yml' });
  repo.addWorkflowRun({
    workflow: 'Release',
    id: 1000,
    status: 'in_progress',
    created_at: '2026-03-01T10:00:00Z',
    head_sha: sha,
  });
  repo.addWorkflowRun({
    workflow: 'Release',
    id: 1001,
    status: 'in_progress',
    created_at: '2026-03-01T10:00:05Z',
    head_sha: sha,
  });
  const POLLS_BEFORE_CHANGE = 6;
  // A poll is recognised by the first URL that comes round a second time (the run's own lookup happens once).
  const seen = new Map<string, number>();
  let marker: string | undefined;
  let windowRequests: RecordedRequest[] = [];
  let recording = false;
  const stop = github.onRequest((request) => {
    const times = (seen.get(request.url) ?? 0) + 1;
    seen.set(request.url, times);
    if (marker === undefined && times === 2) marker = request.url;
    if (request.url === marker) {
      if (times === 2) recording = true;
      if (times === POLLS_BEFORE_CHANGE) {
        recording = false;
        repo.updateWorkflowRun(1000, { status: 'completed', conclusion: 'success' });
      }
    }
    if (recording) windowRequests.push(request);
  });
  github.resetTraffic();
  windowRequests = [];
  const result = await runActionBundle({
    action: 'deploy-guard',
    apiUrl: github.url,
    repository,
    sha,
    runId: 1001,
    workflow: 'Release',
    inputs: { queue: 'true', 'poll-interval': '0.05', timeout: '60' },
    timeoutMs: 60_000,
  });
  stop();
  github.assertNoViolations();
  if (result.exitCode !== 0 || result.outputs.decision !== 'proceed') {
    return [
      {
        label: 'deploy-guard: counted requests per unchanged poll',
        error: `the queue scenario did not proceed (exit ${result.exitCode}): ${result.failure ?? ''}`,
      },
    ];
  }
  const unchanged = POLLS_BEFORE_CHANGE - 2;
  const perPoll = counted(windowRequests) / unchanged;
  return [
    {
      label: 'deploy-guard: requests per poll (all answers)',
      value: windowRequests.length / unchanged,
      unit: 'requests',
    },
    {
      label: 'deploy-guard: counted requests per unchanged poll',
      value: perPoll,
      unit: 'requests',
      goal: '0 (ETag → 304)',
      met: perPoll === 0,
    },
    {
      label: 'deploy-guard: whole queue scenario',
      value: counted(github.requests),
      unit: 'counted requests',
      goal: `of ${github.requests.length} in all`,
    },
  ];
}

await main();
