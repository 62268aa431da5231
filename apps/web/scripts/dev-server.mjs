#!/usr/bin/env node
// Starts the web app's Vite dev server (hot reload) for `npm run dev` and prints
// `Web app listening at http://localhost:5173/` once it listens, so that the caller learns the actual port
// (0 = any free port).
// Usage: node scripts/dev-server.mjs [--port <n>]
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const args = process.argv.slice(2);
const portIndex = args.indexOf('--port');
const port = portIndex === -1 ? 5173 : Number(args[portIndex + 1]);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`dev-server: --port must be a whole number from 0 to 65535\n`);
  process.exit(2);
}

const server = await createServer({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // A taken port is an error rather than a silent move to the next one: the URL is printed and registered.
  server: { port, strictPort: port !== 0 },
  clearScreen: false,
});
await server.listen();
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('The dev server did not report its URL');
process.stdout.write(`Web app listening at ${url}\n`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close().then(() => process.exit(0));
  });
}
