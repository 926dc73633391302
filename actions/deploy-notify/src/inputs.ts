import { InputError, type Inputs } from '@shipshape/kit';
import {
  DEPLOY_STATUSES,
  type DeployStatus,
  type Template,
  parseMentions,
  KNOWN_PLACEHOLDERS_TEXT,
  describeUnknownPlaceholders,
  unknownPlaceholders,
  tokenSecretPieces,
  webhookSecretPieces,
} from '@shipshape/slack';

export const INPUT = {
  webhookUrl: 'webhook-url',
  webhookUrlOnFailure: 'webhook-url-on-failure',
  token: 'token',
  channel: 'channel',
  channelOnFailure: 'channel-on-failure',
  status: 'status',
  jobStatus: 'job-status',
  messageTs: 'message-ts',
  version: 'version',
  environment: 'environment',
  notes: 'notes',
  notesFile: 'notes-file',
  releaseUrl: 'release-url',
  mention: 'mention',
  mentionOnFailure: 'mention-on-failure',
  template: 'template',
  reason: 'reason',
  failOnError: 'fail-on-error',
  timeout: 'timeout',
  apiUrl: 'api-url',
  threadVersion: 'thread-version',
  githubToken: 'github-token',
  rollbackPlans: 'rollback-plans',
  since: 'since',
  sha: 'sha',
} as const;

export type Transport =
  | { kind: 'webhook'; url: string; urlOnFailure: string | undefined }
  | { kind: 'bot'; token: string; channel: string; channelOnFailure: string | undefined; apiUrl: string };

export interface Settings {
  transport: Transport;
  status: DeployStatus;
  template: Template;
  messageTs: string | undefined;
  version: string | undefined;
  environment: string;
  notes: string | undefined;
  releaseUrl: string | undefined;
  mentions: string[];
  mentionsOnFailure: string[];
  reason: string | undefined;
  failOnError: boolean;
  timeoutMs: number;
  /** `thread-version`: the version whose deploy message (of any run) this status updates, in its thread. */
  threadVersion: string | undefined;
  /** Where a failure alert's rollback plans come from; undefined when they are off or no token was given. */
  plans: PlanSource | undefined;
}

/** The GitHub side of the rollback plans: the token, and the commit range whose pull requests are quoted. */
export interface PlanSource {
  token: string;
  /** `since`: the previous release's tag (or any commit); undefined = the latest published release. */
  since: string | undefined;
  /** `sha`: the commit deployed; undefined = the run's commit (GITHUB_SHA). */
  sha: string | undefined;
}

export interface SettingsContext {
  /** Reads a workspace file for `notes-file`; undefined when it does not exist. */
  readFile: (path: string) => string | undefined;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{6,20}$/;
const MESSAGE_TS = /^\d{9,11}\.\d{6}$/;
/** Notes beyond this are not release notes; Slack would not show them anyway. */
const MAX_NOTES_CHARS = 1_000_000;

/**
 * Every value to mask before anything else runs (even before validation errors print): the webhook URLs and the token
 * as given, and the pieces that identify them on their own — a webhook's URL as parsed (tabs and newlines removed),
 * its `/services/…` path and long segments, a token's body (see @shipshape/slack/secret-pieces).
 */
export function secretInputs(inputs: Inputs): string[] {
  const values: string[] = [];
  for (const name of [INPUT.webhookUrl, INPUT.webhookUrlOnFailure]) {
    const raw = inputs.optionalRaw(name);
    const url = inputs.optional(name);
    if (raw !== undefined && raw.trim() !== '' && raw !== url) values.push(raw);
    if (url !== undefined) values.push(...webhookSecretPieces(url));
  }
  const token = inputs.optional(INPUT.token);
  if (token !== undefined) values.push(...tokenSecretPieces(token));
  const githubToken = inputs.optional(INPUT.githubToken);
  if (githubToken !== undefined) values.push(githubToken);
  return [...new Set(values)];
}

/** Job status (`${{ job.status }}`) → deploy status, for `status: auto`. */
export function statusFromJob(jobStatus: string | undefined): DeployStatus {
  switch (jobStatus?.trim().toLowerCase()) {
    case 'success':
      return 'succeeded';
    case 'failure':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      throw new InputError(
        INPUT.jobStatus,
        "the job status 'success', 'failure' or 'cancelled' (leave the default ${{ job.status }}) for `status: auto`",
        jobStatus ?? '',
      );
  }
}

export function readTemplate(inputs: Inputs): Template {
  const value = inputs.optional(INPUT.template);
  if (value === undefined || value === 'deploy') return { kind: 'deploy' };
  if (value === 'freeze') return { kind: 'freeze' };
  if (value === 'unfreeze') return { kind: 'unfreeze' };
  // A single word that is not a preset is a typo, not a message.
  if (!/\s|\{/.test(value))
    throw new InputError(
      INPUT.template,
      `'deploy', 'freeze', 'unfreeze', or the text of a custom template (Markdown with ${KNOWN_PLACEHOLDERS_TEXT})`,
      value,
    );
  const text = inputs.optionalRaw(INPUT.template) ?? value;
  // Checked here, before anything is posted, as well as when rendering: a typo would reach the channel as braces.
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0)
    throw new InputError(
      INPUT.template,
      `a custom template using only the placeholders ${KNOWN_PLACEHOLDERS_TEXT}`,
      describeUnknownPlaceholders(unknown),
    );
  return { kind: 'custom', text };
}

/** The mentions the `mention` inputs (and the CLI's `--mention` flags) accept, for help and error messages. */
export const MENTION_FORMS_TEXT = 'here, channel, <!subteam^S…>, <@U…> or a bare user/group ID';

/**
 * Slack documents three special mentions, `<!here>`, `<!channel>` and `<!everyone>` (docs.slack.dev, "Formatting
 * message text", special mentions); `<!everyone>` notifies every member of the workspace. parseMentions recognises it,
 * but this action refuses it, as its README promises: a deploy notice has no business paging a whole workspace, and a
 * misplaced variable in a workflow should fail the step rather than broadcast. `channel` and `here` reach the channel
 * the notice is posted in, which is the widest audience a deploy needs.
 */
const REFUSED_MENTION = '<!everyone>';

export function readMentions(inputs: Inputs, name: string): string[] {
  const value = inputs.optional(name);
  if (value === undefined) return [];
  const { mentions, invalid } = parseMentions(value);
  if (invalid !== undefined)
    throw new InputError(name, `mentions separated by spaces or commas: ${MENTION_FORMS_TEXT}`, invalid);
  if (mentions.includes(REFUSED_MENTION)) {
    const token = value.split(/[\s,]+/).find((t) => parseMentions(t).mentions.includes(REFUSED_MENTION));
    throw new InputError(
      name,
      `mentions separated by spaces or commas: ${MENTION_FORMS_TEXT} (everyone is refused: it would notify the whole workspace)`,
      token ?? 'everyone',
    );
  }
  return mentions;
}

/** An incoming-webhook URL input (`webhook-url`, `webhook-url-on-failure`); undefined when not given. */
function readWebhookUrl(inputs: Inputs, name: string): string | undefined {
  const webhook = inputs.optional(name);
  if (webhook === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(webhook);
  } catch {
    url = undefined;
  }
  // The URL is a secret: the error never repeats it.
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new InputError(
      name,
      'an incoming-webhook URL (https://hooks.slack.com/services/…) from a secret',
      '(a value that is not an http(s) URL, not shown)',
    );
  }
  return webhook;
}

function readTransport(inputs: Inputs): Transport {
  const webhook = readWebhookUrl(inputs, INPUT.webhookUrl);
  const webhookOnFailure = readWebhookUrl(inputs, INPUT.webhookUrlOnFailure);
  const token = inputs.optional(INPUT.token);
  if (webhook !== undefined && token !== undefined) {
    throw new InputError(INPUT.webhookUrl, 'either `webhook-url` or `token` with `channel`, not both', '(both given)');
  }
  if (webhook !== undefined) {
    if (inputs.optional(INPUT.channelOnFailure) !== undefined) {
      throw new InputError(
        INPUT.channelOnFailure,
        'a channel ID with a bot `token` only; with `webhook-url`, the failure channel is `webhook-url-on-failure` (an incoming webhook posts to one channel)',
        inputs.optional(INPUT.channelOnFailure),
      );
    }
    // The same URL twice would post the alert into the channel that already has the message.
    return { kind: 'webhook', url: webhook, urlOnFailure: webhookOnFailure === webhook ? undefined : webhookOnFailure };
  }
  if (webhookOnFailure !== undefined) {
    throw new InputError(
      INPUT.webhookUrlOnFailure,
      token === undefined
        ? 'a `webhook-url` too (it is where every status goes; the failure webhook only gets the alerts)'
        : 'nothing with a bot `token`: use `channel-on-failure` with a channel ID',
      '(a webhook URL, not shown)',
    );
  }
  if (token === undefined)
    throw new InputError(INPUT.webhookUrl, 'an incoming-webhook URL, or a bot `token` (xoxb-…) and a `channel` ID');
  if (!/^xox[a-z]-[\w-]+$/.test(token))
    throw new InputError(
      INPUT.token,
      'a Slack bot token (xoxb-…) from a secret',
      '(a value that is not a Slack token, not shown)',
    );
  const channel = inputs.required(
    INPUT.channel,
    'a channel ID (C…, found under the channel name → About) when `token` is used',
  );
  if (!CHANNEL_ID.test(channel))
    throw new InputError(
      INPUT.channel,
      'a channel ID such as C0123456789 (not a #name: editing a message needs the ID)',
      channel,
    );
  const channelOnFailure = inputs.optional(INPUT.channelOnFailure);
  if (channelOnFailure !== undefined && !CHANNEL_ID.test(channelOnFailure))
    throw new InputError(INPUT.channelOnFailure, 'a channel ID such as C0123456789', channelOnFailure);
  const apiUrl = inputs.string(INPUT.apiUrl, 'https://slack.com/api/');
  if (!/^https?:\/\/[^\s]+$/.test(apiUrl))
    throw new InputError(INPUT.apiUrl, 'the Web API base URL (https://slack.com/api/)', apiUrl);
  return { kind: 'bot', token, channel, channelOnFailure, apiUrl };
}

function readNotes(inputs: Inputs, ctx: SettingsContext): string | undefined {
  const text = inputs.optionalRaw(INPUT.notes);
  const file = inputs.optional(INPUT.notesFile);
  if (text !== undefined && file !== undefined)
    throw new InputError(INPUT.notesFile, 'either `notes` or `notes-file`, not both', file);
  let notes = text;
  if (file !== undefined) {
    notes = ctx.readFile(file);
    if (notes === undefined)
      throw new InputError(INPUT.notesFile, 'the path of a Markdown file in the workspace', file);
  }
  if (notes !== undefined && notes.length > MAX_NOTES_CHARS) {
    throw new InputError(
      file !== undefined ? INPUT.notesFile : INPUT.notes,
      `release notes of at most ${MAX_NOTES_CHARS} characters`,
      `${notes.length} characters`,
    );
  }
  return notes;
}

/** A git ref or commit as the compare API takes it: a sha, a tag or a branch name (no spaces, no `..`). */
const GIT_REF = /^(?!.*\.\.)(?!\/)[\w./@+-]{1,250}$/;

function readRef(inputs: Inputs, name: string, expected: string): string | undefined {
  const value = inputs.optional(name);
  if (value !== undefined && !GIT_REF.test(value)) throw new InputError(name, expected, value);
  return value;
}

/** `rollback-plans: auto` quotes them when `github-token` is set (its default is the job's token); `false` never. */
function readPlanSource(inputs: Inputs): PlanSource | undefined {
  const mode = inputs.oneOf(INPUT.rollbackPlans, ['auto', 'false'] as const, 'auto');
  const since = readRef(inputs, INPUT.since, "the previous release's tag (e.g. v1.3.0) or a commit sha");
  const sha = readRef(inputs, INPUT.sha, 'the deployed commit: a sha, a tag or a branch');
  const token = inputs.optional(INPUT.githubToken);
  if (mode === 'false' || token === undefined) return undefined;
  return { token, since, sha };
}

function readThreadVersion(inputs: Inputs, transport: Transport, template: Template): string | undefined {
  const version = inputs.optional(INPUT.threadVersion);
  if (version === undefined) return undefined;
  if (transport.kind !== 'bot')
    throw new InputError(
      INPUT.threadVersion,
      'a bot `token` and `channel` with it (an incoming webhook cannot find or edit a message)',
      version,
    );
  if (template.kind === 'freeze' || template.kind === 'unfreeze')
    throw new InputError(INPUT.threadVersion, 'the deploy template or a custom one (not freeze or unfreeze)', version);
  return version;
}

export function readSettings(inputs: Inputs, ctx: SettingsContext): Settings {
  const transport = readTransport(inputs);
  const statusText = inputs.oneOf(INPUT.status, [...DEPLOY_STATUSES, 'auto'] as const, 'auto');
  const status = statusText === 'auto' ? statusFromJob(inputs.optional(INPUT.jobStatus)) : statusText;
  const messageTs = inputs.optional(INPUT.messageTs);
  if (messageTs !== undefined && !MESSAGE_TS.test(messageTs)) {
    throw new InputError(
      INPUT.messageTs,
      'a Slack message timestamp such as 1712345678.123456 (the `message-ts` output of the step that posted it)',
      messageTs,
    );
  }
  const releaseUrl = inputs.optional(INPUT.releaseUrl);
  if (releaseUrl !== undefined && !/^https?:\/\/\S+$/.test(releaseUrl))
    throw new InputError(INPUT.releaseUrl, 'an http(s) URL', releaseUrl);
  const template = readTemplate(inputs);
  return {
    transport,
    status,
    template,
    messageTs,
    version: inputs.optional(INPUT.version),
    environment: inputs.string(INPUT.environment, 'production'),
    notes: readNotes(inputs, ctx),
    releaseUrl,
    mentions: readMentions(inputs, INPUT.mention),
    mentionsOnFailure: readMentions(inputs, INPUT.mentionOnFailure),
    reason: inputs.optional(INPUT.reason),
    failOnError: inputs.boolean(INPUT.failOnError, false),
    timeoutMs: inputs.integer(INPUT.timeout, 30, { min: 1, max: 600, unit: 'seconds' }) * 1000,
    threadVersion: readThreadVersion(inputs, transport, template),
    plans: readPlanSource(inputs),
  };
}

/**
 * A time (ms) no later than the start of this workflow run, from the event that triggered it: the run was created for
 * that event, so the event's own server-set time precedes it, and a re-run keeps the same event. Only timestamps
 * GitHub sets are read (`repository.pushed_at` of a push, a release's `published_at`, a pull request's `updated_at`,
 * a deployment's or the triggering workflow run's `created_at`), never a commit's, which its author chooses — nor a
 * release's `created_at`, which GitHub documents as the date of its commit, not of the release. undefined
 * when the event carries none (workflow_dispatch, schedule): the history search then goes back its default span.
 */
export function runStartLowerBoundMs(payload: unknown): number | undefined {
  if (payload === null || typeof payload !== 'object') return undefined;
  const event = payload as Record<string, unknown>;
  const field = (object: unknown, key: string): unknown =>
    object !== null && typeof object === 'object' ? (object as Record<string, unknown>)[key] : undefined;
  const candidates: unknown[] = [
    field(event.workflow_run, 'created_at'),
    field(event.deployment, 'created_at'),
    field(event.release, 'published_at'),
    field(event.pull_request, 'updated_at'),
    field(event.repository, 'pushed_at'),
  ];
  for (const value of candidates) {
    // pushed_at is epoch seconds in push events and an ISO date elsewhere.
    const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isFinite(ms) && ms > 0) return ms;
  }
  return undefined;
}
