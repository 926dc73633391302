import { truncate } from '@shipshape/kit';
import type { Outcome } from './outcome';
import { utcSeconds, type TimelineStep } from './timeline';

/**
 * The timeline as a Mermaid gantt chart, which GitHub draws from a ```mermaid code block in issues, comments and job
 * summaries (docs.github.com, "Creating diagrams": "You can create diagrams in Markdown using … Mermaid").
 *
 * Syntax used (mermaid.js.org/syntax/gantt.html): `dateFormat` is how task dates are written (dayjs tokens),
 * `axisFormat` how the axis shows them (d3 time format, `%H:%M`); a task is `Label :tags, id, start, end` where the
 * tags are `done`, `crit`, `active` or `milestone`, and a milestone is drawn at its start with a `0d` duration.
 *
 * Labels are untrusted (workflow inputs fill them). Mermaid's gantt lexer (packages/mermaid/src/diagrams/gantt/parser/
 * gantt.jison) ends a task's text at `:`, `;`, `#` or a line break, skips `%%` to the end of the line as a comment and
 * reads `%%{` as a directive (`%%{init: …}%%` reconfigures the diagram), and reads a line that starts with a keyword
 * (`click`, `section`, `title`, `dateFormat`, …) or with a date as that statement. So a label keeps only letters,
 * marks, digits, spaces and a few harmless marks (no backtick either: nothing can close the code fence), and one that
 * would start with a keyword or a date gets a visible `› ` in front.
 */

const DATE_FORMAT = 'YYYY-MM-DD HH:mm:ss';
const MAX_GANTT_LABEL_CHARS = 80;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Statements of gantt.jison that a line may start with (it is case-insensitive, and some need no space after). */
const KEYWORDS =
  /^(gantt|dateformat|inclusiveenddates|topaxis|axisformat|tickinterval|includes|excludes|todaymarker|weekday|title|accdescription|acctitle|accdescr|section|click|href|call)/i;
const LEADING_DATE = /^\d{4}-\d{2}-\d{2}/;
const UNSAFE = /[^\p{L}\p{M}\p{N} .,'()/+\-_&!?@*=]/gu;

/** A label Mermaid reads as the text of one task and nothing else. */
export function mermaidLabel(label: string, fallback: string): string {
  const kept = truncate(label.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim(), MAX_GANTT_LABEL_CHARS);
  if (kept === '') return fallback;
  return KEYWORDS.test(kept) || LEADING_DATE.test(kept) ? `› ${kept}` : kept;
}

/** The whole ```mermaid block; undefined when there is nothing to draw. */
export function ganttChart(steps: readonly TimelineStep[], outcome: Outcome): string | undefined {
  if (steps.length === 0) return undefined;
  const first = Math.min(...steps.map((s) => s.start));
  const last = Math.max(...steps.map((s) => s.end ?? s.start));
  // Within a day the hours say it all; longer, the axis needs the date too.
  const axis = last - first <= DAY_MS ? '%H:%M' : '%m-%d %H:%M';
  // A deploy that failed or was cancelled ends red: its last span is marked critical.
  const ended = outcome === 'failure' || outcome === 'cancelled';
  const lastSpan = ended ? steps.findLastIndex((s) => !isMoment(s)) : -1;
  const lines = ['gantt', '    title Deploy timeline (UTC)', `    dateFormat ${DATE_FORMAT}`, `    axisFormat ${axis}`];
  steps.forEach((step, index) => {
    const label = mermaidLabel(step.label, `Step ${index + 1}`);
    const id = `s${index + 1}`;
    if (isMoment(step)) {
      lines.push(`    ${label} :milestone, ${id}, ${utcSeconds(step.start)}, 0d`);
      return;
    }
    const tags = index === lastSpan ? 'done, crit' : 'done';
    lines.push(`    ${label} :${tags}, ${id}, ${utcSeconds(step.start)}, ${utcSeconds(step.end ?? step.start)}`);
  });
  return ['```mermaid', ...lines, '```'].join('\n');
}

/** A step with no end, or one shorter than the chart's resolution (a second), is drawn as a milestone. */
function isMoment(step: TimelineStep): boolean {
  return step.end === undefined || step.end - step.start < 1000;
}
