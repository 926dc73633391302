import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import {
  REPO_ROOT,
  parseWorkflowCommands,
  runActionBundle,
  type RunOptions,
  type RunResult,
} from '@shipshape/testing/runner';
import { startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * The root action (`uses: your-org/shipshape@v1` with `command:`), run as the runner runs it: its generated
 * action.yml at the repository root (the union of the actions' inputs, with their defaults), its entry point
 * root-action/index.mjs, which loads the chosen action's committed bundle. Each command is compared with the
 * sub-action run the same way.
 */

let github: GitHubEmulator;
let slack: SlackEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
  slack = await startSlackEmulator({ channels: ['C0DEPLOYS'] });
});
afterEach(() => {
  github.assertNoViolations();
  expect(slack.violations).toEqual([]);
});
afterAll(async () => {
  await github.close();
  await slack.close();
});

const commands = Object.keys(
  JSON.parse(readFileSync(join(REPO_ROOT, 'root-action/commands.json'), 'utf8')) as Record<string, unknown>,
);

function run(action: string, inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}): Promise<RunResult> {
  return runActionBundle({
    action,
    apiUrl: github.url,
    repository: 'octo-org/root-action',
    timeoutMs: 20_000,
    ...extra,
    inputs,
  });
}

const root = (
  command: string,
  inputs: RunOptions['inputs'] = {},
  extra: Partial<RunOptions> = {},
): Promise<RunResult> => run(REPO_ROOT, { command, ...inputs }, extra);

/** What a user sees of a step, minus what differs between any two runs (durations). */
function visible(result: RunResult): unknown {
  // Times differ between two runs by nature: how long it waited, when it decided or posted.
  const { 'waited-seconds': _waited, 'decided-at': _decided, 'posted-at': _posted, ...outputs } = result.outputs;
  return {
    exitCode: result.exitCode,
    failure: result.failure,
    outputs,
    annotations: result.annotations.map((a) => a.level),
  };
}

describe('root action', () => {
  it('knows the commands of every action that exists', () => {
    expect(commands).toEqual(expect.arrayContaining(['deploy-guard']));
  });

  it('command: deploy-guard runs the guard: it waits for the earlier run, proceeds, and matches the sub-action', async () => {
    const name = `octo-org/root-guard-${++counter}`;
    const repo = github.repo(name);
    const sha = repo.head('main');
    repo.addWorkflow({ name: 'Release', path: '.github/workflows/release.yml' });
    repo.addWorkflowRun({
      workflow: 'Release',
      id: 500,
      status: 'in_progress',
      created_at: '2026-03-01T10:00:00Z',
      head_sha: sha,
    });
    repo.addWorkflowRun({
      workflow: 'Release',
      id: 501,
      status: 'in_progress',
      created_at: '2026-03-01T10:05:00Z',
      head_sha: sha,
    });
    repo.addStatus(sha, { context: 'ci/test', state: 'success' });
    let polls = 0;
    const stop = github.onRequest((request) => {
      if (request.route === 'GET /repos/{owner}/{repo}/actions/runs' && ++polls === 5)
        repo.updateWorkflowRun(500, { status: 'completed', conclusion: 'success' });
    });
    const inputs = { queue: true, 'commit-gate': true, 'poll-interval': 1 };
    const viaRoot = await root('deploy-guard', inputs, { repository: name, sha, runId: 501 });
    stop();
    expect(viaRoot.exitCode).toBe(0);
    expect(viaRoot.outputs.decision).toBe('proceed');
    expect(viaRoot.outputs['checked-sha']).toBe(sha);
    expect(viaRoot.stdout).toMatch(/waiting for 1 earlier run\(s\): run 500/);
    expect(viaRoot.summary).toMatch(/queue/);
    const direct = await run('deploy-guard', inputs, { repository: name, sha, runId: 501 });
    expect(visible(viaRoot)).toEqual(visible(direct));
  });

  it('command: changelog-release publishes the release; the sub-action re-run finds it unchanged (same code, same state)', async () => {
    const name = `octo-org/root-release-${++counter}`;
    const repo = github.repo(name);
    const changelog =
      '# Changelog\n\n## [1.4.0] - 2026-03-01\n\n### Added\n\n- Release notes from the changelog.\n\n## [1.3.0] - 2026-02-01\n\n- Older.\n';
    const sha = repo.commit({ branch: 'main', files: { 'CHANGELOG.md': changelog }, message: 'Release 1.4.0' });
    repo.tag('v1.4.0', sha);
    const viaRoot = await root('changelog-release', {}, { repository: name, sha, ref: 'refs/tags/v1.4.0' });
    expect(viaRoot.failure).toBeUndefined();
    expect(viaRoot.exitCode).toBe(0);
    expect(viaRoot.outputs.result).toBe('created');
    expect(viaRoot.outputs.version).toBe('1.4.0');
    expect(viaRoot.outputs.notes).toMatch(/Release notes from the changelog/);
    expect(repo.releases.map((r) => r.tag_name)).toEqual(['v1.4.0']);
    const direct = await run('changelog-release', {}, { repository: name, sha, ref: 'refs/tags/v1.4.0' });
    expect(direct.outputs.result).toBe('unchanged');
    expect(direct.outputs['release-id']).toBe(viaRoot.outputs['release-id']);
    expect(repo.releases).toHaveLength(1);
  });

  const ifPlanLint = commands.includes('plan-lint') ? it : it.skip;
  ifPlanLint('command: plan-lint reads the live PR and reports the same problems as the sub-action', async () => {
    const name = `octo-org/root-plan-${++counter}`;
    const repo = github.repo(name);
    const body =
      '## Solution\n**Original issue and supporting materials**: #1\n**Downsides**: None\n## Roll-out plan\n**Deployment risks**: XXX\n';
    repo.addPullRequest({ number: 3, title: 'Half a plan', body });
    const payload = webhookExample<Record<string, unknown> & { pull_request: Record<string, unknown> }>(
      'pull_request',
      'opened',
    );
    payload.number = 3;
    payload.pull_request.number = 3;
    const event = { name: 'pull_request', payload };
    const viaRoot = await root('plan-lint', {}, { repository: name, event });
    expect(viaRoot.exitCode).toBe(1);
    expect(viaRoot.outputs.valid).toBe('false');
    const sections = (JSON.parse(viaRoot.outputs.problems ?? '[]') as { section: string }[]).map((p) => p.section);
    expect(sections).toEqual(expect.arrayContaining(['Deployment risks', 'Rollback strategy']));
    const direct = await run('plan-lint', {}, { repository: name, event });
    expect(visible(viaRoot)).toEqual(visible(direct));
  });

  const ifNotify = commands.includes('deploy-notify') ? it : it.skip;
  ifNotify(
    'command: deploy-notify posts the started message; the sub-action then edits that same message',
    async () => {
      const name = `octo-org/root-notify-${++counter}`;
      github.repo(name);
      const base = {
        token: slack.token,
        channel: 'C0DEPLOYS',
        'api-url': slack.apiUrl,
        version: '2.0.0',
        environment: 'production',
      };
      const started = await root('deploy-notify', { ...base, status: 'started' }, { repository: name });
      expect(started.failure).toBeUndefined();
      expect(started.exitCode).toBe(0);
      const ts = started.outputs['message-ts'] ?? '';
      expect(ts).toMatch(/^\d+\.\d+$/);
      expect(started.masks).toContain(slack.token);
      const done = await run('deploy-notify', { ...base, status: 'succeeded', 'message-ts': ts }, { repository: name });
      expect(done.exitCode).toBe(0);
      expect(done.outputs['message-ts']).toBe(ts);
      const message = slack.message('C0DEPLOYS', ts);
      expect(message?.edits).toHaveLength(1);
    },
  );

  it("`token` defaults to `github-token` for the GitHub commands, an explicit `token` wins, and deploy-notify's Slack `token` never gets it", async () => {
    const name = `octo-org/root-token-${++counter}`;
    github.repo(name);
    const defaultToken = 'ghs_runnertoken0000000000000000000000000';
    const byDefault = await root('deploy-guard', { queue: true }, { repository: name, token: defaultToken });
    expect(byDefault.masks).toContain(defaultToken);
    const explicit = await root(
      'deploy-guard',
      { queue: true, token: 'ghs_explicittoken00000000000000000000000' },
      { repository: name, token: defaultToken },
    );
    expect(explicit.masks).toContain('ghs_explicittoken00000000000000000000000');
    expect(explicit.masks).not.toContain(defaultToken);
    if (commands.includes('deploy-notify')) {
      const notify = await root(
        'deploy-notify',
        { channel: 'C0DEPLOYS', 'api-url': slack.apiUrl, status: 'started' },
        { repository: name, token: defaultToken },
      );
      // deploy-notify's own `github-token` (its failure alerts read the shipped PRs) is the GitHub token, masked as a
      // secret; its `token`, the Slack bot token, is not it: with none given the step asks for a Slack credential.
      expect(notify.exitCode).not.toBe(0);
      expect(notify.failure).toMatch(/token|webhook/i);
      expect(slack.requests.some((r) => JSON.stringify(r.body).includes(defaultToken))).toBe(false);
    }
  });

  it.each(commands.map((c) => [c] as const))(
    'command: %s with no other input fails or succeeds exactly as the sub-action does',
    async (...row) => {
      const [command] = row;
      const name = `octo-org/root-bare-${++counter}`;
      github.repo(name);
      const viaRoot = await root(command, {}, { repository: name });
      const direct = await run(command, {}, { repository: name });
      expect(viaRoot.timedOut).toBe(false);
      expect(visible(viaRoot)).toEqual(visible(direct));
      expect(viaRoot.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    },
  );

  it('an unknown command is a clear error naming the input and the choices, and cannot inject a workflow command', async () => {
    const result = await root('deploy-gaurd\n::add-mask::x');
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(
      /^Input 'command' is invalid: expected one of .*'deploy-guard'.*got "deploy-gaurd ::add-mask::x"\.$/,
    );
    expect(parseWorkflowCommands(result.stdout).map((c) => c.command)).toEqual(['error']);
    const empty = await root('');
    expect(empty.failure).toMatch(/Input 'command' is invalid/);
  });
});
