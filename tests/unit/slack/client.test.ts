import { describe, expect, it } from '@jest/globals';
import { FakeClock, MemoryLogger } from '@shipshape/kit';
import { callWebApi, postedBy, postWebhook, SlackBot, SlackError } from '@shipshape/slack';

type Answer =
  { status: number; body: string; headers?: Record<string, string> } | 'drop' | 'hang' | 'refused' | 'refused-fetch';

/** A fetch that answers from a script and records each request. */
function scriptedFetch(answers: Answer[]) {
  const requests: { url: string; body: string; headers: Record<string, string> }[] = [];
  const fetch = (async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({
      url: String(url),
      body: String(init?.body ?? ''),
      headers: (init?.headers ?? {}) as Record<string, string>,
    });
    const answer = answers.shift() ?? { status: 200, body: '{"ok":true}' };
    if (answer === 'drop') throw new TypeError('fetch failed: socket hang up');
    // node:http's error for a port nothing listens on (the request was never sent), and global fetch's wrapping of it.
    if (answer === 'refused')
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    if (answer === 'refused-fetch')
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      });
    if (answer === 'hang') {
      return new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }
    return new Response(answer.body, { status: answer.status, headers: answer.headers });
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

function options(fetch: typeof globalThis.fetch, extra: Record<string, unknown> = {}) {
  return {
    fetch,
    clock: new FakeClock(),
    log: new MemoryLogger(),
    token: 'xoxb-test',
    baseUrl: 'http://slack.test/api',
    ...extra,
  };
}

describe('incoming webhook delivery', () => {
  it('posts JSON and accepts "ok"', async () => {
    const { fetch, requests } = scriptedFetch([{ status: 200, body: 'ok' }]);
    await postWebhook('http://hooks.test/services/T/B/x', { text: 'hi' }, options(fetch));
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ text: 'hi' });
  });

  it('honours Retry-After on 429, then succeeds', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '7' } },
      { status: 200, body: 'ok' },
    ]);
    const o = options(fetch);
    await postWebhook('http://hooks.test/x', { text: 'hi' }, o);
    expect(requests).toHaveLength(2);
    expect(o.clock.sleeps).toEqual([7000]);
    expect(o.log.text('warning')).toMatch(/HTTP 429.*retrying in 7 s \(retry 1 of 3\)/);
  });

  it('backs off on 5xx and gives up after the retry count, naming the attempts (Web API: bot posts look themselves up first)', async () => {
    const { fetch, requests } = scriptedFetch(Array.from({ length: 10 }, () => ({ status: 503, body: 'upstream' })));
    const o = options(fetch, { maxTotalMs: 60_000 });
    await expect(callWebApi('chat.update', {}, o)).rejects.toThrow(/HTTP 503.*gave up after 4 attempts/);
    expect(requests).toHaveLength(4);
    expect(o.clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('stops when the next wait would exceed the total time budget', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '120' } },
    ]);
    const o = options(fetch, { maxTotalMs: 30_000 });
    await expect(postWebhook('http://hooks.test/x', {}, o)).rejects.toThrow(/exceed the 30 s left of the time budget/);
    expect(requests).toHaveLength(1);
    expect(o.clock.sleeps).toEqual([]);
  });

  it('shares one deadline across calls: a later call only gets what is left', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 503, body: '' },
      { status: 503, body: '' },
    ]);
    const o = options(fetch, { maxTotalMs: 30_000 });
    o.clock.advance(0);
    const deadline = o.clock.now() + 1500;
    await expect(callWebApi('chat.update', {}, { ...o, deadline })).rejects.toThrow(
      /gave up after 2 attempts: the next retry would exceed the 1.5 s left/,
    );
    expect(requests).toHaveLength(2);
    expect(o.clock.sleeps).toEqual([1000]);
  });

  it('does not retry 4xx and explains the error code', async () => {
    const { fetch, requests } = scriptedFetch([{ status: 400, body: 'invalid_blocks' }]);
    const error = await postWebhook('http://hooks.test/x', {}, options(fetch)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackError);
    expect((error as SlackError).code).toBe('invalid_blocks');
    expect((error as Error).message).toMatch(/HTTP 400\): invalid_blocks — Slack rejected the Block Kit layout/);
    expect(requests).toHaveLength(1);
  });

  // A webhook cannot be read back, so it is posted at most once: only an answer that proves Slack did not take the
  // message is retried. Slack documents 500 `rollup_error` as "something strange and unusual happened"
  // (https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks): it may have posted.
  it.each([
    ['a 500', { status: 500, body: 'rollup_error' }],
    ['a 503', { status: 503, body: 'upstream' }],
    ['a dropped connection', 'drop'],
    ['a request that hangs past its timeout', 'hang'],
  ] as const)('does not retry %s: the message may have been posted, and the error says so', async (_name, answer) => {
    const { fetch, requests } = scriptedFetch([answer, { status: 200, body: 'ok' }]);
    const error = await postWebhook('http://hooks.test/x', {}, options(fetch, { requestTimeoutMs: 20 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlackError);
    expect((error as Error).message).toMatch(
      /may have been posted: an incoming webhook is posted at most once, so it is not retried/,
    );
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['node:http', 'refused'],
    ['global fetch', 'refused-fetch'],
  ] as const)('retries a refused connection (%s): nothing was sent', async (_name, answer) => {
    const { fetch, requests } = scriptedFetch([answer, { status: 200, body: 'ok' }]);
    const o = options(fetch);
    await postWebhook('http://hooks.test/x', {}, o);
    expect(requests).toHaveLength(2);
    expect(o.log.text('warning')).toMatch(/ECONNREFUSED.*retrying in 1 s/);
  });
});

describe('Web API delivery', () => {
  it('sends the token as a bearer header, JSON for writes and a form for reads', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 200, body: '{"ok":true,"ts":"1.000001","channel":"C1"}' },
      { status: 200, body: '{"ok":true,"messages":[]}' },
    ]);
    const bot = new SlackBot(options(fetch));
    await bot.post('C1', { text: 'x', blocks: [] });
    await bot.history('C1', { oldestTs: '0.000000' });
    expect(requests[0]?.url).toBe('http://slack.test/api/chat.postMessage');
    expect(requests[0]?.headers.authorization).toBe('Bearer xoxb-test');
    expect(requests[0]?.headers['content-type']).toMatch(/application\/json/);
    expect(requests[1]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(requests[1]?.body).get('include_all_metadata')).toBe('true');
  });

  it('surfaces ok:false with the code, what was needed and what to do; no retry', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 200, body: '{"ok":false,"error":"missing_scope","needed":"chat:write"}' },
    ]);
    await expect(callWebApi('chat.postMessage', {}, options(fetch))).rejects.toThrow(
      /chat\.postMessage failed \(HTTP 200\): missing_scope: the app lacks the chat:write scope — add the missing OAuth scope/,
    );
    expect(requests).toHaveLength(1);
  });

  it('retries ok:false ratelimited after Retry-After', async () => {
    const { fetch } = scriptedFetch([
      { status: 200, body: '{"ok":false,"error":"ratelimited"}', headers: { 'retry-after': '2' } },
      { status: 200, body: '{"ok":true}' },
    ]);
    const o = options(fetch);
    await callWebApi('chat.update', {}, o);
    expect(o.clock.sleeps).toEqual([2000]);
  });

  it('after an ambiguous failure, looks the post up before retrying and never posts it twice', async () => {
    const { fetch, requests } = scriptedFetch([{ status: 500, body: 'oops' }]);
    const bot = new SlackBot(options(fetch));
    const posted = await bot.post('C1', { text: 'x', blocks: [] }, {}, async () => '1700000000.000100');
    expect(posted).toEqual({ channel: 'C1', ts: '1700000000.000100' });
    expect(requests).toHaveLength(1);
  });

  it('retries when the lookup finds nothing, and when the lookup itself fails', async () => {
    const { fetch, requests } = scriptedFetch([
      'drop',
      { status: 502, body: '' },
      { status: 200, body: '{"ok":true,"ts":"2.000000"}' },
    ]);
    const o = options(fetch);
    let lookups = 0;
    const bot = new SlackBot(o);
    const posted = await bot.post('C1', { text: 'x', blocks: [] }, {}, async () => {
      lookups++;
      if (lookups === 2) throw new Error('history unavailable');
      return undefined;
    });
    expect(posted.ts).toBe('2.000000');
    expect(requests).toHaveLength(3);
    expect(o.log.text('warning')).toMatch(/could not check whether the failed attempt was posted/);
  });

  it('reads every page of a thread and of the history, passing next_cursor back as cursor', async () => {
    const page = (texts: string[], next: string) => ({
      status: 200,
      body: JSON.stringify({
        ok: true,
        messages: texts.map((text, i) => ({ ts: `1.00000${i}`, text })),
        response_metadata: { next_cursor: next },
      }),
    });
    const { fetch, requests } = scriptedFetch([
      page(['parent', 'a'], 'c2'),
      page(['b'], 'c3'),
      page(['c'], ''),
      page(['n1'], 'h2'),
    ]);
    const bot = new SlackBot(options(fetch));
    expect((await bot.replies('C1', '1.000000')).map((m) => m.text)).toEqual(['parent', 'a', 'b', 'c']);
    expect(requests.map((r) => new URLSearchParams(r.body).get('cursor'))).toEqual([null, 'c2', 'c3']);
    expect(await bot.history('C1', { limit: 1 })).toEqual({
      messages: [{ ts: '1.000000', text: 'n1' }],
      nextCursor: 'h2',
    });
  });

  it('treats a non-JSON 200 answer as a retryable failure', async () => {
    const { fetch, requests } = scriptedFetch([
      { status: 200, body: '<html>proxy</html>' },
      { status: 200, body: '{"ok":true}' },
    ]);
    await callWebApi('chat.update', {}, options(fetch));
    expect(requests).toHaveLength(2);
  });
});

describe("who posted a message (thread-version adopts only its own bot's)", () => {
  it("identity() asks auth.test and keeps user_id, bot_id and app_id; history lists each message's poster", async () => {
    const { fetch, requests } = scriptedFetch([
      {
        status: 200,
        body: '{"ok":true,"url":"https://x.slack.com/","user_id":"U1","bot_id":"B1","app_id":"A1","team_id":"T1"}',
      },
      {
        status: 200,
        body: JSON.stringify({
          ok: true,
          messages: [
            { ts: '3.000000', text: 'mine', bot_id: 'B1', app_id: 'A1' },
            { ts: '2.000000', text: 'other app', bot_id: 'B2', app_id: 'A2' },
            { ts: '1.000000', text: 'a person', user: 'U9', bot_id: 7 },
          ],
        }),
      },
    ]);
    const bot = new SlackBot(options(fetch));
    const me = await bot.identity();
    expect(me).toEqual({ userId: 'U1', botId: 'B1', appId: 'A1' });
    expect(requests[0]?.url).toBe('http://slack.test/api/auth.test');
    const { messages } = await bot.history('C1');
    expect(messages.map((m) => [m.bot_id, m.app_id])).toEqual([
      ['B1', 'A1'],
      ['B2', 'A2'],
      [undefined, undefined],
    ]);
    expect(messages.map((m) => postedBy(m, me))).toEqual([true, false, false]);
    // The same app under another bot id (reinstalled) is still this app's.
    expect(postedBy({ ts: '4.0', text: '', bot_id: 'B3', app_id: 'A1' }, me)).toBe(true);
    expect(postedBy({ ts: '4.0', text: '', bot_id: 'B1' }, { userId: 'U1' })).toBe(false);
  });
});
