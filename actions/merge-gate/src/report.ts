import { summaryCell, summaryLine } from '@shipshape/kit';
import type { GateResult } from './verdict';
import type { LeadStatus } from './quorum';

/** Every comment merge-gate writes starts with this marker (invisible when rendered). */
export const COMMENT = { marker: '<!-- shipshape:merge-gate -->', name: 'merge-gate' } as const;

const STATUS_TEXT: Record<LeadStatus, string> = {
  approved: 'approved',
  'changes-requested': 'requested changes',
  'stale-approval': 'approved an earlier commit (approvals-on-head)',
  dismissed: 'review dismissed',
  'no-review': 'no review yet',
  author: 'author (does not count)',
};

/** The step outputs, by their action.yml names. */
export function gateOutputs(result: GateResult): Record<string, string | number | boolean | object | undefined> {
  if (result.kind === 'closed')
    return { allowed: !result.violation, reason: result.reason, approvals: undefined, missing: undefined };
  const approvals = result.quorum
    ? {
        required: result.quorum.required,
        approvals: result.quorum.approvals,
        counted: result.quorum.leads.filter((l) => l.counted).map((l) => l.login),
        notCounted: result.quorum.leads.filter((l) => !l.counted).map((l) => ({ login: l.login, why: l.status })),
      }
    : undefined;
  return { allowed: result.allowed, reason: result.reason, approvals, missing: result.quorum?.missing ?? 0 };
}

/** The job summary. Logins, branch names and labels come from the PR: every cell is escaped, nothing renders live. */
export function gateSummary(result: GateResult): string {
  if (result.kind === 'closed') {
    const head = result.violation
      ? `### Merge gate: merged by someone else`
      : `### Merge gate: #${result.number} closed`;
    return `${head}\n\n${summaryLine(result.reason)}\n`;
  }
  const lines = [
    `### Merge gate: #${result.number} ${result.allowed ? 'may be merged' : 'is blocked'}`,
    '',
    '| Rule | Result | Detail |',
    '| --- | --- | --- |',
  ];
  for (const row of result.rules)
    lines.push(`| ${row.rule} | ${row.ok ? 'pass' : '**blocks**'} | ${summaryCell(row.detail)} |`);
  if (result.quorum) {
    lines.push('', '| Lead | State | Counts |', '| --- | --- | --- |');
    for (const lead of result.quorum.leads)
      lines.push(`| ${summaryCell(lead.login)} | ${STATUS_TEXT[lead.status]} | ${lead.counted ? 'yes' : 'no'} |`);
  }
  lines.push('');
  return lines.join('\n');
}

/** The PR comment: the marker, then the summary (escaped the same way), and a note that it is kept up to date. */
export function commentBody(result: GateResult): string {
  return `${COMMENT.marker}\n${gateSummary(result)}\n<sub>This comment is updated on every run of the merge gate.</sub>\n`;
}
