import { describe, expect, it } from '@jest/globals';
import { windowCommand } from '../../../packages/cli/src/commands/window';
import type { CliIO } from '../../../packages/cli/src/io';

function fakeIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '/' };
}

const PARIS = 'mon-fri 08:00-17:00 Europe/Paris';

describe('shipshape window', () => {
  it('exits 0 when open, with the local time and when it closes', async () => {
    const io = fakeIO();
    expect(await windowCommand.run(['--window', PARIS, '--at', '2026-03-30T07:30:00Z'], io)).toBe(0);
    expect(io.out.join('')).toMatch(
      /^open at Mon 2026-03-30 09:30 .*\(Europe\/Paris\); closes at Mon 2026-03-30 17:00 .*; opens again at Tue 2026-03-31 08:00/,
    );
  });
  it('says an always-open spec stays open, without inventing a closing time', async () => {
    const io = fakeIO();
    expect(
      await windowCommand.run(['--window', 'daily 00:00-24:00 Europe/Paris', '--at', '2026-03-29T07:30:00Z'], io),
    ).toBe(0);
    expect(io.out.join('')).toMatch(/^open at Sun 2026-03-29 09:30 .*; open for at least the next 14 days\n$/);
    const json = fakeIO();
    expect(
      await windowCommand.run(['--window', 'daily 00:00-24:00 UTC', '--at', '2026-03-29T07:30:00Z', '--json'], json),
    ).toBe(0);
    expect(JSON.parse(json.out.join(''))).toMatchObject({ open: true, closesAt: null, nextOpening: null });
  });
  it('exits 1 when closed, naming the next opening across the DST switch', async () => {
    const io = fakeIO();
    // Sunday 2026-03-29 07:30Z: the day Paris switches to summer time.
    expect(await windowCommand.run(['--window', PARIS, '--at', '2026-03-29T07:30:00Z'], io)).toBe(1);
    expect(io.out.join('')).toMatch(
      /^closed at Sun 2026-03-29 09:30 .*next opening: Mon 2026-03-30 08:00 .*\(2026-03-30T06:00:00\.000Z\)/,
    );
  });
  it('honours blackouts and prints JSON', async () => {
    const io = fakeIO();
    expect(
      await windowCommand.run(
        ['--window', PARIS, '--at', '2026-12-24T10:00:00Z', '--blackout', '2026-12-24,2026-12-25', '--json'],
        io,
      ),
    ).toBe(1);
    expect(JSON.parse(io.out.join(''))).toMatchObject({
      open: false,
      closesAt: null,
      nextOpening: '2026-12-28T07:00:00.000Z',
    });
  });
  it.each([
    [['--window', 'mon-fri 08:00-17:00 Europe/Nowhere'], /unknown time zone "Europe\/Nowhere"/],
    [['--window', 'mon-fry 08:00-17:00 UTC'], /unknown day "fry"/],
    [['--window', 'mon-fri 08:00-27:00 UTC'], /invalid time "27:00"/],
    [['--window', PARIS, '--blackout', '2026-02-30'], /--blackout: invalid blackout date/],
    [['--window', 'mon-fri 08:00-17:00 Mars/Olympus'], /--window: unknown time zone/],
    [['--window', PARIS, '--at', 'yesterday'], /--at must be an ISO 8601 date-time/],
    [['--at', '2026-03-29T07:30:00Z'], /--window is required/],
    [['--bogus'], /^shipshape window: unknown option "--bogus"\nRun 'shipshape window --help' for usage\.\n$/],
  ])('exits 2 for %j, naming what is wrong', async (argv, message) => {
    const io = fakeIO();
    expect(await windowCommand.run(argv, io)).toBe(2);
    expect(io.err.join('')).toMatch(message);
  });
});
