import { request as httpRequest } from 'node:http';
import type * as Https from 'node:https';

let https: Promise<typeof Https> | undefined;

/** The part of a fetch Response the Slack client reads; a global fetch Response satisfies it. */
export interface HttpResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface HttpRequestInit {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal;
}

/** What the client needs to send a request: global fetch fits, and so does nodeHttpPost. */
export type HttpPost = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/**
 * A POST over node:http(s). Why not global fetch: its first call loads Node's bundled undici, most of a cold start's
 * budget; node:http answers the same request for a fraction of it (docs/performance.md, row 2).
 */
export const nodeHttpPost: HttpPost = async (url, init) => {
  const target = new URL(url);
  // node:https (the TLS stack and node:crypto) loads with the first https request, not with the bundle.
  const send = target.protocol === 'https:' ? (await (https ??= import('node:https'))).request : httpRequest;
  return new Promise<HttpResponse>((resolve, reject) => {
    if (init.signal.aborted) {
      reject(init.signal.reason);
      return;
    }
    const req = send(
      target,
      { method: init.method, headers: { ...init.headers, 'content-length': String(Buffer.byteLength(init.body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: {
              get: (name) => {
                const value = res.headers[name.toLowerCase()];
                return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
              },
            },
            text: async () => body,
          });
        });
      },
    );
    const onAbort = (): void => {
      req.destroy(init.signal.reason instanceof Error ? init.signal.reason : new Error('aborted'));
    };
    init.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      init.signal.removeEventListener('abort', onAbort);
      reject(error);
    });
    req.on('close', () => init.signal.removeEventListener('abort', onAbort));
    req.end(init.body);
  });
};
