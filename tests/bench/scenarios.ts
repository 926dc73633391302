// The minimal real scenario of each action, shared by the cold-start and request-count benchmarks. Inputs are the
// ones each action.yml declares; a scenario whose action has no committed bundle yet, whose action.yml does not
// parse, or which passes an input the action.yml does not declare is skipped with the reason (never a crash).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitHubEmulator } from '@shipshape/testing/github-emulator';
import type { SlackEmulator } from '@shipshape/testing/slack-emulator';
import { readActionYaml, type RunOptions } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';
import { bundlePath } from './support';

export interface Scenario {
  action: string;
  /** What the scenario does, in one line. */
  what: string;
  /** The fewest GitHub API requests that can do this, and why; compared with the emulator's count. */
  minimumRequests: number;
  minimumWhy: string;
  /** Seeds the emulators; `repository` is a fresh repository name for this scenario. */
  prepare(
    github: GitHubEmulator,
    slack: SlackEmulator,
    repository: string,
  ): { options: RunOptions; beforeEach?: () => void };
}

export interface ReadyScenario extends Scenario {
  options: RunOptions;
  beforeEach?: () => void;
}

const CHANGELOG =
  '# Changelog\n\n## [1.2.3] - 2026-03-01\n\n### Fixed\n\n- The deploy waits for staging.\n\n## [1.2.2] - 2026-02-01\n\n- Older.\n';
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

export const SCENARIOS: Scenario[] = [
  {
    action: 'plan-lint',
    what: 'a filled-in plan on an opened PR, no template in the repo, no comment',
    minimumRequests: 4,
    minimumWhy:
      'read the live PR and, at once (the base branch from the event, checked against the live PR), list the three folders GitHub takes a PR template from (.github/, which also shows whether the config file exists, the root and docs/)',
    prepare(github, _slack, repository) {
      const repo = github.repo(repository);
      const sha = repo.commit({ branch: 'feature', files: { 'src/a.ts': 'x' }, message: 'feature' });
      repo.addPullRequest({
        number: 7,
        title: 'Deploy waits for staging',
        body: PLAN,
        base: 'main',
        head: { ref: 'feature', sha },
        files: ['src/a.ts'],
      });
      const payload = webhookExample<Record<string, unknown>>('pull_request', 'opened');
      const pull = payload.pull_request as Record<string, unknown>;
      // The example payload's base is `master`; a real event names the PR's own base, as the emulator's PR has it.
      Object.assign(pull, {
        number: 7,
        title: 'Deploy waits for staging',
        body: PLAN,
        draft: false,
        base: { ...(pull.base as Record<string, unknown>), ref: 'main' },
      });
      payload.number = 7;
      return {
        options: { action: 'plan-lint', event: { name: 'pull_request', payload }, apiUrl: github.url, repository, sha },
      };
    },
  },
  {
    action: 'changelog-release',
    what: 'a tag push whose release exists and is current (the common re-run): find it, write nothing',
    minimumRequests: 1,
    minimumWhy: 'one page of releases (get-by-tag cannot see drafts); the changelog comes from the checkout',
    prepare(github, _slack, repository) {
      const repo = github.repo(repository);
      const sha = repo.commit({ branch: 'main', files: { 'CHANGELOG.md': CHANGELOG }, message: 'Release 1.2.3' });
      repo.tag('v1.2.3', sha);
      return {
        options: {
          action: 'changelog-release',
          ref: 'refs/tags/v1.2.3',
          sha,
          event: {
            name: 'push',
            payload: { ...webhookExample<Record<string, unknown>>('push'), ref: 'refs/tags/v1.2.3' },
          },
          apiUrl: github.url,
          repository,
          workspace: workspaceWith({ 'CHANGELOG.md': CHANGELOG }),
        },
      };
    },
  },
  {
    action: 'deploy-guard',
    what: 'nothing blocks: an open deploy window and a green commit',
    minimumRequests: 2,
    minimumWhy: 'the combined commit status and the check runs of the commit',
    prepare(github, _slack, repository) {
      const repo = github.repo(repository);
      const sha = repo.head('main');
      repo.addStatus(sha, { context: 'ci/test', state: 'success' });
      // The run the guard itself belongs to exists on a real runner (GITHUB_RUN_ID, workflow "Release").
      repo.addWorkflow({ name: 'Release', path: '.github/workflows/release.yml' });
      repo.addWorkflowRun({
        workflow: 'Release',
        id: 1001,
        status: 'in_progress',
        head_sha: sha,
        created_at: new Date().toISOString(),
      });
      return {
        options: {
          action: 'deploy-guard',
          sha,
          inputs: { 'commit-gate': 'true', window: 'daily 00:00-24:00 UTC' },
          apiUrl: github.url,
          repository,
          runId: 1001,
        },
      };
    },
  },
  {
    action: 'deploy-notify',
    what: '"Deploying v1.2.3 to production" through an incoming webhook',
    minimumRequests: 0,
    minimumWhy: 'a webhook post needs nothing from GitHub (one Slack request)',
    prepare(_github, slack, repository) {
      return {
        options: {
          action: 'deploy-notify',
          inputs: {
            'webhook-url': slack.webhookUrl('C0BENCHDEPLOY'),
            status: 'started',
            version: '1.2.3',
            environment: 'production',
          },
          apiUrl: 'http://127.0.0.1:9',
          repository,
        },
      };
    },
  },
  {
    action: 'merge-gate',
    what: 'a review event on a PR to master: 2 of 3 leads approved, base rule and merge window on, no comment',
    minimumRequests: 2,
    minimumWhy:
      'the live PR (a review payload goes stale) and its reviews (one page of 100); the branch rule and the window need no request',
    prepare(github, _slack, repository) {
      const repo = github.repo(repository);
      repo.branch('master', repo.head('main'));
      const sha = repo.commit({ branch: 'develop', files: { 'src/a.ts': 'x' }, message: 'develop' });
      repo.addPullRequest({
        number: 7,
        title: 'Release 1.2.3',
        body: 'Release.',
        base: 'master',
        head: { ref: 'develop', sha },
        user: 'dave',
      });
      repo.addReview(7, { user: 'alice', state: 'APPROVED' });
      repo.addReview(7, { user: 'bob', state: 'APPROVED' });
      const payload = webhookExample<Record<string, unknown>>('pull_request_review', 'submitted');
      Object.assign(payload.pull_request as Record<string, unknown>, { number: 7 });
      return {
        options: {
          action: 'merge-gate',
          inputs: {
            leads: 'alice, bob, carol',
            'base-rules': 'master: develop, hotfix/*',
            window: 'daily 00:00-24:00 UTC',
          },
          event: { name: 'pull_request_review', payload },
          apiUrl: github.url,
          repository,
          sha,
        },
      };
    },
  },
];

/** Seeds the scenarios whose action can run; the others come back with the reason they were skipped. */
export function prepareScenarios(
  scenarios: readonly Scenario[],
  github: GitHubEmulator,
  slack: SlackEmulator,
): { ready: ReadyScenario[]; skipped: { action: string; reason: string }[] } {
  const ready: ReadyScenario[] = [];
  const skipped: { action: string; reason: string }[] = [];
  for (const scenario of scenarios) {
    if (!existsSync(bundlePath(scenario.action))) {
      skipped.push({ action: scenario.action, reason: 'no committed bundle (dist/index.js) yet' });
      continue;
    }
    let declared: string[];
    try {
      declared = Object.keys(readActionYaml(scenario.action).inputs ?? {});
    } catch (error) {
      skipped.push({
        action: scenario.action,
        reason: `its action.yml does not parse: ${(error as Error).message.split('\n')[0]}`,
      });
      continue;
    }
    const prepared = scenario.prepare(github, slack, `bench-org/${scenario.action}`);
    const unknown = Object.keys(prepared.options.inputs ?? {}).filter((name) => !declared.includes(name));
    if (unknown.length > 0) {
      skipped.push({
        action: scenario.action,
        reason: `the bench scenario passes input(s) ${unknown.join(', ')} that action.yml does not declare: update tests/bench/scenarios.ts`,
      });
      continue;
    }
    ready.push({ ...scenario, ...prepared });
  }
  return { ready, skipped };
}
