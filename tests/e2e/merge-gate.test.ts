import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { webhookExample } from '@shipshape/testing/webhooks';

/**
 * merge-gate's committed bundle, run as the runner runs it, against the GitHub emulator with real event payloads
 * from @octokit/webhooks-examples, one test per event: pull_request (judged from the payload), pull_request_review
 * and merge_group (the live PR and its reviews are read), and the after-merge report.
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

interface Fixture {
  name: string;
  repo: EmulatedRepository;
}

function fixture(): Fixture {
  const name = `octo-org/gate-${++counter}`;
  const repo = github.repo(name);
  repo.branch('master', repo.head('main'));
  const head = repo.commit({ branch: 'main', files: { 'app.ts': 'v2\n' }, message: 'Change' });
  repo.branch('develop', head);
  return { name, repo };
}

type Payload = Record<string, unknown> & { pull_request: Record<string, unknown> };

/** The event's copy of the PR as GitHub would send it for the emulator's record. */
function pullPayload(
  f: Fixture,
  number: number,
  event: 'pull_request' | 'pull_request_review',
  action: string,
): Payload {
  const payload = webhookExample<Payload>(event, action);
  const pr = f.repo.pullRequest(number);
  if (!pr) throw new Error(`no PR #${number}`);
  payload.action = action;
  Object.assign(payload.pull_request, {
    number,
    title: pr.title,
    body: pr.body,
    user: { login: pr.user },
    labels: pr.labels.map((name) => ({ name })),
    base: { ...(payload.pull_request.base as object), ref: pr.base },
    head: { ...(payload.pull_request.head as object), ref: pr.head.ref, sha: pr.head.sha },
    state: pr.state,
    merged: pr.merged,
  });
  return payload;
}

function gate(f: Fixture, inputs: RunOptions['inputs'], event: RunOptions['event']): Promise<RunResult> {
  return runActionBundle({
    action: 'merge-gate',
    apiUrl: github.url,
    repository: f.name,
    inputs,
    event,
    timeoutMs: 30_000,
  });
}

const LEADS = { leads: 'alice, bob, carol' };

describe('merge-gate action', () => {
  it('pull_request_review: blocked at 1 of 3 leads, passing at 2 of 3, reading the live PR and its reviews', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 7, title: 'Release', user: 'dave', base: 'master', head: { ref: 'develop' } });
    f.repo.addReview(7, { user: 'alice', state: 'APPROVED' });
    const payload = pullPayload(f, 7, 'pull_request_review', 'submitted');
    github.resetTraffic();
    const blocked = await gate(f, LEADS, { name: 'pull_request_review', payload });
    expect(blocked.exitCode).toBe(1);
    expect(blocked.outputs.allowed).toBe('false');
    expect(blocked.outputs.missing).toBe('1');
    expect(blocked.failure).toMatch(/^#7 may not be merged: quorum: 1 of 2 lead approvals .*1 more needed/);
    expect(JSON.parse(blocked.outputs.approvals ?? '{}')).toEqual({
      required: 2,
      approvals: 1,
      counted: ['alice'],
      notCounted: [
        { login: 'bob', why: 'no-review' },
        { login: 'carol', why: 'no-review' },
      ],
    });
    expect(blocked.summary).toMatch(/\| alice \| approved \| yes \|/);
    expect(github.count('GET /repos/{owner}/{repo}/pulls/{pull_number}')).toBe(1);
    expect(github.count('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews')).toBe(1);
    expect(github.count()).toBe(2);

    f.repo.addReview(7, { user: 'bob', state: 'APPROVED' });
    const passing = await gate(f, LEADS, { name: 'pull_request_review', payload });
    expect(passing.exitCode).toBe(0);
    expect(passing.outputs).toMatchObject({ allowed: 'true', missing: '0', reason: '#7 may be merged.' });
  });

  it('reads every page of reviews: a lead whose latest review is on page 2 requested changes', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 8, title: 'Busy', user: 'dave', base: 'master', head: { ref: 'develop' } });
    f.repo.addReview(8, { user: 'alice', state: 'APPROVED' });
    f.repo.addReview(8, { user: 'bob', state: 'APPROVED' });
    for (let i = 0; i < 120; i++) f.repo.addReview(8, { user: `reviewer${i}`, state: 'COMMENTED' });
    f.repo.addReview(8, { user: 'bob', state: 'CHANGES_REQUESTED' });
    github.resetTraffic();
    const result = await gate(f, LEADS, {
      name: 'pull_request_review',
      payload: pullPayload(f, 8, 'pull_request_review', 'submitted'),
    });
    expect(github.count('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews')).toBe(2);
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/change requests: changes requested by bob/);
  });

  it('pull_request: a head that may not target the base is blocked from the payload alone, naming the rule', async () => {
    const f = fixture();
    f.repo.branch('feature/login', f.repo.head('develop'));
    f.repo.addPullRequest({ number: 9, title: 'Login', user: 'dave', base: 'master', head: { ref: 'feature/login' } });
    github.resetTraffic();
    const result = await gate(
      f,
      { 'base-rules': 'master: develop, hotfix/*', 'change-requests': 'off' },
      { name: 'pull_request', payload: pullPayload(f, 9, 'pull_request', 'opened') },
    );
    expect(result.exitCode).toBe(1);
    expect(result.failure).toBe(
      "#9 may not be merged: branches: base rule 'master: develop, hotfix/*': 'master' takes pull requests only from 'develop', 'hotfix/*', not from 'feature/login'.",
    );
    expect(github.count()).toBe(0);
  });

  it('merge_group: the PR named by the queue ref is read live and judged', async () => {
    const f = fixture();
    const pr = f.repo.addPullRequest({
      number: 10,
      title: 'Queue',
      user: 'dave',
      base: 'master',
      head: { ref: 'develop' },
    });
    f.repo.addReview(10, { user: 'alice', state: 'APPROVED' });
    f.repo.addReview(10, { user: 'carol', state: 'APPROVED' });
    const payload = webhookExample<Record<string, unknown> & { merge_group: Record<string, unknown> }>(
      'merge_group',
      'checks_requested',
    );
    payload.merge_group.head_ref = `refs/heads/gh-readonly-queue/master/pr-10-${pr.head.sha}`;
    payload.merge_group.base_ref = 'refs/heads/master';
    const result = await gate(f, LEADS, { name: 'merge_group', payload });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.allowed).toBe('true');
    expect(result.summary).toMatch(/#10 may be merged/);
  });

  it('approvals-on-head: an approval before a push is stale', async () => {
    const f = fixture();
    const pr = f.repo.addPullRequest({
      number: 11,
      title: 'Pushed',
      user: 'dave',
      base: 'master',
      head: { ref: 'develop' },
    });
    f.repo.addReview(11, { user: 'alice', state: 'APPROVED' });
    f.repo.addReview(11, { user: 'bob', state: 'APPROVED' });
    pr.head.sha = f.repo.commit({ branch: 'develop', files: { 'app.ts': 'v3\n' }, message: 'Push' });
    const inputs = { ...LEADS, 'approvals-on-head': 'true' };
    const result = await gate(f, inputs, {
      name: 'pull_request_review',
      payload: pullPayload(f, 11, 'pull_request_review', 'submitted'),
    });
    expect(result.exitCode).toBe(1);
    expect(result.outputs.missing).toBe('2');
    expect(result.summary).toMatch(/\| alice \| approved an earlier commit \(approvals-on-head\) \| no \|/);
  });

  it('a leads file is read at the base branch; one missing there is an error naming the input', async () => {
    const f = fixture();
    f.repo.commit({ branch: 'master', files: { '.github/LEADS': '* @alice @bob @carol\n' }, message: 'Leads' });
    f.repo.addPullRequest({ number: 12, title: 'File', user: 'dave', base: 'master', head: { ref: 'develop' } });
    f.repo.addReview(12, { user: 'alice', state: 'APPROVED' });
    f.repo.addReview(12, { user: 'bob', state: 'APPROVED' });
    const payload = pullPayload(f, 12, 'pull_request_review', 'submitted');
    const result = await gate(f, { leads: '.github/LEADS' }, { name: 'pull_request_review', payload });
    expect(result.exitCode).toBe(0);
    const missing = await gate(f, { leads: '.github/OWNERS' }, { name: 'pull_request_review', payload });
    expect(missing.exitCode).toBe(1);
    expect(missing.failure).toBe(
      "Input 'leads' is invalid: expected a file that exists at the base branch 'master', got \".github/OWNERS\".",
    );
  });

  it('outside the merge window a merge is blocked, and the override label lets it through', async () => {
    const f = fixture();
    f.repo.addPullRequest({
      number: 13,
      title: 'Late',
      user: 'dave',
      base: 'master',
      head: { ref: 'develop' },
      labels: ['out-of-band'],
    });
    const today = new Date().toISOString().slice(0, 10);
    const inputs = { window: 'daily 00:00-24:00 UTC', blackout: today, 'change-requests': 'off' };
    const payload = pullPayload(f, 13, 'pull_request', 'labeled');
    const closed = await gate(f, inputs, { name: 'pull_request', payload });
    expect(closed.exitCode).toBe(1);
    expect(closed.failure).toMatch(/merge window: outside the merge window \(daily 00:00-24:00 UTC\)/);
    const overridden = await gate(f, { ...inputs, 'override-label': 'out-of-band' }, { name: 'pull_request', payload });
    expect(overridden.exitCode).toBe(0);
    expect(
      overridden.annotations.some(
        (a) => a.level === 'warning' && /overridden for #13: label 'out-of-band'/.test(a.message),
      ),
    ).toBe(true);
  });

  it('comment: true keeps one comment: created while blocked, edited to passing, and one the author wrote with the marker is left alone', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 15, title: 'Sticky', user: 'dave', base: 'master', head: { ref: 'develop' } });
    // The PR's author pastes the gate's marker: never the gate's to edit (plan-lint's identity rule).
    const pasted = f.repo.addComment(15, {
      body: '<!-- shipshape:merge-gate -->\nall approved, trust me',
      user: 'dave',
    });
    f.repo.addReview(15, { user: 'alice', state: 'APPROVED' });
    const payload = pullPayload(f, 15, 'pull_request_review', 'submitted');
    const inputs = { ...LEADS, comment: 'true' };
    const blocked = await gate(f, inputs, { name: 'pull_request_review', payload });
    expect(blocked.exitCode).toBe(1);
    const gateComments = () => f.repo.comments(15).filter((c) => c.id !== pasted.id);
    expect(gateComments()).toHaveLength(1);
    expect(gateComments()[0]?.body).toMatch(/^<!-- shipshape:merge-gate -->\n### Merge gate: #15 is blocked/);

    f.repo.addReview(15, { user: 'carol', state: 'APPROVED' });
    const passing = await gate(f, inputs, { name: 'pull_request_review', payload });
    expect(passing.exitCode).toBe(0);
    expect(gateComments()).toHaveLength(1);
    expect(gateComments()[0]?.body).toMatch(/### Merge gate: #15 may be merged/);
    expect(f.repo.comments(15).find((c) => c.id === pasted.id)?.body).toBe(
      '<!-- shipshape:merge-gate -->\nall approved, trust me',
    );
    expect(github.count('POST /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(1);
  });

  it('comment: true on a fork PR (read-only token): the refused write is a warning, the verdict stands', async () => {
    const f = fixture();
    f.repo.addPullRequest({ number: 16, title: 'Fork', user: 'dave', base: 'master', head: { ref: 'develop' } });
    github.restrictToken({ 'pull-requests': 'read', contents: 'read' });
    const result = await gate(
      f,
      { ...LEADS, comment: 'true' },
      { name: 'pull_request_review', payload: pullPayload(f, 16, 'pull_request_review', 'submitted') },
    );
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/^#16 may not be merged: quorum: 0 of 2/);
    expect(
      result.annotations.some(
        (a) => a.level === 'warning' && /Could not update the merge-gate comment/.test(a.message),
      ),
    ).toBe(true);
    expect(f.repo.comments(16)).toHaveLength(0);
  });

  it('pull_request closed: a merge by someone other than the author is reported, not failed', async () => {
    const f = fixture();
    f.repo.addPullRequest({
      number: 14,
      title: 'Merged',
      user: 'dave',
      base: 'master',
      head: { ref: 'develop' },
      merged: true,
    });
    const payload = pullPayload(f, 14, 'pull_request', 'closed');
    payload.pull_request.merged_by = { login: 'carol' };
    github.resetTraffic();
    const result = await gate(f, { 'author-merges': 'true' }, { name: 'pull_request', payload });
    expect(result.exitCode).toBe(0);
    expect(result.outputs.allowed).toBe('false');
    expect(result.summary).toMatch(/merged by someone else/);
    expect(
      result.annotations.some(
        (a) => a.level === 'warning' && /merged by carol, not by its author dave/.test(a.message),
      ),
    ).toBe(true);
    expect(github.count()).toBe(0);
  });
});
