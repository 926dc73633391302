import { summaryCell, summaryLine } from '@shipshape/kit';
import { formatDuration, utcSeconds, type Timeline } from './timeline';

/**
 * The timeline as a Markdown table, for the job summary and the postmortem issue. Labels are untrusted: each cell
 * goes through summaryCell, so a label shows as it reads and never as Markdown or HTML.
 */
export function timelineTable(timeline: Timeline): string {
  const out: string[] = [];
  if (timeline.steps.length === 0) out.push('_No timeline was recorded._');
  else {
    out.push('| Step | Start (UTC) | End (UTC) | Duration |', '| --- | --- | --- | --- |');
    for (const step of timeline.steps) {
      const end = step.end === undefined ? '' : utcSeconds(step.end);
      const duration = step.end === undefined ? '' : formatDuration(step.end - step.start);
      out.push(`| ${summaryCell(step.label)} | ${utcSeconds(step.start)} | ${end} | ${duration} |`);
    }
  }
  if (timeline.skipped.length > 0) {
    out.push('', `Not run (no start time): ${timeline.skipped.map((label) => summaryLine(label)).join(', ')}.`);
  }
  return out.join('\n');
}
