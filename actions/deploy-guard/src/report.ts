import { COMMIT_SHA, type GuardResult } from './check';
import { summaryCell, summaryLine } from '@shipshape/kit';

function seconds(ms: number): string {
  return ms < 1000 ? '0 s' : `${Math.round(ms / 1000)} s`;
}

/**
 * The job summary: one row per check, then the verdict. Every text that may hold a name a third party chose (check
 * runs, statuses, runs, workflows, branches, labels, reasons) is shown as it reads, never as Markdown or HTML.
 */
export function renderSummary(result: GuardResult): string {
  const lines = [
    `### Deploy guard: ${result.decision === 'proceed' ? '✅ proceed' : '⛔ blocked'}`,
    '',
    '| Check | Result | Waited | Waited on | Why |',
    '| --- | --- | --- | --- | --- |',
    ...result.rows.map(
      (r) =>
        `| ${r.check} | ${r.result} | ${seconds(r.waitedMs)} | ${summaryCell(r.waitedOn)} | ${summaryCell(r.detail)} |`,
    ),
    '',
    `**Reason:** ${summaryLine(result.reason)}`,
  ];
  if (result.checkedSha)
    lines.push(
      '',
      `**Checked commit:** ${COMMIT_SHA.test(result.checkedSha) ? `\`${result.checkedSha}\`` : summaryLine(result.checkedSha)} — deploy exactly this commit.`,
    );
  if (result.nextWindow) lines.push('', `**Next window:** ${summaryLine(result.nextWindow)}`);
  if (result.blockingRuns.length > 0 && result.decision === 'blocked') {
    lines.push(
      '',
      `**Blocking runs:** ${result.blockingRuns.map((r) => summaryLine(`${r.id} (${r.name ?? 'run'}, ${r.status})`)).join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The step's outputs, as action.yml declares them. */
export function guardOutputs(result: GuardResult): Record<string, string | number | object | undefined> {
  return {
    decision: result.decision,
    reason: result.reason,
    'waited-seconds': Math.round(result.waitedMs / 1000),
    'checked-sha': result.checkedSha,
    'blocking-runs': result.blockingRuns,
    'next-window': result.nextWindow,
    'decided-at': result.decidedAt,
  };
}
