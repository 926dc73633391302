import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openInterval, parseWindowSpec } from '@shipshape/window';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { messageTexts, startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import type { ExpressionContext } from './expressions';
import { heading, indent, out, printChannel, printStep, setPrinter } from './release-demo';
import { readJob, runJob, type StepReport } from './workflow';

/**
 * `npm run demo -- lifecycle`: the rest of the release procedure, run end to end like `npm run demo` — cut a
 * version (cut-release.yml), a release whose smoke tests fail (release.yml: the alert quotes the shipped pull
 * request's Rollback strategy), the rollback (rollback.yml), the fix forward (hotfix.yml), and an out-of-band
 * deploy's postmortem issue (out-of-band.yml). Each workflow is run twice where the issue promises that a re-run
 * changes nothing, and the demo checks that it did not. Every check it makes is listed; the exit code is 0 when all
 * hold.
 */

const REPOSITORY = 'acme/shop';
const CHANNEL = 'C0DEPLOYS';
const DEFAULT_WINDOW = 'mon-fri 08:00-17:00 Europe/Paris';
const WISHLIST_PR = 44;

const UNRELEASED = `### Added

- **Wish lists**: save products for later ([#${WISHLIST_PR}](https://github.com/${REPOSITORY}/pull/${WISHLIST_PR})).

### Fixed

- The cart badge counts gift cards once.

`;

/** CHANGELOG.md with `unreleased` as its Unreleased section. */
const changelog = (unreleased: string): string => `# Changelog

All notable changes to the shop are documented here.

## [Unreleased]

${unreleased}## [1.4.0] - 2026-03-02

### Added

- **Gift cards** at checkout.

## [1.3.0] - 2026-02-10

### Changed

- Faster product search.

[Unreleased]: https://github.com/${REPOSITORY}/compare/v1.4.0...HEAD
[1.4.0]: https://github.com/${REPOSITORY}/compare/v1.3.0...v1.4.0
[1.3.0]: https://github.com/${REPOSITORY}/releases/tag/v1.3.0
`;

const WISHLIST_BODY = `## Solution
**Original issue and supporting materials**: #40
**Downsides**: None

## Roll-out plan
**Deployment risks**: the wish_lists table grows with every saved product.
**Deployment assistants**: @acme/storefront
**Backing services related changes**: N/A
**Backuping steps**: N/A
**Deployment steps**:
  1. [ ] run the wish_lists migration
  2. [ ] enable the wish-lists flag

## Verification plan
Save a product to a wish list on production and find it again after signing in.

## Rollback strategy
Turn off the wish-lists flag; the wish_lists table stays (nothing reads it with the flag off).
`;

const packageJson = (version: string): string =>
  `${JSON.stringify({ name: 'shop', version, private: true }, null, 2)}\n`;

interface Scene {
  github: GitHubEmulator;
  slack: SlackEmulator;
  problems: string[];
  secrets: Record<string, string>;
  vars: Record<string, string>;
  workspace: string;
  nextRun: number;
}

/** A check the demo makes: printed, and a problem when it does not hold. */
function check(scene: Scene, holds: boolean, what: string): void {
  out(`  ${holds ? '✔' : '✘'} ${what}`);
  if (!holds) scene.problems.push(what);
}

function writeWorkspace(scene: Scene, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(scene.workspace, path), text);
}

interface JobRun {
  file: string;
  job: string;
  workflow: string;
  event: string;
  payload: Record<string, unknown>;
  sha: string;
  ref: string;
  inputs?: Record<string, string>;
  /** Which placeholder `run:` steps fail (by step name). */
  failing?: RegExp;
  runId?: number;
  /** A re-run: the same run id, this attempt (GITHUB_RUN_ATTEMPT). */
  attempt?: number;
}

/** Runs one job of an example workflow through the runner harness, printing each step. */
async function runWorkflowJob(
  scene: Scene,
  run: JobRun,
): Promise<{ reports: StepReport[]; ctx: ExpressionContext; runId: number }> {
  const runId = run.runId ?? scene.nextRun++;
  const repo = scene.github.repo(REPOSITORY);
  if (!repo.workflow(run.workflow)) repo.addWorkflow({ name: run.workflow, path: `.github/workflows/${run.file}` });
  if (repo.workflowRun(runId))
    repo.updateWorkflowRun(runId, { status: 'in_progress', conclusion: null, run_attempt: run.attempt ?? 1 });
  else
    repo.addWorkflowRun({
      workflow: run.workflow,
      id: runId,
      status: 'in_progress',
      created_at: new Date().toISOString(),
      head_sha: run.sha,
      event: run.event,
      jobs: 1,
    });
  const refName = run.ref.replace(/^refs\/(heads|tags)\//, '');
  const ctx: ExpressionContext = {
    github: {
      repository: REPOSITORY,
      sha: run.sha,
      ref: run.ref,
      ref_name: refName,
      event_name: run.event,
      event: run.payload,
      token: 'ghs_demo',
      run_id: String(runId),
    },
    steps: {},
    secrets: scene.secrets,
    vars: scene.vars,
    inputs: run.inputs ?? {},
    job: { status: 'success' },
  };
  const secretValues = Object.values(scene.secrets);
  const reports = await runJob(readJob(run.file, run.job), ctx, {
    runner: {
      apiUrl: scene.github.url,
      repository: REPOSITORY,
      sha: run.sha,
      ref: run.ref,
      runId,
      runAttempt: run.attempt ?? 1,
      workflow: run.workflow,
      event: { name: run.event, payload: run.payload },
      workspace: scene.workspace,
      env: { GITHUB_ACTOR: 'octocat', GITHUB_TRIGGERING_ACTOR: 'octocat' },
      timeoutMs: 60_000,
    },
    overrides: {
      'deploy-guard': { 'poll-interval': '1', 'cancel-window': '0' },
      'deploy-notify': { 'api-url': scene.slack.apiUrl },
    },
    runScript: (step) => (run.failing?.test(step.name ?? '') ? 'failure' : 'success'),
    secretValues,
    onStep: (r) => printStep(r, secretValues),
  });
  // The run ends, so the next workflow's queue does not wait for it.
  repo.updateWorkflowRun(runId, {
    status: 'completed',
    conclusion: ctx.job.status === 'success' ? 'success' : 'failure',
  });
  return { reports, ctx, runId };
}

const repositoryPayload = { full_name: REPOSITORY, name: 'shop', owner: { login: 'acme' }, default_branch: 'main' };

function failedActions(reports: StepReport[]): string[] {
  return reports.filter((r) => r.action && r.status === 'failure').map((r) => r.title);
}

function seed(github: GitHubEmulator): { v140: string } {
  const repo = github.repo(REPOSITORY);
  const v140 = repo.commit({
    branch: 'main',
    files: { 'CHANGELOG.md': changelog(''), 'package.json': packageJson('1.4.0') },
    message: 'Release 1.4.0',
  });
  repo.tag('v1.3.0', v140);
  repo.tag('v1.4.0', v140);
  repo.addRelease({ tag_name: 'v1.3.0', name: 'v1.3.0', body: 'Faster product search.' });
  repo.addRelease({ tag_name: 'v1.4.0', name: 'v1.4.0', body: 'Gift cards at checkout.' });
  repo.branch('develop', v140);
  // The repository's workflows, as the examples name them (the guard's queue checks its `workflows` against these).
  for (const [name, file] of [
    ['Cut a release', 'cut-release.yml'],
    ['Release', 'release.yml'],
    ['Staging', 'staging.yml'],
    ['Roll back', 'rollback.yml'],
    ['Hotfix', 'hotfix.yml'],
    ['Out-of-band deploy', 'out-of-band.yml'],
  ] as const)
    repo.addWorkflow({ name, path: `.github/workflows/${file}` });
  // The wish-lists pull request, merged into main: its merge commit is what the next release ships.
  repo.branch('wish-lists', v140);
  const head = repo.commit({
    branch: 'wish-lists',
    files: { 'src/wish-lists.ts': 'export {};\n' },
    message: 'Wish lists',
  });
  repo.addPullRequest({
    number: WISHLIST_PR,
    title: 'Wish lists',
    body: WISHLIST_BODY,
    user: 'octocat',
    base: 'main',
    head: { ref: 'wish-lists', sha: head },
    state: 'open',
  });
  repo.mergePullRequest(WISHLIST_PR);
  repo.commit({ branch: 'main', files: { 'CHANGELOG.md': changelog(UNRELEASED) }, message: 'Changelog: wish lists' });
  return { v140 };
}

/** Marks a commit green for the commit gate. */
function green(github: GitHubEmulator, sha: string): void {
  const repo = github.repo(REPOSITORY);
  repo.addStatus(sha, { context: 'ci/test', state: 'success', description: 'tests passed' });
  repo.addCheckRun(sha, { name: 'build', status: 'completed', conclusion: 'success', app: 'github-actions' });
}

async function cutRelease(scene: Scene): Promise<string | undefined> {
  heading('4. Cut the next version: workflows-examples/cut-release.yml (by hand, bump auto)');
  const repo = scene.github.repo(REPOSITORY);
  const main = repo.head('main');
  const dispatch = {
    file: 'cut-release.yml',
    job: 'cut',
    workflow: 'Cut a release',
    event: 'workflow_dispatch',
    payload: {
      inputs: { bump: 'auto', preid: '', push: false },
      ref: 'refs/heads/main',
      repository: repositoryPayload,
    },
    sha: main,
    ref: 'refs/heads/main',
    inputs: { bump: 'auto', preid: '', push: 'false' },
  };
  const first = await runWorkflowJob(scene, dispatch);
  const prepared = first.reports.find((r) => r.action === 'changelog-release')?.result?.outputs ?? {};
  check(scene, failedActions(first.reports).length === 0, 'cut-release: every action step succeeded');
  check(
    scene,
    prepared.version === '1.5.0',
    `auto bump: Added entries make 1.4.0 → 1.5.0 (got ${String(prepared.version)})`,
  );
  const pr = [...repo.pullRequests.values()].find(
    (p) => p.state === 'open' && p.base === 'main' && p.title.includes('1.5.0'),
  );
  check(scene, pr !== undefined, 'one release pull request "Release v1.5.0" is open against main');
  const text = pr ? (repo.readFile('CHANGELOG.md', pr.head.ref) ?? '') : '';
  check(
    scene,
    /^## \[Unreleased\]\n\n## \[1\.5\.0\] - \d{4}-\d{2}-\d{2}\n/m.test(text),
    'its CHANGELOG.md moves the entries under "## [1.5.0] - <today>"',
  );
  check(
    scene,
    text.includes('compare/v1.5.0...HEAD') &&
      text.includes('[1.5.0]: https://github.com/acme/shop/compare/v1.4.0...v1.5.0'),
    'and updates the compare links',
  );
  out('\n  The same run again (re-run: same run, attempt 2):');
  const pulls = repo.pullRequests.size;
  const again = await runWorkflowJob(scene, { ...dispatch, runId: first.runId, attempt: 2 });
  const result = again.reports.find((r) => r.action === 'changelog-release')?.result?.outputs.result;
  check(
    scene,
    repo.pullRequests.size === pulls && result === 'unchanged',
    `re-run: no second PR, result unchanged (got ${String(result)})`,
  );
  if (!pr) return undefined;
  out(
    `\n  The release manager merges PR #${pr.number}; the push to main changes CHANGELOG.md, so cut-release.yml's tag job runs:`,
  );
  const merged = repo.mergePullRequest(pr.number);
  green(scene.github, merged);
  const push: JobRun = {
    file: 'cut-release.yml',
    job: 'tag',
    workflow: 'Cut a release',
    event: 'push',
    payload: { ref: 'refs/heads/main', after: merged, repository: repositoryPayload, sender: { login: 'octocat' } },
    sha: merged,
    ref: 'refs/heads/main',
  };
  const tagged = await runWorkflowJob(scene, push);
  const tagOutputs = tagged.reports.find((r) => r.action === 'changelog-release')?.result?.outputs ?? {};
  check(
    scene,
    tagOutputs.result === 'created' && repo.resolveCommit('v1.5.0')?.sha === merged,
    `the tag job tags v1.5.0 at the merge commit (got ${String(tagOutputs.result)})`,
  );
  const retag = await runWorkflowJob(scene, { ...push, runId: tagged.runId, attempt: 2 });
  check(
    scene,
    retag.reports.find((r) => r.action === 'changelog-release')?.result?.outputs.result === 'unchanged',
    're-run of the tag job: unchanged',
  );
  return merged;
}

async function failedRelease(scene: Scene, sha: string): Promise<void> {
  heading('5. v1.5.0 is tagged: workflows-examples/release.yml — deployed, but the smoke tests fail');
  const repo = scene.github.repo(REPOSITORY);
  writeWorkspace(scene, {
    'CHANGELOG.md': repo.readFile('CHANGELOG.md', sha) ?? '',
    'package.json': packageJson('1.5.0'),
  });
  const { reports } = await runWorkflowJob(scene, {
    file: 'release.yml',
    job: 'release',
    workflow: 'Release',
    event: 'push',
    payload: { ref: 'refs/tags/v1.5.0', after: sha, repository: repositoryPayload, sender: { login: 'octocat' } },
    sha,
    ref: 'refs/tags/v1.5.0',
    failing: /^Smoke tests/,
  });
  const status = (title: RegExp): string | undefined => reports.find((r) => title.test(r.title))?.status;
  check(scene, status(/^Smoke tests/) === 'failure', 'the smoke tests fail');
  check(scene, status(/^Tell Slack it is deployed/) === 'success', 'Slack said "deployed, not yet verified" first');
  check(scene, status(/^Publish the release/) === 'skipped', 'the release is not published (it stays a draft)');
  check(scene, status(/^Tell Slack the smoke tests failed/) === 'success', 'Slack turns the message to smoke-failed');
  const release = repo.releases.find((r) => r.tag_name === 'v1.5.0');
  check(scene, release?.draft === true, 'the v1.5.0 release is a draft');
  const texts = slackTexts(scene);
  check(
    scene,
    texts.includes('Turn off the wish-lists flag'),
    `the alert quotes PR #${WISHLIST_PR}'s Rollback strategy`,
  );
  check(scene, texts.includes('acme/storefront'), 'and its Deployment assistants');
  check(
    scene,
    /roll back|rollback/i.test(texts) && /fix forward|hotfix/i.test(texts),
    'and spells out the choice: fix forward or roll back',
  );
  const record = reports.find((r) => r.action === 'deploy-record')?.result?.summary ?? '';
  check(
    scene,
    record.includes('```mermaid') && record.includes('gantt'),
    'the job summary ends with the timeline as a Mermaid gantt chart',
  );
}

/** Top-level messages of the channel (a reply broadcast to the channel is an alert, not a new deploy message). */
const topLevel = (scene: Scene): number =>
  scene.slack.messages(CHANNEL).filter((m) => m.thread_ts === undefined).length;

function slackTexts(scene: Scene): string {
  return scene.slack
    .messages(CHANNEL)
    .flatMap((m) => [m, ...scene.slack.replies(CHANNEL, m.ts)])
    .map((m) => messageTexts({ blocks: m.blocks, text: m.blocks ? undefined : m.text }).join('\n'))
    .join('\n');
}

async function rollback(scene: Scene): Promise<void> {
  heading('6. Roll back to v1.4.0: workflows-examples/rollback.yml (by hand, with a reason)');
  const repo = scene.github.repo(REPOSITORY);
  const main = repo.head('main');
  const reason = 'INC-77: wish lists time out under load';
  const run: JobRun = {
    file: 'rollback.yml',
    job: 'rollback',
    workflow: 'Roll back',
    event: 'workflow_dispatch',
    payload: { inputs: { target: '', reason }, ref: 'refs/heads/main', repository: repositoryPayload },
    sha: main,
    ref: 'refs/heads/main',
    inputs: { target: '', reason },
  };
  const before = topLevel(scene);
  const { reports, runId } = await runWorkflowJob(scene, run);
  const resolved = reports.find((r) => r.action === 'changelog-release')?.result?.outputs ?? {};
  check(scene, failedActions(reports).length === 0, 'rollback: every action step succeeded');
  check(
    scene,
    resolved.tag === 'v1.5.0' && resolved['target-tag'] === 'v1.4.0',
    `the failed release is v1.5.0, the target v1.4.0 (got ${String(resolved.tag)} → ${String(resolved['target-tag'])})`,
  );
  check(
    scene,
    topLevel(scene) === before,
    'no new deploy message: the v1.5.0 message (found by its metadata) is updated',
  );
  check(scene, /rolled back/i.test(slackTexts(scene)), 'it now says rolled back');
  const release = repo.releases.find((r) => r.tag_name === 'v1.5.0');
  check(
    scene,
    /rolled back to \[?v1\.4\.0/i.test(release?.body ?? ''),
    'the v1.5.0 release notes say it was rolled back to v1.4.0',
  );
  out('\n  The same rollback run again (re-run: same run, attempt 2):');
  const body = release?.body;
  const replies = scene.slack.replies(CHANNEL, scene.slack.messages(CHANNEL)[0]?.ts ?? '').length;
  const again = await runWorkflowJob(scene, { ...run, runId, attempt: 2 });
  const resolvedAgain = again.reports.find((r) => r.action === 'changelog-release')?.result?.outputs ?? {};
  check(scene, resolvedAgain['target-tag'] === 'v1.4.0', 'the re-run resolves the same target');
  check(
    scene,
    repo.releases.find((r) => r.tag_name === 'v1.5.0')?.body === body,
    'and leaves the release notes as they were',
  );
  check(
    scene,
    topLevel(scene) === before &&
      scene.slack.replies(CHANNEL, scene.slack.messages(CHANNEL)[0]?.ts ?? '').length === replies,
    'and posts nothing new in Slack',
  );
}

async function hotfix(scene: Scene): Promise<void> {
  heading('7. Fix forward: a push to hotfix/1.5.1 — workflows-examples/hotfix.yml');
  const repo = scene.github.repo(REPOSITORY);
  repo.branch('hotfix/1.5.1', repo.head('main'));
  const hotfixChangelog = (repo.readFile('CHANGELOG.md', 'main') ?? '').replace(
    '## [1.5.0]',
    '## [1.5.1] - 2026-12-05\n\n### Fixed\n\n- Wish lists load in one query.\n\n## [1.5.0]',
  );
  const sha = repo.commit({
    branch: 'hotfix/1.5.1',
    files: { 'CHANGELOG.md': hotfixChangelog, 'package.json': packageJson('1.5.1') },
    message: 'Wish lists load in one query',
  });
  green(scene.github, sha);
  writeWorkspace(scene, { 'CHANGELOG.md': hotfixChangelog, 'package.json': packageJson('1.5.1') });
  const run: JobRun = {
    file: 'hotfix.yml',
    job: 'hotfix',
    workflow: 'Hotfix',
    event: 'push',
    payload: {
      ref: 'refs/heads/hotfix/1.5.1',
      after: sha,
      repository: repositoryPayload,
      sender: { login: 'octocat' },
    },
    sha,
    ref: 'refs/heads/hotfix/1.5.1',
  };
  // Someone tagged v1.5.1 on main too early: that commit lacks the fix. The guard must catch it.
  const stale = repo.head('main');
  repo.tag('v1.5.1', stale);
  out(`  A stale tag v1.5.1 already points at main (${stale.slice(0, 7)}), which lacks the hotfix commit.`);
  const blocked = await runWorkflowJob(scene, run);
  const staleGuard = blocked.reports.find((r) => r.action === 'deploy-guard')?.result;
  check(
    scene,
    staleGuard?.outputs.decision === 'blocked' && /contain/i.test(staleGuard.outputs.reason ?? ''),
    'the guard blocks: the commit v1.5.1 names does not contain the hotfix commit',
  );
  check(
    scene,
    blocked.reports.find((r) => /^Deploy/.test(r.title))?.status === 'skipped',
    'nothing is deployed, nothing published',
  );
  out('\n  The release manager deletes the stale tag and re-runs the job (same run, attempt 2):');
  repo.refs.delete('refs/tags/v1.5.1');
  const runId = blocked.runId;
  const { reports } = await runWorkflowJob(scene, { ...run, runId, attempt: 2 });
  check(scene, failedActions(reports).length === 0, 'hotfix: every action step succeeded');
  const release = repo.releases.find((r) => r.tag_name === 'v1.5.1');
  check(
    scene,
    release !== undefined && !release.draft && repo.resolveCommit('v1.5.1')?.sha === sha,
    'v1.5.1 is tagged on the hotfix commit and published',
  );
  const guard = reports.find((r) => r.action === 'deploy-guard')?.result;
  check(scene, guard?.outputs.decision === 'proceed', 'the guard let it through: the tag contains the hotfix commit');
  const mergeBack = () =>
    [...repo.pullRequests.values()].filter(
      (p) => p.state === 'open' && p.base === 'develop' && p.head.ref === 'hotfix/1.5.1',
    );
  check(scene, mergeBack().length === 1, 'one merge-back pull request hotfix/1.5.1 → develop is open');
  const bypasses = reports.at(-1);
  check(
    scene,
    bypasses?.step.run?.includes('GITHUB_STEP_SUMMARY') === true,
    'the job summary lists the bypassed rules',
  );
  out('\n  The same run again (re-run: same run, attempt 3):');
  const releases = repo.releases.length;
  await runWorkflowJob(scene, { ...run, runId, attempt: 3 });
  check(
    scene,
    repo.releases.length === releases && mergeBack().length === 1,
    'no second release, no second merge-back PR',
  );
}

async function postmortem(scene: Scene): Promise<void> {
  heading('8. An out-of-band deploy and its postmortem: workflows-examples/out-of-band.yml');
  const repo = scene.github.repo(REPOSITORY);
  const sha = repo.commit({
    branch: 'main',
    files: { 'src/payments.ts': 'export {};\n' },
    message: 'Retry card payments',
  });
  green(scene.github, sha);
  const runId = scene.nextRun++;
  const reason = 'INC-78: card payments fail for one bank';
  repo.addWorkflowRun({
    workflow: 'Out-of-band deploy',
    id: runId,
    status: 'in_progress',
    created_at: new Date().toISOString(),
    head_sha: sha,
    event: 'workflow_dispatch',
    jobs: 1,
  });
  repo.addApproval({
    runId,
    user: 'alice',
    state: 'approved',
    comment: 'Go, I am watching the payment dashboards.',
    environments: ['production'],
  });
  const run: JobRun = {
    file: 'out-of-band.yml',
    job: 'deploy',
    workflow: 'Out-of-band deploy',
    event: 'workflow_dispatch',
    payload: { inputs: { reason }, ref: 'refs/heads/main', repository: repositoryPayload },
    sha,
    ref: 'refs/heads/main',
    inputs: { reason },
    runId,
  };
  const { reports } = await runWorkflowJob(scene, run);
  check(scene, failedActions(reports).length === 0, 'out-of-band: every action step succeeded');
  const issues = () => [...repo.issues.values()].filter((i) => i.title.toLowerCase().includes('postmortem'));
  const issue = issues()[0];
  check(scene, issues().length === 1, 'one postmortem issue is open');
  const body = issue?.body ?? '';
  check(
    scene,
    body.includes('INC-78') && body.includes('alice') && body.includes('octocat'),
    'it names the reason, who approved (alice) and who triggered (octocat)',
  );
  check(
    scene,
    body.includes('```mermaid') && body.includes('gantt'),
    'and draws the timeline as a Mermaid gantt chart',
  );
  check(
    scene,
    (issue?.labels ?? []).map(String).some((l) => l.includes('postmortem')),
    'labelled postmortem',
  );
  if (issue) {
    out('\n  The postmortem issue:');
    out(indent(`#${issue.number} ${issue.title}\n\n${body}`, '  │ '));
  }
  out('\n  The same run again (re-run: same run, attempt 2):');
  const number = issue?.number;
  await runWorkflowJob(scene, { ...run, attempt: 2 });
  check(
    scene,
    issues().length === 1 && issues()[0]?.number === number,
    "re-run: no second issue; the same one carries the new attempt's timeline",
  );
}

/** Runs the lifecycle demo, printing through `print`; resolves to the exit code (0: every check held). */
export async function runLifecycleDemo(
  print: (text: string) => void = (text) => process.stdout.write(text),
): Promise<number> {
  setPrinter(print);
  const began = Date.now();
  const github = await startGitHubEmulator();
  const slack = await startSlackEmulator({ channels: [CHANNEL] });
  const workspace = mkdtempSync(join(tmpdir(), 'shipshape-lifecycle-'));
  const windowOpen = Boolean(openInterval(parseWindowSpec(DEFAULT_WINDOW), Date.now()));
  const scene: Scene = {
    github,
    slack,
    problems: [],
    secrets: { SLACK_BOT_TOKEN: slack.token, RELEASE_TOKEN: 'ghs_demo_release' },
    vars: { SLACK_DEPLOY_CHANNEL: CHANNEL, ...(windowOpen ? {} : { DEPLOY_WINDOW: 'daily 00:00-24:00 UTC' }) },
    workspace,
    nextRun: 9100,
  };
  try {
    seed(github);
    out('shipshape demo, lifecycle: cut a version, a failed verification, roll back, hotfix, postmortem');
    out(
      `  GitHub emulator ${github.url}, Slack emulator ${slack.url}, channel ${CHANNEL}; sample repository ${REPOSITORY}`,
    );
    out(
      `  with releases v1.3.0 and v1.4.0, and PR #${WISHLIST_PR} "Wish lists" merged since (its plan has a Rollback strategy).`,
    );
    if (!windowOpen)
      out(`  The production window (${DEFAULT_WINDOW}) is closed now: the demo sets DEPLOY_WINDOW to the whole day.`);
    const v150 = await cutRelease(scene);
    if (v150) {
      await failedRelease(scene, v150);
      await rollback(scene);
    }
    await hotfix(scene);
    await postmortem(scene);
    printChannel(slack, CHANNEL);
    const violations = [...github.violations, ...slack.violations.map((v) => `${v.method}: ${v.problems.join('; ')}`)];
    for (const v of violations) scene.problems.push(`API contract violation: ${v}`);
    heading('Result');
    out(
      `  ${github.count()} GitHub API request(s), ${slack.requests.length} Slack request(s), ${violations.length} contract violation(s).`,
    );
    out(
      `  ${scene.problems.length === 0 ? 'Every check held.' : `Problems:\n${scene.problems.map((p) => `    - ${p}`).join('\n')}`}`,
    );
    out(`  Took ${((Date.now() - began) / 1000).toFixed(1)} s, no network, no tokens.`);
    return scene.problems.length === 0 ? 0 : 1;
  } finally {
    await github.close();
    await slack.close();
    rmSync(workspace, { recursive: true, force: true });
  }
}
