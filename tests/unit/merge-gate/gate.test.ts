import { describe, expect, it } from '@jest/globals';
import { decideMerge } from '../../../actions/merge-gate/src/gate';
import { readSettings, type Settings } from '../../../actions/merge-gate/src/inputs';
import { FakeClock, Inputs, InputError, MemoryLogger, mapInputSource } from '@shipshape/kit';
import { FakeMergeGatePort, pull } from './fake-port';
import type { PullInfo } from '../../../actions/merge-gate/src/github-port';

// Friday 2026-12-04 15:30 UTC = 16:30 in Paris (CET); 18:30 UTC is after 17:00 there.
const IN_WINDOW = Date.parse('2026-12-04T15:30:00Z');
const AFTER_WINDOW = Date.parse('2026-12-04T18:30:00Z');

function settingsFor(
  values: Record<string, string>,
  pr: PullInfo,
  event = 'pull_request_review',
  action = 'submitted',
): Settings {
  return readSettings(new Inputs(mapInputSource({ token: 't', ...values })), {
    eventName: event,
    payload: { action, pull_request: pr },
  });
}

async function decide(
  values: Record<string, string>,
  port: FakeMergeGatePort,
  now = IN_WINDOW,
  event = 'pull_request_review',
  action = 'submitted',
) {
  const log = new MemoryLogger();
  const result = await decideMerge(settingsFor(values, port.pr, event, action), {
    port,
    clock: new FakeClock(now),
    log,
  });
  return { result, log };
}

describe('decideMerge', () => {
  it('on a review event reads the live PR and every review once: two requests for a quorum', async () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'APPROVED');
    const { result } = await decide({ leads: 'alice, bob, carol' }, port);
    expect(port.calls).toEqual(['getPull 7', 'listReviews 7']);
    expect(result).toMatchObject({ kind: 'verdict', allowed: false });
    expect(result.kind === 'verdict' && result.reason).toMatch(/quorum: 1 of 2 lead approvals .*1 more needed/);
  });

  it("on a pull_request event judges the event's copy: branch rules alone make no request", async () => {
    const port = new FakeMergeGatePort(pull({ head: { ref: 'feature/x', sha: 'a'.repeat(40) } }));
    const { result } = await decide(
      { 'base-rules': 'master: develop, hotfix/*', 'change-requests': 'off' },
      port,
      IN_WINDOW,
      'pull_request',
      'opened',
    );
    expect(port.calls).toEqual([]);
    expect(result.kind === 'verdict' && result.reason).toBe(
      "#7 may not be merged: branches: base rule 'master: develop, hotfix/*': 'master' takes pull requests only from 'develop', 'hotfix/*', not from 'feature/x'.",
    );
  });

  it("any reviewer's standing change request blocks; with change-requests: leads only a lead's", async () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'APPROVED');
    port.review('outsider', 'CHANGES_REQUESTED');
    expect((await decide({ leads: 'alice, bob' }, port)).result).toMatchObject({
      allowed: false,
      changeRequests: ['outsider'],
    });
    expect((await decide({ leads: 'alice, bob', 'change-requests': 'leads' }, port)).result).toMatchObject({
      allowed: true,
      changeRequests: [],
    });
  });

  it('a dismissed change request no longer blocks', async () => {
    const port = new FakeMergeGatePort(pull());
    port.dismiss(port.review('outsider', 'CHANGES_REQUESTED'));
    expect((await decide({}, port)).result).toMatchObject({ allowed: true });
  });

  it('reads a leads file at the base branch, and a missing one is an error naming the input', async () => {
    const port = new FakeMergeGatePort(pull());
    port.files = { master: { '.github/LEADS': '# leads\n* @alice @bob\n/docs/ @carol\n' } };
    port.review('alice', 'APPROVED');
    port.review('carol', 'APPROVED');
    const { result } = await decide({ leads: '.github/LEADS' }, port);
    expect(port.calls).toContain('readFile .github/LEADS@master');
    expect(result).toMatchObject({ allowed: true, quorum: { required: 2, approvals: 2 } });
    port.files = {};
    await expect(decide({ leads: '.github/LEADS' }, port)).rejects.toThrow(
      new InputError('leads', "a file that exists at the base branch 'master'", '.github/LEADS'),
    );
  });

  it('blocks outside the merge window unless overridden by the label', async () => {
    const port = new FakeMergeGatePort(pull());
    const window = { window: 'mon-fri 08:00-17:00 Europe/Paris', 'change-requests': 'off' };
    expect((await decide(window, port, IN_WINDOW)).result).toMatchObject({ allowed: true });
    const closed = await decide(window, port, AFTER_WINDOW);
    expect(closed.result.kind === 'verdict' && closed.result.reason).toMatch(
      /merge window: outside the merge window .* it opens Mon 2026-12-07 08:00/,
    );
    port.pr.labels = [{ name: 'out-of-band' }];
    const overridden = await decide({ ...window, 'override-label': 'out-of-band' }, port, AFTER_WINDOW);
    expect(overridden.result).toMatchObject({ allowed: true });
    expect(overridden.log.text('warning')).toContain("overridden for #7: label 'out-of-band'");
  });

  it('the window applies only to the bases in window-bases', async () => {
    const port = new FakeMergeGatePort(
      pull({ base: { ref: 'develop' }, head: { ref: 'feature/x', sha: 'a'.repeat(40) } }),
    );
    const { result } = await decide(
      { window: 'mon-fri 08:00-17:00 Europe/Paris', 'window-bases': 'master', 'change-requests': 'off' },
      port,
      AFTER_WINDOW,
    );
    expect(result).toMatchObject({ allowed: true, rules: [] });
  });

  it("blocks work in progress by plan-lint's rule", async () => {
    const port = new FakeMergeGatePort(pull({ title: '[WIP] Add rollout' }));
    const { result } = await decide({ wip: 'true', 'change-requests': 'off' }, port);
    expect(result.kind === 'verdict' && result.reason).toMatch(
      /wip: work in progress: the title starts with a WIP marker/,
    );
  });

  it('after a merge by someone else, author-merges reports it', async () => {
    const port = new FakeMergeGatePort(pull({ state: 'closed', merged: true, merged_by: { login: 'carol' } }));
    const { result } = await decide({ 'author-merges': 'true' }, port, IN_WINDOW, 'pull_request', 'closed');
    expect(port.calls).toEqual([]);
    expect(result).toMatchObject({ kind: 'closed', violation: true, mergedBy: 'carol', author: 'author' });
    port.pr.merged_by = { login: 'Author' };
    expect((await decide({ 'author-merges': 'true' }, port, IN_WINDOW, 'pull_request', 'closed')).result).toMatchObject(
      { violation: false },
    );
  });
});
