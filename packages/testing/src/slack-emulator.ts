import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Slack emulator on 127.0.0.1: incoming-webhook URLs and the Web API methods shipshape uses (chat.postMessage,
 * chat.update, chat.getPermalink, conversations.history, conversations.replies, auth.test), answering as Slack
 * documents — `ok` / plain-text error codes for webhooks, `{ ok, error }` JSON for the Web API, 429 with Retry-After —
 * and validating every message against Block Kit's documented limits. Messages are recorded per channel (ts, thread_ts,
 * edits, reply_broadcast, metadata) so tests assert what a channel shows.
 * API documentation: packages/testing/README.md (Slack emulator).
 */

export const BLOCK_KIT_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  blockId: 255,
  /**
   * Characters of text in all blocks of one message, every `text` field counted. Slack refuses more with
   * `msg_blocks_too_long`; it documents 12,000 for markdown blocks (https://docs.slack.dev/reference/block-kit/blocks/markdown-block),
   * a Slack engineer described "12,000 text characters with a buffer for block containers" (slackapi/bolt-js#2509),
   * and section/rich_text messages were refused at 11,341 characters summed this way (slackapi/bolt-js#2867). The
   * emulator refuses above 11,000: below every reported rejection, so a message it accepts is one Slack accepts.
   */
  totalText: 11_000,
} as const;

/** The characters Slack counts for `msg_blocks_too_long`: every string `text` property, at any depth of the blocks. */
export function blocksTextLength(blocks: unknown): number {
  let total = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') total += inner.length;
        else visit(inner);
      }
    }
  };
  visit(blocks);
  return total;
}

export const TOTAL_TEXT_PROBLEM = 'blocks: too much text in total';

export interface SlackFault {
  /** HTTP status to answer (default: 200 with `error` for the Web API, 400 for webhook errors). */
  status?: number;
  /** How many requests this fault answers (default 1; Infinity for all). */
  times?: number;
  /** Seconds, sent as Retry-After (defaults to 1 for 429). */
  retryAfter?: number;
  /** Wait this long before answering (to exceed a client's timeout). */
  delayMs?: number;
  /** Slack error code: `{ ok:false, error }` for the Web API, the plain-text body for webhooks. */
  error?: string;
  /** Apply the request (post/update the message) and then answer with the fault: an ambiguous failure. */
  afterApply?: boolean;
  /**
   * Answer with the request path in the body, as a proxy or a web framework in front of the endpoint does for a route
   * it does not serve (Express's default 404 body is `Cannot POST /path`): for a webhook, that path holds the secret.
   */
  echoPath?: boolean;
  /** Destroy the connection without an answer (with `afterApply`: after the message was posted). */
  drop?: boolean;
}

export interface RecordedEdit {
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata: unknown;
}

export interface RecordedMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  reply_broadcast: boolean;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  via: 'webhook' | 'api';
  /** The app that posted it, as conversations.history lists it (default: the emulated bot, BOT_IDENTITY). */
  poster?: { bot_id: string; app_id: string };
  /** Earlier versions, oldest first (each chat.update pushes the version it replaces). */
  edits: RecordedEdit[];
}

/**
 * Who the emulated bot token is, as auth.test answers a bot token (https://docs.slack.dev/reference/methods/auth.test:
 * `user_id`, and `bot_id` for a bot); the bot_id and app_id conversations.history gives the messages it posted.
 */
export const BOT_IDENTITY = { user_id: 'U0EMULATED', bot_id: 'B0EMULATED', app_id: 'A0EMULATED' } as const;

export interface RecordedRequest {
  /** `webhook` or the Web API method name. */
  method: string;
  path: string;
  status: number;
  body: unknown;
  response: string;
  faulted: boolean;
  at: number;
}

export interface Violation {
  method: string;
  problems: string[];
}

export interface SlackEmulatorOptions {
  /** The bot token the Web API accepts (default xoxb-emulator-token). */
  token?: string;
  /** Channel IDs that exist (default C0EMULATED). */
  channels?: string[];
  /**
   * conversations.history and conversations.replies as Slack applies them, since 2025-05-29, to commercially
   * distributed apps created since then that are not approved for the Marketplace: `limit` at most 15 and 1 request
   * per minute (https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps; internal
   * customer-built apps and Marketplace apps keep Tier 3). Default: an internal app (limit up to 999, no such cap).
   */
  nonMarketplaceApp?: boolean;
}

const WEBHOOK_ERROR_STATUS: Record<string, number> = {
  invalid_payload: 400,
  invalid_blocks: 400,
  invalid_blocks_format: 400,
  no_text: 400,
  too_many_attachments: 400,
  user_not_found: 404,
  channel_not_found: 404,
  no_service: 404,
  no_service_id: 404,
  no_team: 404,
  team_not_found: 404,
  invalid_token: 403,
  action_prohibited: 403,
  posting_to_general_channel_denied: 403,
  channel_is_archived: 410,
  rate_limited: 429,
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function checkTextObject(
  value: unknown,
  where: string,
  problems: string[],
  opts: { plainOnly?: boolean; max?: number } = {},
): void {
  if (!isObject(value)) {
    problems.push(`${where}: must be a text object`);
    return;
  }
  const type = value.type;
  if (type !== 'plain_text' && type !== 'mrkdwn')
    problems.push(`${where}.type: must be plain_text or mrkdwn, got ${JSON.stringify(type)}`);
  if (opts.plainOnly && type !== 'plain_text') problems.push(`${where}.type: must be plain_text`);
  if (typeof value.text !== 'string' || value.text.length === 0)
    problems.push(`${where}.text: must be a non-empty string`);
  else if (opts.max !== undefined && value.text.length > opts.max)
    problems.push(`${where}.text: ${value.text.length} characters, more than ${opts.max}`);
  for (const key of Object.keys(value)) {
    const allowed = type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim'];
    if (!allowed.includes(key)) problems.push(`${where}.${key}: not a property of a ${String(type)} text object`);
  }
}

/**
 * Checks a message payload (webhook body or chat.postMessage/chat.update arguments) against Block Kit's
 * documented limits. Returns the problems found; empty means Slack would accept the layout.
 */
export function validateSlackMessage(payload: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(payload)) return ['payload: must be a JSON object'];
  const { text, blocks } = payload;
  if (text !== undefined && typeof text !== 'string') problems.push('text: must be a string');
  if (typeof text !== 'string' || text.trim() === '')
    problems.push('text: missing — a text fallback is required for notifications');
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return [...problems, 'blocks: must be an array'];
  if (blocks.length > BLOCK_KIT_LIMITS.blocks)
    problems.push(`blocks: ${blocks.length} blocks, more than ${BLOCK_KIT_LIMITS.blocks}`);
  const ids = new Set<string>();
  blocks.forEach((block: unknown, i) => {
    const where = `blocks[${i}]`;
    if (!isObject(block)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    if (block.block_id !== undefined) {
      if (
        typeof block.block_id !== 'string' ||
        block.block_id.length === 0 ||
        block.block_id.length > BLOCK_KIT_LIMITS.blockId
      )
        problems.push(`${where}.block_id: must be 1–255 characters`);
      else if (ids.has(block.block_id)) problems.push(`${where}.block_id: duplicate ${JSON.stringify(block.block_id)}`);
      else ids.add(block.block_id);
    }
    const allowedKeys: Record<string, string[]> = {
      header: ['type', 'text', 'block_id'],
      section: ['type', 'text', 'fields', 'block_id', 'accessory', 'expand'],
      context: ['type', 'elements', 'block_id'],
      divider: ['type', 'block_id'],
    };
    const type = typeof block.type === 'string' ? block.type : '';
    const keys = allowedKeys[type];
    if (!keys) {
      problems.push(
        `${where}.type: ${JSON.stringify(block.type)} is not a block type this emulator accepts (header, section, context, divider)`,
      );
      return;
    }
    for (const key of Object.keys(block))
      if (!keys.includes(key)) problems.push(`${where}.${key}: not a property of a ${type} block`);
    if (type === 'header')
      checkTextObject(block.text, `${where}.text`, problems, { plainOnly: true, max: BLOCK_KIT_LIMITS.headerText });
    if (type === 'section') {
      if (block.text === undefined && block.fields === undefined)
        problems.push(`${where}: a section needs text or fields`);
      if (block.text !== undefined)
        checkTextObject(block.text, `${where}.text`, problems, { max: BLOCK_KIT_LIMITS.sectionText });
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0)
          problems.push(`${where}.fields: must be a non-empty array`);
        else {
          if (block.fields.length > BLOCK_KIT_LIMITS.fields)
            problems.push(`${where}.fields: ${block.fields.length} fields, more than ${BLOCK_KIT_LIMITS.fields}`);
          block.fields.forEach((f: unknown, j) =>
            checkTextObject(f, `${where}.fields[${j}]`, problems, { max: BLOCK_KIT_LIMITS.fieldText }),
          );
        }
      }
    }
    if (type === 'context') {
      if (!Array.isArray(block.elements) || block.elements.length === 0)
        problems.push(`${where}.elements: must be a non-empty array`);
      else {
        if (block.elements.length > BLOCK_KIT_LIMITS.contextElements)
          problems.push(
            `${where}.elements: ${block.elements.length} elements, more than ${BLOCK_KIT_LIMITS.contextElements}`,
          );
        block.elements.forEach((e: unknown, j) =>
          checkTextObject(e, `${where}.elements[${j}]`, problems, { max: BLOCK_KIT_LIMITS.sectionText }),
        );
      }
    }
  });
  const totalText = blocksTextLength(blocks);
  if (totalText > BLOCK_KIT_LIMITS.totalText)
    problems.push(
      `${TOTAL_TEXT_PROBLEM}: ${totalText} characters of text in all blocks, more than ${BLOCK_KIT_LIMITS.totalText}`,
    );
  const metadata = payload.metadata;
  if (metadata !== undefined) {
    if (
      !isObject(metadata) ||
      typeof metadata.event_type !== 'string' ||
      !/^[A-Za-z0-9_]{1,255}$/.test(metadata.event_type) ||
      !isObject(metadata.event_payload)
    ) {
      problems.push('metadata: must be { event_type: [A-Za-z0-9_]+, event_payload: object }');
    }
  }
  return problems;
}

function parseBody(raw: string, contentType: string | undefined): unknown {
  if ((contentType ?? '').includes('application/x-www-form-urlencoded')) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      out[k] = (k === 'blocks' || k === 'metadata') && (v.startsWith('[') || v.startsWith('{')) ? JSON.parse(v) : v;
    }
    return out;
  }
  return JSON.parse(raw);
}

const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 1 || v === '1';

export class SlackEmulator {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly token: string;
  private readonly channels = new Map<string, RecordedMessage[]>();
  private readonly hooks = new Map<string, string>();
  private readonly faults = new Map<string, (SlackFault & { left: number })[]>();
  private lastTsMicros = 0;
  private readonly nonMarketplaceApp: boolean;
  /** When each rate-limited read method was last answered (non-Marketplace apps: 1 request per minute). */
  private readonly lastRead = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    options: SlackEmulatorOptions,
  ) {
    this.token = options.token ?? 'xoxb-emulator-token';
    this.nonMarketplaceApp = options.nonMarketplaceApp ?? false;
    for (const c of options.channels ?? ['C0EMULATED']) this.addChannel(c);
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    // The handler needs the emulator and the emulator needs the listening server's port.
    const holder: { emulator?: SlackEmulator } = {};
    const server = createServer((req, res) => {
      void holder.emulator?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.emulator = new SlackEmulator(server, `http://127.0.0.1:${port}`, options);
    return holder.emulator;
  }

  /** Base URL of the Web API (pass it where https://slack.com/api/ would go). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  addChannel(id: string): void {
    if (!this.channels.has(id)) this.channels.set(id, []);
  }

  /** A new incoming-webhook URL that posts into `channel`. */
  webhookUrl(channel = [...this.channels.keys()][0] ?? 'C0EMULATED'): string {
    this.addChannel(channel);
    const n = this.hooks.size + 1;
    const path = `/services/T0EMULATED/B${String(n).padStart(8, '0')}/${'x'.repeat(16)}${String(n).padStart(8, '0')}`;
    this.hooks.set(path, channel);
    return `${this.url}${path}`;
  }

  /**
   * A message someone else posted (a busy channel), stored as Slack would: oldest first, a fresh ts each. `poster`:
   * another app posted it (its bot_id and app_id in conversations.history) — with any metadata it chose.
   */
  addMessage(
    channel: string,
    message: { text: string; metadata?: RecordedMessage['metadata']; poster?: { bot_id: string; app_id: string } },
  ): RecordedMessage {
    this.addChannel(channel);
    const body: Record<string, unknown> = { text: message.text };
    if (message.metadata) body.metadata = message.metadata;
    const stored = this.store(channel, body, 'api');
    if (message.poster) {
      if (!/^B[A-Z0-9]+$/.test(message.poster.bot_id) || !/^A[A-Z0-9]+$/.test(message.poster.app_id))
        throw new Error('addMessage: poster needs a bot_id (B…) and an app_id (A…)');
      stored.poster = { ...message.poster };
    }
    return stored;
  }

  /** Injects a fault for `method` (`webhook`, `chat.postMessage`, …); faults queue in order. */
  fault(method: string, fault: SlackFault): void {
    const list = this.faults.get(method) ?? [];
    list.push({ ...fault, left: fault.times ?? 1 });
    this.faults.set(method, list);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Every message in the channel, top-level and replies, in posting order. */
  allMessages(channel: string): RecordedMessage[] {
    return [...(this.channels.get(channel) ?? [])];
  }

  /** What the channel shows: top-level messages plus thread replies broadcast to it, oldest first. */
  messages(channel: string): RecordedMessage[] {
    return this.allMessages(channel).filter((m) => m.thread_ts === undefined || m.reply_broadcast);
  }

  /** Replies in the thread of `ts`, oldest first. */
  replies(channel: string, ts: string): RecordedMessage[] {
    return this.allMessages(channel).filter((m) => m.thread_ts === ts);
  }

  message(channel: string, ts: string): RecordedMessage | undefined {
    return this.channels.get(channel)?.find((m) => m.ts === ts);
  }

  /** How many requests `method` received (`webhook` for incoming webhooks). */
  count(method: string): number {
    return this.requests.filter((r) => r.method === method).length;
  }

  reset(): void {
    this.requests.length = 0;
    this.violations.length = 0;
    for (const list of this.channels.values()) list.length = 0;
    this.faults.clear();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  private takeFault(method: string): SlackFault | undefined {
    const list = this.faults.get(method);
    const fault = list?.find((f) => f.left > 0);
    if (!fault) return undefined;
    fault.left -= 1;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isWebhook = path.startsWith('/services/');
    const method = isWebhook ? 'webhook' : path.replace(/^\/api\//, '');
    const record: RecordedRequest = {
      method,
      path,
      status: 0,
      body: undefined,
      response: '',
      faulted: false,
      at: Date.now(),
    };
    this.requests.push(record);
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      record.status = status;
      record.response = body;
      if (res.destroyed) return;
      res.writeHead(status, {
        'content-type': isWebhook ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        ...headers,
      });
      res.end(body);
    };
    let body: unknown;
    try {
      body = raw === '' ? {} : parseBody(raw, req.headers['content-type']);
    } catch {
      record.body = raw;
      return isWebhook ? send(400, 'invalid_payload') : send(200, JSON.stringify({ ok: false, error: 'invalid_json' }));
    }
    record.body = body;
    const fault = this.takeFault(method);
    const answerFault = async (): Promise<void> => {
      if (!fault) return;
      record.faulted = true;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.drop) {
        record.status = 0;
        res.socket?.destroy();
        return;
      }
      const status =
        fault.status ?? (isWebhook ? (fault.error ? (WEBHOOK_ERROR_STATUS[fault.error] ?? 400) : 500) : 200);
      const headers: Record<string, string> = {};
      if (status === 429 || fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter ?? 1);
      if (fault.echoPath) {
        send(status, `<!DOCTYPE html><pre>Cannot POST ${path}</pre>`, {
          ...headers,
          'content-type': 'text/html; charset=utf-8',
        });
        return;
      }
      // A webhook's 5xx body is `rollup_error` ("something strange and unusual happened",
      // https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks).
      const serverError = isWebhook ? 'rollup_error' : 'internal_error';
      const code =
        fault.error ??
        (status === 429 ? (isWebhook ? 'rate_limited' : 'ratelimited') : status >= 500 ? serverError : 'unknown_error');
      send(status, isWebhook ? code : JSON.stringify({ ok: false, error: code }), headers);
    };
    if (fault && !fault.afterApply) return answerFault();
    const result = isWebhook ? this.webhook(path, body) : this.api(method, body, req.headers.authorization);
    if (fault) return answerFault();
    if (isWebhook) return send(result.status, result.body);
    send(
      result.status,
      result.body,
      result.status === 429 ? { 'retry-after': String('retryAfter' in result ? (result.retryAfter ?? 1) : 1) } : {},
    );
  }

  private webhook(path: string, body: unknown): { status: number; body: string } {
    const channel = this.hooks.get(path);
    if (channel === undefined) return { status: 404, body: 'no_service' };
    if (!isObject(body)) return { status: 400, body: 'invalid_payload' };
    const hasText = typeof body.text === 'string' && body.text.trim() !== '';
    const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
    if (!hasText && !hasBlocks) return { status: 400, body: 'no_text' };
    const problems = validateSlackMessage(body);
    if (problems.length > 0) {
      this.violations.push({ method: 'webhook', problems });
      // Webhooks answer Block Kit problems with 400 invalid_blocks; which code Slack gives a webhook for too much
      // text in total is not documented, so the emulator keeps the one it documents for layouts it refuses.
      return { status: 400, body: 'invalid_blocks' };
    }
    this.store(channel, body, 'webhook');
    return { status: 200, body: 'ok' };
  }

  private store(
    channel: string,
    body: Record<string, unknown>,
    via: 'webhook' | 'api',
    thread?: string,
  ): RecordedMessage {
    const message: RecordedMessage = {
      channel,
      ts: this.nextTs(),
      text: typeof body.text === 'string' ? body.text : undefined,
      blocks: Array.isArray(body.blocks) ? body.blocks : undefined,
      reply_broadcast: thread !== undefined && truthy(body.reply_broadcast),
      via,
      edits: [],
    };
    if (thread !== undefined) message.thread_ts = thread;
    if (isObject(body.metadata)) message.metadata = body.metadata as RecordedMessage['metadata'];
    if (body.unfurl_links !== undefined) message.unfurl_links = truthy(body.unfurl_links);
    if (body.unfurl_media !== undefined) message.unfurl_media = truthy(body.unfurl_media);
    this.channels.get(channel)?.push(message);
    return message;
  }

  private view(m: RecordedMessage, withMetadata: boolean): Record<string, unknown> {
    const out: Record<string, unknown> = {
      type: 'message',
      ts: m.ts,
      text: m.text ?? '',
      bot_id: m.poster?.bot_id ?? BOT_IDENTITY.bot_id,
      app_id: m.poster?.app_id ?? BOT_IDENTITY.app_id,
    };
    if (m.blocks) out.blocks = m.blocks;
    if (m.thread_ts) {
      out.thread_ts = m.thread_ts;
      if (m.reply_broadcast) out.subtype = 'thread_broadcast';
    }
    const replies = this.replies(m.channel, m.ts);
    if (replies.length > 0) {
      out.thread_ts = m.ts;
      out.reply_count = replies.length;
    }
    if (m.edits.length > 0) out.edited = { user: 'U0EMULATED', ts: m.ts };
    if (withMetadata && m.metadata) out.metadata = m.metadata;
    return out;
  }

  private api(
    method: string,
    body: unknown,
    authorization: string | undefined,
  ): { status: number; body: string; retryAfter?: number } {
    const ok = (data: Record<string, unknown>) => ({ status: 200, body: JSON.stringify({ ok: true, ...data }) });
    const fail = (error: string, extra: Record<string, unknown> = {}) => ({
      status: 200,
      body: JSON.stringify({ ok: false, error, ...extra }),
    });
    const known = [
      'chat.postMessage',
      'chat.update',
      'chat.getPermalink',
      'conversations.history',
      'conversations.replies',
      'auth.test',
    ];
    if (!known.includes(method)) return { status: 404, body: JSON.stringify({ ok: false, error: 'unknown_method' }) };
    if (!isObject(body)) return fail('invalid_arguments');
    const bearer =
      /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1] ?? (typeof body.token === 'string' ? body.token : undefined);
    if (bearer === undefined || bearer === '') return fail('not_authed');
    if (bearer !== this.token) return fail('invalid_auth');
    // No channel and no scope: who the token is (https://docs.slack.dev/reference/methods/auth.test).
    if (method === 'auth.test')
      return ok({
        url: 'https://emulated.slack.com/',
        team: 'Emulated',
        user: 'shipshape',
        team_id: 'T0EMULATED',
        ...BOT_IDENTITY,
      });
    const channel = typeof body.channel === 'string' ? body.channel : undefined;
    if (channel === undefined || channel === '') return fail('channel_not_found');
    const list = this.channels.get(channel);
    if (!list) return fail('channel_not_found');

    if (method === 'chat.postMessage' || method === 'chat.update') {
      const hasText = typeof body.text === 'string' && body.text.trim() !== '';
      const hasBlocks = Array.isArray(body.blocks) && body.blocks.length > 0;
      if (!hasText && !hasBlocks && method === 'chat.postMessage') return fail('no_text');
      const problems = validateSlackMessage(body);
      if (problems.length > 0) {
        this.violations.push({ method, problems });
        const code = problems.some((p) => p.startsWith('metadata'))
          ? 'invalid_metadata_format'
          : problems.some((p) => p.startsWith(TOTAL_TEXT_PROBLEM))
            ? 'msg_blocks_too_long'
            : problems.some((p) => p.startsWith('blocks'))
              ? 'invalid_blocks'
              : 'no_text';
        return fail(code, { errors: problems });
      }
    }
    if (method === 'chat.postMessage') {
      const thread = typeof body.thread_ts === 'string' && body.thread_ts !== '' ? body.thread_ts : undefined;
      if (thread !== undefined) {
        const parent = list.find((m) => m.ts === thread);
        if (!parent || parent.thread_ts !== undefined) return fail('thread_not_found');
      }
      const m = this.store(channel, body, 'api', thread);
      return ok({ channel, ts: m.ts, message: this.view(m, true) });
    }
    if (method === 'chat.update') {
      const ts = typeof body.ts === 'string' ? body.ts : undefined;
      const m = ts === undefined ? undefined : list.find((x) => x.ts === ts);
      if (!m) return fail('message_not_found');
      if (m.via !== 'api') return fail('cant_update_message');
      m.edits.push({ text: m.text, blocks: m.blocks, metadata: m.metadata });
      if (typeof body.text === 'string') m.text = body.text;
      if (Array.isArray(body.blocks)) m.blocks = body.blocks;
      if (isObject(body.metadata)) m.metadata = body.metadata as RecordedMessage['metadata'];
      return ok({ channel, ts: m.ts, text: m.text ?? '', message: this.view(m, false) });
    }
    if (method === 'chat.getPermalink') {
      const ts = typeof body.message_ts === 'string' ? body.message_ts : undefined;
      const m = ts === undefined ? undefined : list.find((x) => x.ts === ts);
      if (!m) return fail('message_not_found');
      const thread = m.thread_ts ? `?thread_ts=${m.thread_ts}&cid=${channel}` : '';
      return ok({
        channel,
        permalink: `https://emulated.slack.com/archives/${channel}/p${m.ts.replace('.', '')}${thread}`,
      });
    }
    const num = (v: unknown): number | undefined => (v === undefined || v === '' ? undefined : Number(v));
    if (this.nonMarketplaceApp) {
      // Tier 1 for these apps: 1 request per minute per method (the changelog cited at nonMarketplaceApp).
      const last = this.lastRead.get(method);
      const now = Date.now();
      if (last !== undefined && now - last < 60_000)
        return {
          status: 429,
          body: JSON.stringify({ ok: false, error: 'ratelimited' }),
          retryAfter: Math.ceil((60_000 - (now - last)) / 1000),
        };
      this.lastRead.set(method, now);
    }
    // Slack: `limit` defaults to 100 and is at most 999 (15 for non-Marketplace apps, both its default and maximum).
    const maxLimit = this.nonMarketplaceApp ? 15 : 999;
    const limit = Math.min(Math.max(num(body.limit) ?? (this.nonMarketplaceApp ? 15 : 100), 1), maxLimit);
    const inclusive = truthy(body.inclusive);
    const withMetadata = truthy(body.include_all_metadata);
    if (method === 'conversations.history') {
      const oldest = num(body.oldest);
      const latest = num(body.latest);
      const visible = list
        .filter((m) => m.thread_ts === undefined || m.reply_broadcast)
        .filter((m) => {
          const t = Number(m.ts);
          if (oldest !== undefined && (inclusive ? t < oldest : t <= oldest)) return false;
          if (latest !== undefined && (inclusive ? t > latest : t >= latest)) return false;
          return true;
        })
        .reverse();
      // Cursor pagination as Slack documents it (https://docs.slack.dev/apis/web-api/pagination): pass
      // response_metadata.next_cursor back as `cursor` for the next page; the last page has an empty next_cursor.
      // The cursor is opaque; like Slack's (base64 of `next_ts:…`) it names where the next page starts.
      let start = 0;
      if (typeof body.cursor === 'string' && body.cursor !== '') {
        const decoded = /^next_ts:(\d+\.\d{6})$/.exec(Buffer.from(body.cursor, 'base64').toString('utf8'));
        if (!decoded) return fail('invalid_cursor');
        start = visible.findIndex((m) => Number(m.ts) <= Number(decoded[1]));
        if (start === -1) start = visible.length;
      }
      const page = visible.slice(start, start + limit);
      const next = visible[start + limit];
      const nextCursor = next === undefined ? '' : Buffer.from(`next_ts:${next.ts}`).toString('base64');
      return ok({
        messages: page.map((m) => this.view(m, withMetadata)),
        has_more: next !== undefined,
        pin_count: 0,
        response_metadata: { next_cursor: nextCursor },
      });
    }
    // conversations.replies
    const ts = typeof body.ts === 'string' ? body.ts : undefined;
    const parent = ts === undefined ? undefined : list.find((m) => m.ts === ts);
    if (!parent) return fail('thread_not_found');
    const thread = [parent, ...this.replies(channel, parent.ts)];
    // Oldest first, paged with the same cursor scheme as conversations.history (https://docs.slack.dev/apis/web-api/pagination).
    let start = 0;
    if (typeof body.cursor === 'string' && body.cursor !== '') {
      const decoded = /^next_ts:(\d+\.\d{6})$/.exec(Buffer.from(body.cursor, 'base64').toString('utf8'));
      if (!decoded) return fail('invalid_cursor');
      start = thread.findIndex((m) => Number(m.ts) >= Number(decoded[1]));
      if (start === -1) start = thread.length;
    }
    const next = thread[start + limit];
    const nextCursor = next === undefined ? '' : Buffer.from(`next_ts:${next.ts}`).toString('base64');
    return ok({
      messages: thread.slice(start, start + limit).map((m) => this.view(m, withMetadata)),
      has_more: next !== undefined,
      response_metadata: { next_cursor: nextCursor },
    });
  }
}

export const startSlackEmulator = (options?: SlackEmulatorOptions): Promise<SlackEmulator> =>
  SlackEmulator.start(options);

/** Mentions and broadcasts a mrkdwn string would trigger: `<!channel>`, `<!here>`, `<@U…>`, `<!subteam^…>`. */
export function mentionsIn(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(/<(?:!(?:channel|here|everyone|subteam\^[^>|]*)|@[^>|]*)(?:\|[^>]*)?>/g)].map((m) => m[0]);
}

/** Every mrkdwn/plain text string in a message (text fallback, block texts, fields, context elements). */
export function messageTexts(message: { text?: string | undefined; blocks?: unknown[] | undefined }): string[] {
  const out: string[] = [];
  if (message.text) out.push(message.text);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isObject(v)) {
      if ((v.type === 'mrkdwn' || v.type === 'plain_text') && typeof v.text === 'string') out.push(v.text);
      else for (const value of Object.values(v)) visit(value);
    }
  };
  visit(message.blocks);
  return out;
}
