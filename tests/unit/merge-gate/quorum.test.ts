import { describe, expect, it } from '@jest/globals';
import { countQuorum, requiredApprovals, type QuorumRule } from '../../../actions/merge-gate/src/quorum';
import { standingStates } from '../../../actions/merge-gate/src/reviews';
import { FakeMergeGatePort, HEAD, OLD, pull } from './fake-port';

const half: QuorumRule = { kind: 'half' };

function count(port: FakeMergeGatePort, leads: string[], rule: QuorumRule = half, onHead = false) {
  return countQuorum({
    leads,
    rule,
    author: port.pr.user?.login,
    headSha: onHead ? port.pr.head.sha : undefined,
    standing: standingStates(port.reviews),
  });
}

describe('required approvals', () => {
  it.each([
    ['half', 3, 2],
    ['half', 4, 2],
    ['majority', 3, 2],
    ['majority', 4, 3],
    ['all', 4, 4],
  ] as const)('%s of %i leads needs %i', (kind, leads, needed) => {
    expect(requiredApprovals({ kind }, leads)).toBe(needed);
  });
  it('a number is that number', () => {
    expect(requiredApprovals({ kind: 'count', count: 2 }, 5)).toBe(2);
  });
});

describe('quorum of leads', () => {
  it('a tie at exactly half passes with half (2 of 4) and fails with majority', () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'APPROVED');
    port.review('bob', 'APPROVED');
    expect(count(port, ['alice', 'bob', 'carol', 'dave']).met).toBe(true);
    const majority = count(port, ['alice', 'bob', 'carol', 'dave'], { kind: 'majority' });
    expect(majority).toMatchObject({ met: false, required: 3, approvals: 2, missing: 1 });
  });

  it('1 of 3 leads is blocked with one missing; 2 of 3 passes', () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'APPROVED');
    expect(count(port, ['alice', 'bob', 'carol'])).toMatchObject({ met: false, required: 2, approvals: 1, missing: 1 });
    port.review('bob', 'APPROVED');
    expect(count(port, ['alice', 'bob', 'carol'])).toMatchObject({ met: true, approvals: 2, missing: 0 });
  });

  it("counts each lead's latest decisive review: an approval after a change request counts, a change request after an approval does not", () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'CHANGES_REQUESTED');
    port.review('alice', 'APPROVED');
    port.review('bob', 'APPROVED');
    port.review('bob', 'CHANGES_REQUESTED');
    const result = count(port, ['alice', 'bob']);
    expect(result.leads).toEqual([
      { login: 'alice', status: 'approved', counted: true },
      { login: 'bob', status: 'changes-requested', counted: false },
    ]);
  });

  it('a comment after an approval leaves the approval standing', () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'APPROVED');
    port.review('alice', 'COMMENTED');
    expect(count(port, ['alice']).met).toBe(true);
  });

  it('a dismissed approval no longer counts', () => {
    const port = new FakeMergeGatePort(pull());
    const approval = port.review('alice', 'APPROVED');
    port.review('bob', 'APPROVED');
    port.dismiss(approval);
    const result = count(port, ['alice', 'bob'], { kind: 'all' });
    expect(result.leads[0]).toEqual({ login: 'alice', status: 'dismissed', counted: false });
    expect(result).toMatchObject({ met: false, missing: 1 });
  });

  it("the author's own approval never counts, and the author is not among the leads the rule applies to", () => {
    const port = new FakeMergeGatePort(pull({ user: { login: 'Alice' } }));
    port.review('alice', 'APPROVED');
    port.review('bob', 'APPROVED');
    const result = count(port, ['alice', 'bob', 'carol'], { kind: 'all' });
    expect(result.leads[0]).toEqual({ login: 'alice', status: 'author', counted: false });
    expect(result).toMatchObject({ eligible: 2, required: 2, approvals: 1, met: false });
  });

  it('a PR by the only lead cannot meet its quorum', () => {
    const port = new FakeMergeGatePort(pull({ user: { login: 'alice' } }));
    expect(count(port, ['alice'])).toMatchObject({ met: false, eligible: 0, missing: 1 });
  });

  it('with approvals-on-head, an approval of an earlier commit is stale', () => {
    const port = new FakeMergeGatePort(pull());
    port.review('alice', 'APPROVED', OLD);
    port.review('alice', 'COMMENTED', HEAD);
    port.review('bob', 'APPROVED', HEAD);
    const onHead = count(port, ['alice', 'bob', 'carol'], half, true);
    expect(onHead.leads[0]?.status).toBe('stale-approval');
    expect(onHead).toMatchObject({ approvals: 1, met: false });
    expect(count(port, ['alice', 'bob', 'carol']).met).toBe(true);
  });

  it('logins match whatever their case', () => {
    const port = new FakeMergeGatePort(pull());
    port.review('ALICE', 'APPROVED');
    expect(count(port, ['alice']).met).toBe(true);
  });

  it('a reviewer who is not a lead does not count', () => {
    const port = new FakeMergeGatePort(pull());
    port.review('mallory', 'APPROVED');
    expect(count(port, ['alice', 'bob'])).toMatchObject({ approvals: 0, missing: 1 });
  });
});
