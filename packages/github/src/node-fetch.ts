import type * as Http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type * as Https from 'node:https';

/**
 * The slice of `fetch` that Octokit's request layer uses, over node:http(s).
 *
 * Why not the global fetch: its first call loads Node's bundled undici, a large share of an action's cold start;
 * node:http(s) costs a fraction of that (docs/performance.md, row 2). What Octokit reads of a response: status, url,
 * headers (iterated and `get`), text(), json() and arrayBuffer().
 *
 * Behaviour kept from fetch: redirects are followed (at most 20; 303, and 301/302 after a POST, become a GET
 * without body), and Authorization is dropped when a redirect leaves the origin; a failure without an answer is a
 * `TypeError('fetch failed')` whose cause is the socket error; an aborted signal rejects with its reason.
 */

export interface MinimalHeaders extends Iterable<[string, string]> {
  get(name: string): string | null;
  has(name: string): boolean;
}

export interface MinimalResponse {
  status: number;
  statusText: string;
  ok: boolean;
  url: string;
  redirected: boolean;
  headers: MinimalHeaders;
  body: null;
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface MinimalRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | null;
  signal?: AbortSignal | null;
  redirect?: 'follow' | 'manual' | 'error';
}

const MAX_REDIRECTS = 20;

function headerList(raw: IncomingHttpHeaders): [string, string][] {
  const list: [string, string][] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    // fetch joins repeated headers with ", " (set-cookie aside, which GitHub's API does not rely on).
    list.push([name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]);
  }
  return list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function minimalHeaders(list: [string, string][]): MinimalHeaders {
  const map = new Map(list);
  return {
    get: (name) => map.get(name.toLowerCase()) ?? null,
    has: (name) => map.has(name.toLowerCase()),
    [Symbol.iterator]: () => list[Symbol.iterator](),
  };
}

interface RawAnswer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: Buffer;
}

let http: Promise<typeof Http> | undefined;
let https: Promise<typeof Https> | undefined;

/**
 * node:http and node:https (the TLS stack, and node:crypto with it) are loaded by the first request that needs them, so
 * a run that sends nothing (an
 * input error, a no-op event, a check that needs no API) pays for neither.
 */
async function requestFor(url: URL): Promise<typeof Http.request> {
  if (url.protocol !== 'https:') return (await (http ??= import('node:http'))).request;
  return (await (https ??= import('node:https'))).request;
}

async function sendOnce(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | null | undefined,
  signal: AbortSignal | null | undefined,
): Promise<RawAnswer> {
  const send = await requestFor(url);
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const outgoing: Record<string, string> = { ...headers };
    if (body !== undefined && body !== null)
      outgoing['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(signal.reason);
      else reject(new TypeError('fetch failed', { cause: error }));
    };
    const req = send(url, { method, headers: outgoing }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('other side closed')));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: headerList(res.headers),
          body: Buffer.concat(chunks),
        });
      });
    });
    function onAbort(): void {
      req.destroy();
      fail(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.end(body ?? undefined);
  });
}

export async function nodeHttpFetch(input: string | URL, init: MinimalRequestInit = {}): Promise<MinimalResponse> {
  let url = new URL(String(input));
  let method = (init.method ?? 'GET').toUpperCase();
  let body = init.body;
  const headers: Record<string, string> = { ...(init.headers ?? {}) };
  let redirected = false;
  for (let hop = 0; ; hop++) {
    const answer = await sendOnce(url, method, headers, body, init.signal);
    const location = answer.headers.find(([name]) => name === 'location')?.[1];
    const isRedirect = [301, 302, 303, 307, 308].includes(answer.status) && location !== undefined;
    if (isRedirect && (init.redirect ?? 'follow') === 'follow') {
      if (hop >= MAX_REDIRECTS)
        throw new TypeError('fetch failed', { cause: new Error(`more than ${MAX_REDIRECTS} redirects`) });
      const next = new URL(location, url);
      if (next.origin !== url.origin) {
        for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
      }
      if (answer.status === 303 || ((answer.status === 301 || answer.status === 302) && method === 'POST')) {
        method = method === 'HEAD' ? 'HEAD' : 'GET';
        body = undefined;
        for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') delete headers[name];
      }
      url = next;
      redirected = true;
      continue;
    }
    if (isRedirect && init.redirect === 'error')
      throw new TypeError('fetch failed', { cause: new Error(`redirected to ${location}`) });
    const bytes = answer.body;
    const text = (): Promise<string> => Promise.resolve(bytes.toString('utf8'));
    return {
      status: answer.status,
      statusText: answer.statusText,
      ok: answer.status >= 200 && answer.status < 300,
      url: url.toString(),
      redirected,
      headers: minimalHeaders(answer.headers),
      body: null,
      text,
      json: async () => JSON.parse(await text()) as unknown,
      arrayBuffer: () =>
        Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
    };
  }
}

/** nodeHttpFetch typed as the global fetch, for libraries (Octokit) that take a fetch option. */
export const nodeFetch = nodeHttpFetch as unknown as typeof fetch;
