import {
  MAX_MERGED_SPAN,
  WindowSpecError,
  describeLocal,
  nextOpening,
  openInterval,
  parseWindowSpec,
  splitBlackoutText,
} from '@shipshape/window';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { EXIT } from '../io';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const windowCommand = defineCommand({
  name: 'window',
  summary: 'Check a deploy window at a time (DST-aware)',
  description:
    'Says whether a deploy window is open at a time (default now), with the local time and the next opening.',
  options: [
    {
      name: 'window',
      type: 'string',
      placeholder: 'spec',
      required: true,
      help: "'<days> <HH:MM>-<HH:MM> <IANA zone>', several separated by ';' (e.g. \"mon-fri 08:00-17:00 Europe/Paris\")",
    },
    {
      name: 'at',
      type: 'string',
      placeholder: 'ISO time',
      help: 'the instant to check, an ISO 8601 date-time with Z or an offset (default now)',
    },
    {
      name: 'blackout',
      type: 'string',
      placeholder: 'dates',
      help: 'YYYY-MM-DD dates, comma separated, that close whole days',
    },
    { name: 'json', type: 'boolean', default: false, help: 'print {"open","at","local","closesAt","nextOpening"}' },
  ],
  notes: 'Days: mon-fri, mon,wed,fri, sat-sun, daily. The start time is included, the end time excluded.',
  exitCodes: '0 open, 1 closed, 2 invalid spec or usage error',
  async run({ values, io }) {
    const at = values.at === undefined ? Date.now() : Date.parse(values.at);
    if (Number.isNaN(at) || (values.at !== undefined && !ISO_INSTANT.test(values.at)))
      throw new UsageError(
        `--at must be an ISO 8601 date-time with Z or an offset (e.g. 2026-03-29T07:30:00Z), got ${JSON.stringify(values.at)}`,
      );
    let spec;
    try {
      spec = parseWindowSpec(values.window, splitBlackoutText(values.blackout ?? ''));
    } catch (error) {
      if (error instanceof WindowSpecError) throw new UsageError(`--${error.part}: ${error.message}`);
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
});
