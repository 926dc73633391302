import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { webhookExample } from '@shipshape/testing/webhooks';
import type { ExpressionContext } from './expressions';
import { readJob, runJob, type StepReport } from './workflow';

/**
 * workflows-examples/freeze-sync.yml executed step by step against the GitHub emulator, for the events it is
 * triggered by: pull request events (the freeze status follows the freeze record and the exempt label) and a merge
 * queue's `merge_group` (a required check must report on the merge group's commit, or the queued merge times out:
 * https://github.blog/changelog/2022-08-18-merge-group-webhook-event-and-github-actions-workflow-trigger/).
 */

let github: GitHubEmulator;
let counter = 0;

beforeAll(async () => {
  github = await startGitHubEmulator();
});
afterEach(() => github.assertNoViolations());
afterAll(() => github.close());

const FREEZE_REF = 'refs/shipshape/freeze/main';

interface Fixture {
  name: string;
  repo: EmulatedRepository;
  featureSha: string;
}

function fixture(): Fixture {
  const name = `acme/freeze-sync-${++counter}`;
  const repo = github.repo(name);
  const featureSha = repo.commit({ branch: 'feature', files: { 'feature.txt': 'x' }, message: 'Feature' });
  return { name, repo, featureSha };
}

function context(name: string, eventName: string, sha: string): ExpressionContext {
  return {
    github: { repository: name, sha, ref: 'refs/heads/main', event_name: eventName, token: 'ghs_demo', run_id: '9100' },
    steps: {},
    secrets: {},
    vars: {},
    inputs: {},
    job: { status: 'success' },
  };
}

async function sync(
  f: Fixture,
  eventName: string,
  payload: Record<string, unknown>,
  sha: string,
): Promise<StepReport[]> {
  return runJob(readJob('freeze-sync.yml', 'sync'), context(f.name, eventName, sha), {
    runner: {
      apiUrl: github.url,
      repository: f.name,
      sha,
      runId: 9100,
      workflow: 'Freeze sync',
      event: { name: eventName, payload },
      timeoutMs: 20_000,
    },
    secretValues: [],
    onStep: () => undefined,
  });
}

function pullRequestEvent(f: Fixture, action: string, labels: string[]): Record<string, unknown> {
  const payload = webhookExample<Record<string, unknown>>('pull_request', action);
  const pr = payload.pull_request as Record<string, unknown>;
  Object.assign(pr, {
    number: 7,
    head: { ...(pr.head as object), sha: f.featureSha, ref: 'feature' },
    base: { ...(pr.base as object), ref: 'main' },
    labels: labels.map((name) => ({ name })),
  });
  payload.repository = { ...(payload.repository as object), full_name: f.name, default_branch: 'main' };
  return payload;
}

const freezeStatus = (repo: EmulatedRepository, sha: string): string | undefined =>
  repo.statuses(sha).find((s) => s.context === 'merge-freeze')?.state;

describe('freeze-sync.yml, executed', () => {
  it('pull requests: pending while frozen, success once the exempt label is added, pending again when it is removed, success after the freeze', async () => {
    const f = fixture();
    f.repo.addPullRequest({
      number: 7,
      title: 'Feature',
      body: '',
      user: 'octocat',
      base: 'main',
      head: { ref: 'feature', sha: f.featureSha },
      state: 'open',
    });
    f.repo.refs.set(FREEZE_REF, f.repo.head('main'));

    const opened = await sync(f, 'pull_request', pullRequestEvent(f, 'opened', []), f.featureSha);
    expect(opened.map((r) => r.status)).toEqual(['success']);
    expect(freezeStatus(f.repo, f.featureSha)).toBe('pending');

    await sync(f, 'pull_request', pullRequestEvent(f, 'labeled', ['hotfix']), f.featureSha);
    expect(freezeStatus(f.repo, f.featureSha)).toBe('success');
    await sync(f, 'pull_request', pullRequestEvent(f, 'unlabeled', []), f.featureSha);
    expect(freezeStatus(f.repo, f.featureSha)).toBe('pending');

    f.repo.refs.delete(FREEZE_REF);
    await sync(f, 'pull_request', pullRequestEvent(f, 'synchronize', []), f.featureSha);
    expect(freezeStatus(f.repo, f.featureSha)).toBe('success');
  });

  // A merge group has no labels: the status follows the freeze record alone (issue 16 item 8).
  it('a merge group gets the merge-freeze status on its own commit: success when not frozen, pending while frozen', async () => {
    const f = fixture();
    const groupSha = f.repo.commit({
      branch: 'gh-readonly-queue/main/pr-7-aaaa',
      files: { 'feature.txt': 'x' },
      message: 'Merge queue',
    });
    const payload = webhookExample<Record<string, unknown>>('merge_group', 'checks_requested');
    Object.assign(payload.merge_group as Record<string, unknown>, {
      head_sha: groupSha,
      head_ref: 'refs/heads/gh-readonly-queue/main/pr-7-aaaa',
      base_ref: 'refs/heads/main',
    });
    payload.repository = { ...(payload.repository as object), full_name: f.name, default_branch: 'main' };

    const open = await sync(f, 'merge_group', payload, groupSha);
    expect(open.map((r) => `${r.status} ${r.result?.failure ?? ''}`.trim())).toEqual(['success']);
    expect(freezeStatus(f.repo, groupSha)).toBe('success');

    f.repo.refs.set(FREEZE_REF, f.repo.head('main'));
    await sync(f, 'merge_group', payload, groupSha);
    expect(freezeStatus(f.repo, groupSha)).toBe('pending');
  });
});
