import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, Inputs, MemoryLogger, mapInputSource, type Clock } from '@shipshape/kit';
import {
  decideMerge,
  gateOutputs,
  INPUT,
  readSettings,
  type MergeGatePort,
  type PullInfo,
  type Review,
} from '@shipshape/action-merge-gate';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { EXIT, type CliIO } from '../io';

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

export const mergeGateCommand = defineCommand({
  name: 'merge-gate',
  summary: 'Check whether a pull request may be merged (quorum of leads, branch rules, merge window)',
  description: 'Says whether a pull request may be merged, with the same rules as the merge-gate action, from files.',
  options: [
    {
      name: 'pull-file',
      type: 'string',
      placeholder: 'path',
      required: true,
      help: 'the pull request as the REST API gives it (gh api repos/OWNER/REPO/pulls/N)',
    },
    {
      name: 'reviews-file',
      type: 'string',
      placeholder: 'path',
      required: true,
      help: 'its reviews, oldest first (gh api --paginate repos/OWNER/REPO/pulls/N/reviews)',
    },
    {
      name: INPUT.leads,
      type: 'string',
      placeholder: 'list|path',
      help: 'the leads whose approvals count: logins separated by commas, or a local CODEOWNERS-style file of @login entries',
    },
    {
      name: INPUT.quorum,
      type: 'string',
      placeholder: 'rule',
      help: 'how many leads must approve: half (at least half), majority (more than half), all, or a number',
    },
    {
      name: INPUT.approvalsOnHead,
      type: 'boolean',
      default: false,
      help: "count only approvals given on the pull request's current head commit",
    },
    {
      name: INPUT.changeRequests,
      type: 'string',
      placeholder: 'scope',
      help: "whose standing change requests block: any reviewer's (any), only the leads' (leads), or off",
    },
    {
      name: INPUT.baseRules,
      type: 'string',
      placeholder: 'rules',
      help: 'which head branches may target which base, rules separated by \';\' (e.g. "master: develop, hotfix/*")',
    },
    {
      name: INPUT.headPattern,
      type: 'string',
      placeholder: 'patterns',
      help: 'head branches allowed for bases without a base rule, separated by commas (e.g. "feature/*, fix/*")',
    },
    {
      name: INPUT.window,
      type: 'string',
      placeholder: 'spec',
      help: 'the merge window, as for \'shipshape window\' (e.g. "mon-fri 08:00-17:00 Europe/Paris")',
    },
    {
      name: INPUT.blackout,
      type: 'string',
      placeholder: 'dates',
      help: 'YYYY-MM-DD dates, comma separated, on which the merge window stays closed',
    },
    {
      name: INPUT.windowBases,
      type: 'string',
      placeholder: 'branches',
      help: 'the bases whose merges deploy, comma separated; the window applies to them only (default: every base)',
    },
    {
      name: INPUT.overrideLabel,
      type: 'string',
      placeholder: 'label',
      help: 'a label on the pull request that overrides the window',
    },
    {
      name: INPUT.overrideReason,
      type: 'string',
      placeholder: 'text',
      help: 'merge outside the window anyway, for this reason',
    },
    {
      name: INPUT.wip,
      type: 'boolean',
      default: false,
      help: 'block work in progress (a [WIP] / WIP: title, or a "Work In Progress" description)',
    },
    {
      name: 'at',
      type: 'string',
      placeholder: 'ISO time',
      help: 'the instant the merge window is judged at (default now)',
    },
    {
      name: 'json',
      type: 'boolean',
      default: false,
      help: 'print the action\'s outputs: {"allowed","reason","approvals","missing"}',
    },
  ],
  notes: "The options named like the merge-gate action's inputs take the same values.",
  exitCodes: '0 may be merged, 1 blocked, 2 usage, input or file error',
  async run({ values, io }) {
    const pullFile = values['pull-file'];
    const reviewsFile = values['reviews-file'];
    const at = typeof values.at === 'string' ? Date.parse(values.at) : Date.now();
    if (!Number.isFinite(at))
      throw new UsageError(`--at must be an ISO 8601 date-time, got ${JSON.stringify(values.at)}`);
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
  },
});
