import { ShipshapeError, quoteForMessage } from '@shipshape/kit';

/**
 * Deploy windows: `<days> <HH:MM>-<HH:MM> <IANA zone>`, several separated by `;`.
 *
 * Semantics (documented in the README):
 * - An interval includes its start and excludes its end. `24:00` may end a window (end of the day).
 * - A window whose end is not after its start (`22:00-02:00`) runs overnight: it belongs to the day it
 *   starts on and ends on the next day (`fri 22:00-02:00` is open Friday 22:00 → Saturday 02:00).
 * - Wall-clock times are turned into instants per calendar day in the window's zone. A time skipped by a
 *   spring-forward switch means the moment the clocks jump (02:30 on the night Paris goes to summer time is
 *   03:00 CEST); a time that happens twice in a fall-back switch means its first occurrence. So a window never
 *   opens twice in one day and never loses its part after the switch.
 * - A blackout date closes every instant whose calendar date, in the window's own zone, is that date; an
 *   overnight window that crosses into a blackout day closes at midnight.
 */

/** A window spec or a blackout date that cannot be read; `part` says which, so a caller can name its own input. */
export class WindowSpecError extends ShipshapeError {
  constructor(
    message: string,
    readonly part: 'window' | 'blackout' = 'window',
  ) {
    super(message);
  }
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const LONG_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** How far ahead nextOpening looks (blackouts could in principle close many weeks). */
const HORIZON_DAYS = 400;

export interface DeployWindow {
  /** Weekdays (0 = Sunday) on which the window starts. */
  days: ReadonlySet<number>;
  /** Minutes after local midnight. */
  start: number;
  /** Minutes after local midnight; 1440 = `24:00`; ≤ start means the next day. */
  end: number;
  zone: string;
  /** The window as written, for messages. */
  text: string;
}

export interface WindowSpec {
  windows: readonly DeployWindow[];
  /** Blackout dates as `YYYY-MM-DD`, read in each window's zone. */
  blackouts: ReadonlySet<string>;
}

export interface Interval {
  start: number;
  end: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const UTC_ZONES = new Set(['UTC', 'Etc/UTC']);
const UTC_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone (an IANA name such as Europe/Paris, or UTC). */
export function isKnownZone(zone: string): boolean {
  if (UTC_ZONES.has(zone)) return true;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock at `instant` in `zone`, as milliseconds of a UTC date with the same fields. */
function wallClock(instant: number, zone: string): number {
  // UTC needs no Intl, whose first time-zone format loads ICU's zone data (docs/performance.md, row 10).
  if (UTC_ZONES.has(zone)) return instant;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (instant - Math.floor(instant / 1000) * 1000);
}

/** The zone's offset from UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
  return wallClock(instant, zone) - instant;
}

/** Days since 1970-01-01 of the local calendar date at `instant` in `zone`. */
export function localDay(instant: number, zone: string): number {
  return Math.floor(wallClock(instant, zone) / DAY);
}

export function dayToIsoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/**
 * The first instant at which the wall clock in `zone` reads `minutes` after midnight of local `day` (or later
 * when that time is skipped). Minutes may exceed 1440 (the next day).
 */
export function localToInstant(day: number, minutes: number, zone: string): number {
  const naive = day * DAY + minutes * MINUTE;
  // Every offset in force within a day of the target: a switch can only be among these.
  const offsets = new Set([offsetAt(naive - DAY, zone), offsetAt(naive, zone), offsetAt(naive + DAY, zone)]);
  const exact = [...offsets].map((o) => naive - o).filter((t) => wallClock(t, zone) === naive);
  if (exact.length > 0) return Math.min(...exact);
  // The time falls in a spring-forward gap: find the switch between the two readings.
  const sorted = [...offsets].sort((a, b) => a - b);
  let low = naive - (sorted[sorted.length - 1] ?? 0);
  let high = naive - (sorted[0] ?? 0);
  if (wallClock(low, zone) >= naive) return low;
  while (high - low > 1000) {
    const mid = Math.floor((low + high) / 2 / 1000) * 1000;
    if (mid <= low || mid >= high) break;
    if (wallClock(mid, zone) >= naive) high = mid;
    else low = mid;
  }
  return high;
}

function weekday(day: number): number {
  return new Date(day * DAY).getUTCDay();
}

/** The intervals of one window that start on local `day`, cut at midnight when a blackout closes part of them. */
function intervalsStartingOn(window: DeployWindow, day: number, blackouts: ReadonlySet<string>): Interval[] {
  if (!window.days.has(weekday(day))) return [];
  const endMinutes = window.end > window.start ? window.end : window.end + 1440;
  const start = localToInstant(day, window.start, window.zone);
  const end = localToInstant(day, endMinutes, window.zone);
  if (end <= start) return [];
  const firstOpen = !blackouts.has(dayToIsoDate(day));
  if (endMinutes <= 1440) return firstOpen ? [{ start, end }] : [];
  const midnight = localToInstant(day + 1, 0, window.zone);
  const secondOpen = !blackouts.has(dayToIsoDate(day + 1));
  const result: Interval[] = [];
  if (firstOpen && midnight > start) result.push({ start, end: Math.min(midnight, end) });
  if (secondOpen && end > midnight) result.push({ start: Math.max(midnight, start), end });
  if (firstOpen && secondOpen && result.length === 2) return [{ start, end }];
  return result;
}

/** How far past `at` an open interval is followed; an always-open spec reports an end this far away. */
export const MAX_MERGED_SPAN = 14 * DAY;

/** One interval of one window that contains `at`, if any (not merged with its neighbours). */
function intervalAt(spec: WindowSpec, at: number): Interval | undefined {
  for (const window of spec.windows) {
    const today = localDay(at, window.zone);
    for (let day = today - 1; day <= today + 1; day++) {
      const hit = intervalsStartingOn(window, day, spec.blackouts).find((i) => i.start <= at && at < i.end);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** The open interval containing `at`, if any (merged with intervals that touch it). */
export function openInterval(spec: WindowSpec, at: number): Interval | undefined {
  let found = intervalAt(spec, at);
  if (!found) return undefined;
  // Windows that abut or overlap extend the interval (e.g. `mon-fri 08:00-12:00; mon-fri 12:00-17:00`).
  // Bounded: windows that chain without a gap (`daily 00:00-24:00`) would otherwise grow forever.
  let grown = true;
  while (grown && found.end - at < MAX_MERGED_SPAN) {
    grown = false;
    for (const window of spec.windows) {
      const day = localDay(found.end, window.zone);
      for (const next of [day - 1, day].flatMap((d) => intervalsStartingOn(window, d, spec.blackouts))) {
        if (next.start <= found.end && next.end > found.end) {
          found = { start: found.start, end: next.end };
          grown = true;
        }
      }
    }
  }
  return found;
}

export function isOpen(spec: WindowSpec, at: number): boolean {
  // Membership needs no merging (merging chained windows walks up to MAX_MERGED_SPAN ahead).
  return intervalAt(spec, at) !== undefined;
}

/** The earliest instant ≥ `at` at which the spec is open (`at` itself when open), or undefined within ~13 months. */
export function nextOpening(spec: WindowSpec, at: number): number | undefined {
  if (isOpen(spec, at)) return at;
  let best: number | undefined;
  let stopAfter = Number.POSITIVE_INFINITY;
  for (let offset = -1; offset <= HORIZON_DAYS && offset <= stopAfter; offset++) {
    for (const window of spec.windows) {
      const day = localDay(at, window.zone) + offset;
      for (const interval of intervalsStartingOn(window, day, spec.blackouts)) {
        if (interval.start >= at && (best === undefined || interval.start < best)) best = interval.start;
      }
    }
    // Zones differ by at most ~26 hours: two more local days cannot hold anything earlier.
    if (best !== undefined && stopAfter === Number.POSITIVE_INFINITY) stopAfter = offset + 2;
  }
  return best;
}

/** `2026-03-29 09:30 CEST (Europe/Paris)`: the local time of an instant, for messages. */
export function describeLocal(instant: number, zone: string): string {
  if (UTC_ZONES.has(zone)) {
    const iso = new Date(instant).toISOString();
    return `${UTC_WEEKDAYS[new Date(instant).getUTCDay()] ?? ''} ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC (${zone})`;
  }
  const text = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    weekday: 'short',
    timeZoneName: 'short',
  }).formatToParts(new Date(instant));
  const get = (type: string): string => text.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')} (${zone})`;
}

function parseDayName(name: string, window: string): number {
  const lower = name.toLowerCase();
  let index = (DAY_NAMES as readonly string[]).indexOf(lower);
  if (index < 0) index = (LONG_DAY_NAMES as readonly string[]).indexOf(lower);
  if (index < 0) {
    throw new WindowSpecError(
      `unknown day ${quoteForMessage(name)} in window ${quoteForMessage(window)}: use mon, tue, wed, thu, fri, sat, sun, ranges such as mon-fri, lists such as mon,wed,fri, or daily`,
    );
  }
  return index;
}

function parseDays(text: string, window: string): Set<number> {
  const lower = text.toLowerCase();
  if (lower === 'daily' || lower === 'everyday' || lower === '*') return new Set([0, 1, 2, 3, 4, 5, 6]);
  const days = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '')
      throw new WindowSpecError(`empty day in ${quoteForMessage(text)} of window ${quoteForMessage(window)}`);
    const [from, to, extra] = item.split('-');
    if (extra !== undefined)
      throw new WindowSpecError(`bad day range ${quoteForMessage(item)} in window ${quoteForMessage(window)}`);
    const first = parseDayName(from ?? '', window);
    if (to === undefined) {
      days.add(first);
      continue;
    }
    const last = parseDayName(to, window);
    // Ranges may wrap around the weekend: fri-mon is fri, sat, sun, mon.
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return days;
}

function parseTime(text: string, window: string, allow24: boolean): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const ok = match && minutes < 60 && (hours < 24 || (allow24 && hours === 24 && minutes === 0));
  if (!ok) {
    throw new WindowSpecError(
      `invalid time ${quoteForMessage(text)} in window ${quoteForMessage(window)}: expected HH:MM from 00:00 to 23:59${allow24 ? ' (or 24:00 as an end)' : ''}`,
    );
  }
  return hours * 60 + minutes;
}

function parseOne(text: string): DeployWindow {
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens.length !== 3) {
    throw new WindowSpecError(
      `window ${quoteForMessage(text)} must be '<days> <HH:MM>-<HH:MM> <IANA time zone>', e.g. 'mon-fri 08:00-17:00 Europe/Paris'`,
    );
  }
  const [daysText = '', range = '', zone = ''] = tokens;
  const days = parseDays(daysText, text);
  const times = range.split('-');
  if (times.length !== 2)
    throw new WindowSpecError(
      `invalid time range ${quoteForMessage(range)} in window ${quoteForMessage(text)}: expected HH:MM-HH:MM`,
    );
  const start = parseTime(times[0] ?? '', text, false);
  const end = parseTime(times[1] ?? '', text, true);
  if (start === end)
    throw new WindowSpecError(
      `window ${quoteForMessage(text)} starts and ends at the same time: use 00:00-24:00 for a whole day`,
    );
  if (!isKnownZone(zone)) {
    throw new WindowSpecError(
      `unknown time zone ${quoteForMessage(zone)} in window ${quoteForMessage(text)}: expected an IANA name such as Europe/Paris or UTC`,
    );
  }
  return { days, start, end, zone, text };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Validates `YYYY-MM-DD` dates (real calendar dates only). */
export function parseBlackouts(items: readonly string[]): Set<string> {
  const dates = new Set<string>();
  for (const item of items) {
    const match = ISO_DATE.exec(item);
    const valid =
      match &&
      dayToIsoDate(Math.floor(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY)) === item;
    if (!valid)
      throw new WindowSpecError(`invalid blackout date ${quoteForMessage(item)}: expected YYYY-MM-DD`, 'blackout');
    dates.add(item);
  }
  return dates;
}

/** Parses a window spec; every problem is a WindowSpecError naming the part that is wrong. */
export function parseWindowSpec(text: string, blackouts: readonly string[] = []): WindowSpec {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    throw new WindowSpecError(`the window spec is empty: expected e.g. 'mon-fri 08:00-17:00 Europe/Paris'`);
  return { windows: parts.map(parseOne), blackouts: parseBlackouts(blackouts) };
}

/** Splits blackout text (a list or file contents): commas, whitespace and newlines separate; `#` starts a comment. */
export function splitBlackoutText(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join(',')
    .split(/[\s,]+/)
    .filter(Boolean);
}
