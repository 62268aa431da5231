import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedConfigPlugin } from '../../src/config/served-config-plugin.js';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The plugin's middleware as the dev server installs it, behind a plain HTTP server that answers 404 after it. */
function serve(file: string): Promise<{ server: Server; url: string }> {
  let handler: Handler | undefined;
  const plugin = servedConfigPlugin(file);
  const hook = plugin.configureServer as (server: { middlewares: { use(h: Handler): void } }) => void;
  hook({ middlewares: { use: (h) => (handler = h) } });
  const server = createServer((req, res) =>
    handler?.(req, res, () => {
      res.writeHead(404);
      res.end('next');
    }),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

describe('servedConfigPlugin', () => {
  let dir: string;
  let file: string;
  let running: { server: Server; url: string };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'served-config-'));
    file = join(dir, 'config.json');
    running = await serve(file);
  });

  afterAll(() => {
    running.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 naming the file while the local stack has not written it', async () => {
    const res = await fetch(`${running.url}/config.json`);
    expect(res.status).toBe(503);
    expect((await res.json()).message).toContain(file);
  });

  it('serves the file as it is now, uncached, also with a query string', async () => {
    writeFileSync(file, '{"apiUrl":"http://127.0.0.1:3000/dev/"}');
    const res = await fetch(`${running.url}/config.json?t=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ apiUrl: 'http://127.0.0.1:3000/dev/' });
  });

  it('leaves every other path to the next middleware', async () => {
    expect(await (await fetch(`${running.url}/index.html`)).text()).toBe('next');
  });
});
