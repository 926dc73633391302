// Cold start of every action's committed bundle, run through the runner harness exactly as GitHub runs it, as a
// ratio to a bare `node -e ""` spawned the same way in the same run. Runtimes: Node 24 (what `runs.using: node24`
// gives) and Node 20. Targets are interleaved round by round so machine noise hits all of them alike; the figure
// is the median of ROUNDS rounds. Also reports each bundle's size. See tests/bench/README.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { SlackEmulator } from '@shipshape/testing/slack-emulator';
import { REPO_ROOT, runActionBundle, runnerNode, type RunOptions } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 21);
const START_RATIO_GOAL = 1.8;
const BUNDLE_GOAL_BYTES = 600 * 1024;
const REPOSITORY = 'octo-org/octo-repo';

interface Scenario {
  action: string;
  /** Seeds the emulators once; returns the run options used for every round. */
  prepare(github: GitHubEmulator, slack: SlackEmulator): RunOptions;
}

const CHANGELOG = '# Changelog\n\n## [1.2.3] - 2026-03-01\n\n### Fixed\n\n- The deploy waits for staging.\n\n## [1.2.2] - 2026-02-01\n\n- Older.\n';
const PLAN = [
  '## Solution',
  '**Original issue and supporting materials**: #12',
  '**Downsides**: None',
  '## Roll-out plan',
  '**Deployment risks**: None.',
  '**Deployment assistants**: @octocat',
  '**Backing services related changes**: N/A',
  '**Backuping steps**: N/A',
  '**Deployment steps**:',
  '  1. [ ] Merge and tag',
  '## Verification plan',
  'Open the dashboard and check the error rate.',
  '## Rollback strategy',
  'Revert the merge commit and redeploy the previous tag.',
].join('\n');

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ws-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const scenarios: Scenario[] = [
  {
    // A filled-in plan on an opened PR: read the PR, no template, no comment.
    action: 'plan-lint',
    prepare(github) {
      const repo = github.repo(REPOSITORY);
      const sha = repo.commit({ branch: 'feature', files: { 'README.md': 'x' }, message: 'feature' });
      repo.addPullRequest({ number: 7, title: 'Deploy waits for staging', body: PLAN, base: 'main', head: { ref: 'feature', sha }, files: ['src/a.ts'] });
      const payload = webhookExample<Record<string, unknown>>('pull_request', 'opened');
      const pr = payload.pull_request as Record<string, unknown>;
      Object.assign(pr, { number: 7, title: 'Deploy waits for staging', body: PLAN, draft: false });
      return { action: 'plan-lint', event: { name: 'pull_request', payload }, apiUrl: github.url, repository: REPOSITORY };
    },
  },
  {
    // A tag push whose release already exists and is current: find it, write nothing (the common re-run).
    action: 'changelog-release',
    prepare(github) {
      const repo = github.repo(REPOSITORY);
      const sha = repo.commit({ branch: 'main', files: { 'CHANGELOG.md': CHANGELOG }, message: 'Release 1.2.3' });
      repo.tag('v1.2.3', sha);
      return {
        action: 'changelog-release',
        ref: 'refs/tags/v1.2.3',
        sha,
        event: { name: 'push', payload: webhookExample('push') },
        apiUrl: github.url,
        repository: REPOSITORY,
        workspace: workspaceWith({ 'CHANGELOG.md': CHANGELOG }),
      };
    },
  },
  {
    // Nothing blocks: an open window and a green commit.
    action: 'deploy-guard',
    prepare(github) {
      const repo = github.repo(REPOSITORY);
      const sha = repo.head('main');
      repo.addStatus(sha, { context: 'ci/test', state: 'success' });
      return {
        action: 'deploy-guard',
        sha,
        inputs: { queue: 'false', 'commit-gate': 'true', window: 'daily 00:00-23:59 UTC; daily 23:59-00:00 UTC' },
        apiUrl: github.url,
        repository: REPOSITORY,
      };
    },
  },
  {
    // "Deploying v1.2.3 to production" through an incoming webhook.
    action: 'deploy-notify',
    prepare(_github, slack) {
      return {
        action: 'deploy-notify',
        inputs: { 'webhook-url': slack.webhookUrl('C0BENCHDEPLOY'), status: 'started', version: '1.2.3', environment: 'production' },
        apiUrl: 'http://127.0.0.1:9',
        repository: REPOSITORY,
      };
    },
  },
];

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Wall time of `node -e ""` spawned like the runner spawns a bundle (pipes, same environment size). */
function bareNode(node: string): Promise<number> {
  const started = performance.now();
  const child = spawn(node, ['-e', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.resume();
  child.stderr.resume();
  return new Promise((resolve) => child.on('close', () => resolve(performance.now() - started)));
}

async function main(): Promise<void> {
  const github = await startGitHubEmulator();
  const slack = await SlackEmulator.start();
  const runtimes = [
    { label: 'Node 24', node: runnerNode() },
    { label: 'Node 20', node: process.execPath },
  ];
  const active = scenarios.filter((s) => existsSync(join(REPO_ROOT, 'actions', s.action, 'dist/index.js')));
  const prepared = active.map((s) => ({ action: s.action, options: s.prepare(github, slack) }));
  const rows: Record<string, unknown>[] = [];
  const notes: string[] = [];
  for (const runtime of runtimes) {
    const times = new Map<string, number[]>([['bare', []], ...prepared.map((p): [string, number[]] => [p.action, []])]);
    // One warm-up round (page cache, emulator JIT), not counted.
    for (let round = -1; round < ROUNDS; round++) {
      const bare = await bareNode(runtime.node);
      if (round >= 0) times.get('bare')?.push(bare);
      for (const p of prepared) {
        const result = await runActionBundle({ ...p.options, node: runtime.node });
        if (result.exitCode !== 0) {
          throw new Error(`${p.action} failed in its bench scenario (exit ${result.exitCode}): ${result.failure ?? result.stderr.slice(0, 500)}`);
        }
        if (round >= 0) times.get(p.action)?.push(result.durationMs);
      }
    }
    const bareMedian = median(times.get('bare') ?? []);
    rows.push({ label: `${runtime.label}: bare node -e ""`, medianMs: bareMedian });
    for (const p of prepared) {
      const ms = median(times.get(p.action) ?? []);
      const ratio = ms / bareMedian;
      rows.push({ label: `${runtime.label}: ${p.action} cold start`, medianMs: ms, ratio, goal: `≤ ${START_RATIO_GOAL}× bare node`, met: ratio <= START_RATIO_GOAL });
    }
  }
  for (const s of scenarios) {
    const file = join(REPO_ROOT, 'actions', s.action, 'dist/index.js');
    if (!existsSync(file)) {
      notes.push(`${s.action}: no committed bundle`);
      continue;
    }
    const kb = statSync(file).size / 1024;
    rows.push({ label: `${s.action} bundle (dist/index.js)`, value: Math.round(kb), unit: 'KB', goal: '< 600 KB', met: kb * 1024 < BUNDLE_GOAL_BYTES });
  }
  await github.close();
  await slack.close();
  notes.push(`median of ${ROUNDS} interleaved rounds; durations include process spawn and exit, as on a runner`);
  console.log(JSON.stringify({ name: 'cold-start', rows, notes: notes.join('; ') }));
}

await main();
