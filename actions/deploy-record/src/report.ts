import { summaryLine } from '@shipshape/kit';
import type { Settings } from './inputs';
import { outcomeText } from './outcome';
import type { DeployRecord } from './record';

/** The step outputs, by their action.yml names. */
export function recordOutputs(record: DeployRecord): Record<string, string | number> {
  const { postmortem } = record;
  if (record.failure !== undefined) return {};
  if (postmortem === undefined) return { result: 'skipped' };
  return { 'issue-number': postmortem.number, 'issue-url': postmortem.url, result: postmortem.result };
}

/** The job summary: the timeline as a table and a gantt chart, always; the issue when there is one. */
export function recordSummary(record: DeployRecord, settings: Settings): string {
  const out = [`### Deploy timeline: ${outcomeText(settings.outcome)}`, ''];
  if (settings.reason !== undefined) out.push(`**Reason:** ${summaryLine(settings.reason)}`, '');
  if (settings.permalink !== undefined)
    out.push(`[Slack message](${settings.permalink.replace(/\(/g, '%28').replace(/\)/g, '%29')})`, '');
  out.push(record.table, '');
  if (record.gantt !== undefined) out.push(record.gantt, '');
  const { postmortem } = record;
  if (postmortem !== undefined)
    out.push(`Postmortem issue [#${postmortem.number}](${postmortem.url}): ${postmortem.result}.`, '');
  if (record.failure !== undefined)
    out.push(`⚠️ **The postmortem issue was not written:** ${summaryLine(record.failure)}`, '');
  return out.join('\n');
}
