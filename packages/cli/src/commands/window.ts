import { parseArgs } from 'node:util';
import {
  MAX_MERGED_SPAN,
  WindowSpecError,
  describeLocal,
  nextOpening,
  openInterval,
  parseWindowSpec,
  splitBlackoutText,
} from '@shipshape/window';
import { EXIT, type CliCommand } from '../io';

const help = `Usage: shipshape window --window "mon-fri 08:00-17:00 Europe/Paris" [--at 2026-03-29T07:30:00Z] [--blackout 2026-12-24,2026-12-25] [--json]

Says whether a deploy window is open at a time (default now), with the local time and the next opening.
  --window <spec>    '<days> <HH:MM>-<HH:MM> <IANA zone>', several separated by ';'
                     days: mon-fri, mon,wed,fri, sat-sun, daily; start included, end excluded
  --at <ISO time>    the instant to check (an ISO 8601 date-time with Z or an offset)
  --blackout <dates> YYYY-MM-DD dates, comma separated, that close whole days
  --json             print {"open","at","local","closesAt","nextOpening"}
Exit codes: 0 open, 1 closed, 2 invalid spec or usage error.`;

export const windowCommand: CliCommand = {
  name: 'window',
  summary: 'Check a deploy window at a time (DST-aware)',
  help,
  async run(argv, io) {
    let values: { window?: string; at?: string; blackout?: string; json?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          window: { type: 'string' },
          at: { type: 'string' },
          blackout: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n${help}\n`);
      return EXIT.usage;
    }
    if (!values.window) {
      io.stderr(`--window is required\n${help}\n`);
      return EXIT.usage;
    }
    const at = values.at === undefined ? Date.now() : Date.parse(values.at);
    if (
      Number.isNaN(at) ||
      (values.at !== undefined &&
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(values.at))
    ) {
      io.stderr(
        `--at must be an ISO 8601 date-time with Z or an offset (e.g. 2026-03-29T07:30:00Z), got ${JSON.stringify(values.at)}\n`,
      );
      return EXIT.usage;
    }
    let spec;
    try {
      spec = parseWindowSpec(values.window, splitBlackoutText(values.blackout ?? ''));
    } catch (error) {
      if (error instanceof WindowSpecError) {
        io.stderr(`shipshape window: --${error.part}: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
    const zone = spec.windows[0]?.zone ?? 'UTC';
    const interval = openInterval(spec, at);
    const next = interval ? at : nextOpening(spec, at);
    // Windows that chain without a gap are followed only MAX_MERGED_SPAN ahead: beyond that, "open for at least".
    const unbounded = interval !== undefined && interval.end - at >= MAX_MERGED_SPAN;
    const nextAfterClose = interval && !unbounded ? nextOpening(spec, interval.end) : undefined;
    if (values.json) {
      io.stdout(
        `${JSON.stringify({
          open: interval !== undefined,
          at: new Date(at).toISOString(),
          local: describeLocal(at, zone),
          closesAt: interval && !unbounded ? new Date(interval.end).toISOString() : null,
          nextOpening: interval
            ? nextAfterClose === undefined
              ? null
              : new Date(nextAfterClose).toISOString()
            : next === undefined
              ? null
              : new Date(next).toISOString(),
        })}\n`,
      );
    } else if (interval && unbounded) {
      io.stdout(
        `open at ${describeLocal(at, zone)}; open for at least the next ${Math.round(MAX_MERGED_SPAN / 86_400_000)} days\n`,
      );
    } else if (interval) {
      const again = nextAfterClose === undefined ? '' : `; opens again at ${describeLocal(nextAfterClose, zone)}`;
      io.stdout(`open at ${describeLocal(at, zone)}; closes at ${describeLocal(interval.end, zone)}${again}\n`);
    } else {
      io.stdout(
        `closed at ${describeLocal(at, zone)}; next opening: ${next === undefined ? 'none within a year' : `${describeLocal(next, zone)} (${new Date(next).toISOString()})`}\n`,
      );
    }
    return interval ? EXIT.ok : EXIT.checkFailed;
  },
};
