import type {
  BotIdentity,
  HistoryOptions,
  HistoryPage,
  ListedMessage,
  PostedMessage,
  SlackMessage,
} from '@shipshape/slack';
import type { BotPort } from '../../../actions/deploy-notify/src/notify';

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  broadcast: boolean;
  message: SlackMessage;
  edits: number;
  /** The app that posted it (conversations.history's bot_id and app_id); none for a person's message. */
  poster?: { botId: string; appId: string };
}

/** An in-memory Slack for the notifier's logic: posts, edits, threads and metadata lookups; failures on demand. */
export class FakeBot implements BotPort {
  readonly messages: FakeMessage[] = [];
  readonly calls: string[] = [];
  /** Method names that throw (e.g. 'history' to play an app without channels:history). */
  readonly failing = new Set<string>();
  private seq = 0;
  /** Who this bot is, as auth.test answers. */
  identityAnswer: BotIdentity = { userId: 'U0FAKEBOT', botId: 'B0FAKE', appId: 'A0FAKE' };

  constructor(private readonly startSeconds = 1_767_225_600) {}

  private check(method: string): void {
    this.calls.push(method);
    if (this.failing.has(method)) throw new Error(`${method} failed: missing_scope`);
  }

  async post(
    channel: string,
    message: SlackMessage,
    extra: { threadTs?: string; broadcast?: boolean } = {},
  ): Promise<PostedMessage> {
    this.check('post');
    const ts = `${this.startSeconds + this.seq++}.000000`;
    const m: FakeMessage = {
      channel,
      ts,
      broadcast: extra.broadcast === true,
      message,
      edits: 0,
      poster: { botId: this.identityAnswer.botId ?? 'B0FAKE', appId: this.identityAnswer.appId ?? 'A0FAKE' },
    };
    if (extra.threadTs !== undefined) m.threadTs = extra.threadTs;
    this.messages.push(m);
    return { channel, ts };
  }

  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    this.check('update');
    const m = this.messages.find((x) => x.channel === channel && x.ts === ts);
    if (!m) throw new Error('chat.update failed: message_not_found');
    m.message = message;
    m.edits++;
  }

  async permalink(channel: string, ts: string): Promise<string | undefined> {
    this.check('permalink');
    return `https://fake.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  }

  private listed(m: FakeMessage): ListedMessage {
    const out: ListedMessage = { ts: m.ts, text: m.message.text };
    if (m.threadTs !== undefined) out.thread_ts = m.threadTs;
    if (m.message.metadata) out.metadata = m.message.metadata;
    if (m.poster) {
      out.bot_id = m.poster.botId;
      out.app_id = m.poster.appId;
    }
    return out;
  }

  async identity(): Promise<BotIdentity> {
    this.check('identity');
    return this.identityAnswer;
  }

  /** A message another app posted, with the metadata it chose (any app can write any metadata). */
  postedByOtherApp(channel: string, message: SlackMessage): FakeMessage {
    const m: FakeMessage = {
      channel,
      ts: `${this.startSeconds + this.seq++}.000000`,
      broadcast: false,
      message,
      edits: 0,
      poster: { botId: 'B0OTHER', appId: 'A0OTHER' },
    };
    this.messages.push(m);
    return m;
  }

  /** The most messages one history page holds (Slack's `limit` cap; 15 plays a non-Marketplace app). */
  pageSize = 999;

  /** Pages newest first, `oldestTs` honoured, the cursor an index (opaque to the caller, as Slack's). */
  /** The options of every history call, in order. */
  readonly historyCalls: HistoryOptions[] = [];

  async history(channel: string, options: HistoryOptions = {}): Promise<HistoryPage> {
    this.check('history');
    this.historyCalls.push(options);
    const oldest = options.oldestTs === undefined ? -Infinity : Number(options.oldestTs);
    const all = this.messages
      .filter((m) => m.channel === channel && (m.threadTs === undefined || m.broadcast) && Number(m.ts) > oldest)
      .reverse();
    const start = options.cursor === undefined ? 0 : Number(options.cursor);
    const size = Math.min(options.limit ?? 100, this.pageSize);
    const messages = all.slice(start, start + size).map((m) => this.listed(m));
    return start + size < all.length ? { messages, nextCursor: String(start + size) } : { messages };
  }

  /** Someone else's message in the channel (a busy channel). */
  chatter(channel: string, text: string): void {
    this.messages.push({
      channel,
      ts: `${this.startSeconds + this.seq++}.000000`,
      broadcast: false,
      message: { text, blocks: [] },
      edits: 0,
    });
  }

  async replies(channel: string, ts: string): Promise<ListedMessage[]> {
    this.check('replies');
    const parent = this.messages.find((m) => m.channel === channel && m.ts === ts);
    if (!parent) throw new Error('conversations.replies failed: thread_not_found');
    return [parent, ...this.thread(channel, ts)].map((m) => this.listed(m));
  }

  top(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === undefined);
  }

  thread(channel: string, ts: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === ts);
  }
}
