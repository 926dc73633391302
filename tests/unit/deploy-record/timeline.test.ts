import { describe, expect, it } from '@jest/globals';
import { InputError } from '@shipshape/kit';
import {
  MAX_TIMELINE_STEPS,
  formatDuration,
  parseTime,
  parseTimeline,
  utcSeconds,
} from '../../../actions/deploy-record/src/timeline';

const at = (iso: string): number => Date.parse(iso);

describe('deploy-record timeline times', () => {
  it.each([
    ['2026-12-05T11:29:05Z', '2026-12-05T11:29:05.000Z'],
    ['2026-12-05T11:29:05.250Z', '2026-12-05T11:29:05.250Z'],
    ['2026-12-05 11:29:05', '2026-12-05T11:29:05.000Z'],
    ['2026-12-05T11:29', '2026-12-05T11:29:00.000Z'],
    ['2026-12-05T13:29:05+02:00', '2026-12-05T11:29:05.000Z'],
    ['2026-12-05T06:29:05-0500', '2026-12-05T11:29:05.000Z'],
    ['2026-12-05', '2026-12-05T00:00:00.000Z'],
    ['1764934145', '2025-12-05T11:29:05.000Z'],
    ['1764934145.123456', '2025-12-05T11:29:05.123Z'],
  ])('reads %s', (text, iso) => {
    expect(parseTime(text)).toBe(at(iso));
  });

  it.each([
    'soon',
    '2026-02-30T10:00:00Z',
    '2026-12-05T24:00:00Z',
    '2026-13-01',
    '12345',
    '1764934145.',
    'T11:29',
    '2026-12-05T11:29:05+05:99',
  ])('refuses %s', (text) => {
    expect(parseTime(text)).toBeUndefined();
  });

  it('shows times in UTC to the second and durations in words', () => {
    expect(utcSeconds(at('2026-12-05T11:29:05.999Z'))).toBe('2026-12-05 11:29:05');
    expect(formatDuration(35_000)).toBe('35s');
    expect(formatDuration(252_000)).toBe('4m 12s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });
});

describe('deploy-record timeline lines', () => {
  it('reads spans, moments and skipped steps, ignoring blank lines', () => {
    const timeline = parseTimeline(
      [
        'Freeze on | 2026-12-05T11:00:00Z',
        '',
        'Deploy | 2026-12-05T11:15:00Z | 2026-12-05T11:20:30Z   ',
        'Smoke tests |  | ',
        '  Freeze lifted | 1764934145 |',
      ].join('\n'),
    );
    expect(timeline.steps).toEqual([
      { label: 'Freeze on', start: at('2026-12-05T11:00:00Z'), end: undefined, line: 1 },
      { label: 'Deploy', start: at('2026-12-05T11:15:00Z'), end: at('2026-12-05T11:20:30Z'), line: 3 },
      { label: 'Freeze lifted', start: 1764934145000, end: undefined, line: 5 },
    ]);
    expect(timeline.skipped).toEqual(['Smoke tests']);
  });

  it('is empty when not given', () => {
    expect(parseTimeline(undefined)).toEqual({ steps: [], skipped: [] });
  });

  it.each([
    ['Deploy | soon', /Input 'timeline' is invalid: expected a start time .* for "Deploy" on line 1, got "soon"\./],
    ['Ok | 2026-12-05\nDeploy | 2026-12-05 | later', /expected an end time .* for "Deploy" on line 2, got "later"\./],
    ['Just a label', /expected `Label \| start \| end` .* on line 1/],
    ['A | 2026-12-05 | 2026-12-06 | extra', /no other `\|`.* on line 1/],
    [' | 2026-12-05', /a label before the first `\|` on line 1/],
    ['Back | 2026-12-05T10:00:00Z | 2026-12-05T09:00:00Z', /not before the start time on line 1/],
  ])('names the input and the line: %j', (text, message) => {
    expect(() => parseTimeline(text)).toThrow(InputError);
    expect(() => parseTimeline(text)).toThrow(message);
  });

  it('bounds the number of steps and the length of a label', () => {
    const many = Array.from({ length: MAX_TIMELINE_STEPS + 1 }, (_, i) => `Step ${i} | ${1764934145 + i}`).join('\n');
    expect(() => parseTimeline(many)).toThrow(`at most ${MAX_TIMELINE_STEPS} lines`);
    expect(() => parseTimeline(many)).toThrow(`on line ${MAX_TIMELINE_STEPS + 1}`);
    // Skipped lines (an empty start) count too: 200,000 of them made a 2.29 MB table, past the 1 MiB summary limit.
    const skipped = Array.from({ length: 200_000 }, (_, i) => `Step ${i} |`).join('\n');
    expect(() => parseTimeline(skipped)).toThrow(`at most ${MAX_TIMELINE_STEPS} lines`);
    const long = parseTimeline(`${'x'.repeat(500)} | 1764934145`);
    expect(long.steps[0]?.label).toHaveLength(200);
    expect(long.steps[0]?.label.endsWith('…')).toBe(true);
  });
});
