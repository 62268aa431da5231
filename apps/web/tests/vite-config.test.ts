import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));
const stateDir = `${workspaceRoot}.local/`;
const probe = `${stateDir}vite-config-probe.json`;

describe('vite.config server.fs', () => {
  let server: ViteDevServer;
  let base: string;

  beforeAll(async () => {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(probe, '{"refreshToken":"secret"}');
    server = await createServer({
      root: appRoot,
      configFile: `${appRoot}vite.config.ts`,
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      clearScreen: false,
      logLevel: 'silent',
    });
    await server.listen();
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('the dev server reported no URL');
    base = url;
  });

  afterAll(async () => {
    await server?.close();
    rmSync(probe, { force: true });
  });

  it.each([
    ['the state directory', probe],
    ['a file of the workspace root', `${workspaceRoot}package.json`],
    ['another package of the workspace', `${workspaceRoot}packages/emulator/package.json`],
  ])('refuses %s through /@fs/', async (_name, file) => {
    const response = await fetch(new URL(`/@fs${file}`, base));
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(text).not.toContain('secret');
  });

  it('serves the app and the client package it reads from source', async () => {
    expect((await fetch(new URL(`/@fs${appRoot}index.html`, base))).status).toBe(200);
    expect((await fetch(new URL(`/@fs${workspaceRoot}packages/client/package.json`, base))).status).toBe(200);
  });
});
