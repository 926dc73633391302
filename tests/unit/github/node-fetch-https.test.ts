import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpFetch } from '@shipshape/github';

// node:https is loaded on the first https request (cold start): an https URL must still go through TLS. A plain
// HTTP server answers the TLS handshake with garbage, which only a TLS client reports as a protocol error.
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200).end('plain http'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('nodeHttpFetch over https', () => {
  it('speaks TLS to an https URL (the plain server is not taken for a TLS one)', async () => {
    const failure = await nodeHttpFetch(`https://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as Error).message).toBe('fetch failed');
    const cause = (failure as { cause?: { code?: string; message?: string } }).cause;
    expect(`${cause?.code ?? ''} ${cause?.message ?? ''}`).toMatch(/EPROTO|SSL|TLS|wrong version/i);
  });

  it('still answers plain http URLs', async () => {
    const response = await nodeHttpFetch(`http://127.0.0.1:${port}/`);
    expect(await response.text()).toBe('plain http');
  });
});
