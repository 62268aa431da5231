import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { closeHttp, httpUrl, listenHttp, reachableHost } from '../../src/shared/http-listener.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) if (s.listening) await closeHttp(s);
});

function server() {
  const s = createServer((_req, res) => res.end('ok'));
  servers.push(s);
  return s;
}

describe('listenHttp', () => {
  it('resolves with the port the system picked and serves on it', async () => {
    const port = await listenHttp(server(), 0, '127.0.0.1');
    expect(port).toBeGreaterThan(0);
    await expect((await fetch(httpUrl('127.0.0.1', port))).text()).resolves.toBe('ok');
  });

  it('rejects when the port is taken', async () => {
    const port = await listenHttp(server(), 0, '127.0.0.1');
    await expect(listenHttp(server(), port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('closeHttp', () => {
  it('closes a server that still holds a kept-alive connection', async () => {
    const s = server();
    const port = await listenHttp(s, 0, '127.0.0.1');
    await (await fetch(httpUrl('127.0.0.1', port), { keepalive: true })).text();
    await closeHttp(s);
    expect(s.listening).toBe(false);
  });
});

describe('reachableHost and httpUrl', () => {
  it.each([
    ['0.0.0.0', 'http://127.0.0.1:80'],
    ['::', 'http://[::1]:80'],
    ['192.168.1.5', 'http://192.168.1.5:80'],
    ['localhost', 'http://localhost:80'],
  ])('names %s as %s', (host, url) => {
    expect(httpUrl(reachableHost(host), 80)).toBe(url);
  });
});
