/// <reference path="../../../../../packages/emulator/src/dynamodb/dynalite.d.ts" />
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOutputsFile } from '@org/contracts';
import { createMemoryLogger, type LocalStack, startLocalStack } from '@org/emulator';
import { createServer, type ViteDevServer } from 'vite';
import type { TestProject } from 'vitest/node';

/** The synthesized app (`pnpm --filter @org/infra synth` writes it; turbo runs that before this task). */
const ASSEMBLY_DIR = fileURLToPath(new URL('../../../../../infra/cdk.out', import.meta.url));
const WEB_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

declare module 'vitest' {
  export interface ProvidedContext {
    /** The dev server's URL, ending in `/`. */
    webUrl: string;
    cognitoEndpoint: string;
    userPoolId: string;
    clientId: string;
    region: string;
    apiUrl: string;
    /** The user pool domain (managed login), without a trailing `/`. */
    domainUrl: string;
  }
}

/**
 * Starts, once for every browser test file, the local stack (the synthesized app on the emulator, free ports, a
 * temporary state directory) and the web app's Vite dev server configured for it, as `npm run dev` does.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ASSEMBLY_DIR, 'manifest.json'))) {
    throw new Error(
      `No cloud assembly in ${ASSEMBLY_DIR}: synthesize the app first (pnpm --filter @org/infra synth)`,
    );
  }
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-web-'));
  let stack: LocalStack | undefined;
  let server: ViteDevServer | undefined;
  const stop = async () => {
    await server?.close();
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  };
  try {
    stack = await startLocalStack({
      assemblyDir: ASSEMBLY_DIR,
      stateDir: join(stateDir, 'stack'),
      ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
      log: createMemoryLogger(),
    });
    const outputs = parseOutputsFile(stack.outputs);
    const config = {
      apiUrl: outputs.ApiUrl,
      userPoolId: outputs.UserPoolId,
      clientId: outputs.UserPoolClientId,
      region: outputs.Region,
      cognitoEndpoint: stack.endpoints.cognito,
      // As `npm run dev` writes it: the managed login page is offered once the stack has a domain.
      ...(outputs.UserPoolDomainUrl ? { domainUrl: outputs.UserPoolDomainUrl } : {}),
    };
    const configFile = join(stateDir, 'config.json');
    writeFileSync(configFile, JSON.stringify(config));
    // vite.config.ts serves /config.json from this file.
    process.env.GATEHOUSE_WEB_CONFIG = configFile;
    server = await createServer({
      root: WEB_ROOT,
      server: { port: 0, strictPort: false, hmr: false },
      logLevel: 'warn',
      clearScreen: false,
    });
    await server.listen();
    const webUrl = server.resolvedUrls?.local[0];
    if (!webUrl) throw new Error('The dev server did not report its URL');
    await warmUp(webUrl);
    project.provide('webUrl', webUrl);
    project.provide('cognitoEndpoint', stack.endpoints.cognito);
    project.provide('userPoolId', config.userPoolId);
    project.provide('clientId', config.clientId);
    project.provide('region', config.region);
    project.provide('apiUrl', config.apiUrl);
    if (!outputs.UserPoolDomainUrl) throw new Error('The synthesized app has no UserPoolDomainUrl output');
    project.provide('domainUrl', outputs.UserPoolDomainUrl);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}

/**
 * Asks the dev server for the app's entry and the pre-bundled dependencies it imports, once, before any page
 * opens. On a cold cache (a fresh clone in CI) Vite bundles the dependencies on the first request; doing that
 * here keeps the first test's page from spending its own timeout on it.
 */
async function warmUp(webUrl: string): Promise<void> {
  const entry = await fetch(new URL('/src/main.tsx', webUrl));
  if (!entry.ok) throw new Error(`The dev server answered ${entry.status} for the app's entry`);
  const source = await entry.text();
  const deps = new Set(source.match(/\/node_modules\/\.vite\/deps\/[^"'?\s]+(?:\?[^"'\s]*)?/g) ?? []);
  await Promise.all([...deps].map(async (path) => (await fetch(new URL(path, webUrl))).arrayBuffer()));
}
