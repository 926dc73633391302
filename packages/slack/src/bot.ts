import type { MessageMetadata, SlackMessage } from './blocks';
import { callWebApi, type ApiResult, type WebApiOptions } from './client';

/** A message as conversations.history / conversations.replies list it (the fields shipshape reads). */
export interface ListedMessage {
  ts: string;
  thread_ts?: string;
  text: string;
  metadata?: MessageMetadata;
  /** The bot and the app that posted it, when an app did (conversations.history lists both). */
  bot_id?: string;
  app_id?: string;
}

/**
 * Who the token is: auth.test answers `user_id`, and for a bot token also `bot_id` (and `app_id`)
 * (https://docs.slack.dev/reference/methods/auth.test; the SDK's AuthTestResponse types `bot_id`, `app_id`:
 * https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/type-aliases/AuthTestResponse).
 */
export interface BotIdentity {
  userId?: string;
  botId?: string;
  appId?: string;
}

export interface HistoryOptions {
  /** Only messages after this ts (Slack's `oldest`). */
  oldestTs?: string;
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface HistoryPage {
  messages: ListedMessage[];
  /** Where the next page starts; undefined on the last page. */
  nextCursor?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
}

function listed(value: unknown): ListedMessage[] {
  if (!Array.isArray(value)) return [];
  const out: ListedMessage[] = [];
  for (const item of value as unknown[]) {
    if (item === null || typeof item !== 'object') continue;
    const m = item as Record<string, unknown>;
    if (typeof m.ts !== 'string') continue;
    const message: ListedMessage = { ts: m.ts, text: typeof m.text === 'string' ? m.text : '' };
    if (typeof m.thread_ts === 'string') message.thread_ts = m.thread_ts;
    if (typeof m.bot_id === 'string' && m.bot_id !== '') message.bot_id = m.bot_id;
    if (typeof m.app_id === 'string' && m.app_id !== '') message.app_id = m.app_id;
    const meta = m.metadata as Record<string, unknown> | undefined;
    if (
      meta &&
      typeof meta.event_type === 'string' &&
      meta.event_payload !== null &&
      typeof meta.event_payload === 'object'
    ) {
      message.metadata = {
        event_type: meta.event_type,
        event_payload: meta.event_payload as MessageMetadata['event_payload'],
      };
    }
    out.push(message);
  }
  return out;
}

/** True when `message` carries metadata of `event` whose payload has every key/value of `match`. */
export function metadataMatches(
  message: ListedMessage,
  event: string,
  match: Record<string, string | number | boolean>,
): boolean {
  const meta = message.metadata;
  if (!meta || meta.event_type !== event) return false;
  return Object.entries(match).every(([k, v]) => String(meta.event_payload[k]) === String(v));
}

/** Pages of a thread read at most (2,000 replies at 200 a page). */
const REPLY_PAGES = 10;

/** True when an app posted `message` as `me`: the same bot, or the same app. */
export function postedBy(message: ListedMessage, me: BotIdentity): boolean {
  if (message.bot_id !== undefined && message.bot_id === me.botId) return true;
  return message.app_id !== undefined && message.app_id === me.appId;
}

/**
 * The bot-token half of delivery: the Web API methods shipshape calls, over callWebApi's bounded
 * retries. Scopes: chat:write; channels:history (groups:history for private channels) for the lookups that
 * keep re-runs from posting twice.
 */
export class SlackBot {
  constructor(private readonly options: WebApiOptions) {}

  /** Posts a message (or a thread reply). `findExisting` runs before a retry that might duplicate the post. */
  async post(
    channel: string,
    message: SlackMessage,
    extra: { threadTs?: string; broadcast?: boolean } = {},
    findExisting?: () => Promise<string | undefined>,
  ): Promise<PostedMessage> {
    const body: Record<string, unknown> = { channel, ...message };
    if (extra.threadTs !== undefined) body.thread_ts = extra.threadTs;
    if (extra.broadcast) body.reply_broadcast = true;
    const lookup = findExisting
      ? async (): Promise<ApiResult | undefined> => {
          const ts = await findExisting();
          return ts === undefined ? undefined : { ok: true, channel, ts };
        }
      : undefined;
    const result = await callWebApi('chat.postMessage', body, this.options, lookup);
    return { channel: typeof result.channel === 'string' ? result.channel : channel, ts: String(result.ts) };
  }

  /**
   * Replaces a message's text, blocks and metadata. Editing twice to the same content is harmless, so retries are safe.
   */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    const { unfurl_links: _links, unfurl_media: _media, ...rest } = message;
    await callWebApi('chat.update', { channel, ts, ...rest }, this.options);
  }

  /** Who this token is (auth.test; no scope needed). */
  async identity(): Promise<BotIdentity> {
    const result = await callWebApi('auth.test', {}, this.options);
    const out: BotIdentity = {};
    if (typeof result.user_id === 'string' && result.user_id !== '') out.userId = result.user_id;
    if (typeof result.bot_id === 'string' && result.bot_id !== '') out.botId = result.bot_id;
    if (typeof result.app_id === 'string' && result.app_id !== '') out.appId = result.app_id;
    return out;
  }

  async permalink(channel: string, ts: string): Promise<string | undefined> {
    const result = await callWebApi('chat.getPermalink', { channel, message_ts: ts }, this.options);
    return typeof result.permalink === 'string' ? result.permalink : undefined;
  }

  /**
   * One page of top-level messages with their metadata, newest first, and the cursor of the next page (undefined on
   * the last). Slack pages with `cursor` / `response_metadata.next_cursor` (https://docs.slack.dev/apis/web-api/pagination)
   * and may answer fewer than `limit` messages (15 at most for non-Marketplace apps since 2025-05-29).
   */
  async history(channel: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    const body: Record<string, unknown> = { channel, limit: options.limit ?? 100, include_all_metadata: true };
    if (options.oldestTs !== undefined) body.oldest = options.oldestTs;
    if (options.cursor !== undefined) body.cursor = options.cursor;
    const result = await callWebApi('conversations.history', body, this.options);
    const metadata = result.response_metadata as { next_cursor?: unknown } | undefined;
    const next =
      typeof metadata?.next_cursor === 'string' && metadata.next_cursor !== '' ? metadata.next_cursor : undefined;
    return next === undefined
      ? { messages: listed(result.messages) }
      : { messages: listed(result.messages), nextCursor: next };
  }

  /**
   * The thread of `ts`: the parent first, then its replies, with their metadata — every page of it (Slack pages
   * conversations.replies with a cursor too, 15 a page for non-Marketplace apps), at most REPLY_PAGES pages.
   */
  async replies(channel: string, ts: string): Promise<ListedMessage[]> {
    const out: ListedMessage[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < REPLY_PAGES; page++) {
      const body: Record<string, unknown> = { channel, ts, limit: 200, include_all_metadata: true };
      if (cursor !== undefined) body.cursor = cursor;
      const result = await callWebApi('conversations.replies', body, this.options);
      out.push(...listed(result.messages));
      const metadata = result.response_metadata as { next_cursor?: unknown } | undefined;
      cursor =
        typeof metadata?.next_cursor === 'string' && metadata.next_cursor !== '' ? metadata.next_cursor : undefined;
      if (cursor === undefined) return out;
    }
    // A thread longer than this is not one deploy-notify wrote; what was read is what it checks.
    return out;
  }
}
