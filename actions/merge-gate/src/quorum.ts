import { loginKey, type Standing } from './reviews';

/** How many of the leads must approve: at least half, more than half, all of them, or a number. */
export type QuorumRule = { kind: 'half' } | { kind: 'majority' } | { kind: 'all' } | { kind: 'count'; count: number };

/** Why a lead counts or does not, for the `approvals` output and the summary table. */
export type LeadStatus = 'approved' | 'changes-requested' | 'stale-approval' | 'dismissed' | 'no-review' | 'author';

export interface LeadReport {
  login: string;
  status: LeadStatus;
  counted: boolean;
}

export interface QuorumResult {
  leads: LeadReport[];
  /** Leads who may approve this PR (every lead but its author). */
  eligible: number;
  required: number;
  approvals: number;
  /** How many more lead approvals are needed (0 when the quorum is met). */
  missing: number;
  met: boolean;
}

/**
 * The number of approvals a rule asks of `eligible` leads. `half` is at least half (2 of 3, 2 of 4: a tie at exactly
 * half passes), `majority` more than half (2 of 3, 3 of 4), `all` every one.
 */
export function requiredApprovals(rule: QuorumRule, eligible: number): number {
  switch (rule.kind) {
    case 'half':
      return Math.ceil(eligible / 2);
    case 'majority':
      return Math.floor(eligible / 2) + 1;
    case 'all':
      return eligible;
    case 'count':
      return rule.count;
  }
}

export function describeQuorum(rule: QuorumRule): string {
  return rule.kind === 'count' ? `${rule.count}` : rule.kind;
}

export interface QuorumInput {
  leads: readonly string[];
  rule: QuorumRule;
  /** The PR's author: never counts toward its own quorum, and is not asked to. */
  author: string | undefined;
  /** The PR's head commit, when only approvals given on it count (`approvals-on-head`). */
  headSha: string | undefined;
  standing: ReadonlyMap<string, Standing>;
}

function statusOf(lead: string, input: QuorumInput): LeadStatus {
  if (input.author !== undefined && loginKey(lead) === loginKey(input.author)) return 'author';
  const standing = input.standing.get(loginKey(lead));
  if (!standing) return 'no-review';
  if (standing.state === 'DISMISSED') return 'dismissed';
  if (standing.state === 'CHANGES_REQUESTED') return 'changes-requested';
  if (input.headSha !== undefined && standing.commitId !== input.headSha) return 'stale-approval';
  return 'approved';
}

/**
 * Counts the leads' standing approvals against the rule. The PR's author is left out of the leads the rule is
 * applied to (an author cannot approve their own PR on GitHub, so `all` would otherwise never be met); a fixed
 * number stays that number.
 */
export function countQuorum(input: QuorumInput): QuorumResult {
  const leads = input.leads.map((login) => {
    const status = statusOf(login, input);
    return { login, status, counted: status === 'approved' };
  });
  const eligible = leads.filter((lead) => lead.status !== 'author').length;
  const required = requiredApprovals(input.rule, eligible);
  const approvals = leads.filter((lead) => lead.counted).length;
  const missing = Math.max(0, required - approvals);
  // No lead but the author: nobody can approve, and a quorum of nobody is no review at all.
  const met = eligible > 0 && missing === 0 && required <= eligible;
  return {
    leads,
    eligible,
    required: Math.max(required, 1),
    approvals,
    missing: eligible === 0 ? Math.max(missing, 1) : missing,
    met,
  };
}
