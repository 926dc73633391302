import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  MAX_MERGED_SPAN,
  WindowSpecError,
  isOpen,
  nextOpening,
  openInterval,
  parseWindowSpec,
} from '@shipshape/window';
import { fuzzRuns } from './runs';

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'Europe/London',
  'Australia/Lord_Howe',
];
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const time = (max: number): fc.Arbitrary<string> =>
  fc
    .integer({ min: 0, max })
    .map((m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

const dayPart = fc.oneof(
  fc.constant('daily'),
  fc.tuple(fc.constantFrom(...DAYS), fc.constantFrom(...DAYS)).map(([a, b]) => `${a}-${b}`),
  fc.uniqueArray(fc.constantFrom(...DAYS), { minLength: 1, maxLength: 7 }).map((d) => d.join(',')),
);

const windowText = fc
  .tuple(dayPart, time(1439), time(1440), fc.constantFrom(...ZONES))
  // Equal start and end is a spec error; 00:00-24:00 and overnight windows that chain into each other stay in.
  .filter(([, s, e]) => s !== e)
  .map(([d, s, e, z]) => `${d} ${s}-${e} ${z}`);

const specText = fc.array(windowText, { minLength: 1, maxLength: 3 }).map((w) => w.join('; '));
const blackouts = fc.uniqueArray(
  fc
    .integer({ min: 0, max: 40 })
    .map((i) => new Date(Date.UTC(2026, 2, 20) + i * 86_400_000).toISOString().slice(0, 10)),
  { maxLength: 6 },
);
/** Instants around 2026's switches (March, April, September, October), to the second. */
const instant = fc
  .integer({ min: Date.UTC(2026, 2, 20) / 1000, max: Date.UTC(2026, 3, 20) / 1000 })
  .map((s) => s * 1000);
const anyInstant = fc.oneof(
  instant,
  fc.integer({ min: Date.UTC(2026, 8, 20) / 1000, max: Date.UTC(2026, 10, 10) / 1000 }).map((s) => s * 1000),
);

describe('window parser (fuzz)', () => {
  it('never throws anything but a WindowSpecError, whatever the text', () => {
    const tokens = fc.constantFrom(
      'mon',
      'fri',
      'daily',
      '-',
      ',',
      ';',
      ' ',
      '08:00',
      '24:00',
      '99:99',
      'Europe/Paris',
      'Nowhere/Zone',
      'x',
      ':',
      '\n',
      '\u0000',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.array(tokens, { maxLength: 12 }).map((t) => t.join('')),
        ),
        (text) => {
          try {
            parseWindowSpec(text);
          } catch (error) {
            expect(error).toBeInstanceOf(WindowSpecError);
            expect((error as Error).message.length).toBeLessThan(600);
          }
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });
});

describe('isOpen / nextOpening invariants (fuzz)', () => {
  it('nextOpening is the earliest open instant at or after `at`, and open intervals hold `at`', () => {
    fc.assert(
      fc.property(
        specText,
        blackouts,
        anyInstant,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (text, dates, at, fraction) => {
          const spec = parseWindowSpec(text, dates);
          const open = isOpen(spec, at);
          const next = nextOpening(spec, at);
          if (open) {
            expect(next).toBe(at);
            const interval = openInterval(spec, at);
            expect(interval).toBeDefined();
            if (!interval) return;
            expect(interval.start).toBeLessThanOrEqual(at);
            expect(interval.end).toBeGreaterThan(at);
            if (interval.end - at < MAX_MERGED_SPAN) expect(isOpen(spec, interval.end)).toBe(false);
            expect(isOpen(spec, interval.end - 1)).toBe(true);
            return;
          }
          expect(next).toBeDefined(); // with at most 6 blackout days, every spec opens within weeks
          if (next === undefined) return;
          expect(next).toBeGreaterThan(at);
          expect(isOpen(spec, next)).toBe(true);
          expect(isOpen(spec, next - 1)).toBe(false);
          // Any instant strictly between is closed.
          const between = at + Math.floor((next - at) * fraction);
          if (between < next) expect(isOpen(spec, between)).toBe(false);
        },
      ),
      { numRuns: fuzzRuns(200) },
    );
  });
});
