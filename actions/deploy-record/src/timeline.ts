import { InputError, quoteForMessage, truncate } from '@shipshape/kit';

/**
 * The `timeline` input: one step a line, `Label | start | end`. Workflows fill it from earlier steps' outputs
 * (deploy-guard's `decided-at`, deploy-notify's `posted-at`), so a step that did not run leaves its start empty: that
 * line is skipped and listed, not an error. A time that is there but cannot be read is an error naming the line.
 */

export interface TimelineStep {
  label: string;
  /** Milliseconds since the epoch. */
  start: number;
  /** undefined: a moment (a milestone), not a span. */
  end: number | undefined;
  /** 1-based line of the input, for messages. */
  line: number;
}

export interface Timeline {
  steps: TimelineStep[];
  /** Labels of the lines whose start was empty (steps that did not run), in input order. */
  skipped: string[];
}

export const TIMELINE_INPUT = 'timeline';
/** A deploy has a handful of steps; more is a mistake in the workflow, and the chart would be unreadable. */
export const MAX_TIMELINE_STEPS = 100;
export const MAX_LABEL_CHARS = 200;

const TIME_FORMS = 'ISO 8601 such as 2026-12-05T11:29:05Z, a Slack ts such as 1764934145.123456, or unix seconds';

/** Unix seconds with 9 to 11 digits (1973 to 5138), optionally with a fraction: also what a Slack ts is. */
const UNIX_SECONDS = /^(\d{9,11})(?:\.(\d{1,9}))?$/;
/** A date, or a date and time with optional seconds, fraction and offset; no offset means UTC (a runner's zone). */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(2) || '0');
  // An offset's minutes run 0–59 (ISO 8601); +05:99 is no offset.
  if (minutes > 59) return Number.NaN;
  return sign * (Number(digits.slice(0, 2)) * 60 + minutes);
}

/** The time in milliseconds since the epoch, or undefined when the text is none of the accepted forms. */
export function parseTime(text: string): number | undefined {
  const unix = UNIX_SECONDS.exec(text);
  if (unix) return Number(unix[1]) * 1000 + Math.floor(Number(`0.${unix[2] ?? '0'}`) * 1000);
  const iso = ISO_8601.exec(text);
  if (!iso) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '0', zone] = iso;
  const fields = [Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)] as const;
  const utc = Date.UTC(...fields);
  // Date.UTC rolls over (February 30 becomes March 2): a field out of range is not a time.
  const back = new Date(utc);
  const roundTrip = [
    back.getUTCFullYear(),
    back.getUTCMonth(),
    back.getUTCDate(),
    back.getUTCHours(),
    back.getUTCMinutes(),
    back.getUTCSeconds(),
  ];
  if (roundTrip.some((value, i) => value !== fields[i])) return undefined;
  const minutes = offsetMinutes(zone);
  if (Number.isNaN(minutes) || Math.abs(minutes) > 18 * 60) return undefined;
  return utc + Math.floor(Number(`0.${fraction}`) * 1000) - minutes * 60_000;
}

function lineError(line: number, expected: string, text: string): InputError {
  return new InputError(TIMELINE_INPUT, `${expected} on line ${line}`, text);
}

function readTime(text: string, line: number, which: 'a start' | 'an end', label: string): number {
  const time = parseTime(text);
  if (time === undefined)
    throw lineError(line, `${which} time (${TIME_FORMS}) for ${quoteForMessage(label, 40)}`, text);
  return time;
}

/** Reads the `timeline` input; throws an InputError naming `timeline` and the line for anything unreadable. */
export function parseTimeline(text: string | undefined): Timeline {
  const timeline: Timeline = { steps: [], skipped: [] };
  if (text === undefined) return timeline;
  const lines = text.split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    const fields = trimmed.split('|').map((field) => field.trim());
    if (fields.length < 2 || fields.length > 3)
      throw lineError(line, '`Label | start | end` (end optional; no other `|`)', trimmed);
    const [label = '', start = '', end = ''] = fields;
    if (label === '') throw lineError(line, 'a label before the first `|`', trimmed);
    const shown = truncate(label, MAX_LABEL_CHARS);
    // Skipped lines count too: each is listed in the summary, and a summary over GitHub's 1 MiB is dropped whole.
    if (timeline.steps.length + timeline.skipped.length === MAX_TIMELINE_STEPS)
      throw lineError(line, `at most ${MAX_TIMELINE_STEPS} lines (steps, run or skipped)`, trimmed);
    if (start === '') {
      timeline.skipped.push(shown);
      return;
    }
    const from = readTime(start, line, 'a start', label);
    const to = end === '' ? undefined : readTime(end, line, 'an end', label);
    if (to !== undefined && to < from) throw lineError(line, 'an end time that is not before the start time', trimmed);
    timeline.steps.push({ label: shown, start: from, end: to, line });
  });
  return timeline;
}

/** `2026-12-05 11:29:05`: a time in UTC to the second, as both the table and the gantt chart show it. */
export function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `1h 02m`, `4m 12s`, `35s`: how long a step took. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}
