import { ConfigError, InputError, type Inputs } from '@shipshape/kit';
import type { RunnerContext } from '@shipshape/kit';
import { WindowSpecError, parseWindowSpec, splitBlackoutText, type WindowSpec } from '@shipshape/window';
import { BranchPatternError, parseBranchPattern, type BranchPattern } from './branch-pattern';
import { BaseRulesError, parseBaseRules, type BaseRule } from './branch-rules';
import type { ChangeRequestScope } from './change-requests';
import { type PullTarget, readPullTarget } from './event';
import { LeadsError, readLeadsSource, type LeadsSource } from './leads';
import type { QuorumRule } from './quorum';

export const INPUT = {
  token: 'token',
  leads: 'leads',
  quorum: 'quorum',
  approvalsOnHead: 'approvals-on-head',
  changeRequests: 'change-requests',
  baseRules: 'base-rules',
  headPattern: 'head-pattern',
  window: 'window',
  blackout: 'blackout',
  windowBases: 'window-bases',
  overrideReason: 'override-reason',
  overrideLabel: 'override-label',
  wip: 'wip',
  authorMerges: 'author-merges',
  comment: 'comment',
} as const;

export interface Settings {
  token: string;
  target: PullTarget;
  leads: LeadsSource | undefined;
  quorum: QuorumRule;
  approvalsOnHead: boolean;
  changeRequests: ChangeRequestScope;
  baseRules: BaseRule[];
  headPatterns: BranchPattern[];
  window: WindowSpec | undefined;
  /** The bases whose merges deploy (the window applies to them only); empty: every base. */
  windowBases: BranchPattern[];
  overrideReason: string | undefined;
  overrideLabel: string | undefined;
  wip: boolean;
  authorMerges: boolean;
  /** Keep one comment on the PR while it is blocked (and after a merge by someone else). */
  comment: boolean;
}

const QUORUM_WORDS = "'half', 'majority', 'all' or a whole number of leads from 1 to 100";

function readQuorum(inputs: Inputs): QuorumRule {
  const text = inputs.optional(INPUT.quorum) ?? 'half';
  if (text === 'half' || text === 'majority' || text === 'all') return { kind: text };
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 100)
    throw new InputError(INPUT.quorum, QUORUM_WORDS, text);
  return { kind: 'count', count: Number(text) };
}

function readLeads(inputs: Inputs, quorum: QuorumRule): LeadsSource | undefined {
  const given = inputs.optional(INPUT.leads);
  // No quorum without leads. `quorum` alone says nothing: the runner always passes its default ('half').
  if (given === undefined) return undefined;
  let leads: LeadsSource;
  try {
    leads = readLeadsSource(inputs.list(INPUT.leads));
  } catch (error) {
    if (!(error instanceof LeadsError)) throw error;
    throw new InputError(
      INPUT.leads,
      `GitHub logins separated by commas or lines, or the path of a CODEOWNERS-style file — ${error.message}`,
      given,
    );
  }
  if (leads.kind === 'logins' && quorum.kind === 'count' && quorum.count > leads.logins.length) {
    throw new InputError(INPUT.quorum, `at most the number of leads (${leads.logins.length})`, String(quorum.count));
  }
  return leads;
}

function readPatterns(inputs: Inputs, name: string): BranchPattern[] {
  try {
    return inputs.list(name).map(parseBranchPattern);
  } catch (error) {
    if (!(error instanceof BranchPatternError)) throw error;
    throw new InputError(
      name,
      `branch patterns separated by commas (e.g. feature/*, fix/*) — ${error.message}`,
      inputs.optional(name) ?? '',
    );
  }
}

function readBaseRules(inputs: Inputs): BaseRule[] {
  const text = inputs.optional(INPUT.baseRules);
  if (text === undefined) return [];
  try {
    return parseBaseRules(text);
  } catch (error) {
    if (!(error instanceof BaseRulesError)) throw error;
    throw new InputError(
      INPUT.baseRules,
      `rules '<base>: <head>, <head>' separated by lines or ';' (e.g. 'master: develop, hotfix/*') — ${error.message}`,
      text,
    );
  }
}

function readWindow(inputs: Inputs): WindowSpec | undefined {
  const text = inputs.optional(INPUT.window);
  const blackoutText = inputs.optional(INPUT.blackout);
  const blackouts = blackoutText === undefined ? [] : splitBlackoutText(blackoutText);
  if (text === undefined) {
    if (blackouts.length > 0)
      throw new InputError(
        INPUT.window,
        'a merge window when `blackout` is set (e.g. "mon-fri 08:00-17:00 Europe/Paris")',
      );
    return undefined;
  }
  try {
    return parseWindowSpec(text, blackouts);
  } catch (error) {
    if (!(error instanceof WindowSpecError)) throw error;
    const input = error.part === 'blackout' ? INPUT.blackout : INPUT.window;
    throw new InputError(
      input,
      `a window spec '<days> <HH:MM>-<HH:MM> <IANA zone>[; …]' — ${error.message}`,
      input === INPUT.window ? text : (blackoutText ?? ''),
    );
  }
}

/** Typed, validated settings; every error names its input. `ctx` gives the event (which pull request, which action). */
export function readSettings(
  inputs: Inputs,
  ctx: Pick<RunnerContext, 'eventName' | 'payload'>,
  options: { needsToken: boolean } = { needsToken: true },
): Settings {
  const token = inputs.optional(INPUT.token) ?? '';
  // The CLI judges local files and makes no request: it alone needs no token.
  if (!token && options.needsToken) throw new InputError(INPUT.token, 'a GitHub token (default: ${{ github.token }})');
  const quorum = readQuorum(inputs);
  const settings: Settings = {
    token,
    target: readPullTarget(ctx.eventName, ctx.payload),
    leads: readLeads(inputs, quorum),
    quorum,
    approvalsOnHead: inputs.boolean(INPUT.approvalsOnHead, false),
    changeRequests: inputs.oneOf(INPUT.changeRequests, ['any', 'leads', 'off'] as const, 'any'),
    baseRules: readBaseRules(inputs),
    headPatterns: readPatterns(inputs, INPUT.headPattern),
    window: readWindow(inputs),
    windowBases: readPatterns(inputs, INPUT.windowBases),
    overrideReason: inputs.optional(INPUT.overrideReason),
    overrideLabel: inputs.optional(INPUT.overrideLabel),
    wip: inputs.boolean(INPUT.wip, false),
    authorMerges: inputs.boolean(INPUT.authorMerges, false),
    comment: inputs.boolean(INPUT.comment, false),
  };
  if (settings.changeRequests === 'leads' && !settings.leads)
    throw new InputError(INPUT.changeRequests, "'any' or 'off' when no `leads` are given", 'leads');
  if (settings.windowBases.length > 0 && !settings.window)
    throw new InputError(INPUT.windowBases, 'only together with `window`', inputs.optional(INPUT.windowBases) ?? '');
  if (settings.approvalsOnHead && !settings.leads)
    throw new InputError(INPUT.approvalsOnHead, 'only together with `leads`', 'true');
  const anything =
    settings.leads ||
    settings.changeRequests !== 'off' ||
    settings.baseRules.length > 0 ||
    settings.headPatterns.length > 0 ||
    settings.window ||
    settings.wip ||
    settings.authorMerges;
  if (!anything)
    throw new ConfigError(
      'merge-gate has no rule to apply: set leads, base-rules, head-pattern, window, wip or author-merges (or leave change-requests on).',
    );
  return settings;
}
