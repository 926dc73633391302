import { summaryLine, truncate } from '@shipshape/kit';

/**
 * The note annotate mode puts at the top of a rolled-back release's notes:
 *
 *     <!-- shipshape:rolled-back to=v1.3.0 on=2026-12-05 run=123 -->
 *     > [!CAUTION]
 *     > Rolled back to [v1.3.0](https://github.com/o/r/releases/tag/v1.3.0) on 2026-12-05: `the reason`
 *
 * The HTML comment marks it (GitHub does not render comments), so a re-run finds and replaces it instead of stacking a
 * second one, and rollback mode skips a marked release when it picks a default failed release or target. `run=` is the
 * workflow run that wrote it (absent in notes written before run ids, and when there is no run): a re-run of that run
 * resolves the same release and target again. The marker counts only as the body's first line, where annotate writes
 * it: publish copies changelog text into the notes verbatim, and a marker further down is that text, not a note. The
 * marker, the quote lines after it and the blank lines after those are the note; the reason is one line, so it cannot
 * forge a line of its own.
 */

export const MAX_REASON = 500;
const MARKER = /^<!-- shipshape:rolled-back to=(\S*) on=(\d{4}-\d{2}-\d{2})(?: run=(\d+))? -->[ \t]*$/;

export interface RollbackNote {
  targetTag: string;
  targetUrl: string;
  /** YYYY-MM-DD. */
  date: string;
  reason: string | undefined;
  /** The workflow run writing the note (GITHUB_RUN_ID); undefined outside a run. */
  runId: string | undefined;
}

/** What a rollback note's marker records. */
export interface RollbackMark {
  targetTag: string;
  date: string;
  runId: string | undefined;
}

/**
 * The reason as Markdown that renders as the text it is, and nothing else: one line, at most MAX_REASON characters,
 * in a code span. Inside a code span GitHub renders no link, autolink, `@mention`, `#123` reference, emoji shortcode,
 * emphasis or HTML, and the span's fence is longer than any run of backticks in the text, so nothing can close it.
 */
export function reasonAsText(reason: string): string {
  // Line breaks would end the quote; other control and bidirectional-override characters would hide what it says.
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const oneLine = reason.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ').trim();
  const text = truncate(oneLine.replace(/ {2,}/g, ' '), MAX_REASON);
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  // A space keeps a backtick at either end from joining the fence (CommonMark strips one space on each side).
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function noteText(note: RollbackNote): string {
  const reason = note.reason?.trim() ? `: ${reasonAsText(note.reason)}` : '.';
  const run = note.runId === undefined ? '' : ` run=${note.runId}`;
  return [
    `<!-- shipshape:rolled-back to=${encodeURIComponent(note.targetTag)} on=${note.date}${run} -->`,
    '> [!CAUTION]',
    `> Rolled back to [${summaryLine(note.targetTag)}](${note.targetUrl}) on ${note.date}${reason}`,
  ].join('\n');
}

const linesOf = (body: string): string[] => body.replace(/\r\n?/g, '\n').split('\n');

/** The mark of the rollback note on the notes' first line, if there is one. */
export function rollbackMark(body: string | null): RollbackMark | undefined {
  const match = MARKER.exec(linesOf(body ?? '')[0] ?? '');
  if (!match) return undefined;
  let targetTag = match[1] ?? '';
  try {
    targetTag = decodeURIComponent(targetTag);
  } catch {
    // A hand-edited marker: compared as it is.
  }
  return { targetTag, date: match[2] ?? '', runId: match[3] };
}

/** The notes without the rollback note on top, and that note's mark. */
export function splitNote(body: string): { rest: string; previous: RollbackMark | undefined } {
  const lines = linesOf(body);
  const previous = rollbackMark(body);
  if (!previous) return { rest: lines.join('\n').replace(/^\n+/, ''), previous };
  let i = 1;
  while (i < lines.length && (lines[i] ?? '').startsWith('>')) i++;
  while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
  return { rest: lines.slice(i).join('\n'), previous };
}

/** Whether a release's notes carry a rollback note. */
export function isRolledBack(body: string | null): boolean {
  return rollbackMark(body) !== undefined;
}

/**
 * The notes with the rollback note on top, replacing any earlier one. A note for the same target keeps its date, so
 * a re-run on another day changes nothing. Notes that would pass GitHub's 125,000-character limit are cut at the end.
 */
export function annotatedBody(body: string | null, note: RollbackNote, max: number): string {
  const { rest, previous } = splitNote(body ?? '');
  const date = previous && previous.targetTag === note.targetTag ? previous.date : note.date;
  const head = noteText({ ...note, date });
  if (rest.trim() === '') return head;
  const whole = `${head}\n\n${rest}`;
  if (whole.length <= max) return whole;
  const cut = '\n\n_The notes were cut to fit GitHub\u2019s limit with the rollback note._';
  return `${head}\n\n${truncate(rest, max - head.length - cut.length - 2)}${cut}`;
}
