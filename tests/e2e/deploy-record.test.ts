import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { runActionBundle, type RunResult } from '@shipshape/testing/runner';

/**
 * deploy-record's committed bundle, run as the runner runs it, against the GitHub emulator (issues, the run's
 * deployment reviews, a restricted token). Every test has a repository and a run of its own.
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator({ validateResponses: true });
});
afterEach(() => {
  github.clearFaults();
  github.restrictToken(null);
  github.assertNoViolations();
});
afterAll(() => github.close());

const CREATE = 'POST /repos/{owner}/{repo}/issues';
const UPDATE = 'PATCH /repos/{owner}/{repo}/issues/{issue_number}';
const APPROVALS = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals';

const TIMELINE = [
  'Freeze on | 2026-12-05T11:00:00Z',
  'Commit gate and cancel window | 2026-12-05T11:00:04Z | 2026-12-05T11:15:04Z',
  'Deploy | 2026-12-05T11:15:04Z | 2026-12-05T11:21:39Z',
  'Smoke tests |  |',
  'Freeze lifted | 1796469720',
].join('\n');

interface Fixture {
  name: string;
  repo: EmulatedRepository;
  runId: number;
  workspace: string;
}

function fixture(): Fixture {
  counter += 1;
  const name = `octo-org/record-${counter}`;
  const repo = github.repo(name);
  repo.addWorkflow({ name: 'Out-of-band deploy', path: '.github/workflows/out-of-band.yml' });
  const runId = 90_000 + counter;
  repo.addWorkflowRun({
    workflow: 'Out-of-band deploy',
    id: runId,
    status: 'in_progress',
    event: 'workflow_dispatch',
    created_at: '2026-12-05T10:59:00Z',
  });
  const workspace = mkdtempSync(join(tmpdir(), 'deploy-record-ws-'));
  return { name, repo, runId, workspace };
}

function run(f: Fixture, inputs: Record<string, string>, attempt = 1): Promise<RunResult> {
  return runActionBundle({
    action: 'deploy-record',
    apiUrl: github.url,
    repository: f.name,
    runId: f.runId,
    runAttempt: attempt,
    workflow: 'Out-of-band deploy',
    workspace: f.workspace,
    inputs: { timeline: TIMELINE, ...inputs },
  });
}

/** Every workflow command the step printed is one of ours: no untrusted text started one. */
function commandsOf(result: RunResult): string[] {
  return result.commands.map((c) => c.command);
}

describe('deploy-record end to end', () => {
  it('draws the timeline in the summary as a table and a gantt chart, calling GitHub not once', async () => {
    const f = fixture();
    github.resetTraffic();
    const result = await run(f, { outcome: 'failure', reason: 'Release 1.4.0' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({ result: 'skipped' });
    expect(github.count()).toBe(0);
    expect(result.summary).toContain('### Deploy timeline: ❌ failure');
    expect(result.summary).toContain('| Deploy | 2026-12-05 11:15:04 | 2026-12-05 11:21:39 | 6m 35s |');
    expect(result.summary).toContain('Not run (no start time): Smoke tests.');
    expect(result.summary).toContain(
      [
        '```mermaid',
        'gantt',
        '    title Deploy timeline (UTC)',
        '    dateFormat YYYY-MM-DD HH:mm:ss',
        '    axisFormat %H:%M',
        '    Freeze on :milestone, s1, 2026-12-05 11:00:00, 0d',
        '    Commit gate and cancel window :done, s2, 2026-12-05 11:00:04, 2026-12-05 11:15:04',
        '    Deploy :done, crit, s3, 2026-12-05 11:15:04, 2026-12-05 11:21:39',
        '    Freeze lifted :milestone, s4, 2026-12-05 11:22:00, 0d',
        '```',
      ].join('\n'),
    );
  });

  it('opens one postmortem issue with who approved; a re-run leaves it unchanged and opens no second one', async () => {
    const f = fixture();
    f.repo.addApproval({ runId: f.runId, user: 'alice', comment: 'Go, and watch the error rate' });
    f.repo.addApproval({ runId: f.runId, user: 'carol', state: 'rejected', comment: 'not me' });
    const inputs = {
      postmortem: 'true',
      reason: 'Customers cannot log in',
      permalink: 'https://acme.slack.com/archives/C0123ABCDEF/p1764933600000100',
      labels: 'postmortem, out-of-band',
    };
    const first = await run(f, inputs);
    expect(first.failure).toBeUndefined();
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toEqual({
      'issue-number': '1',
      'issue-url': `https://github.com/${f.name}/issues/1`,
      result: 'created',
    });
    const issue = f.repo.issues.get(1);
    expect(issue?.title).toBe('Postmortem: Out-of-band deploy #7 (2026-12-05)');
    expect(issue?.labels).toEqual(['postmortem', 'out-of-band']);
    expect(issue?.user).toBe('github-actions[bot]');
    const body = issue?.body ?? '';
    expect(body).toMatch(new RegExp(`^<!-- shipshape:deploy-record run=${f.runId} digest=[0-9a-f]{16} -->\\n`));
    expect(body).toContain('- **Reason:** Customers cannot log in');
    expect(body).toContain('- **Triggered by:** octocat');
    expect(body).toContain('- **Approved by:** alice (production): “Go, and watch the error rate”');
    expect(body).not.toContain('carol');
    expect(body).toContain('- **Outcome:** ✅ success');
    expect(body).toContain('[Slack message](https://acme.slack.com/archives/C0123ABCDEF/p1764933600000100)');
    expect(body).toContain(`(https://github.com/${f.name}/actions/runs/${f.runId})`);
    expect(body).toContain('```mermaid\ngantt\n');
    expect(first.summary).toContain(`Postmortem issue [#1](https://github.com/${f.name}/issues/1): created.`);

    github.resetTraffic();
    const again = await run(f, inputs, 2);
    expect(again.exitCode).toBe(0);
    expect(again.outputs).toEqual({
      'issue-number': '1',
      'issue-url': `https://github.com/${f.name}/issues/1`,
      result: 'unchanged',
    });
    expect(github.count(CREATE)).toBe(0);
    expect(github.count(UPDATE)).toBe(0);
    expect(f.repo.issues.size).toBe(1);
  });

  it('updates the issue when a re-run records a different outcome', async () => {
    const f = fixture();
    await run(f, { postmortem: 'true' });
    const rerun = await run(f, { postmortem: 'true', outcome: 'failure' }, 2);
    expect(rerun.outputs.result).toBe('updated');
    expect(f.repo.issues.size).toBe(1);
    expect(f.repo.issues.get(1)?.body).toContain('- **Outcome:** ❌ failure');
  });

  it('fills the repository’s template; an unknown placeholder fails before anything is written', async () => {
    const f = fixture();
    mkdirSync(join(f.workspace, '.github'));
    writeFileSync(
      join(f.workspace, '.github/postmortem.md'),
      '# Why\n\n{reason}\n\n{gantt}\n\nApproved: {approved_by}\n',
    );
    writeFileSync(join(f.workspace, '.github/typo.md'), '# Why\n\n{reasn} {run-url}\n');
    const good = await run(f, { postmortem: 'true', template: '.github/postmortem.md', reason: 'Fix' });
    expect(good.exitCode).toBe(0);
    expect(f.repo.issues.get(1)?.body).toContain('\n# Why\n\nFix\n\n```mermaid\n');

    github.resetTraffic();
    const bad = await run(f, { postmortem: 'true', template: '.github/typo.md' });
    expect(bad.exitCode).toBe(1);
    expect(bad.failure).toBe(
      'Input \'template\': ".github/typo.md" uses the unknown placeholders {reasn}, {run-url} (did you mean ' +
        '{run_url}?); the known placeholders are {reason}, {triggered_by}, {approved_by}, {commit}, {timeline}, ' +
        '{gantt}, {outcome}, {permalink}, {run_url}.',
    );
    expect(github.count()).toBe(0);
  });

  it('refuses a template outside the workspace, by path or through a symbolic link', async () => {
    const f = fixture();
    const outside = mkdtempSync(join(tmpdir(), 'deploy-record-outside-'));
    writeFileSync(join(outside, 'secret.md'), '{reason}');
    symlinkSync(join(outside, 'secret.md'), join(f.workspace, 'link.md'));
    github.resetTraffic();
    const climbing = await run(f, { postmortem: 'true', template: '../secret.md' });
    expect(climbing.exitCode).toBe(1);
    expect(climbing.failure).toMatch(/^Input 'template' is invalid: expected a relative path inside the workspace/);
    const absolute = await run(f, { postmortem: 'true', template: join(outside, 'secret.md') });
    expect(absolute.failure).toMatch(/^Input 'template' is invalid: expected a relative path inside the workspace/);
    const linked = await run(f, { postmortem: 'true', template: 'link.md' });
    expect(linked.failure).toBe(
      'Input \'template\': "link.md" leads outside the workspace through a symbolic link; it is not read.',
    );
    expect(github.count()).toBe(0);
  });

  it('fails clearly on a time it cannot read, naming timeline and the line', async () => {
    const f = fixture();
    const result = await run(f, { timeline: 'Freeze on | 2026-12-05T11:00:00Z\nDeploy | after lunch |' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(
      /^Input 'timeline' is invalid: expected a start time \(ISO 8601 .*\) for "Deploy" on line 2, got "after lunch"\.$/,
    );
  });

  it('keeps a hostile reason and hostile labels as text in the summary, the chart, the issue and the log', async () => {
    const f = fixture();
    const reason =
      '::error::pwned\n<img src=x onerror=alert(1)> [login](https://evil.example) @acme/everyone ##[warning]x';
    const timeline = [
      '%%{init: {"theme":"dark"}}%% | 2026-12-05T11:00:00Z',
      'click s1 href "https://evil.example" | 2026-12-05T11:01:00Z | 2026-12-05T11:02:00Z',
      '``` ::error::x | 2026-12-05T11:03:00Z',
      '<script>x</script> | 2026-12-05T11:04:00Z',
    ].join('\n');
    const result = await run(f, { postmortem: 'true', reason, timeline, labels: 'postmortem, <b>sev1</b>' });
    expect(result.exitCode).toBe(0);
    expect(commandsOf(result).filter((c) => !['debug', 'add-mask'].includes(c))).toEqual([]);
    for (const text of [result.summary, f.repo.issues.get(1)?.body ?? '']) {
      expect(text).not.toMatch(/<img|<script|<b>/);
      expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(text).toContain('`[login](https://evil.example)`');
      expect(text).toContain('| &lt;script&gt;x&lt;/script&gt; |');
      expect(text).toContain('    › click s1 href https //evil.example :done, s2,');
      expect(text).toContain('    init theme dark :milestone, s1,');
      // One fence opens the chart and one closes it: no label ended it early.
      const chart = text.slice(text.indexOf('```mermaid'));
      expect(chart.split('\n').filter((line) => line.startsWith('```'))).toHaveLength(2);
      const tasks = chart.split('\n').slice(5, chart.split('\n').indexOf('```', 1));
      expect(tasks).toHaveLength(4);
      for (const task of tasks) expect(task).not.toMatch(/%%|^\s*click|[`#;{}<>"]|::/);
    }
    // Label names go to GitHub as names, which it shows as text.
    expect(f.repo.issues.get(1)?.labels).toEqual(['postmortem', '<b>sev1</b>']);
  });

  it.each([
    ['after GitHub created it', true],
    ['before GitHub created it', false],
  ])('ends with one issue when creating it answers 502 %s', async (_when, afterApply) => {
    const f = fixture();
    github.resetTraffic();
    github.fault(CREATE, { status: 502, afterApply });
    const result = await run(f, { postmortem: 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.result).toBe('created');
    expect(f.repo.issues.size).toBe(1);
    // No blind retry: one POST when the first one wrote, two when the list proved it had not.
    expect(github.count(CREATE)).toBe(afterApply ? 1 : 2);
  });

  it('still draws the timeline in the summary when the issue cannot be written, and fails the step', async () => {
    const f = fixture();
    github.restrictToken({ actions: 'read', issues: 'read' });
    const result = await run(f, { postmortem: 'true' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/^POST \/repos\/\{owner\}\/\{repo\}\/issues failed \(HTTP 403\).*`issues: write`/);
    expect(result.outputs).toEqual({});
    expect(result.summary).toContain('| Deploy | 2026-12-05 11:15:04 | 2026-12-05 11:21:39 | 6m 35s |');
    expect(result.summary).toContain('```mermaid\ngantt\n');
    expect(result.summary).toContain('⚠️ **The postmortem issue was not written:** POST /repos/');
    expect(f.repo.issues.size).toBe(0);
  });

  it('says who approved is unknown, with a warning, when the token may not read the run', async () => {
    const f = fixture();
    github.restrictToken({ issues: 'write' });
    github.resetTraffic();
    const result = await run(f, { postmortem: 'true' });
    expect(result.exitCode).toBe(0);
    expect(github.count(APPROVALS)).toBe(1);
    expect(result.outputs.result).toBe('created');
    expect(f.repo.issues.get(1)?.body).toContain('- **Approved by:** unknown');
    expect(result.annotations).toEqual([
      expect.objectContaining({
        level: 'warning',
        message: expect.stringMatching(/^Who approved this run is unknown: GET .*approvals failed \(HTTP 403\)/),
      }),
    ]);
  });
});
