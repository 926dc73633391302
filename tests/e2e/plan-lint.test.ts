import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * plan-lint's committed bundle, run as the runner runs it, against the GitHub emulator with real event payloads
 * from @octokit/webhooks-examples. The PR is read live through the API, so tests edit the emulator's record
 * between runs and leave the payload as it was.
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => {
  github.clearFaults();
  github.restrictToken(null);
  github.assertNoViolations();
});
afterAll(() => github.close());

const FILLED = [
  '## Solution',
  '**Original issue and supporting materials**: #12',
  '**Downsides**: None.',
  '## Roll-out plan',
  '**Deployment risks**: N/A',
  '**Deployment assistants**: @ops',
  '**Backing services related changes**: none',
  '**Backuping steps**: snapshot the orders table',
  '**Deployment steps**:',
  '  1. [ ] run the migration',
  '## Verification plan',
  'Watch the error rate for 30 minutes.',
  '## Rollback strategy',
  'Revert the merge and redeploy.',
  '',
].join('\r\n');

const MISSING_ROLLBACK = FILLED.replace('## Rollback strategy\r\nRevert the merge and redeploy.\r\n', '');

interface Fixture {
  name: string;
  repo: EmulatedRepository;
}

function fixture(files: Record<string, string> = {}): Fixture {
  const name = `octo-org/plan-${++counter}`;
  const repo = github.repo(name);
  if (Object.keys(files).length > 0) repo.commit({ branch: 'main', files, message: 'Add template' });
  return { name, repo };
}

function prPayload(number: number, action = 'opened', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = webhookExample<Record<string, unknown> & { pull_request: Record<string, unknown> }>(
    'pull_request',
    action === 'edited' ? 'opened' : action,
  );
  payload.action = action;
  payload.number = number;
  payload.pull_request.number = number;
  // The payload's body is stale on purpose: the action must read the live PR.
  payload.pull_request.body = 'stale body from the event';
  // The base branch is the live PR's, as in a real event (the example payload says `master`).
  (payload.pull_request.base as Record<string, unknown>).ref = 'main';
  return { ...payload, ...extra };
}

function lint(
  f: Fixture,
  number: number,
  inputs: RunOptions['inputs'] = {},
  event: RunOptions['event'] = { name: 'pull_request', payload: prPayload(number) },
): Promise<RunResult> {
  return runActionBundle({
    action: 'plan-lint',
    apiUrl: github.url,
    repository: f.name,
    inputs,
    event,
    timeoutMs: 30_000,
  });
}

const problemCodes = (result: RunResult): Record<string, string> =>
  Object.fromEntries(
    (JSON.parse(result.outputs.problems ?? '[]') as { section: string; code: string }[]).map((p) => [
      p.section,
      p.code,
    ]),
  );

describe('plan-lint action', () => {
  it('passes a filled CRLF plan against the default preset and outputs the plan', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 7, title: 'Export orders', body: FILLED });
    const result = await lint(f, 7);
    expect(result.exitCode).toBe(0);
    expect(result.outputs.valid).toBe('true');
    expect(JSON.parse(result.outputs.problems ?? '')).toEqual([]);
    expect(JSON.parse(result.outputs.plan ?? '{}')['Rollback strategy']).toBe('Revert the merge and redeploy.');
    expect(result.summary).toMatch(/Plan check for #7: passed/);
    expect(result.summary).toMatch(/preset rollout-rollback/);
    expect(github.count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(0);
  });

  it('keeps one comment across three runs (fail, fail, pass), edited in place', async () => {
    const f = fixture();
    const pr = f.repo.addPullRequest({ number: 8, title: 'Export orders', body: MISSING_ROLLBACK });
    const first = await lint(f, 8, { comment: true });
    expect(first.exitCode).toBe(1);
    expect(first.outputs.valid).toBe('false');
    expect(problemCodes(first)).toEqual({ 'Rollback strategy': 'missing' });
    expect(first.failure).toMatch(/^Plan check failed: 1 problem: Rollback strategy \(missing\)/);
    expect(f.repo.comments(8)).toHaveLength(1);
    expect(f.repo.comments(8)[0]?.body).toContain('## Rollback strategy');

    pr.body = `${MISSING_ROLLBACK}## Rollback strategy\r\nTODO\r\n`;
    const second = await lint(f, 8, { comment: true });
    expect(second.exitCode).toBe(1);
    expect(problemCodes(second)).toEqual({ 'Rollback strategy': 'placeholder' });
    expect(f.repo.comments(8)).toHaveLength(1);
    expect(f.repo.comments(8)[0]?.body).toMatch(/placeholder/);

    pr.body = FILLED;
    const third = await lint(f, 8, { comment: true });
    expect(third.exitCode).toBe(0);
    expect(f.repo.comments(8)).toHaveLength(1);
    expect(f.repo.comments(8)[0]?.body).toMatch(/Plan check passed/);
    expect(github.count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(1);
    expect(github.count('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}')).toBe(2);

    // A re-run with nothing changed writes nothing.
    const rerun = await lint(f, 8, { comment: true });
    expect(rerun.exitCode).toBe(0);
    expect(github.count('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}')).toBe(2);
    expect(f.repo.comments(8)).toHaveLength(1);
    github.resetTraffic();
  });

  it('reads a field right after a list (compact layout) and names a near miss with the alias that accepts it', async () => {
    const compact = FILLED.replace(
      '**Backing services related changes**: none',
      '**Backing services related changes**:\r\n  * postgres: new index',
    )
      .replace('**Backuping steps**: snapshot the orders table', '**Backup steps**: snapshot the orders table')
      .replace('## Verification plan', '**Deployment risks**: N/A\r\n## Verification plan')
      .replace('**Deployment risks**: N/A\r\n**Deployment assistants**', '**Deployment assistants**');
    const f = fixture();
    f.repo.addPullRequest({ number: 8, title: 'Index orders', body: compact });
    const failing = await lint(f, 8, { comment: 'true' });
    expect(failing.exitCode).toBe(1);
    expect(problemCodes(failing)).toEqual({ 'Backuping steps': 'misnamed' });
    expect(failing.failure).toBe('Plan check failed: 1 problem: Backuping steps (misnamed).');
    expect(failing.summary).toContain('found &quot;Backup steps&quot; — did you mean &quot;Backuping steps&quot;?');
    const comment = f.repo.comments(8)[0]?.body ?? '';
    expect(comment).toContain('with aliases: {&quot;Backuping steps&quot;: [&quot;Backup steps&quot;]}.');
    expect(comment).not.toContain('```markdown');
    // Accepted for good through the config's aliases, the same body passes.
    f.repo.commit({
      branch: 'main',
      files: { '.github/plan-lint.yml': 'aliases:\n  Backuping steps: [Backup steps]\n' },
      message: 'Accept Backup steps',
    });
    const passing = await lint(f, 8, { comment: 'true' });
    expect(passing.exitCode).toBe(0);
    expect(JSON.parse(passing.outputs.plan ?? '{}')).toMatchObject({
      'Backing services related changes': 'postgres: new index',
      'Backuping steps': 'snapshot the orders table',
    });
  });

  it('reads the template at the base ref, so a PR cannot weaken its own rules', async () => {
    const f = fixture({
      '.github/PULL_REQUEST_TEMPLATE.md': '## Summary\n<!-- what and why -->\n## Rollback plan\n<!-- how to undo -->\n',
    });
    const weakened = f.repo.commit({ branch: 'main', files: {}, message: 'noop' });
    f.repo.branch('feature', weakened);
    f.repo.commit({
      branch: 'feature',
      files: { '.github/PULL_REQUEST_TEMPLATE.md': '## Summary\n' },
      message: 'weaken the rules',
    });
    f.repo.addPullRequest({
      number: 9,
      title: 'Export',
      body: '## Summary\nAdds export\n## Rollback plan\n<!-- how to undo -->\n',
      head: { ref: 'feature' },
    });
    const result = await lint(f, 9);
    expect(result.exitCode).toBe(1);
    expect(problemCodes(result)).toEqual({ 'Rollback plan': 'html-comment' });
    expect(result.summary).toContain('template .github/PULL_REQUEST_TEMPLATE.md');
    const reads = github.requests.filter(
      (r) => r.route === 'GET /repos/{owner}/{repo}/contents/{path}' && r.url.includes('plan-'),
    );
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.url.includes('ref=main'))).toBe(true);
  });

  it("checks a template's list-item fields and the instruction left above them", async () => {
    const template =
      '## Roll-out\nDescribe how it ships.\n- **Risks**:\n- **Steps**:\n  1. [ ] XXX\n- **Note**: keep PRs small\n## Rollback\n';
    const f = fixture({ '.github/pull_request_template.md': template });
    const pr = f.repo.addPullRequest({
      number: 37,
      title: 'Export',
      body: '## Roll-out\r\nDescribe how it ships.\r\n- **Risks**: low\r\n- **Steps**:\r\n  1. [ ] XXX\r\n## Rollback\r\nrevert\r\n',
    });
    const first = await lint(f, 37);
    expect(problemCodes(first)).toEqual({ 'Roll-out': 'unchanged', Steps: 'unchanged' });
    expect(first.outputs.problems).toContain("still has the template's instructions above its fields");
    expect(first.summary).toContain('still has the template&#39;s instructions above its fields');
    pr.body =
      '## Roll-out\nBehind the export flag.\n- **Risks**: low\n- **Steps**:\n  1. [ ] migrate\n- **Breaking**: no\n## Rollback\nrevert\n';
    const second = await lint(f, 37);
    expect([second.exitCode, second.outputs.valid]).toEqual([0, 'true']);
    expect(JSON.parse(second.outputs.plan ?? '{}')).toMatchObject({
      Risks: 'low',
      Steps: '[ ] migrate\nBreaking: no',
      'Roll-out': 'Behind the export flag.',
    });
  });

  it('reads every page of changed files for a path rule from the config at the base ref', async () => {
    const config =
      "when:\n  - paths: ['migrations/**', '**/*.tf']\n    require: [Backuping steps, Rollback strategy]\n";
    const f = fixture({ '.github/plan-lint.yml': config, '.github/pull_request_template.md': '## Summary\n' });
    const files = [...Array.from({ length: 230 }, (_, i) => `src/file-${i}.ts`), 'infra/main.tf'];
    f.repo.addPullRequest({ number: 10, title: 'Infra', body: '## Summary\nMove the bucket\n', files });
    const result = await lint(f, 10);
    expect(result.exitCode).toBe(1);
    expect(problemCodes(result)).toEqual({ 'Backuping steps': 'missing', 'Rollback strategy': 'missing' });
    expect(github.count('GET /repos/{owner}/{repo}/pulls/{pull_number}/files')).toBeGreaterThanOrEqual(3);
  });

  it('skips exempt PRs (label, author) and reports a draft without failing', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 11, title: 'Bump', body: '', labels: ['skip-plan-lint'] });
    f.repo.addPullRequest({ number: 12, title: 'Bump lodash', body: '', user: 'dependabot[bot]' });
    f.repo.addPullRequest({ number: 13, title: 'Draft', body: '', draft: true });
    const labelled = await lint(f, 11, { comment: true });
    expect([labelled.exitCode, labelled.outputs.valid]).toEqual([0, 'true']);
    expect(labelled.summary).toMatch(/skipped/);
    const bot = await lint(f, 12);
    expect([bot.exitCode, bot.outputs.valid]).toEqual([0, 'true']);
    const draft = await lint(f, 13);
    expect([draft.exitCode, draft.outputs.valid]).toEqual([0, 'false']);
    expect(draft.annotations.every((a) => a.level === 'warning')).toBe(true);
    expect(draft.summary).toMatch(/draft: not blocking/);
    expect(f.repo.comments(11)).toHaveLength(0);
  });

  it('fails a WIP title in the same check, or only warns with fail-on-wip false', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 14, title: '[WIP] Export orders', body: FILLED });
    const failing = await lint(f, 14);
    expect(failing.exitCode).toBe(1);
    expect(problemCodes(failing)).toEqual({ Title: 'wip' });
    const warning = await lint(f, 14, { 'fail-on-wip': false });
    expect(warning.exitCode).toBe(0);
    expect(warning.annotations).toEqual([
      expect.objectContaining({ level: 'warning', message: expect.stringMatching(/title starts with a WIP marker/) }),
    ]);
  });

  it('does nothing for an edit that changed neither title nor body, and checks one that did', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 15, title: 'Export', body: '' });
    github.resetTraffic();
    const noop = await lint(
      f,
      15,
      {},
      { name: 'pull_request', payload: prPayload(15, 'edited', { changes: { base: { ref: { from: 'dev' } } } }) },
    );
    expect(noop.exitCode).toBe(0);
    expect(github.count()).toBe(0);
    expect(noop.summary).toMatch(/nothing to do/);
    const edited = await lint(
      f,
      15,
      {},
      { name: 'pull_request', payload: prPayload(15, 'edited', { changes: { body: { from: 'old' } } }) },
    );
    expect(edited.exitCode).toBe(1);
  });

  it('checks the PR of a merge_group event and runs on pull_request_target', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 104, title: 'Export', body: FILLED });
    const payload = webhookExample('merge_group', 'checks_requested');
    const merge = await lint(f, 104, {}, { name: 'merge_group', payload });
    expect([merge.exitCode, merge.outputs.valid]).toEqual([0, 'true']);
    const target = await lint(f, 104, {}, { name: 'pull_request_target', payload: prPayload(104, 'synchronize') });
    expect(target.exitCode).toBe(0);
  });

  it('fork-safe: without write permission the comment is a warning and the verdict stands', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 16, title: 'Export', body: MISSING_ROLLBACK });
    github.restrictToken({ 'pull-requests': 'read', contents: 'read', issues: 'read' });
    const result = await lint(f, 16, { comment: true });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/Plan check failed/);
    expect(result.annotations.some((a) => a.level === 'warning' && /comment/.test(a.message))).toBe(true);
    expect(f.repo.comments(16)).toHaveLength(0);
  });

  it('never lets PR text issue a workflow command or break the summary', async () => {
    const f = fixture();
    const hostile = `${FILLED}\n::error::pwned\n::add-mask::x\n`.replace(
      'Revert the merge and redeploy.',
      '::set-output name=valid::true\n| a | b |\n<!-- x --> XXX',
    );
    f.repo.addPullRequest({ number: 17, title: '::warning::title', body: hostile });
    const result = await lint(f, 17);
    const commands = parseWorkflowCommands(result.stdout).map((c) => c.command);
    expect(commands.every((c) => ['error', 'add-mask', 'debug', 'warning'].includes(c))).toBe(true);
    expect(result.masks).toHaveLength(1);
    expect(result.masks).not.toContain('x');
    expect(parseWorkflowCommands(result.stdout).filter((c) => /pwned|name=valid/.test(c.message))).toEqual([]);
    expect(result.outputs.valid).toBe('false');
  });

  it('fails with one clear line for an invalid config file', async () => {
    const f = fixture({ '.github/plan-lint.yml': 'when: [oops\n' });
    f.repo.addPullRequest({ number: 18, title: 'Export', body: FILLED });
    const result = await lint(f, 18);
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/^\.github\/plan-lint\.yml: not valid YAML/);
    expect(result.stdout).not.toMatch(/\n\s+at /);
  });

  it('two runs started together on one PR end with exactly one comment', async () => {
    const f = fixture();
    const pr = f.repo.addPullRequest({ number: 21, title: 'Export', body: MISSING_ROLLBACK });
    github.resetTraffic();
    // Both runs' first look at the comments answers late, so (unless one process starts far behind the other on a
    // loaded machine) both see none and both create one.
    github.fault('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { latencyMs: 1500, times: 2 });
    const runs = await Promise.all([lint(f, 21, { comment: true }), lint(f, 21, { comment: true })]);
    expect(runs.map((r) => r.exitCode)).toEqual([1, 1]);
    // Every comment created beyond the first was deleted again.
    const created = github.count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments');
    expect(created).toBeGreaterThanOrEqual(1);
    expect(github.count('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}')).toBe(created - 1);
    expect(f.repo.comments(21)).toHaveLength(1);
    expect(f.repo.comments(21)[0]?.body).toContain('## Rollback strategy');
    // A third run edits that one.
    pr.body = FILLED;
    await lint(f, 21, { comment: true });
    expect(f.repo.comments(21)).toHaveLength(1);
    expect(f.repo.comments(21)[0]?.body).toMatch(/Plan check passed/);
  });

  it('does not duplicate the comment when GitHub answers 500 after creating it, and retries a plain failure once', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 19, title: 'Export', body: MISSING_ROLLBACK });
    github.fault('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 500, afterApply: true });
    const ambiguous = await lint(f, 19, { comment: true });
    expect(ambiguous.exitCode).toBe(1);
    expect(f.repo.comments(19)).toHaveLength(1);
    f.repo.addPullRequest({ number: 20, title: 'Export', body: MISSING_ROLLBACK });
    github.fault('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 502 });
    await lint(f, 20, { comment: true });
    expect(f.repo.comments(20)).toHaveLength(1);
  });
});

/** The requests made since the last resetTraffic, as `METHOD path status`, without the repository prefix and query. */
function traffic(f: Fixture): string[] {
  return github.requests.map(
    (r) => `${r.method} ${decodeURIComponent(r.url.split('?')[0] ?? '').replace(`/repos/${f.name}`, '')} ${r.status}`,
  );
}

describe('plan-lint API requests (each one counted)', () => {
  const body = '## Summary\r\nAdds export\r\n';

  it('a repository with only .github/pull_request_template.md: the PR, the .github listing, the template', async () => {
    const f = fixture({ '.github/pull_request_template.md': '## Summary\n<!-- what and why -->\n' });
    f.repo.addPullRequest({ number: 30, title: 'Export', body });
    github.resetTraffic();
    const result = await lint(f, 30);
    expect([result.exitCode, result.outputs.valid]).toEqual([0, 'true']);
    // The PR and the three folders are asked at the same time (their order varies), then the template is read.
    expect(traffic(f).slice(0, 4).sort()).toEqual(
      ['GET /pulls/30 200', 'GET /contents/.github 200', 'GET /contents 200', 'GET /contents/docs 404'].sort(),
    );
    expect(traffic(f)[4]).toBe('GET /contents/.github/pull_request_template.md 200');
    expect(github.count()).toBe(5);
  });

  it('a repository with a config file: found in the .github listing, then read (and the template it sits next to)', async () => {
    const withPreset = fixture({ '.github/plan-lint.yml': 'preset: rollout-rollback\nskip-labels: [no-plan]\n' });
    withPreset.repo.addPullRequest({ number: 31, title: 'Export', body: FILLED });
    github.resetTraffic();
    const preset = await lint(withPreset, 31);
    expect([preset.exitCode, preset.outputs.valid]).toEqual([0, 'true']);
    expect(traffic(withPreset).sort()).toEqual(
      [
        'GET /pulls/31 200',
        'GET /contents/.github 200',
        'GET /contents 200',
        'GET /contents/docs 404',
        'GET /contents/.github/plan-lint.yml 200',
      ].sort(),
    );
    expect(github.count()).toBe(5);

    const withTemplate = fixture({
      '.github/plan-lint.yml': 'optional: [Notes]\n',
      '.github/PULL_REQUEST_TEMPLATE.md': '## Summary\n## Notes\n',
    });
    withTemplate.repo.addPullRequest({ number: 32, title: 'Export', body });
    github.resetTraffic();
    const template = await lint(withTemplate, 32);
    expect([template.exitCode, template.outputs.valid]).toEqual([0, 'true']);
    expect(template.summary).toContain('template .github/PULL_REQUEST_TEMPLATE.md + config .github/plan-lint.yml');
    expect(traffic(withTemplate).sort()).toEqual(
      [
        'GET /pulls/32 200',
        'GET /contents/.github 200',
        'GET /contents 200',
        'GET /contents/docs 404',
        'GET /contents/.github/plan-lint.yml 200',
        'GET /contents/.github/PULL_REQUEST_TEMPLATE.md 200',
      ].sort(),
    );
    expect(github.count()).toBe(6);
  });

  it('a repository with nothing (default preset): no config request; .github/, the root and docs/ are listed', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 33, title: 'Export', body: FILLED });
    github.resetTraffic();
    const result = await lint(f, 33);
    expect([result.exitCode, result.outputs.valid]).toEqual([0, 'true']);
    expect(result.summary).toMatch(/preset rollout-rollback/);
    // The root and docs/ are asked at the same time, so their order varies.
    expect(traffic(f).sort()).toEqual(
      ['GET /pulls/33 200', 'GET /contents/.github 404', 'GET /contents 200', 'GET /contents/docs 404'].sort(),
    );
    expect(github.count()).toBe(4);
  });

  it('an event naming a base the PR no longer has: those reads are dropped and the rules come from the live base', async () => {
    const f = fixture({ '.github/pull_request_template.md': '## Summary\n## Rollback plan\n' });
    f.repo.addPullRequest({ number: 36, title: 'Export', body });
    const payload = prPayload(36);
    (payload.pull_request as { base: Record<string, unknown> }).base.ref = 'retired';
    github.resetTraffic();
    const result = await lint(f, 36, {}, { name: 'pull_request', payload });
    expect(problemCodes(result)).toEqual({ 'Rollback plan': 'missing' });
    const contents = github.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/contents/{path}');
    expect(contents.filter((r) => r.url.includes('ref=retired')).map((r) => r.status)).toEqual([404, 404, 404]);
    expect(contents.filter((r) => r.url.includes('ref=main'))).toHaveLength(4);
  });

  it('finds a root template in any case through the root listing', async () => {
    const f = fixture();
    f.repo.commit({ files: { 'Pull_Request_Template.md': '## Testing\n' } });
    f.repo.addPullRequest({ number: 35, title: 'Export', body: '## Testing\nRan the export against staging.\n' });
    github.resetTraffic();
    const result = await lint(f, 35);
    expect([result.exitCode, result.outputs.valid]).toEqual([0, 'true']);
    expect(result.summary).toMatch(/Pull_Request_Template\.md/);
    expect(traffic(f)).toContain('GET /contents/Pull_Request_Template.md 200');
  });

  it('an edited event that changed neither title nor body makes no request', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 34, title: 'Export', body: '' });
    github.resetTraffic();
    const result = await lint(
      f,
      34,
      {},
      { name: 'pull_request', payload: prPayload(34, 'edited', { changes: { base: { ref: { from: 'dev' } } } }) },
    );
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toEqual({});
    expect(github.count()).toBe(0);
  });
});
