import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { BLOCK_KIT_LIMITS, SlackEmulator, validateSlackMessage } from '@shipshape/testing/slack-emulator';

/** The Slack emulator answers as Slack documents and refuses what Slack would refuse. */

let slack: SlackEmulator;
const CHANNEL = 'C0QUIRKS';

beforeAll(async () => {
  slack = await SlackEmulator.start({ channels: [CHANNEL] });
});
afterEach(() => {
  slack.clearFaults();
  slack.reset();
});
afterAll(() => slack.close());

async function api(
  method: string,
  body: unknown,
  token = slack.token,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${slack.apiUrl}${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    json: (await response.json()) as Record<string, unknown>,
  };
}

async function webhook(url: string, body: unknown): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

describe('conversations.history pages like Slack', () => {
  // https://docs.slack.dev/apis/web-api/pagination: a page of at most `limit` messages, newest first, and
  // response_metadata.next_cursor to pass back as `cursor`; the last page's next_cursor is empty.
  it('returns every message once across pages, newest first, and an empty cursor on the last page', async () => {
    for (let i = 0; i < 250; i++) slack.addMessage(CHANNEL, { text: `m${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await api('conversations.history', { channel: CHANNEL, limit: 100, ...(cursor ? { cursor } : {}) });
      expect(page.json.ok).toBe(true);
      seen.push(...(page.json.messages as { text: string }[]).map((m) => m.text));
      cursor = (page.json.response_metadata as { next_cursor: string }).next_cursor;
      expect(page.json.has_more).toBe(cursor !== '');
      pages++;
    } while (cursor !== '' && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `m${249 - i}`));
  });

  it('conversations.replies pages the same way, oldest first, the parent on the first page', async () => {
    const parent = await api('chat.postMessage', { channel: CHANNEL, text: 'parent' });
    for (let i = 0; i < 30; i++)
      await api('chat.postMessage', { channel: CHANNEL, text: `r${i}`, thread_ts: parent.json.ts });
    const first = await api('conversations.replies', { channel: CHANNEL, ts: parent.json.ts, limit: 20 });
    const cursor = (first.json.response_metadata as { next_cursor: string }).next_cursor;
    expect(cursor).not.toBe('');
    const second = await api('conversations.replies', { channel: CHANNEL, ts: parent.json.ts, limit: 20, cursor });
    const texts = [...(first.json.messages as { text: string }[]), ...(second.json.messages as { text: string }[])].map(
      (m) => m.text,
    );
    expect(texts).toEqual(['parent', ...Array.from({ length: 30 }, (_, i) => `r${i}`)]);
    expect((second.json.response_metadata as { next_cursor: string }).next_cursor).toBe('');
  });

  it('refuses a cursor it did not hand out', async () => {
    expect((await api('conversations.history', { channel: CHANNEL, cursor: 'not-a-cursor' })).json).toMatchObject({
      ok: false,
      error: 'invalid_cursor',
    });
  });

  it('as a non-Marketplace app: at most 15 per page and 1 request per minute (429 with Retry-After)', async () => {
    const limited = await SlackEmulator.start({ channels: [CHANNEL], nonMarketplaceApp: true });
    try {
      for (let i = 0; i < 20; i++) limited.addMessage(CHANNEL, { text: `m${i}` });
      const call = () =>
        fetch(`${limited.apiUrl}conversations.history`, {
          method: 'POST',
          headers: { authorization: `Bearer ${limited.token}`, 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({ channel: CHANNEL, limit: 200 }),
        });
      const first = await call();
      const json = (await first.json()) as { messages: unknown[]; has_more: boolean };
      expect(json.messages).toHaveLength(15);
      expect(json.has_more).toBe(true);
      const second = await call();
      expect(second.status).toBe(429);
      expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(50);
    } finally {
      await limited.close();
    }
  });
});

describe("Slack's total text per message", () => {
  // Besides the per-block limits, Slack rejects a message whose blocks hold too much text in total with
  // msg_blocks_too_long: Slack documents 12,000 characters for markdown blocks, a Slack engineer described the limit as
  // "12,000 text characters with a buffer for block containers" (slackapi/bolt-js#2509), and section/rich_text
  // messages were refused at 11,341 characters of text summed over every `text` (slackapi/bolt-js#2867).
  const sections = (count: number, each: number) =>
    Array.from({ length: count }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(each) } }));

  it('counts every text field of every block, and names the total when it is over 11,000', () => {
    expect(BLOCK_KIT_LIMITS.totalText).toBe(11_000);
    expect(validateSlackMessage({ text: 'x', blocks: sections(3, 2900) })).toEqual([]);
    const withFields = [
      ...sections(3, 2900),
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: 'f'.repeat(1500) },
          { type: 'mrkdwn', text: 'g'.repeat(1500) },
        ],
      },
    ];
    expect(validateSlackMessage({ text: 'x', blocks: withFields }).join('\n')).toMatch(
      /11700 characters of text in all blocks, more than 11000/,
    );
    const withContext = [
      ...sections(3, 2900),
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'c'.repeat(2400) }] },
    ];
    expect(validateSlackMessage({ text: 'x', blocks: withContext }).join('\n')).toMatch(/more than 11000/);
  });

  it('chat.postMessage and chat.update answer msg_blocks_too_long; a webhook answers 400; nothing is posted', async () => {
    const blocks = sections(4, 2900);
    const posted = await api('chat.postMessage', { channel: CHANNEL, text: 'x', blocks });
    expect(posted.json).toMatchObject({ ok: false, error: 'msg_blocks_too_long' });
    const ok = await api('chat.postMessage', { channel: CHANNEL, text: 'x', blocks: blocks.slice(0, 3) });
    const updated = await api('chat.update', { channel: CHANNEL, ts: ok.json.ts, text: 'x', blocks });
    expect(updated.json).toMatchObject({ ok: false, error: 'msg_blocks_too_long' });
    const hook = await webhook(slack.webhookUrl(CHANNEL), { text: 'x', blocks });
    expect(hook.status).toBe(400);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
  });
});

describe('Block Kit validation', () => {
  it('accepts a valid message and names each limit a message breaks', () => {
    expect(
      validateSlackMessage({ text: 'ok', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] }),
    ).toEqual([]);
    const tooMany = Array.from({ length: BLOCK_KIT_LIMITS.blocks + 1 }, () => ({ type: 'divider' }));
    expect(validateSlackMessage({ text: 'x', blocks: tooMany }).join('\n')).toMatch(/50/);
    const longSection = {
      type: 'section',
      text: { type: 'mrkdwn', text: 'a'.repeat(BLOCK_KIT_LIMITS.sectionText + 1) },
    };
    expect(validateSlackMessage({ text: 'x', blocks: [longSection] }).join('\n')).toMatch(/3000/);
    const mrkdwnHeader = { type: 'header', text: { type: 'mrkdwn', text: 'h' } };
    expect(validateSlackMessage({ text: 'x', blocks: [mrkdwnHeader] }).join('\n')).toMatch(/plain_text/);
  });
});

describe('Web API', () => {
  it('posts, threads, updates in place and gives permalinks', async () => {
    const posted = await api('chat.postMessage', { channel: CHANNEL, text: 'Deploying v1.2.3' });
    expect(posted.json.ok).toBe(true);
    const ts = String(posted.json.ts);
    const reply = await api('chat.postMessage', { channel: CHANNEL, text: 'notes', thread_ts: ts });
    expect(reply.json.ok).toBe(true);
    expect((await api('chat.update', { channel: CHANNEL, ts, text: 'Deployed v1.2.3' })).json.ok).toBe(true);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
    expect(slack.message(CHANNEL, ts)?.text).toBe('Deployed v1.2.3');
    expect(slack.message(CHANNEL, ts)?.edits.map((e) => e.text)).toEqual(['Deploying v1.2.3']);
    expect(slack.replies(CHANNEL, ts).map((m) => m.text)).toEqual(['notes']);
    const link = await api('chat.getPermalink', { channel: CHANNEL, message_ts: ts });
    expect(String(link.json.permalink)).toContain(ts.replace('.', ''));
  });

  it('answers errors as { ok: false, error } with HTTP 200, and a 429 with Retry-After', async () => {
    expect((await api('chat.postMessage', { channel: CHANNEL, text: 'x' }, 'xoxb-wrong')).json).toMatchObject({
      ok: false,
      error: 'invalid_auth',
    });
    expect((await api('chat.postMessage', { channel: 'C0MISSING', text: 'x' })).json).toMatchObject({
      ok: false,
      error: 'channel_not_found',
    });
    expect((await api('chat.update', { channel: CHANNEL, ts: '1.000001', text: 'x' })).json).toMatchObject({
      ok: false,
      error: 'message_not_found',
    });
    slack.fault('chat.postMessage', { status: 429, retryAfter: 3 });
    const limited = await api('chat.postMessage', { channel: CHANNEL, text: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(slack.messages(CHANNEL)).toHaveLength(0);
  });

  it('records an ambiguous failure: the message is posted, the answer is an error', async () => {
    slack.fault('chat.postMessage', { status: 500, afterApply: true });
    expect((await api('chat.postMessage', { channel: CHANNEL, text: 'once' })).status).toBe(500);
    expect(slack.messages(CHANNEL).map((m) => m.text)).toEqual(['once']);
  });
});

describe('incoming webhooks', () => {
  it('posts with a plain-text ok, refuses a payload without text or blocks, and reports invalid blocks', async () => {
    const url = slack.webhookUrl(CHANNEL);
    expect(await webhook(url, { text: 'hello' })).toMatchObject({ status: 200, text: 'ok' });
    expect(await webhook(url, {})).toMatchObject({ status: 400, text: 'no_text' });
    expect(
      await webhook(url, { text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '' } }] }),
    ).toMatchObject({ status: 400, text: 'invalid_blocks' });
    expect(slack.messages(CHANNEL).map((m) => m.text)).toEqual(['hello']);
    expect((await webhook(`${slack.url}/services/T0/B0/unknown`, { text: 'x' })).status).toBe(404);
  });

  it('a 5xx fault answers rollup_error, the body Slack documents for its webhook 500', async () => {
    slack.fault('webhook', { status: 500 });
    expect(await webhook(slack.webhookUrl(CHANNEL), { text: 'x' })).toMatchObject({
      status: 500,
      text: 'rollup_error',
    });
  });

  it('a drop fault closes the connection without an answer; with afterApply the message was posted', async () => {
    slack.fault('webhook', { drop: true, afterApply: true });
    await expect(webhook(slack.webhookUrl(CHANNEL), { text: 'dropped' })).rejects.toThrow();
    expect(slack.messages(CHANNEL).map((m) => m.text)).toEqual(['dropped']);
  });

  it('an echoPath fault answers with the request path, as a proxy in front of the endpoint would', async () => {
    slack.fault('webhook', { status: 404, echoPath: true });
    const url = slack.webhookUrl(CHANNEL);
    expect((await webhook(url, { text: 'x' })).text).toContain(`Cannot POST ${new URL(url).pathname}`);
  });
});
