import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLocal, openInterval, parseWindowSpec } from '@shipshape/window';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, type RunResult } from '@shipshape/testing/runner';
import { messageTexts, startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import { webhookExample } from '@shipshape/testing/webhooks';
import type { ExpressionContext } from './expressions';
import { readJob, runJob, type StepReport } from './workflow';

/**
 * `npm run demo`: the release procedure of workflows-examples/ run end to end on this machine. A sample
 * repository lives in the GitHub emulator (a CHANGELOG, a `v1.4.0` tag, a PR with a plan, a staging deploy
 * still running); the example workflows' steps run in order, each through the real committed bundle as the
 * runner runs it, against the GitHub and Slack emulators. No network, no tokens.
 */

const REPOSITORY = 'acme/shop';
const CHANNEL = 'C0DEPLOYS';
const VERSION = '1.4.0';
const TAG = `v${VERSION}`;
const RUN_ID = 9001;
const STAGING_RUN_ID = 8800;
const DEFAULT_WINDOW = 'mon-fri 08:00-17:00 Europe/Paris';
const RELEASE_PR = 43;
const LEADS_FILE = '# Leading developers: half of them approve a merge into master.\n* @alice @bob @carol\n';

const CHANGELOG = `# Changelog

All notable changes to the shop are documented here.

## [Unreleased]

## [${VERSION}] - 2026-03-02

### Added

- **Gift cards** at checkout, behind the \`gift-cards\` flag ([#42](https://github.com/${REPOSITORY}/pull/42)).
- Order history export as CSV.

### Fixed

- Totals no longer round twice when a coupon and a gift card are combined.

## [1.3.0] - 2026-02-10

### Changed

- Faster product search.
`;

const PR_BODY = `## Solution
**Original issue and supporting materials**: #40, the gift card design doc
**Downsides**: None

## Roll-out plan
**Deployment risks**: the new gift_cards table is written on checkout; a slow migration would lock orders.
**Deployment assistants**: @acme/payments
**Backing services related changes**: N/A
**Backuping steps**: snapshot the orders database before the migration
**Deployment steps**:
  1. [ ] run the gift_cards migration
  2. [ ] enable the gift-cards flag for 5% of shoppers

## Verification plan
Buy a gift card on staging and redeem it at checkout; watch the checkout error rate dashboard for 30 minutes.

## Rollback strategy
Disable the gift-cards flag; the migration only adds a table, so it stays.
`;

let write: (text: string) => void = (text) => process.stdout.write(text);
/** Where the narrative goes (the lifecycle demo prints through the same helpers). */
export function setPrinter(print: (text: string) => void): void {
  write = print;
}
export const out = (text = ''): void => {
  write(`${text}\n`);
};
export const indent = (text: string, by = '    '): string =>
  text
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
export const heading = (text: string): void => {
  out();
  out(`━━ ${text} ${'━'.repeat(Math.max(3, 100 - text.length))}`);
};

/** The log as a reader of the Actions UI would see it: plain lines, annotations labelled, commands hidden. */
function readableLog(result: RunResult): string[] {
  const lines: string[] = [];
  for (const raw of result.stdout.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === '') continue;
    const [command] = parseWorkflowCommands(line);
    if (!command) lines.push(line);
    else if (['error', 'warning', 'notice'].includes(command.command))
      lines.push(`${command.command}: ${command.message}`);
  }
  return lines;
}

export function printStep(report: StepReport, secrets: string[]): void {
  const label = report.action ? `${report.title}  [${report.action}]` : report.title;
  switch (report.status) {
    case 'skipped':
      out(`\n○ ${label}\n    skipped (if: ${String(report.step.if)})`);
      return;
    case 'not-built':
      out(
        `\n○ ${label}\n    not run: actions/${report.action ?? '?'} has no committed bundle yet (this demo runs only what is built)`,
      );
      return;
    case 'placeholder': {
      if (report.step.run !== undefined) {
        out(`\n▶ ${label}\n    the deploy placeholder of the example; on a runner it would execute:`);
        out(indent(report.step.run, '      | '));
        const env = Object.entries(report.inputs).map(([k, v]) => `${k}=${v}`);
        if (env.length > 0) out(`    with env: ${env.join('  ')}`);
      } else {
        out(`\n▶ ${label}\n    not needed here: the demo's workspace already holds the repository's files`);
      }
      return;
    }
    default:
      break;
  }
  const result = report.result;
  out(`\n${report.status === 'success' ? '✔' : '✘'} ${label}`);
  const shown = Object.entries(report.inputs).map(
    ([k, v]) =>
      `${k}: ${secrets.includes(v) && v !== '' ? '***' : JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v)}`,
  );
  if (shown.length > 0) out(`    with: ${shown.join(', ')}`);
  if (!result) return;
  const log = readableLog(result);
  if (log.length > 0) {
    out('    log:');
    out(indent(log.join('\n'), '      '));
  }
  const outputs = Object.entries(result.outputs).filter(([k]) => k !== 'notes');
  if (outputs.length > 0) {
    out('    outputs:');
    for (const [k, v] of outputs) out(`      ${k} = ${v.length > 120 ? `${v.slice(0, 117)}…` : v}`);
  }
  if (result.summary.trim() !== '') {
    out('    job summary:');
    out(indent(result.summary, '      │ '));
  }
  out(`    exit code ${String(result.exitCode)} in ${(result.durationMs / 1000).toFixed(1)} s`);
}

export function printChannel(slack: SlackEmulator, channel = CHANNEL): number {
  const messages = slack.messages(channel);
  heading(`Slack channel ${channel} (#deploys), as its members see it`);
  if (messages.length === 0) {
    out('  (no messages: deploy-notify did not run)');
    return 0;
  }
  for (const message of messages) {
    out();
    out(`  [${message.ts}]${message.edits.length > 0 ? ` (edited ${message.edits.length}×)` : ''}`);
    for (const earlier of message.edits) {
      const first = messageTexts({ blocks: earlier.blocks, text: earlier.blocks ? undefined : earlier.text })[0] ?? '';
      out(`  │ (was: ${first})`);
    }
    out(
      indent(
        messageTexts({ blocks: message.blocks, text: message.blocks ? undefined : message.text }).join('\n'),
        '  │ ',
      ),
    );
    for (const reply of slack.replies(channel, message.ts)) {
      out(`    ↳ thread reply${reply.reply_broadcast ? ' (also sent to the channel)' : ''}:`);
      out(
        indent(
          messageTexts({ blocks: reply.blocks, text: reply.blocks ? undefined : reply.text }).join('\n'),
          '      │ ',
        ),
      );
    }
  }
  return messages.length;
}

function seed(github: GitHubEmulator): { sha: string; workspace: string; windowVar: string | undefined; base: string } {
  const repo = github.repo(REPOSITORY);
  const base = repo.head('main');
  const packageJson = `${JSON.stringify({ name: 'shop', version: VERSION, private: true }, null, 2)}\n`;
  const sha = repo.commit({
    branch: 'main',
    files: { 'CHANGELOG.md': CHANGELOG, 'package.json': packageJson },
    message: `Release ${VERSION}`,
  });
  repo.tag(TAG, sha);
  repo.branch('gift-cards', sha);
  repo.addWorkflow({ name: 'Release', path: '.github/workflows/release.yml' });
  repo.addWorkflow({ name: 'Staging', path: '.github/workflows/staging.yml' });
  const now = Date.now();
  repo.addWorkflowRun({
    workflow: 'Staging',
    id: STAGING_RUN_ID,
    status: 'in_progress',
    created_at: new Date(now - 90_000).toISOString(),
    head_branch: 'main',
    head_sha: base,
    event: 'push',
  });
  repo.addWorkflowRun({
    workflow: 'Release',
    id: RUN_ID,
    status: 'in_progress',
    created_at: new Date(now - 5_000).toISOString(),
    head_branch: TAG,
    head_sha: sha,
    event: 'push',
  });
  repo.addStatus(sha, { context: 'ci/test', state: 'success', description: 'tests passed' });
  repo.addCheckRun(sha, { name: 'build', status: 'completed', conclusion: 'success', app: 'github-actions' });
  repo.addPullRequest({
    number: 42,
    title: 'Gift cards at checkout',
    body: PR_BODY,
    draft: false,
    labels: [],
    user: 'octocat',
    base: 'main',
    head: { ref: 'gift-cards', sha },
    files: ['migrations/0042_gift_cards.sql', 'src/checkout/gift-cards.ts'],
    state: 'open',
  });
  // The weekly promotion PR of merge-gate.yml: develop into master, where .github/LEADS names the three leads.
  repo.branch('master', base);
  repo.commit({ branch: 'master', files: { '.github/LEADS': LEADS_FILE }, message: 'Leads of the shop' });
  repo.branch('develop', sha);
  repo.addPullRequest({
    number: RELEASE_PR,
    title: `Release ${VERSION}`,
    body: 'Weekly promotion of develop.',
    draft: false,
    labels: [],
    user: 'octocat',
    base: 'master',
    head: { ref: 'develop', sha },
    state: 'open',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'shipshape-demo-'));
  mkdirSync(join(workspace, '.github'), { recursive: true });
  writeFileSync(join(workspace, 'CHANGELOG.md'), CHANGELOG);
  writeFileSync(join(workspace, 'package.json'), packageJson);
  // The production window of the example. When it is closed right now the demo opens it through the
  // repository variable the workflow reads, and says so; a real run would wait (`outside-window: wait`).
  const spec = parseWindowSpec(DEFAULT_WINDOW);
  const windowVar = openInterval(spec, now) ? undefined : 'daily 00:00-24:00 UTC';
  return { sha, workspace, windowVar, base };
}

/** Runs the demo, printing through `print`; resolves to the exit code (0: the release went through). */
export async function runDemo(print: (text: string) => void = (text) => process.stdout.write(text)): Promise<number> {
  setPrinter(print);
  const began = Date.now();
  const github = await startGitHubEmulator();
  const slack = await startSlackEmulator({ channels: [CHANNEL] });
  const env = {};
  const overrides: Record<string, Record<string, string>> = {
    'deploy-guard': { 'poll-interval': '1' },
    'deploy-notify': { 'api-url': slack.apiUrl },
  };
  const problems: string[] = [];
  let workspace: string | undefined;
  try {
    const seeded = seed(github);
    workspace = seeded.workspace;
    // The merge window of merge-gate.yml is the deploy window; when it is closed now the demo opens it, as for the
    // release.
    if (seeded.windowVar) overrides['merge-gate'] = { window: seeded.windowVar };
    out('shipshape demo: the release procedure of workflows-examples/, run end to end on this machine');
    out(`  GitHub emulator ${github.url} (every request checked against GitHub's OpenAPI description)`);
    out(`  Slack emulator  ${slack.url} (Block Kit limits checked), channel ${CHANNEL}`);
    out(
      `  Sample repository ${REPOSITORY}: CHANGELOG.md with ${VERSION} and 1.3.0, tag ${TAG} on ${seeded.sha.slice(0, 7)},`,
    );
    out(
      `  PR #42 "Gift cards at checkout" with a roll-out plan, and a Staging deploy (run ${STAGING_RUN_ID}) still running.`,
    );
    out('  Each step below is a step of the example workflow, run from its committed bundle with the inputs the');
    out('  workflow gives it, plus two the demo adds: deploy-guard polls every second (poll-interval: 1) and');
    out("  deploy-notify talks to the Slack emulator (api-url); secrets come from the emulators' test credentials.");

    // 1. The pull request.
    heading('1. Pull request #42 is opened: workflows-examples/pr-checks.yml');
    const pr = webhookExample<
      Record<string, unknown> & { pull_request: Record<string, unknown>; repository: Record<string, unknown> }
    >('pull_request', 'opened');
    Object.assign(pr, { number: 42 });
    Object.assign(pr.pull_request, {
      number: 42,
      title: 'Gift cards at checkout',
      body: PR_BODY,
      draft: false,
      head: {
        ...(pr.pull_request.head as object),
        ref: 'gift-cards',
        sha: seeded.sha,
        repo: { full_name: REPOSITORY },
      },
      base: { ...(pr.pull_request.base as object), ref: 'main', sha: seeded.base },
    });
    Object.assign(pr.repository, {
      full_name: REPOSITORY,
      name: 'shop',
      owner: { login: 'acme' },
      default_branch: 'main',
    });
    const secrets = { SLACK_BOT_TOKEN: slack.token, SLACK_WEBHOOK_URL: slack.webhookUrl(CHANNEL) };
    const prCtx: ExpressionContext = {
      github: {
        repository: REPOSITORY,
        sha: seeded.sha,
        ref: 'refs/pull/42/merge',
        event_name: 'pull_request',
        event: pr,
        token: 'ghs_demo',
      },
      steps: {},
      secrets,
      vars: { SLACK_DEPLOY_CHANNEL: CHANNEL },
      inputs: {},
      job: { status: 'success' },
    };
    const prRunner = {
      apiUrl: github.url,
      repository: REPOSITORY,
      sha: seeded.sha,
      ref: 'refs/pull/42/merge',
      event: { name: 'pull_request', payload: pr },
      workspace: seeded.workspace,
      workflow: 'PR checks',
      env,
      timeoutMs: 60_000,
    };
    const secretValues = Object.values(secrets);
    for (const job of ['plan', 'changelog']) {
      const ctx = { ...prCtx, steps: {}, job: { status: 'success' as const } };
      const reports = await runJob(readJob('pr-checks.yml', job), ctx, {
        runner: prRunner,
        overrides,
        secretValues,
        onStep: (r) => printStep(r, secretValues),
      });
      for (const r of reports) if (r.status === 'failure') problems.push(`pr-checks ${job}: ${r.title} failed`);
    }

    // 2. The release PR and the leads' quorum.
    heading(`2. Leads review the release PR #${RELEASE_PR} (develop → master): workflows-examples/merge-gate.yml`);
    out(`  .github/LEADS on master names alice, bob and carol; the rule is "at least half of the leads approve".`);
    if (seeded.windowVar)
      out(
        `  Merging into master deploys, and its window (${DEFAULT_WINDOW}) is closed now: the demo gives the gate "${seeded.windowVar}".`,
      );
    for (const [reviewer, expected] of [
      ['alice', 'blocked'],
      ['bob', 'allowed'],
    ] as const) {
      github.repo(REPOSITORY).addReview(RELEASE_PR, { user: reviewer, state: 'APPROVED', commit_id: seeded.sha });
      out(`\n  ${reviewer} approves.`);
      const review = webhookExample<
        Record<string, unknown> & { pull_request: Record<string, unknown>; repository: Record<string, unknown> }
      >('pull_request_review', 'submitted');
      Object.assign(review.pull_request, {
        number: RELEASE_PR,
        title: `Release ${VERSION}`,
        user: { login: 'octocat' },
        labels: [],
        state: 'open',
        base: { ...(review.pull_request.base as object), ref: 'master' },
        head: { ...(review.pull_request.head as object), ref: 'develop', sha: seeded.sha },
      });
      Object.assign(review.repository, {
        full_name: REPOSITORY,
        name: 'shop',
        owner: { login: 'acme' },
        default_branch: 'main',
      });
      const gateCtx: ExpressionContext = {
        ...prCtx,
        github: { ...prCtx.github, event_name: 'pull_request_review', event: review },
        steps: {},
        job: { status: 'success' },
      };
      const gateRunner = {
        ...prRunner,
        event: { name: 'pull_request_review', payload: review },
        workflow: 'Merge gate',
      };
      const gateReports = await runJob(readJob('merge-gate.yml', 'gate'), gateCtx, {
        runner: gateRunner,
        overrides,
        secretValues,
        onStep: (r) => printStep(r, secretValues),
      });
      const verdict = gateReports.find((r) => r.action === 'merge-gate')?.result?.outputs.allowed;
      if (verdict !== (expected === 'allowed' ? 'true' : 'false'))
        problems.push(`merge-gate after ${reviewer}'s approval: allowed = ${String(verdict)}, expected ${expected}`);
    }

    // 3. The release.
    heading(`3. ${TAG} is tagged: workflows-examples/release.yml`);
    if (seeded.windowVar) {
      const spec = parseWindowSpec(DEFAULT_WINDOW);
      out(
        `  The example's production window (${DEFAULT_WINDOW}) is closed now (${describeLocal(Date.now(), spec.windows[0]?.zone ?? 'UTC')}).`,
      );
      out(`  On a real runner the guard would wait for it (outside-window: wait); the demo sets the repository`);
      out(`  variable DEPLOY_WINDOW to "${seeded.windowVar}" so you see the whole release now.`);
    } else {
      out(`  The example's production window (${DEFAULT_WINDOW}) is open now.`);
    }
    out(`  Staging run ${STAGING_RUN_ID} is still deploying; it finishes while the guard waits.`);
    const pushPayload = {
      ref: `refs/tags/${TAG}`,
      after: seeded.sha,
      repository: { full_name: REPOSITORY, name: 'shop', owner: { login: 'acme' }, default_branch: 'main' },
      sender: { login: 'octocat' },
    };
    const ctx: ExpressionContext = {
      github: {
        repository: REPOSITORY,
        sha: seeded.sha,
        ref: `refs/tags/${TAG}`,
        ref_name: TAG,
        event_name: 'push',
        event: pushPayload,
        token: 'ghs_demo',
        run_id: String(RUN_ID),
      },
      steps: {},
      secrets,
      vars: { SLACK_DEPLOY_CHANNEL: CHANNEL, ...(seeded.windowVar ? { DEPLOY_WINDOW: seeded.windowVar } : {}) },
      inputs: {},
      job: { status: 'success' },
    };
    // The staging deploy finishes after the guard has looked at the queue a few times.
    let runListings = 0;
    const stop = github.onRequest((request) => {
      if (request.route === 'GET /repos/{owner}/{repo}/actions/runs' && ++runListings === 6) {
        github.repo(REPOSITORY).updateWorkflowRun(STAGING_RUN_ID, { status: 'completed', conclusion: 'success' });
      }
    });
    const releaseRunner = {
      apiUrl: github.url,
      repository: REPOSITORY,
      sha: seeded.sha,
      ref: `refs/tags/${TAG}`,
      runId: RUN_ID,
      workflow: 'Release',
      event: { name: 'push', payload: pushPayload },
      workspace: seeded.workspace,
      env,
      timeoutMs: 60_000,
    };
    const reports = await runJob(readJob('release.yml', 'release'), ctx, {
      runner: releaseRunner,
      overrides,
      secretValues,
      onStart: (title, action) => {
        if (action === 'deploy-guard') out(`\n… ${title}: polling the queue and the commit's checks every second`);
      },
      onStep: (r) => printStep(r, secretValues),
    });
    stop();
    for (const r of reports) if (r.status === 'failure') problems.push(`release: ${r.title} failed`);

    heading(`The GitHub release of ${TAG}`);
    const release = github.repo(REPOSITORY).releases.find((r) => r.tag_name === TAG);
    if (!release) {
      out('  (none: changelog-release did not run)');
      problems.push('no release was created');
    } else {
      out(
        `  "${release.name ?? ''}"  ${release.draft ? 'draft' : 'published'}${release.prerelease ? ', pre-release' : ''}  ${[...reports].reverse().find((r) => r.action === 'changelog-release' && r.result)?.result?.outputs['release-url'] ?? ''}`,
      );
      out(indent(release.body ?? '', '  │ '));
      if (release.draft) problems.push('the release is still a draft');
    }
    printChannel(slack);
    const violations = [...github.violations, ...slack.violations.map((v) => `${v.method}: ${v.problems.join('; ')}`)];
    for (const v of violations) problems.push(`API contract violation: ${v}`);

    heading('Result');
    const ran = reports.filter((r) => r.result).length;
    const notBuilt = [...new Set(reports.filter((r) => r.status === 'not-built').map((r) => r.action))];
    out(
      `  ${ran} action step(s) of release.yml ran through the runner: ${github.count()} GitHub API request(s), ${slack.requests.length} Slack request(s), ${violations.length} API contract violation(s).`,
    );
    if (notBuilt.length > 0) out(`  Not built yet, so not run: ${notBuilt.join(', ')}.`);
    out(
      `  ${problems.length === 0 ? 'The release went through.' : `Problems:\n${problems.map((p) => `    - ${p}`).join('\n')}`}`,
    );
    out(`  Took ${((Date.now() - began) / 1000).toFixed(1)} s, no network, no tokens.`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    await github.close();
    await slack.close();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  }
}
