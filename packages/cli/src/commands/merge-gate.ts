import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, InputError, Inputs, MemoryLogger, mapInputSource, type Clock } from '@shipshape/kit';
import {
  decideMerge,
  gateOutputs,
  INPUT,
  readSettings,
  type MergeGatePort,
  type PullInfo,
} from '@shipshape/action-merge-gate';
import type { Review } from '@shipshape/action-merge-gate/reviews';
import { EXIT, type CliCommand, type CliIO } from '../io';

const help = `Usage: shipshape merge-gate --pull-file PR.json --reviews-file REVIEWS.json [--leads alice,bob,carol | --leads LEADS-FILE]
                           [--quorum half|majority|all|N] [--approvals-on-head] [--change-requests any|leads|off]
                           [--base-rules "master: develop, hotfix/*"] [--head-pattern "feature/*, fix/*"]
                           [--window SPEC] [--blackout DATES] [--window-bases master] [--override-label L]
                           [--override-reason TEXT] [--wip] [--at ISO-TIME] [--json]

Says whether a pull request may be merged, with the same rules as the merge-gate action, from files:
  --pull-file <path>     the pull request as the REST API gives it (gh api repos/OWNER/REPO/pulls/N)
  --reviews-file <path>  its reviews, oldest first (gh api --paginate repos/OWNER/REPO/pulls/N/reviews)
  --leads <list|path>    logins, or a local CODEOWNERS-style file of @login entries
  --at <ISO time>        the instant the merge window is judged at (default now)
  --json                 print the action's outputs: {"allowed","reason","approvals","missing"}
The other options are the action's inputs of the same names.
Exit codes: 0 may be merged, 1 blocked, 2 usage, input or file error.`;

const STRING_INPUTS = [
  INPUT.leads,
  INPUT.quorum,
  INPUT.changeRequests,
  INPUT.baseRules,
  INPUT.headPattern,
  INPUT.window,
  INPUT.blackout,
  INPUT.windowBases,
  INPUT.overrideLabel,
  INPUT.overrideReason,
] as const;

async function readJson(io: CliIO, path: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`the ${what} ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The files stand in for the API: one pull request, its reviews, and leads files read from the working directory. */
function filePort(io: CliIO, pull: PullInfo, reviews: Review[]): MergeGatePort {
  return {
    getPull: async () => pull,
    listReviews: async () => reviews,
    readFile: async (path) => {
      try {
        return await readFile(resolve(io.cwd, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

export const mergeGateCommand: CliCommand = {
  name: 'merge-gate',
  summary: 'Check whether a pull request may be merged (quorum of leads, branch rules, merge window)',
  help,
  async run(argv, io) {
    let values: Record<string, string | boolean | undefined>;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          'pull-file': { type: 'string' },
          'reviews-file': { type: 'string' },
          ...Object.fromEntries(STRING_INPUTS.map((name) => [name, { type: 'string' as const }])),
          [INPUT.approvalsOnHead]: { type: 'boolean', default: false },
          [INPUT.wip]: { type: 'boolean', default: false },
          at: { type: 'string' },
          json: { type: 'boolean', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n${help}\n`);
      return EXIT.usage;
    }
    const pullFile = values['pull-file'];
    const reviewsFile = values['reviews-file'];
    if (typeof pullFile !== 'string' || typeof reviewsFile !== 'string') {
      io.stderr(`--pull-file and --reviews-file are required\n${help}\n`);
      return EXIT.usage;
    }
    const at = typeof values.at === 'string' ? Date.parse(values.at) : Date.now();
    if (!Number.isFinite(at)) {
      io.stderr(`--at: expected an ISO 8601 date-time, got ${JSON.stringify(values.at)}\n`);
      return EXIT.usage;
    }
    try {
      const pull = await readJson(io, pullFile, 'pull request file');
      const reviews = await readJson(io, reviewsFile, 'reviews file');
      if (!isObject(pull) || typeof pull.number !== 'number')
        throw new ConfigError(`the pull request file ${pullFile} is not a pull request (no number)`);
      if (!Array.isArray(reviews))
        throw new ConfigError(`the reviews file ${reviewsFile} is not a JSON array of reviews`);
      const flags = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [name, typeof value === 'boolean' ? String(value) : value]),
      );
      const settings = readSettings(
        new Inputs(mapInputSource(flags)),
        { eventName: 'pull_request_review', payload: { pull_request: { number: pull.number } } },
        { needsToken: false },
      );
      const clock: Clock = { now: () => at, sleep: async () => undefined };
      const result = await decideMerge(settings, {
        port: filePort(io, pull as unknown as PullInfo, reviews as Review[]),
        clock,
        log: new MemoryLogger(),
      });
      if (values.json) io.stdout(`${JSON.stringify(gateOutputs(result))}\n`);
      else if (result.kind === 'verdict') {
        io.stdout(`${result.reason}\n`);
        for (const row of result.rules) io.stdout(`  ${row.ok ? '✓' : '✗'} ${row.rule}: ${row.detail}\n`);
      }
      return result.kind === 'verdict' && result.allowed ? EXIT.ok : EXIT.checkFailed;
    } catch (error) {
      if (error instanceof ConfigError || error instanceof InputError) {
        io.stderr(`shipshape merge-gate: ${error.message.replace(/Input '([^']+)'/, '--$1')}\n`);
        return EXIT.usage;
      }
      throw error;
    }
  },
};
