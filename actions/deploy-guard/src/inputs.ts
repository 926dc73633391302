import { InputError, type Inputs } from '@shipshape/kit';
import { WindowSpecError, parseWindowSpec, splitBlackoutText, type WindowSpec } from '@shipshape/window';
import type { RequiredCheck } from './commit-gate';

export const INPUT = {
  token: 'token',
  queue: 'queue',
  workflows: 'workflows',
  sameBranch: 'same-branch',
  environment: 'environment',
  zombieAge: 'zombie-age',
  commitGate: 'commit-gate',
  sha: 'sha',
  contains: 'contains',
  requiredChecks: 'required-checks',
  window: 'window',
  blackout: 'blackout',
  outsideWindow: 'outside-window',
  overrideReason: 'override-reason',
  overrideLabel: 'override-label',
  freeze: 'freeze',
  freezeContext: 'freeze-context',
  freezeReason: 'freeze-reason',
  freezeBranch: 'freeze-branch',
  exemptLabel: 'exempt-label',
  cancelWindow: 'cancel-window',
  abortLabel: 'abort-label',
  pollInterval: 'poll-interval',
  timeout: 'timeout',
  onTimeout: 'on-timeout',
} as const;

export interface Settings {
  token: string;
  queue: boolean;
  workflows: 'self' | '*' | string[];
  sameBranch: boolean;
  /** Queue only behind runs deploying to this environment (undefined = every run). */
  environment: string | undefined;
  zombieAgeMs: number;
  commitGate: boolean;
  sha: string;
  /** A commit (SHA or ref) that `sha` must contain; undefined = not checked. */
  contains: string | undefined;
  requiredChecks: RequiredCheck[];
  window: WindowSpec | undefined;
  outsideWindow: 'fail' | 'wait' | 'skip';
  overrideReason: string | undefined;
  overrideLabel: string | undefined;
  freeze: 'on' | 'off' | 'sync' | undefined;
  freezeContext: string;
  freezeReason: string;
  freezeBranch: string;
  exemptLabel: string | undefined;
  cancelWindowMinutes: number;
  abortLabel: string;
  pollMs: number;
  timeoutMs: number;
  onTimeout: 'fail' | 'continue';
}

export interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string }; base?: { ref?: string }; labels?: { name?: string }[] };
  /**
   * A merge queue's `merge_group` (checks_requested): `head_sha` is the commit required checks must report on,
   * `base_ref` the full ref of the branch it merges into (webhook payload schema, MergeGroup in
   * github/rest-api-description; https://github.blog/changelog/2022-08-18-merge-group-webhook-event-and-github-actions-workflow-trigger/).
   */
  merge_group?: { head_sha?: string; base_ref?: string };
  repository?: { default_branch?: string };
}

export interface SettingsContext {
  env: NodeJS.ProcessEnv;
  payload: EventPayload;
  /** Reads a workspace file for `blackout: path`; undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
}

/** GitHub environment names: at most 255 characters; no control characters (nor commas: one name, not a list). */
function isEnvironmentName(name: string): boolean {
  return (
    name.length <= 255 &&
    !name.includes(',') &&
    [...name].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
  );
}

function readEnvironment(inputs: Inputs): string | undefined {
  const name = inputs.optional(INPUT.environment);
  if (name === undefined) return undefined;
  if (!isEnvironmentName(name))
    throw new InputError(INPUT.environment, 'one environment name (at most 255 characters), e.g. production', name);
  return name;
}

const BLACKOUT_LIST = /^[\d\s,-]+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** A non-negative decimal within bounds (poll intervals and waits may be fractions, e.g. 0.05 s in tests). */
function decimal(inputs: Inputs, name: string, fallback: number, min: number, max: number, unit: string): number {
  const value = inputs.optional(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!DECIMAL.test(value) || !Number.isFinite(n) || n < min || n > max) {
    throw new InputError(name, `a number of ${unit} from ${min} to ${max}`, value);
  }
  return n;
}

const COMMIT_SHA = /^[0-9a-f]{40}$/i;
/** A SHA or ref name: letters, digits, `_ . / -`, and never `..` (git forbids it in a name; compare splits on it). */
const REF_TEXT = /^(?!.*\.\.)[\w./-]+$/;

function readBlackouts(inputs: Inputs, ctx: SettingsContext): string[] {
  const raw = inputs.optional(INPUT.blackout);
  if (raw === undefined) return [];
  if (BLACKOUT_LIST.test(raw)) return splitBlackoutText(raw);
  const text = ctx.readFile(raw);
  if (text === undefined)
    throw new InputError(
      INPUT.blackout,
      'YYYY-MM-DD dates separated by commas, or the path of a file of such dates',
      raw,
    );
  return splitBlackoutText(text);
}

function readWindow(inputs: Inputs, ctx: SettingsContext): WindowSpec | undefined {
  const text = inputs.optional(INPUT.window);
  const blackouts = readBlackouts(inputs, ctx);
  if (text === undefined) {
    if (blackouts.length > 0)
      throw new InputError(INPUT.window, 'a deploy window when `blackout` is set (e.g. "daily 00:00-24:00 UTC")');
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
      input === INPUT.window ? text : (inputs.optional(INPUT.blackout) ?? ''),
    );
  }
}

export function readSettings(inputs: Inputs, ctx: SettingsContext): Settings {
  const token = inputs.optional(INPUT.token) ?? '';
  if (!token) throw new InputError(INPUT.token, 'a GitHub token (default: ${{ github.token }})');
  const workflowNames = inputs.list(INPUT.workflows);
  const workflows = workflowNames.length === 0 ? 'self' : workflowNames.includes('*') ? '*' : workflowNames;
  const freezeText = inputs.optional(INPUT.freeze);
  const freeze =
    freezeText === undefined ? undefined : inputs.oneOf(INPUT.freeze, ['on', 'off', 'sync'] as const, 'sync');
  const pr = ctx.payload.pull_request;
  const group = ctx.payload.merge_group;
  const defaultSha = pr?.head?.sha ?? group?.head_sha ?? ctx.env.GITHUB_SHA ?? '';
  const sha = inputs.string(INPUT.sha, defaultSha);
  // Empty is fine until a check needs the commit (the commit gate says so below); a given value must be a ref.
  if (sha !== '' && !REF_TEXT.test(sha)) throw new InputError(INPUT.sha, 'a commit SHA or ref name', sha);
  const contains = inputs.optional(INPUT.contains);
  if (contains !== undefined && !REF_TEXT.test(contains))
    throw new InputError(INPUT.contains, 'a commit SHA, tag or branch name that `sha` must contain', contains);
  if (contains !== undefined && sha === '')
    throw new InputError(INPUT.sha, 'the commit to check `contains` against (GITHUB_SHA is not set)');
  const freezeBranch =
    inputs.optional(INPUT.freezeBranch) ??
    pr?.base?.ref ??
    group?.base_ref?.replace(/^refs\/heads\//, '') ??
    ctx.payload.repository?.default_branch ??
    (ctx.env.GITHUB_REF?.replace(/^refs\/heads\//, '') || 'main');
  const settings: Settings = {
    token,
    queue: inputs.boolean(INPUT.queue, false),
    workflows,
    sameBranch: inputs.boolean(INPUT.sameBranch, false),
    environment: readEnvironment(inputs),
    zombieAgeMs: inputs.integer(INPUT.zombieAge, 600, { min: 0, max: 7 * 86_400, unit: 'seconds' }) * 1000,
    commitGate: inputs.boolean(INPUT.commitGate, false),
    sha,
    contains,
    requiredChecks: inputs.list(INPUT.requiredChecks).map((text) => ({ text })),
    window: readWindow(inputs, ctx),
    outsideWindow: inputs.oneOf(INPUT.outsideWindow, ['fail', 'wait', 'skip'] as const, 'fail'),
    overrideReason: inputs.optional(INPUT.overrideReason),
    overrideLabel: inputs.optional(INPUT.overrideLabel),
    freeze,
    freezeContext: inputs.string(INPUT.freezeContext, 'merge-freeze'),
    freezeReason: inputs.string(
      INPUT.freezeReason,
      `Merges to ${freezeBranch} are frozen while a deploy is in progress.`,
    ),
    freezeBranch,
    exemptLabel: inputs.optional(INPUT.exemptLabel),
    cancelWindowMinutes: decimal(inputs, INPUT.cancelWindow, 0, 0, 360, 'minutes'),
    abortLabel: inputs.string(INPUT.abortLabel, 'abort-deploy'),
    pollMs: Math.round(decimal(inputs, INPUT.pollInterval, 15, 0.01, 3600, 'seconds') * 1000),
    // Up to 5 days: self-hosted runners allow jobs that long (GitHub-hosted ones stop at 6 hours).
    timeoutMs: Math.round(decimal(inputs, INPUT.timeout, 3600, 0.01, 5 * 86_400, 'seconds') * 1000),
    onTimeout: inputs.oneOf(INPUT.onTimeout, ['fail', 'continue'] as const, 'fail'),
  };
  if (settings.commitGate && COMMIT_SHA.test(sha) === false && inputs.optional(INPUT.sha) === undefined) {
    throw new InputError(INPUT.sha, 'a commit SHA (GITHUB_SHA is not set)', sha);
  }
  if (settings.environment !== undefined && !settings.queue) {
    throw new InputError(
      INPUT.environment,
      'only together with `queue: true` (it limits the queue to runs deploying to the environment)',
      settings.environment,
    );
  }
  if (settings.freeze === 'sync' && !pr?.number && !group?.head_sha) {
    throw new InputError(
      INPUT.freeze,
      "'sync' only on pull_request and merge_group events (use 'on' or 'off' elsewhere)",
      'sync',
    );
  }
  const anything =
    settings.queue ||
    settings.commitGate ||
    settings.window ||
    settings.freeze ||
    settings.cancelWindowMinutes > 0 ||
    settings.contains !== undefined;
  if (!anything) {
    throw new InputError(
      INPUT.queue,
      'at least one check: queue, commit-gate, window, freeze, cancel-window or contains',
      'nothing enabled',
    );
  }
  return settings;
}
