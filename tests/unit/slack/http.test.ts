import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeHttpPost } from '@shipshape/slack';

let server: Server;
let url = '';
const seen: { body: string; type: string | undefined; length: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        body: Buffer.concat(chunks).toString('utf8'),
        type: req.headers['content-type'],
        length: req.headers['content-length'],
      });
      if (req.url === '/hang') return; // never answers
      res.writeHead(429, { 'retry-after': '3', 'content-type': 'text/plain' });
      res.end('rate_limited');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('nodeHttpPost', () => {
  it('posts the body with its byte length and reads status, headers and text', async () => {
    const response = await nodeHttpPost(`${url}/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"t":"é"}',
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('3');
    expect(response.headers.get('x-missing')).toBeNull();
    expect(await response.text()).toBe('rate_limited');
    expect(seen.at(-1)).toEqual({ body: '{"t":"é"}', type: 'application/json', length: '10' });
  });

  it('rejects with the abort reason when the signal fires', async () => {
    const controller = new AbortController();
    const pending = nodeHttpPost(`${url}/hang`, { method: 'POST', headers: {}, body: '', signal: controller.signal });
    setTimeout(() => controller.abort(new Error('no answer within 20 ms')), 20);
    await expect(pending).rejects.toThrow('no answer within 20 ms');
  });

  it('rejects a connection error', async () => {
    await expect(
      nodeHttpPost('http://127.0.0.1:9/x', {
        method: 'POST',
        headers: {},
        body: '',
        signal: new AbortController().signal,
      }),
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
