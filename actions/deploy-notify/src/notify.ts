import type { Clock, Logger } from '@shipshape/kit';
import { messageOf } from '@shipshape/kit';
// Subpath imports: the package index also exports the Markdown renderer, which run.ts loads only on demand.
import type { Block, SlackMessage } from '@shipshape/slack';
import {
  metadataMatches,
  postedBy,
  type BotIdentity,
  type HistoryOptions,
  type HistoryPage,
  type ListedMessage,
  type PostedMessage,
  buildMainMessage,
  buildNotesReplies,
  buildOutcomeReply,
  buildUnfreezeReply,
  buildWebhookMessage,
  deployMetadata,
  isFailure,
  METADATA_EVENT,
  type DeployContext,
  type DeployMetadataKey,
  type RollbackPlans,
} from '@shipshape/slack';

/** The Web API calls the notifier makes (SlackBot implements it; unit tests pass an in-memory fake). */
export interface BotPort {
  post(
    channel: string,
    message: SlackMessage,
    extra?: { threadTs?: string; broadcast?: boolean },
    findExisting?: () => Promise<string | undefined>,
  ): Promise<PostedMessage>;
  update(channel: string, ts: string, message: SlackMessage): Promise<void>;
  permalink(channel: string, ts: string): Promise<string | undefined>;
  history(channel: string, options?: HistoryOptions): Promise<HistoryPage>;
  replies(channel: string, ts: string): Promise<ListedMessage[]>;
  /** Who the token is (auth.test): `thread-version` adopts only a message this bot posted. */
  identity(): Promise<BotIdentity>;
}

export type WebhookPort = (message: SlackMessage) => Promise<void>;

export interface NotifyRequest {
  /** Status, template, environment, version, links, actor, reason; mentions and elapsed time are decided here. */
  ctx: DeployContext;
  /** The release notes, rendered by notesBlocks (@shipshape/slack/notes). */
  notes: readonly Block[] | undefined;
  mentions: readonly string[];
  mentionsOnFailure: readonly string[];
  /** The `message-ts` input: the message this deploy (or freeze) posted earlier. */
  messageTs: string | undefined;
  key: DeployMetadataKey;
  runAttempt: string;
  /**
   * When the workflow run started (ms), if the caller knows it: the message of any attempt of this run was posted
   * after it, so the history search stops there. Unknown: the search goes back LOOKBACK_MS.
   */
  runStartedMs?: number;
  /**
   * `thread-version`: without `message-ts`, the status goes to the newest deploy message of this version (any run of
   * this repository and environment, VERSION_LOOKBACK_MS back) and its thread.
   */
  threadVersion?: string;
  /** The shipped pull requests' rollback plans, for a failure alert. */
  plans?: RollbackPlans;
}

export interface NotifyDeps {
  clock: Clock;
  log: Logger;
}

export interface NotifyOutcome {
  channel?: string;
  messageTs?: string;
  permalink?: string;
  /** The main message as sent (the job summary previews it). */
  message: SlackMessage;
  /** When the main message was posted or updated (ISO 8601). */
  postedAt: string;
  /** What was done, one line each, for the log and the summary. */
  actions: string[];
  /** Later steps that failed after the main message was delivered (notes, replies, permalink). */
  problems: string[];
}

/** Who a post pings: failures ping `mention-on-failure` when given (else `mention`); other outcomes ping `mention`. */
export function mentionsFor(request: Pick<NotifyRequest, 'ctx' | 'mentions' | 'mentionsOnFailure'>): readonly string[] {
  return alertsOnFailure(request) && request.mentionsOnFailure.length > 0
    ? request.mentionsOnFailure
    : request.mentions;
}

/**
 * A Slack ts is the posting time in seconds: the started message's ts gives the elapsed time without any stored state.
 */
export const tsToMs = (ts: string): number => Math.round(Number(ts) * 1000);

const LOOKBACK_MS = 30 * 86_400_000;
/** Messages per history page: Slack answers at most this many (fewer for non-Marketplace apps, which get 15). */
const HISTORY_PAGE = 200;
/** Pages read at most: 2,000 messages since the run started; a channel busier than that is searched no further. */
const HISTORY_PAGES = 10;
/**
 * `thread-version` looks further back than a re-run's lookup, since the release it names may be days old: 30 days,
 * at most 25 pages (5,000 messages at 200 a page; the README states both).
 */
export const VERSION_LOOKBACK_MS = 30 * 86_400_000;
export const VERSION_HISTORY_PAGES = 25;
/** Slack ts of a time in ms, for `oldest`; a few minutes earlier than the run's start, for clock skew. */
const oldestTs = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(6);
const SKEW_MS = 5 * 60_000;

interface HistorySearch {
  /** Oldest time searched (ms). */
  sinceMs: number;
  pages: number;
  /** What is looked for, for the warnings: "an earlier message of this run". */
  what: string;
  /** What a miss costs, for the warnings: "a re-run may post a second message". */
  missCost: string;
}

/**
 * The newest top-level message in `channel` that `matches`: reads conversations.history page by page (cursor
 * pagination), newest first, back to `sinceMs`, at most `pages` pages. A failed lookup (e.g. the app lacks
 * channels:history, or the history is rate-limited as for non-Marketplace apps) is a warning and means "not found".
 */
async function searchHistory(
  bot: BotPort,
  channel: string,
  matches: (message: ListedMessage) => boolean,
  search: HistorySearch,
  deps: NotifyDeps,
): Promise<ListedMessage | undefined> {
  let cursor: string | undefined;
  let read = 0;
  try {
    for (let page = 0; page < search.pages; page++) {
      const result = await bot.history(channel, {
        oldestTs: oldestTs(search.sinceMs),
        limit: HISTORY_PAGE,
        ...(cursor !== undefined ? { cursor } : {}),
      });
      read += result.messages.length;
      const found = result.messages.find(matches);
      if (found !== undefined) return found;
      if (result.nextCursor === undefined) return undefined;
      cursor = result.nextCursor;
    }
  } catch (error) {
    deps.log.warning(`Could not look for ${search.what} in ${channel} (${messageOf(error)}); ${search.missCost}.`);
    return undefined;
  }
  deps.log.warning(
    `Looked for ${search.what} in the ${read} newest messages of ${channel} and stopped (${search.pages} pages); ${search.missCost}.`,
  );
  return undefined;
}

/**
 * The newest message in `channel` whose metadata matches: how a re-run finds the message its first attempt
 * posted. Back to the run's start (or LOOKBACK_MS), at most HISTORY_PAGES pages.
 */
async function findInHistory(
  bot: BotPort,
  channel: string,
  event: string,
  match: Record<string, string>,
  deps: NotifyDeps,
  runStartedMs?: number,
): Promise<string | undefined> {
  const sinceMs = runStartedMs !== undefined ? runStartedMs - SKEW_MS : deps.clock.now() - LOOKBACK_MS;
  const found = await searchHistory(
    bot,
    channel,
    (m) => metadataMatches(m, event, match),
    {
      sinceMs,
      pages: HISTORY_PAGES,
      what: 'an earlier message of this run',
      missCost: 'a re-run may post a second message',
    },
    deps,
  );
  return found?.ts;
}

/** `1.2.3` and `v1.2.3` name the same release. */
const sameVersion = (a: string, b: string): boolean =>
  a.trim().replace(/^v(?=\d)/, '') === b.trim().replace(/^v(?=\d)/, '');

/** Which posters `thread-version` may adopt a message of: this bot's, or anyone's when Slack did not say who it is. */
type OwnMessage = (message: ListedMessage) => boolean;

/**
 * Asks Slack once who this bot is (auth.test), for `thread-version`: metadata anyone can write, so a message of
 * another app with matching metadata must not be taken for this bot's. When Slack cannot say, a warning, and any
 * poster is accepted (as before the check).
 */
async function ownMessages(bot: BotPort, version: string, deps: NotifyDeps): Promise<OwnMessage> {
  const anyone = (reason: string): OwnMessage => {
    deps.log.warning(
      `Could not tell which messages this bot posted (${reason}); thread-version takes the deploy message of ` +
        `${version} whoever posted it.`,
    );
    return () => true;
  };
  let me: BotIdentity;
  try {
    me = await bot.identity();
  } catch (error) {
    return anyone(`auth.test: ${messageOf(error)}`);
  }
  if (me.botId === undefined && me.appId === undefined) return anyone('auth.test named no bot_id: not a bot token?');
  return (message) => postedBy(message, me);
}

/**
 * The deploy message of `version` (any run of this repository and environment), posted by this bot: what
 * `thread-version` finds. A match another app posted is skipped, with a warning.
 */
async function findVersionMessage(
  bot: BotPort,
  channel: string,
  request: NotifyRequest,
  version: string,
  own: () => Promise<OwnMessage>,
  deps: NotifyDeps,
): Promise<ListedMessage | undefined> {
  const { repository, environment } = request.key;
  const isOwn = await own();
  const matches = (m: ListedMessage): boolean => {
    if (!metadataMatches(m, METADATA_EVENT.deploy, { repository, environment })) return false;
    const payload = m.metadata?.event_payload ?? {};
    if (typeof payload.version !== 'string' || !sameVersion(payload.version, version)) return false;
    if (isOwn(m)) return true;
    deps.log.warning(
      `Skipped message ${m.ts} in ${channel}: its metadata names the deploy of ${version}, but another app posted it.`,
    );
    return false;
  };
  return searchHistory(
    bot,
    channel,
    matches,
    {
      sinceMs: deps.clock.now() - VERSION_LOOKBACK_MS,
      pages: VERSION_HISTORY_PAGES,
      what: `the deploy message of ${version}`,
      missCost: 'a new message is posted instead',
    },
    deps,
  );
}

/** Whether the thread of `ts` already has a reply with this metadata; undefined when the thread could not be read. */
async function threadHas(
  bot: BotPort,
  channel: string,
  ts: string,
  event: string,
  match: Record<string, string>,
  deps: NotifyDeps,
): Promise<boolean | undefined> {
  try {
    const messages = await bot.replies(channel, ts);
    return messages.some((m) => m.ts !== ts && metadataMatches(m, event, match));
  } catch (error) {
    deps.log.warning(`Could not read the thread of ${ts} (${messageOf(error)}).`);
    return undefined;
  }
}

async function findReply(
  bot: BotPort,
  channel: string,
  ts: string,
  event: string,
  match: Record<string, string>,
): Promise<string | undefined> {
  const messages = await bot.replies(channel, ts);
  return messages.find((m) => m.ts !== ts && metadataMatches(m, event, match))?.ts;
}

class Progress {
  readonly actions: string[] = [];
  readonly problems: string[] = [];
  constructor(private readonly deps: NotifyDeps) {}
  did(line: string): void {
    this.actions.push(line);
    this.deps.log.info(line);
  }
  /** Runs a step after the main message was delivered: its failure is recorded, not thrown. */
  async step(what: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (error) {
      this.problems.push(`${what}: ${messageOf(error)}`);
    }
  }
}

/**
 * Posts the notes into the thread of `ts`, once: reply n carries metadata part n, so a re-run or retry skips what is
 * there.
 */
async function threadNotes(
  bot: BotPort,
  channel: string,
  ts: string,
  request: NotifyRequest,
  fresh: boolean,
  progress: Progress,
  deps: NotifyDeps,
): Promise<void> {
  const notes = request.notes;
  if (notes === undefined || notes.length === 0) return;
  const replies = buildNotesReplies(request.ctx, notes);
  if (replies.length === 0) return;
  let existing: ListedMessage[] = [];
  if (!fresh) {
    try {
      existing = await bot.replies(channel, ts);
    } catch (error) {
      progress.problems.push(
        `release notes not posted: could not read the thread to check whether an earlier step posted them (${messageOf(error)})`,
      );
      return;
    }
  }
  let posted = 0;
  for (const [index, reply] of replies.entries()) {
    const match = { part: String(index + 1) };
    if (existing.some((m) => m.ts !== ts && metadataMatches(m, METADATA_EVENT.notes, match))) continue;
    const message: SlackMessage = {
      ...reply,
      metadata: deployMetadata(METADATA_EVENT.notes, request.key, { part: index + 1, parts: replies.length }),
    };
    await bot.post(channel, message, { threadTs: ts }, () => findReply(bot, channel, ts, METADATA_EVENT.notes, match));
    posted++;
  }
  if (posted > 0) progress.did(`Posted the release notes in the thread (${posted} repl${posted === 1 ? 'y' : 'ies'}).`);
  else deps.log.info('The release notes are already in the thread.');
}

/** Where a deploy status goes: the message given, found by version, found as this run's, or none (post one). */
interface DeployTarget {
  ts: string | undefined;
  /** Another run's message (found by `thread-version`): its run id stays in its metadata, and no elapsed time. */
  otherRun?: { runId: string; version: string | undefined };
}

async function deployTarget(
  bot: BotPort,
  channel: string,
  request: NotifyRequest,
  own: () => Promise<OwnMessage>,
  deps: NotifyDeps,
): Promise<DeployTarget> {
  if (request.messageTs !== undefined) return { ts: request.messageTs };
  const runMatch = {
    repository: request.key.repository,
    run_id: request.key.runId,
    environment: request.key.environment,
  };
  if (request.threadVersion !== undefined) {
    const found = await findVersionMessage(bot, channel, request, request.threadVersion, own, deps);
    if (found !== undefined) {
      const payload = found.metadata?.event_payload ?? {};
      deps.log.info(`Found the deploy message of ${request.threadVersion} (${found.ts}); updating it and its thread.`);
      return {
        ts: found.ts,
        otherRun: {
          runId: String(payload.run_id ?? request.key.runId),
          version: typeof payload.version === 'string' && payload.version !== '' ? payload.version : undefined,
        },
      };
    }
    // A re-run of this step finds the message it posted, by the same version.
    deps.log.warning(
      `No deploy message of ${request.threadVersion} for ${request.key.environment} in ${channel} in the last ` +
        `${VERSION_LOOKBACK_MS / 86_400_000} days: posting a new message.`,
    );
    return { ts: undefined };
  }
  const ts = await findInHistory(bot, channel, METADATA_EVENT.deploy, runMatch, deps, request.runStartedMs);
  if (ts !== undefined)
    deps.log.info(`Found this run's deploy message (${ts}); editing it instead of posting another.`);
  return { ts };
}

const isoTime = (deps: NotifyDeps): string => new Date(deps.clock.now()).toISOString();

/** One message per deploy, with a bot token: post on the first call, edit it on later ones. */
export async function notifyDeployWithBot(
  bot: BotPort,
  channel: string,
  channelOnFailure: string | undefined,
  request: NotifyRequest,
  deps: NotifyDeps,
): Promise<NotifyOutcome> {
  const progress = new Progress(deps);
  const { status } = request.ctx;
  const mentions = mentionsFor(request);
  const runMatch = {
    repository: request.key.repository,
    run_id: request.key.runId,
    environment: request.key.environment,
  };
  // auth.test is asked at most once a run, and only by thread-version (the lookup before a retry reuses the answer).
  let identity: Promise<OwnMessage> | undefined;
  const own = (): Promise<OwnMessage> => (identity ??= ownMessages(bot, request.threadVersion ?? '', deps));
  const found = await deployTarget(bot, channel, request, own, deps);
  let target = found.ts;
  const elapsedMs =
    target !== undefined && status !== 'started' && found.otherRun === undefined
      ? Math.max(0, deps.clock.now() - tsToMs(target))
      : undefined;
  const ctx: DeployContext = {
    ...request.ctx,
    version: request.ctx.version ?? found.otherRun?.version,
    elapsedMs,
  };
  // The message keeps the run that posted it, so that run's own lookups (a re-run) still find it.
  const messageKey = found.otherRun === undefined ? request.key : { ...request.key, runId: found.otherRun.runId };
  const metadata = deployMetadata(METADATA_EVENT.deploy, messageKey, { status, version: ctx.version ?? '' });
  let message: SlackMessage;
  let fresh = false;
  if (target !== undefined) {
    // An edit notifies nobody, so mentions go into a thread reply instead of the edited message.
    message = { ...buildMainMessage(ctx, { mentions: [] }), metadata };
    await bot.update(channel, target, message);
    progress.did(`Updated the deploy message ${target} in ${channel}: ${status}.`);
  } else {
    // Posted fresh, the message is the alert itself: it carries the rollback plans.
    message = { ...buildMainMessage(ctx, { mentions, plans: request.plans }), metadata };
    const retryLookup =
      request.threadVersion !== undefined
        ? async () => (await findVersionMessage(bot, channel, request, request.threadVersion ?? '', own, deps))?.ts
        : () => findInHistory(bot, channel, METADATA_EVENT.deploy, runMatch, deps, request.runStartedMs);
    const posted = await bot.post(channel, message, {}, retryLookup);
    target = posted.ts;
    fresh = true;
    progress.did(`Posted the deploy message ${target} in ${channel}: ${status}.`);
  }
  const postedAt = isoTime(deps);
  const ts = target;
  await progress.step('release notes', () => threadNotes(bot, channel, ts, { ...request, ctx }, fresh, progress, deps));
  let permalink: string | undefined;
  await progress.step('permalink', async () => {
    permalink = await bot.permalink(channel, ts);
  });
  const failure = isFailure(status);
  if (!fresh && status !== 'started' && (failure || mentions.length > 0)) {
    await progress.step(failure ? 'failure alert' : 'outcome reply', async () => {
      // Once per run and status; a new attempt of the run alerts again, except in another run's thread
      // (thread-version), where a re-run of the step adds nothing.
      const match: Record<string, string> = { kind: 'outcome', status, run_id: request.key.runId };
      if (found.otherRun === undefined) match.run_attempt = request.runAttempt;
      const already = await threadHas(bot, channel, ts, METADATA_EVENT.reply, match, deps);
      if (already === true) {
        deps.log.info(`The ${status} reply is already in the thread.`);
        return;
      }
      const reply: SlackMessage = {
        ...buildOutcomeReply(ctx, mentions, undefined, request.plans),
        metadata: deployMetadata(METADATA_EVENT.reply, request.key, match),
      };
      await bot.post(channel, reply, { threadTs: ts, broadcast: failure }, () =>
        findReply(bot, channel, ts, METADATA_EVENT.reply, match),
      );
      progress.did(
        failure
          ? `Broadcast the ${status} alert to ${channel} from the thread.`
          : `Replied in the thread with the ${status} outcome.`,
      );
    });
  }
  if (failure && channelOnFailure !== undefined && channelOnFailure !== channel) {
    await progress.step(`alert in ${channelOnFailure}`, async () => {
      const match: Record<string, string> = { kind: 'alert', status, run_id: request.key.runId };
      if (found.otherRun === undefined) match.run_attempt = request.runAttempt;
      const posted = await findInHistory(
        bot,
        channelOnFailure,
        METADATA_EVENT.reply,
        match,
        deps,
        request.runStartedMs,
      );
      if (posted !== undefined) return;
      const alert: SlackMessage = {
        ...buildOutcomeReply(ctx, mentions, permalink, request.plans),
        metadata: deployMetadata(METADATA_EVENT.reply, request.key, match),
      };
      await bot.post(channelOnFailure, alert, {}, () =>
        findInHistory(bot, channelOnFailure, METADATA_EVENT.reply, match, deps, request.runStartedMs),
      );
      progress.did(`Posted the ${status} alert in ${channelOnFailure}.`);
    });
  }
  return {
    channel,
    messageTs: ts,
    permalink,
    message,
    postedAt,
    actions: progress.actions,
    problems: progress.problems,
  };
}

/** `template: freeze` with a bot token: one freeze message per run (a re-run edits it). */
export async function freezeWithBot(
  bot: BotPort,
  channel: string,
  request: NotifyRequest,
  deps: NotifyDeps,
): Promise<NotifyOutcome> {
  const progress = new Progress(deps);
  const runMatch = {
    repository: request.key.repository,
    run_id: request.key.runId,
    environment: request.key.environment,
  };
  const metadata = deployMetadata(METADATA_EVENT.freeze, request.key, { state: 'on' });
  let target =
    request.messageTs ??
    (await findInHistory(bot, channel, METADATA_EVENT.freeze, runMatch, deps, request.runStartedMs));
  let message: SlackMessage;
  if (target !== undefined) {
    message = { ...buildMainMessage(request.ctx, { mentions: [] }), metadata };
    await bot.update(channel, target, message);
    progress.did(`Updated the freeze message ${target} in ${channel}.`);
  } else {
    message = { ...buildMainMessage(request.ctx, { mentions: request.mentions }), metadata };
    target = (
      await bot.post(channel, message, {}, () =>
        findInHistory(bot, channel, METADATA_EVENT.freeze, runMatch, deps, request.runStartedMs),
      )
    ).ts;
    progress.did(`Posted the freeze message ${target} in ${channel}.`);
  }
  const postedAt = isoTime(deps);
  const ts = target;
  let permalink: string | undefined;
  await progress.step('permalink', async () => {
    permalink = await bot.permalink(channel, ts);
  });
  return {
    channel,
    messageTs: ts,
    permalink,
    message,
    postedAt,
    actions: progress.actions,
    problems: progress.problems,
  };
}

/**
 * `template: unfreeze` with a bot token: edits the freeze message (from `message-ts`, or the newest freeze of
 * this repository and environment still on) and broadcasts "resume merging" from its thread.
 */
export async function unfreezeWithBot(
  bot: BotPort,
  channel: string,
  request: NotifyRequest,
  deps: NotifyDeps,
): Promise<NotifyOutcome> {
  const progress = new Progress(deps);
  const target =
    request.messageTs ??
    (await findInHistory(
      bot,
      channel,
      METADATA_EVENT.freeze,
      { repository: request.key.repository, environment: request.key.environment, state: 'on' },
      deps,
    ));
  if (target === undefined) {
    const message: SlackMessage = {
      ...buildMainMessage(request.ctx, { mentions: request.mentions }),
      metadata: deployMetadata(METADATA_EVENT.freeze, request.key, { state: 'lifted' }),
    };
    const posted = await bot.post(channel, message);
    const postedAt = isoTime(deps);
    progress.did(`No freeze message found: posted the unfreeze message ${posted.ts} in ${channel}.`);
    let permalink: string | undefined;
    await progress.step('permalink', async () => {
      permalink = await bot.permalink(channel, posted.ts);
    });
    return {
      channel,
      messageTs: posted.ts,
      permalink,
      message,
      postedAt,
      actions: progress.actions,
      problems: progress.problems,
    };
  }
  const message: SlackMessage = {
    ...buildMainMessage(request.ctx, { mentions: [] }),
    metadata: deployMetadata(METADATA_EVENT.freeze, request.key, { state: 'lifted' }),
  };
  await bot.update(channel, target, message);
  const postedAt = isoTime(deps);
  progress.did(`Marked the freeze message ${target} in ${channel} as lifted.`);
  await progress.step('unfreeze reply', async () => {
    const match = { kind: 'unfreeze' };
    const already = await threadHas(bot, channel, target, METADATA_EVENT.reply, match, deps);
    if (already === true) {
      deps.log.info('The "resume merging" reply is already in the thread.');
      return;
    }
    const reply: SlackMessage = {
      ...buildUnfreezeReply(request.ctx, request.mentions),
      metadata: deployMetadata(METADATA_EVENT.reply, request.key, match),
    };
    await bot.post(channel, reply, { threadTs: target, broadcast: true }, () =>
      findReply(bot, channel, target, METADATA_EVENT.reply, match),
    );
    progress.did('Broadcast "you may resume merging" from the freeze thread.');
  });
  let permalink: string | undefined;
  await progress.step('permalink', async () => {
    permalink = await bot.permalink(channel, target);
  });
  return {
    channel,
    messageTs: target,
    permalink,
    message,
    postedAt,
    actions: progress.actions,
    problems: progress.problems,
  };
}

/** The whole message for an incoming webhook: no edits, no threads, so every call is a new message. */
export function webhookMessage(request: NotifyRequest): SlackMessage {
  const mentions = mentionsFor(request);
  if (request.ctx.template.kind === 'freeze' || request.ctx.template.kind === 'unfreeze')
    return buildMainMessage(request.ctx, { mentions });
  return buildWebhookMessage(request.ctx, request.notes, { mentions, plans: request.plans });
}

/**
 * Whether this post also alerts the failure destination: failures of a deploy (or custom) message, as
 * `channel-on-failure` decides.
 */
export function alertsOnFailure(request: Pick<NotifyRequest, 'ctx'>): boolean {
  const { template, status } = request.ctx;
  return (template.kind === 'deploy' || template.kind === 'custom') && isFailure(status);
}

/**
 * With incoming webhooks: the message goes to `post`; a failure also goes, as an alert, to `postOnFailure` (the
 * `webhook-url-on-failure` input: a webhook is bound to one channel, so the failure channel has its own URL).
 * The alert is a later step: if it fails, the main message still counts as delivered and the failure is a problem.
 */
export async function notifyWithWebhook(
  post: WebhookPort,
  request: NotifyRequest,
  deps: NotifyDeps,
  postOnFailure?: WebhookPort,
): Promise<NotifyOutcome> {
  const progress = new Progress(deps);
  const message = webhookMessage(request);
  await post(message);
  const postedAt = isoTime(deps);
  deps.log.info(
    `Posted the ${request.ctx.template.kind === 'deploy' ? request.ctx.status : request.ctx.template.kind} message through the incoming webhook.`,
  );
  progress.actions.push('Posted through the incoming webhook.');
  if (postOnFailure !== undefined && alertsOnFailure(request)) {
    const { status } = request.ctx;
    await progress.step('alert through the failure webhook', async () => {
      await postOnFailure(buildOutcomeReply(request.ctx, mentionsFor(request), undefined, request.plans));
      progress.did(`Posted the ${status} alert through the failure webhook.`);
    });
  }
  return { message, postedAt, actions: progress.actions, problems: progress.problems };
}
