import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.map', 'application/json'],
  ['.svg', 'image/svg+xml'],
]);

/** A running static file server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>`: the page's origin. */
  origin: string;
  close(): Promise<void>;
}

/** Serves a built site's folder on 127.0.0.1 and a free port (`/` is index.html; nothing outside the folder). */
export async function serveStatic(root: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = normalize(join(root, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)));
    if (!file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, {
          'Content-Type': CONTENT_TYPES.get(extname(file)) ?? 'application/octet-stream',
        });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
