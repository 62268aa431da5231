import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { CONFIG_PATH } from './config-path.js';

/**
 * Serves `/config.json` from a file outside `public/` in the dev server and `vite preview`, so that a
 * local stack's configuration never ends up in a production build. The file is read on every request:
 * `npm run dev` writes it once the local stack is ready, after the dev server has started.
 */
export function servedConfigPlugin(file: string): Plugin {
  const handle = (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (req.url?.split('?')[0] !== CONFIG_PATH) {
      next();
      return;
    }
    readFile(file, 'utf8').then(
      (text) => {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(text);
      },
      () => {
        res.writeHead(503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ message: `The local stack is not ready yet: ${file} does not exist` }));
      },
    );
  };
  return {
    name: 'gatehouse-served-config',
    configureServer: (server) => {
      server.middlewares.use(handle);
    },
    configurePreviewServer: (server) => {
      server.middlewares.use(handle);
    },
  };
}
