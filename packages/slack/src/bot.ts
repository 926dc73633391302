import type { MessageMetadata, SlackMessage } from './blocks';
import { callWebApi, type ApiResult, type WebApiOptions } from './client';

/** A message as conversations.history / conversations.replies list it (the fields shipshape reads). */
export interface ListedMessage {
  ts: string;
  thread_ts?: string;
  text: string;
  metadata?: MessageMetadata;
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
    const meta = m.metadata as Record<string, unknown> | undefined;
    if (meta && typeof meta.event_type === 'string' && meta.event_payload !== null && typeof meta.event_payload === 'object') {
      message.metadata = { event_type: meta.event_type, event_payload: meta.event_payload as MessageMetadata['event_payload'] };
    }
    out.push(message);
  }
  return out;
}

/** True when `message` carries metadata of `event` whose payload has every key/value of `match`. */
export function metadataMatches(message: ListedMessage, event: string, match: Record<string, string | number | boolean>): boolean {
  const meta = message.metadata;
  if (!meta || meta.event_type !== event) return false;
  return Object.entries(match).every(([k, v]) => String(meta.event_payload[k]) === String(v));
}

/**
 * The bot-token half of delivery: the five Web API methods shipshape calls, over callWebApi's bounded
 * retries. Scopes: chat:write; channels:history (groups:history for private channels) for the lookups that
 * keep re-runs from posting twice.
 */
export class SlackBot {
  constructor(private readonly options: WebApiOptions) {}

  /** Posts a message (or a thread reply). `findExisting` runs before a retry that might duplicate the post. */
  async post(channel: string, message: SlackMessage, extra: { threadTs?: string; broadcast?: boolean } = {}, findExisting?: () => Promise<string | undefined>): Promise<PostedMessage> {
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

  /** Replaces a message's text, blocks and metadata. Editing twice to the same content is harmless, so retries are safe. */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    const { unfurl_links: _links, unfurl_media: _media, ...rest } = message;
    await callWebApi('chat.update', { channel, ts, ...rest }, this.options);
  }

  async permalink(channel: string, ts: string): Promise<string | undefined> {
    const result = await callWebApi('chat.getPermalink', { channel, message_ts: ts }, this.options);
    return typeof result.permalink === 'string' ? result.permalink : undefined;
  }

  /** Recent top-level messages with their metadata, newest first. */
  async history(channel: string, options: { oldestTs?: string; limit?: number } = {}): Promise<ListedMessage[]> {
    const body: Record<string, unknown> = { channel, limit: options.limit ?? 100, include_all_metadata: true };
    if (options.oldestTs !== undefined) body.oldest = options.oldestTs;
    const result = await callWebApi('conversations.history', body, this.options);
    return listed(result.messages);
  }

  /** The thread of `ts`: the parent first, then its replies, with their metadata. */
  async replies(channel: string, ts: string): Promise<ListedMessage[]> {
    const result = await callWebApi('conversations.replies', { channel, ts, limit: 200, include_all_metadata: true }, this.options);
    return listed(result.messages);
  }
}
