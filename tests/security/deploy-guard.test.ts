import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import type { RunOptions } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';
import { normalizeMarkdown, parseMarkdown } from '../../packages/markdown/src/parse';
import {
  HOSTILE_MIXED,
  HTML_HOSTILE,
  concurrentCases,
  expectMaskedFirst,
  expectNoInjectedCommands,
  expectOnlyDeclaredOutputs,
  expectSecretsHidden,
  expectSummaryEscaped,
  hostileBlock,
  runSecure,
  type SecureRun,
} from './support';

/**
 * deploy-guard's committed bundle where the text it reads from GitHub is hostile: check-run names and commit-status
 * contexts/descriptions (any app or PR workflow can set them), workflow and run names (a PR's workflow file names
 * itself; run-name is often the PR title or commit message), PR titles and labels, and the reason inputs workflows
 * fill from event data. Short real intervals (0.05 s poll, 0.3 s timeout); every case has its own emulator.
 */

const ACTION = 'deploy-guard';
const TOKEN = 'ghs_securitysuitetoken2222222222222222';

interface Lab {
  github: GitHubEmulator;
  repo: EmulatedRepository;
  sha: string;
  guard(inputs: RunOptions['inputs'], extra?: Partial<RunOptions>): Promise<SecureRun>;
}

async function withLab(test: (lab: Lab) => Promise<void>): Promise<void> {
  const github = await startGitHubEmulator();
  try {
    const name = 'octo-org/hostile-guard';
    const repo = github.repo(name);
    repo.addWorkflow({ name: 'Deploy', path: '.github/workflows/deploy.yml' });
    const sha = repo.head('main');
    const workspace = mkdtempSync(join(tmpdir(), 'security-guard-'));
    const guard = (inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}) =>
      runSecure({
        action: ACTION,
        apiUrl: github.url,
        repository: name,
        sha,
        runId: 1001,
        token: TOKEN,
        workspace,
        timeoutMs: 20_000,
        ...extra,
        inputs: { 'poll-interval': 0.05, ...inputs },
      });
    await test({ github, repo, sha, guard });
    github.assertNoViolations();
  } finally {
    await github.close();
  }
}

/** The checks every run must pass, whatever it decided. */
function expectSafe(run: SecureRun): void {
  expect(run.result.timedOut).toBe(false);
  expectNoInjectedCommands(run.result, { masks: [TOKEN] });
  expectOnlyDeclaredOutputs(ACTION, run);
  expectMaskedFirst(run.result, [TOKEN]);
  expectSecretsHidden(run.result, [TOKEN]);
  expectSummaryEscaped(run.result.summary);
}

/** A window that is closed now, whatever the time zone: a blackout from yesterday to tomorrow (UTC dates). */
const CLOSED_NOW = {
  window: 'daily 00:00-24:00 UTC',
  blackout: [-1, 0, 1].map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)).join(', '),
};

const HOSTILE_TEXTS: [string, string][] = [
  ['LF', hostileBlock('\n')],
  ['CRLF', hostileBlock('\r\n')],
  ['lone CR', hostileBlock('\r')],
  ['mixed', HOSTILE_MIXED],
];

describe('deploy-guard: hostile check names, status contexts and descriptions (commit gate)', () => {
  concurrentCases(
    HOSTILE_TEXTS.map(([eol, hostile]) => [
      `${eol}: waiting and then failing on them prints no injected command and keeps outputs declared`,
      () =>
        withLab(async ({ github, repo, sha, guard }) => {
          repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: sha });
          repo.addStatus(sha, {
            context: `ci/${hostile}`,
            state: 'pending',
            description: `${hostile} ${HTML_HOSTILE}`,
          });
          const check = repo.addCheckRun(sha, { name: `build ${hostile} ${HTML_HOSTILE}`, status: 'in_progress' });
          let polls = 0;
          const stop = github.onRequest((request) => {
            if (request.route !== 'GET /repos/{owner}/{repo}/commits/{ref}/check-runs' || ++polls !== 2) return;
            stop();
            repo.updateCheckRun(check.id, { status: 'completed', conclusion: 'failure' });
            repo.addStatus(sha, { context: `ci/${hostile}`, state: 'failure', description: hostile });
          });
          const run = await guard({ 'commit-gate': true });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.outputs.decision).toBe('blocked');
          // The hostile names did reach the log and the reason (as data).
          expect(run.result.stdout).toMatch(/Commit gate: waiting for/);
          expect(run.result.outputs.reason).toContain('build');
          expectSafe(run);
        }),
    ]),
  );
});

describe('deploy-guard: hostile workflow and run names (queue)', () => {
  concurrentCases(
    HOSTILE_TEXTS.map(([eol, hostile]) => [
      `${eol}: a blocking run named with commands and HTML, timed out: no injected command, escaped summary`,
      () =>
        withLab(async ({ repo, sha, guard }) => {
          repo.addWorkflow({ name: `Deploy ${hostile} ${HTML_HOSTILE}`, path: '.github/workflows/evil.yml' });
          repo.addWorkflowRun({
            workflow: 'evil.yml',
            id: 900,
            status: 'in_progress',
            created_at: '2026-03-01T09:00:00Z',
            head_sha: sha,
            display_title: hostile,
          });
          repo.addWorkflowRun({
            workflow: 'Deploy',
            id: 1001,
            status: 'in_progress',
            created_at: '2026-03-01T10:00:00Z',
            head_sha: sha,
            display_title: hostile,
          });
          const run = await guard({ queue: true, workflows: '*', timeout: 0.3 });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.outputs.decision).toBe('blocked');
          const blocking = JSON.parse(run.result.outputs['blocking-runs'] ?? '[]') as { id: number; name?: string }[];
          expect(blocking.map((r) => r.id)).toEqual([900]);
          expect(blocking[0]?.name).toContain('::stop-commands::tok');
          expectSafe(run);
        }),
    ]),
  );
});

describe('deploy-guard: hostile job and workflow names in the lines that say what the gates do not wait for (issue 16 item 5)', () => {
  concurrentCases(
    HOSTILE_TEXTS.map(([eol, hostile]) => [
      `${eol}: a later deploy run's job, a job waiting for approval and a run pending on a concurrency group, all named with commands: no injected command`,
      () =>
        withLab(async ({ repo, sha, guard }) => {
          repo.addWorkflow({ name: `Release ${hostile} ${HTML_HOSTILE}`, path: '.github/workflows/release.yml' });
          repo.addWorkflowRun({
            workflow: 'release.yml',
            id: 900,
            status: 'in_progress',
            created_at: '2026-03-01T09:00:00Z',
            head_sha: sha,
            jobs: [{ name: `deploy ${hostile}`, status: 'queued', concurrency: 'production' }],
          });
          repo.addWorkflowRun({
            workflow: 'Deploy',
            id: 1001,
            status: 'in_progress',
            created_at: '2026-03-01T10:00:00Z',
            head_sha: sha,
            jobs: [{ name: 'deploy', status: 'in_progress', concurrency: 'production' }],
          });
          repo.addWorkflowRun({
            workflow: 'Deploy',
            id: 1002,
            status: 'in_progress',
            created_at: '2026-03-01T10:05:00Z',
            head_sha: sha,
            jobs: [{ name: `guard ${hostile} ##[warning]mid-line ${HTML_HOSTILE}`, status: 'in_progress' }],
          });
          repo.addWorkflowRun({
            workflow: 'release.yml',
            id: 950,
            status: 'waiting',
            created_at: '2026-03-01T10:06:00Z',
            head_sha: sha,
            jobs: [{ name: `promote ${hostile}`, status: 'waiting' }],
          });
          const run = await guard({ queue: true, 'commit-gate': true, workflows: 'Deploy, release.yml', timeout: 5 });
          expect(run.result.outputs.decision).toBe('proceed');
          expect(run.result.stdout).toMatch(/Not waiting for run 900/);
          expect(run.result.stdout).toMatch(/Commit gate: not waiting for guard/);
          expectSafe(run);
        }),
    ]),
  );
});

describe('deploy-guard: a hostile environment name (queue by environment, e.g. from a workflow_dispatch input)', () => {
  const oneLine = `prod ::error::fake pwned ::add-mask::pwned ${HTML_HOSTILE} | ${'`'}x${'`'}`;
  concurrentCases([
    [
      'one line with commands and HTML: a blocking deploy to it times out with no injected command and an escaped summary',
      () =>
        withLab(async ({ repo, sha, guard }) => {
          repo.addWorkflowRun({
            workflow: 'Deploy',
            id: 900,
            status: 'in_progress',
            created_at: '2026-03-01T09:00:00Z',
            head_sha: sha,
          });
          repo.addWorkflowRun({
            workflow: 'Deploy',
            id: 1001,
            status: 'in_progress',
            created_at: '2026-03-01T10:00:00Z',
            head_sha: sha,
          });
          const d = repo.addDeployment({ ref: 'main', environment: oneLine, created_at: '2026-03-01T09:00:05Z' });
          repo.addDeploymentStatus(d.id, {
            state: 'in_progress',
            log_url: 'https://github.com/octo-org/hostile-guard/actions/runs/900/job/1',
          });
          const run = await guard({ queue: true, environment: oneLine, timeout: 0.3 });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.outputs.decision).toBe('blocked');
          const blocking = JSON.parse(run.result.outputs['blocking-runs'] ?? '[]') as {
            id: number;
            environment?: string;
          }[];
          expect(blocking).toEqual([expect.objectContaining({ id: 900, environment: oneLine })]);
          expect(run.result.stdout).toMatch(/deploying to prod/);
          expectSafe(run);
        }),
    ],
    [
      'several lines: a clear error naming the input, no injected command',
      () =>
        withLab(async ({ guard }) => {
          const run = await guard({
            queue: true,
            environment: `production\n::error::fake pwned\r::add-mask::pwned ${HTML_HOSTILE}`,
          });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/Input 'environment' is invalid/);
          expectNoInjectedCommands(run.result, { masks: [TOKEN] });
          expectOnlyDeclaredOutputs(ACTION, run);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ],
  ]);
});

describe('deploy-guard: hostile PR titles and labels, and reason inputs filled from event data', () => {
  const prPayload = (number: number, sha: string, labels: string[]) => {
    const payload = webhookExample<{
      pull_request: {
        number: number;
        title: string;
        head: { sha: string };
        base: { ref: string };
        labels: { name: string }[];
      };
    }>('pull_request', 'opened');
    payload.pull_request.number = number;
    payload.pull_request.title = hostileBlock('\n');
    payload.pull_request.head.sha = sha;
    payload.pull_request.base.ref = 'main';
    payload.pull_request.labels = labels.map((name) => ({ name }));
    return payload;
  };
  const labels = [
    '::error::fake pwned',
    'skip\n::add-mask::pwned',
    `hotfix\r\n::set-output name=decision::pwned`,
    HTML_HOSTILE,
  ];

  concurrentCases([
    [
      'freeze on: PRs with hostile titles and labels, a hostile freeze-reason: no injected command',
      () =>
        withLab(async ({ repo, guard }) => {
          for (const n of [1, 2]) {
            const head = repo.branch(`f${n}`, repo.commit({ files: { [`f${n}`]: 'x' } }));
            repo.addPullRequest({
              number: n,
              title: hostileBlock(n === 1 ? '\n' : '\r\n'),
              body: HOSTILE_MIXED,
              labels,
              head: { ref: `f${n}`, sha: head },
            });
          }
          const run = await guard({
            freeze: 'on',
            'freeze-reason': `Frozen ${hostileBlock('\n')}`.slice(0, 120),
            'exempt-label': 'hotfix',
          });
          expectSafe(run);
          expect(run.result.exitCode === 0 || run.result.exitCode === 1).toBe(true);
        }),
    ],
    [
      'a pull_request event whose labels and title are hostile, with an override label and an abort label',
      () =>
        withLab(async ({ repo, sha, guard }) => {
          repo.addPullRequest({ number: 3, title: hostileBlock('\r'), labels, head: { ref: 'main', sha } });
          const run = await guard(
            { ...CLOSED_NOW, 'override-label': labels[0] ?? '', 'abort-label': labels[1] ?? '' },
            { event: { name: 'pull_request', payload: prPayload(3, sha, labels) } },
          );
          expectSafe(run);
          // The label override applied: the hostile label name is quoted in the reason, as data.
          expect(run.result.outputs.decision).toBe('proceed');
        }),
    ],
    [
      'override-reason filled from event data (commands, CRLF, HTML) during a blackout',
      () =>
        withLab(async ({ guard }) => {
          const run = await guard({ ...CLOSED_NOW, 'override-reason': `${hostileBlock('\r\n')}\r\n${HTML_HOSTILE}` });
          expect(run.result.outputs.decision).toBe('proceed');
          expect(run.result.outputs.reason).toContain('::set-output');
          expectSafe(run);
        }),
    ],
  ]);
});

describe('deploy-guard: the token under faults', () => {
  concurrentCases(
    ([401, 403, 404] as const).map((status) => [
      `${status} on listing runs: the error names the call, never the token`,
      () =>
        withLab(async ({ github, guard }) => {
          github.fault('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { status, times: Infinity });
          github.fault('GET /repos/{owner}/{repo}/actions/runs', { status, times: Infinity });
          const run = await guard({ queue: true, timeout: 0.3 });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/GET \/repos|permission|Not Found|credentials|token/i);
          expectMaskedFirst(run.result, [TOKEN]);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ]),
  );
});

describe('deploy-guard: the token when an input is invalid', () => {
  concurrentCases([
    [
      'window: hostile text: a clear error naming the input, no injected command; the token never shown',
      () =>
        withLab(async ({ guard }) => {
          const run = await guard({
            window: `mon 09:00-17:00 UTC\n::error::fake pwned\r::add-mask::pwned ${HTML_HOSTILE}`,
          });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/window/);
          expectNoInjectedCommands(run.result, { masks: [TOKEN] });
          expectOnlyDeclaredOutputs(ACTION, run);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ],
  ]);
});

/**
 * Issue 15 item 4: names from third parties (check runs, status contexts, workflow and run names) reach the summary's
 * table and its **Reason:** line. Whatever they hold, they must not render as Markdown: no link, image or autolink
 * (a tracking pixel, or a link whose label reads like a GitHub or bank URL), no emphasis or inline HTML.
 */
const MARKDOWN_HOSTILE = [
  '[https://github.com/octo-org/hostile-guard/pull/1](https://evil.example/phish)',
  '![](https://tracker.example/pixel.gif)',
  '[ref][r]',
  'https://evil.example/a',
  'www.evil.example',
  'mail@evil.example',
  '<https://evil.example/b>',
  '**bold** _em_ ~~gone~~',
  '`code` $x^2$',
  '<b>html</b>',
  '[^note]',
].join(' ');

/** Every node of the rendered summary that is neither plain text nor the guard's own structure. */
function liveMarkdown(summary: string): string[] {
  const found: string[] = [];
  const live = new Set([
    'link',
    'image',
    'linkReference',
    'imageReference',
    'html',
    'emphasis',
    'strong',
    'delete',
    'footnoteReference',
    'definition',
    'inlineMath',
    'math',
  ]);
  const visit = (node: { type: string; children?: unknown[]; value?: string }): void => {
    if (live.has(node.type)) found.push(`${node.type}: ${JSON.stringify(node).slice(0, 200)}`);
    for (const child of node.children ?? []) visit(child as Parameters<typeof visit>[0]);
  };
  // The guard's own bold labels (**Reason:**, **Checked commit:**) are its structure: taken out before the walk.
  visit(
    parseMarkdown(
      normalizeMarkdown(summary.replace(/^\*\*(Reason|Checked commit|Next window|Blocking runs):\*\* /gm, '')),
    ) as unknown as Parameters<typeof visit>[0],
  );
  return found;
}

describe('deploy-guard: Markdown in third-party names never renders in the summary (issue 15 item 4)', () => {
  concurrentCases([
    [
      'a failing check run and a pending status named with links, images and autolinks: table and reason stay text',
      () =>
        withLab(async ({ repo, sha, guard }) => {
          repo.addWorkflowRun({ workflow: 'Deploy', id: 1001, status: 'in_progress', head_sha: sha });
          repo.addStatus(sha, { context: `ci ${MARKDOWN_HOSTILE}`, state: 'failure', description: MARKDOWN_HOSTILE });
          repo.addCheckRun(sha, { name: `build ${MARKDOWN_HOSTILE}`, status: 'completed', conclusion: 'failure' });
          const run = await guard({ 'commit-gate': true });
          expect(run.result.outputs.decision).toBe('blocked');
          // The names are in the summary (as text), in the reason row and the **Reason:** line.
          expect(run.result.summary).toContain('evil');
          expect(run.result.summary).toMatch(/\*\*Reason:\*\* .*tracker/);
          expect(liveMarkdown(run.result.summary)).toEqual([]);
          expectSafe(run);
        }),
    ],
    [
      'a blocking run of a workflow named with links and images: the waited-on runs and the reason stay text',
      () =>
        withLab(async ({ repo, sha, guard }) => {
          repo.addWorkflow({ name: `Deploy ${MARKDOWN_HOSTILE}`, path: '.github/workflows/evil.yml' });
          repo.addWorkflowRun({
            workflow: 'evil.yml',
            id: 900,
            status: 'in_progress',
            created_at: '2026-03-01T09:00:00Z',
            head_sha: sha,
            head_branch: `x${MARKDOWN_HOSTILE.replace(/ /g, '')}`,
          });
          repo.addWorkflowRun({
            workflow: 'Deploy',
            id: 1001,
            status: 'in_progress',
            created_at: '2026-03-01T10:00:00Z',
            head_sha: sha,
          });
          const run = await guard({ queue: true, workflows: '*', timeout: 0.3 });
          expect(run.result.outputs.decision).toBe('blocked');
          expect(run.result.summary).toContain('tracker');
          expect(liveMarkdown(run.result.summary)).toEqual([]);
          expectSafe(run);
        }),
    ],
    [
      'override-reason and override-label with links and images (from event data): the overridden row stays text',
      () =>
        withLab(async ({ guard }) => {
          const run = await guard({ ...CLOSED_NOW, 'override-reason': MARKDOWN_HOSTILE });
          expect(run.result.outputs.decision).toBe('proceed');
          expect(run.result.summary).toContain('tracker');
          expect(liveMarkdown(run.result.summary)).toEqual([]);
          expectSafe(run);
        }),
    ],
  ]);
});
