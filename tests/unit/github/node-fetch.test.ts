import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpFetch } from '@shipshape/github';

/** nodeHttpFetch must behave like fetch where Octokit depends on it; two real servers stand in for two origins. */

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

let a: Server;
let b: Server;
let aUrl: string;
let bUrl: string;
const seen: Seen[] = [];

function record(req: IncomingMessage): Promise<Seen> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(entry);
      resolve(entry);
    });
  });
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  a = createServer((req, res) => {
    void record(req).then((entry) => {
      if (entry.url === '/json') {
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'x-ratelimit-remaining': '42',
          link: '<x>; rel="next"',
        });
        res.end(JSON.stringify({ echo: entry.body, method: entry.method }));
      } else if (entry.url === '/same-origin') {
        res.writeHead(307, { location: '/json' }).end();
      } else if (entry.url === '/see-other') {
        res.writeHead(303, { location: '/json' }).end();
      } else if (entry.url === '/elsewhere') {
        res.writeHead(302, { location: `${bUrl}/landing` }).end();
      } else if (entry.url === '/loop') {
        res.writeHead(302, { location: '/loop' }).end();
      } else if (entry.url === '/hang') {
        // never answers
      } else if (entry.url === '/drop') {
        req.socket.destroy();
      } else {
        res.writeHead(204).end();
      }
    });
  });
  b = createServer((req, res) => {
    void record(req).then(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('landed'));
  });
  aUrl = await listen(a);
  bUrl = await listen(b);
});

afterAll(() => {
  a.closeAllConnections();
  a.close();
  b.close();
});

describe('nodeHttpFetch', () => {
  it('sends method, headers and body, and exposes status, iterable headers and the body', async () => {
    const response = await nodeHttpFetch(`${aUrl}/json`, {
      method: 'POST',
      headers: { authorization: 'token t', 'content-type': 'application/json' },
      body: '{"héllo":1}',
    });
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('X-RateLimit-Remaining')).toBe('42');
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      link: '<x>; rel="next"',
    });
    expect(await response.json()).toEqual({ echo: '{"héllo":1}', method: 'POST' });
    expect(seen.at(-1)?.authorization).toBe('token t');
  });

  it('follows a same-origin 307 keeping method, body and authorization; a 303 becomes a GET', async () => {
    seen.length = 0;
    const kept = await nodeHttpFetch(`${aUrl}/same-origin`, {
      method: 'PATCH',
      headers: { authorization: 'token t' },
      body: 'x',
    });
    expect(await kept.json()).toEqual({ echo: 'x', method: 'PATCH' });
    expect(kept.redirected).toBe(true);
    expect(kept.url).toBe(`${aUrl}/json`);
    const other = await nodeHttpFetch(`${aUrl}/see-other`, { method: 'POST', body: 'gone' });
    expect(await other.json()).toEqual({ echo: '', method: 'GET' });
  });

  it('drops Authorization when a redirect leaves the origin', async () => {
    seen.length = 0;
    const response = await nodeHttpFetch(`${aUrl}/elsewhere`, { headers: { Authorization: 'token secret' } });
    expect(await response.text()).toBe('landed');
    expect(seen.map((s) => s.authorization)).toEqual(['token secret', undefined]);
  });

  it('fails like fetch: a TypeError whose cause says why, a redirect loop, an abort with its reason', async () => {
    const dropped = await nodeHttpFetch(`${aUrl}/drop`).catch((e: unknown) => e);
    expect(dropped).toBeInstanceOf(TypeError);
    expect((dropped as Error).message).toBe('fetch failed');
    expect((dropped as { cause?: { code?: string } }).cause?.code).toMatch(/ECONNRESET|socket hang up/i);
    await expect(nodeHttpFetch(`${aUrl}/loop`)).rejects.toThrow('fetch failed');
    const timeout = AbortSignal.timeout(50);
    const hung = await nodeHttpFetch(`${aUrl}/hang`, { signal: timeout }).catch((e: unknown) => e);
    expect((hung as Error).name).toBe('TimeoutError');
    const refused = await nodeHttpFetch('http://127.0.0.1:9/').catch((e: unknown) => e);
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
  });

  it('answers 204 with an empty body', async () => {
    const response = await nodeHttpFetch(`${aUrl}/nothing`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
  });
});
