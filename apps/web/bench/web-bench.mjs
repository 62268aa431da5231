#!/usr/bin/env node
/**
 * Web app benchmark, on the production build (`dist/`, which the bench task builds first):
 *   1. the JavaScript of the first page: what index.html loads before anything renders (entry script and
 *      module preloads), minified and gzipped — the aim is at most 100 KB;
 *   2. the sign-in page's time to interactive in Chromium, served by `vite preview` and configured for the
 *      local stack: from navigation start until the `Sign in` button is rendered and enabled (React has then
 *      attached its handlers), over cold loads (a fresh browser context each, so nothing is cached).
 * Run: pnpm --filter @org/web bench (npm run bench runs every package's benchmarks).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseOutputsFile } from '@org/contracts';
import { silentLogger, startLocalStack } from '@org/emulator';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const WEB_ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(WEB_ROOT, 'dist');
const ASSEMBLY_DIR = fileURLToPath(new URL('../../../infra/cdk.out', import.meta.url));
const AIM_KB = 100;
const LOADS = 5;

const kb = (bytes) => (bytes / 1024).toFixed(1);

function firstPageJs() {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]);
  return files.map((file) => {
    const bytes = readFileSync(join(DIST, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
}

async function timeToInteractive() {
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-web-bench-'));
  const stack = await startLocalStack({
    assemblyDir: ASSEMBLY_DIR,
    stateDir: join(stateDir, 'stack'),
    ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
    log: silentLogger,
  });
  let server;
  let browser;
  try {
    const outputs = parseOutputsFile(stack.outputs);
    const configFile = join(stateDir, 'config.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        apiUrl: outputs.ApiUrl,
        userPoolId: outputs.UserPoolId,
        clientId: outputs.UserPoolClientId,
        region: outputs.Region,
        cognitoEndpoint: stack.endpoints.cognito,
      }),
    );
    process.env.GATEHOUSE_WEB_CONFIG = configFile;
    server = await preview({ root: WEB_ROOT, preview: { port: 0, strictPort: false }, logLevel: 'warn' });
    const url = new URL('sign-in', server.resolvedUrls.local[0]).toString();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const times = [];
    for (let i = 0; i < LOADS; i += 1) {
      const context = await browser.newContext();
      await context.addInitScript(() => {
        new MutationObserver((_changes, observer) => {
          const button = [...document.querySelectorAll('button')].find(
            (b) => b.textContent === 'Sign in' && !b.disabled,
          );
          if (button) {
            window.__interactiveAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => window.__interactiveAt !== undefined);
      times.push(await page.evaluate(() => window.__interactiveAt));
      await context.close();
    }
    return times.sort((a, b) => a - b);
  } finally {
    await browser?.close();
    await server?.close();
    await stack.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const files = firstPageJs();
const total = files.reduce((sum, f) => sum + f.gzip, 0);
console.log('\nWeb app: first-page JavaScript (production build)\n');
console.log('| file | minified | gzip |');
console.log('|---|---:|---:|');
for (const f of files) console.log(`| \`${f.file}\` | ${kb(f.raw)} KB | ${kb(f.gzip)} KB |`);
console.log(
  `| **total** | ${kb(files.reduce((s, f) => s + f.raw, 0))} KB | **${kb(total)} KB** (aim ≤ ${AIM_KB} KB: ${total <= AIM_KB * 1024 ? 'met' : 'not met'}) |`,
);

const times = await timeToInteractive();
const median = times[Math.floor(times.length / 2)];
console.log(
  `\nWeb app: sign-in page time to interactive in Chromium (vite preview + local stack, ${LOADS} cold loads)\n`,
);
console.log('| median | fastest | slowest |');
console.log('|---:|---:|---:|');
console.log(`| ${median.toFixed(0)} ms | ${times[0].toFixed(0)} ms | ${times.at(-1).toFixed(0)} ms |`);
