import { describe, expect, it } from '@jest/globals';
import {
  MAX_MERGED_SPAN,
  WindowSpecError,
  describeLocal,
  isOpen,
  localToInstant,
  nextOpening,
  openInterval,
  parseBlackouts,
  parseWindowSpec,
  splitBlackoutText,
} from '@shipshape/window';

const t = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('parseWindowSpec', () => {
  it('reads days, ranges, lists, daily and several windows', () => {
    const spec = parseWindowSpec(
      'mon-fri 08:00-17:00 Europe/Paris; sat,sun 10:00-12:00 UTC;daily 22:00-02:00 Asia/Kolkata',
    );
    expect(spec.windows).toHaveLength(3);
    expect([...(spec.windows[0]?.days ?? [])].sort()).toEqual([1, 2, 3, 4, 5]);
    expect([...(spec.windows[1]?.days ?? [])].sort()).toEqual([0, 6]);
    expect(spec.windows[2]?.days.size).toBe(7);
    expect(spec.windows[0]).toMatchObject({ start: 480, end: 1020, zone: 'Europe/Paris' });
  });
  it('accepts wrapping ranges, long names, any case and 24:00 as an end', () => {
    const spec = parseWindowSpec('Fri-Mon 00:00-24:00 UTC; Wednesday 09:00-10:00 UTC');
    expect([...(spec.windows[0]?.days ?? [])].sort()).toEqual([0, 1, 5, 6]);
    expect(spec.windows[0]?.end).toBe(1440);
    expect([...(spec.windows[1]?.days ?? [])]).toEqual([3]);
  });
  it.each([
    ['mon-fry 08:00-17:00 Europe/Paris', /unknown day "fry"/],
    ['mon-fri 25:00-17:00 Europe/Paris', /invalid time "25:00"/],
    ['mon-fri 08:60-17:00 Europe/Paris', /invalid time "08:60"/],
    ['mon-fri 24:00-17:00 Europe/Paris', /invalid time "24:00"/],
    ['mon-fri 8-17 Europe/Paris', /invalid time "8"/],
    ['mon-fri 08:00-17:00 Europe/Pariss', /unknown time zone "Europe\/Pariss"/],
    ['mon-fri 08:00-17:00', /must be '<days> <HH:MM>-<HH:MM> <IANA time zone>'/],
    ['mon-fri 08:00-08:00 UTC', /same time/],
    ['mon-fri 08:00 UTC', /invalid time range "08:00"/],
    ['mon-tue-wed 08:00-09:00 UTC', /bad day range/],
    ['mon,,tue 08:00-09:00 UTC', /empty day/],
    ['  ;  ', /empty/],
  ])('rejects %j naming what is wrong', (text, message) => {
    expect(() => parseWindowSpec(text)).toThrow(WindowSpecError);
    expect(() => parseWindowSpec(text)).toThrow(message);
  });
  it('validates blackout dates as real calendar dates', () => {
    expect([...parseBlackouts(['2026-12-24', '2024-02-29'])]).toEqual(['2026-12-24', '2024-02-29']);
    expect(() => parseBlackouts(['2026-02-30'])).toThrow(/invalid blackout date "2026-02-30"/);
    expect(() => parseBlackouts(['2026-2-3'])).toThrow(WindowSpecError);
    expect(() => parseBlackouts(['tomorrow'])).toThrow(WindowSpecError);
  });
  it('splits blackout lists and files with comments', () => {
    expect(splitBlackoutText('2026-12-24, 2026-12-25\n# new year\n2027-01-01 # holiday\n')).toEqual([
      '2026-12-24',
      '2026-12-25',
      '2027-01-01',
    ]);
  });
});

describe('isOpen and nextOpening', () => {
  const office = parseWindowSpec('mon-fri 08:00-17:00 Europe/Paris');

  it('includes the start and excludes the end', () => {
    // Monday 2026-01-05, Paris is UTC+1 in winter.
    expect(isOpen(office, t('2026-01-05T06:59:59Z'))).toBe(false);
    expect(isOpen(office, t('2026-01-05T07:00:00Z'))).toBe(true);
    expect(isOpen(office, t('2026-01-05T15:59:59.999Z'))).toBe(true);
    expect(isOpen(office, t('2026-01-05T16:00:00Z'))).toBe(false);
    expect(openInterval(office, t('2026-01-05T12:00:00Z'))).toEqual({
      start: t('2026-01-05T07:00:00Z'),
      end: t('2026-01-05T16:00:00Z'),
    });
  });

  it('finds the next opening over the weekend, and returns now when open', () => {
    expect(iso(nextOpening(office, t('2026-01-09T16:00:00Z')))).toBe('2026-01-12T07:00:00.000Z');
    expect(iso(nextOpening(office, t('2026-01-05T09:00:00Z')))).toBe('2026-01-05T09:00:00.000Z');
  });

  it('follows Europe/Paris across the March and October switches', () => {
    // 2026-03-29 (Sunday): 02:00 CET → 03:00 CEST. Monday 30 opens at 08:00 CEST = 06:00Z.
    expect(iso(nextOpening(office, t('2026-03-27T16:30:00Z')))).toBe('2026-03-30T06:00:00.000Z');
    expect(isOpen(office, t('2026-03-27T07:30:00Z'))).toBe(true); // Friday before: 08:30 CET
    expect(isOpen(office, t('2026-03-30T06:30:00Z'))).toBe(true);
    expect(isOpen(office, t('2026-03-30T15:30:00Z'))).toBe(false); // 17:30 CEST
    // 2026-10-25 (Sunday): 03:00 CEST → 02:00 CET. Monday 26 opens at 08:00 CET = 07:00Z.
    expect(iso(nextOpening(office, t('2026-10-23T15:00:00Z')))).toBe('2026-10-26T07:00:00.000Z');
    expect(isOpen(office, t('2026-10-26T06:30:00Z'))).toBe(false);
  });

  it('opens a window that starts in the skipped hour when the clocks jump (spring forward)', () => {
    const night = parseWindowSpec('sun 02:30-04:00 Europe/Paris');
    // On 2026-03-29 02:30 does not exist in Paris: the window opens at the jump, 01:00Z (= 03:00 CEST).
    expect(iso(nextOpening(night, t('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(isOpen(night, t('2026-03-29T00:59:59Z'))).toBe(false);
    expect(isOpen(night, t('2026-03-29T01:59:59Z'))).toBe(true);
    expect(isOpen(night, t('2026-03-29T02:00:00Z'))).toBe(false); // 04:00 CEST
    expect(localToInstant(Date.UTC(2026, 2, 29) / 86_400_000, 150, 'Europe/Paris')).toBe(t('2026-03-29T01:00:00Z'));
  });

  it('uses the first occurrence of a repeated time (fall back)', () => {
    const night = parseWindowSpec('sun 00:00-02:30 Europe/Paris');
    // 2026-10-25: 02:30 happens at 00:30Z (CEST) and again at 01:30Z (CET). The window ends at the first.
    expect(isOpen(night, t('2026-10-25T00:29:59Z'))).toBe(true);
    expect(isOpen(night, t('2026-10-25T00:30:00Z'))).toBe(false);
    expect(isOpen(night, t('2026-10-25T01:10:00Z'))).toBe(false); // 02:10 CET, second pass: still closed
    const late = parseWindowSpec('sun 02:30-03:30 Europe/Paris');
    // Starts at the first 02:30 (00:30Z) and stays open through the repeated hour until 03:30 CET (02:30Z).
    expect(openInterval(late, t('2026-10-25T01:00:00Z'))).toEqual({
      start: t('2026-10-25T00:30:00Z'),
      end: t('2026-10-25T02:30:00Z'),
    });
  });

  it('follows America/New_York (second Sunday of March, first of November)', () => {
    const ny = parseWindowSpec('daily 09:00-17:00 America/New_York');
    expect(iso(nextOpening(ny, t('2026-03-06T23:00:00Z')))).toBe('2026-03-07T14:00:00.000Z'); // Sat, EST: 09:00 = 14Z
    expect(iso(nextOpening(ny, t('2026-03-07T23:00:00Z')))).toBe('2026-03-08T13:00:00.000Z'); // Sun, EDT since 02:00: 13Z
    expect(iso(nextOpening(ny, t('2026-10-31T22:00:00Z')))).toBe('2026-11-01T14:00:00.000Z'); // EST again
    const gap = parseWindowSpec('sun 02:00-03:00 America/New_York');
    // 2026-03-08 02:00-03:00 does not exist at all: start and end both map to the jump, so no window that day.
    expect(iso(nextOpening(gap, t('2026-03-08T00:00:00Z')))).toBe('2026-03-15T06:00:00.000Z');
  });

  it('follows Australia/Sydney, where the switches are in April and October (southern hemisphere)', () => {
    const syd = parseWindowSpec('mon-fri 09:00-17:00 Australia/Sydney');
    // AEDT (+11) until 2026-04-05 03:00, then AEST (+10); back to AEDT on 2026-10-04 02:00.
    expect(iso(nextOpening(syd, t('2026-04-03T12:00:00Z')))).toBe('2026-04-05T23:00:00.000Z'); // Mon 6 Apr 09:00 AEST
    expect(iso(nextOpening(syd, t('2026-03-31T12:00:00Z')))).toBe('2026-03-31T22:00:00.000Z'); // Wed 1 Apr 09:00 AEDT
    expect(iso(nextOpening(syd, t('2026-10-02T12:00:00Z')))).toBe('2026-10-04T22:00:00.000Z'); // Mon 5 Oct 09:00 AEDT
    // March in Sydney: no switch, still +11.
    expect(isOpen(syd, t('2026-03-30T22:00:00Z'))).toBe(true);
  });

  it('handles Asia/Kolkata (no DST, +05:30) through March and October', () => {
    const ind = parseWindowSpec('mon-fri 10:00-18:00 Asia/Kolkata');
    expect(iso(nextOpening(ind, t('2026-03-29T00:00:00Z')))).toBe('2026-03-30T04:30:00.000Z');
    expect(iso(nextOpening(ind, t('2026-10-25T00:00:00Z')))).toBe('2026-10-26T04:30:00.000Z');
    expect(isOpen(ind, t('2026-10-26T12:29:59Z'))).toBe(true);
    expect(isOpen(ind, t('2026-10-26T12:30:00Z'))).toBe(false);
  });

  it('handles Pacific/Chatham (+12:45/+13:45, switches at 02:45 and 03:45 local)', () => {
    const chatham = parseWindowSpec('daily 03:00-04:00 Pacific/Chatham');
    // 2026-09-27 02:45 → 03:45: 03:00 is skipped, the window opens at the jump and ends at 04:00 (+13:45).
    expect(openInterval(chatham, t('2026-09-26T14:10:00Z'))).toEqual({
      start: t('2026-09-26T14:00:00Z'),
      end: t('2026-09-26T14:15:00Z'),
    });
    // 2026-04-05 03:45 → 02:45: 03:00 happens twice; the first one counts.
    expect(iso(nextOpening(chatham, t('2026-04-04T12:00:00Z')))).toBe('2026-04-04T13:15:00.000Z');
    expect(openInterval(chatham, t('2026-04-04T13:30:00Z'))).toEqual({
      start: t('2026-04-04T13:15:00Z'),
      end: t('2026-04-04T15:15:00Z'),
    });
  });

  it('runs overnight windows into the next day', () => {
    const night = parseWindowSpec('fri 22:00-02:00 UTC');
    expect(isOpen(night, t('2026-01-09T21:59:59Z'))).toBe(false);
    expect(isOpen(night, t('2026-01-09T22:00:00Z'))).toBe(true);
    expect(isOpen(night, t('2026-01-10T01:59:59Z'))).toBe(true); // Saturday, from Friday's window
    expect(isOpen(night, t('2026-01-10T02:00:00Z'))).toBe(false);
    expect(isOpen(night, t('2026-01-10T23:00:00Z'))).toBe(false); // no Saturday window
  });

  it('closes blackout days, in the window zone, cutting overnight windows at midnight', () => {
    const spec = parseWindowSpec('daily 22:00-02:00 UTC; mon-fri 09:00-17:00 Europe/Paris', ['2026-12-25']);
    expect(isOpen(spec, t('2026-12-24T23:00:00Z'))).toBe(true);
    expect(isOpen(spec, t('2026-12-25T00:30:00Z'))).toBe(false);
    expect(isOpen(spec, t('2026-12-25T10:00:00Z'))).toBe(false);
    expect(isOpen(spec, t('2026-12-26T00:30:00Z'))).toBe(true); // from the 25th's window, but on the 26th
    expect(iso(nextOpening(spec, t('2026-12-25T00:30:00Z')))).toBe('2026-12-26T00:00:00.000Z');
    const paris = parseWindowSpec('mon-fri 08:00-17:00 Europe/Paris', ['2026-12-24', '2026-12-25']);
    expect(iso(nextOpening(paris, t('2026-12-23T17:00:00Z')))).toBe('2026-12-28T07:00:00.000Z');
  });

  it('merges abutting windows into one interval', () => {
    const spec = parseWindowSpec('mon-fri 08:00-12:00 UTC; mon-fri 12:00-17:00 UTC');
    expect(openInterval(spec, t('2026-01-05T09:00:00Z'))).toEqual({
      start: t('2026-01-05T08:00:00Z'),
      end: t('2026-01-05T17:00:00Z'),
    });
  });

  it('stops merging windows that chain without a gap at MAX_MERGED_SPAN (always open)', () => {
    const at = t('2026-03-28T12:00:00Z'); // the weekend of the Paris spring switch
    for (const text of [
      'daily 00:00-24:00 UTC',
      'daily 00:00-24:00 Europe/Paris',
      'daily 12:00-12:30 UTC; daily 12:30-12:00 UTC',
    ]) {
      const interval = openInterval(parseWindowSpec(text), at);
      expect(interval).toBeDefined();
      expect(interval?.start).toBeLessThanOrEqual(at);
      // Bounded: at least MAX_MERGED_SPAN ahead, and at most one more day (the last interval merged).
      expect(interval?.end).toBeGreaterThanOrEqual(at + MAX_MERGED_SPAN);
      expect(interval?.end).toBeLessThanOrEqual(at + MAX_MERGED_SPAN + 86_400_000);
    }
    // A blackout breaks the chain: the interval ends at the blackout's midnight.
    const spec = parseWindowSpec('daily 00:00-24:00 UTC', ['2026-03-30']);
    expect(openInterval(spec, at)).toEqual({ start: t('2026-03-28T00:00:00Z'), end: t('2026-03-30T00:00:00Z') });
    expect(iso(nextOpening(spec, t('2026-03-30T00:00:00Z')))).toBe('2026-03-31T00:00:00.000Z');
  });

  it('says when it never opens within the horizon', () => {
    const dates = Array.from({ length: 500 }, (_, i) =>
      new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
    );
    expect(nextOpening(parseWindowSpec('daily 08:00-09:00 UTC', dates), t('2026-01-01T00:00:00Z'))).toBeUndefined();
  });

  it('describes local times with the zone abbreviation', () => {
    expect(describeLocal(t('2026-03-30T06:00:00Z'), 'Europe/Paris')).toMatch(
      /^Mon 2026-03-30 08:00 (GMT\+2|CEST) \(Europe\/Paris\)$/,
    );
  });
});
