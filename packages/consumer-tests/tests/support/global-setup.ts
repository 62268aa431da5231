import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger, startLocalStack } from '@org/emulator';
import type { TestProject } from 'vitest/node';
import { makeConsumerProject, packTarballs } from './consumer-project.js';

/** The synthesized app (`pnpm --filter @org/infra synth` writes it; turbo runs that before these tests). */
const ASSEMBLY_DIR = fileURLToPath(new URL('../../../../infra/cdk.out', import.meta.url));

/** The local stack's settings as a client needs them (what `readLocalStackConfig` reads from the state dir). */
export interface LocalClientConfig {
  apiUrl: string;
  userPoolId: string;
  clientId: string;
  region: string;
  cognitoEndpoint: string;
}

/** What the global setup hands every test file. */
export interface ConsumerContext {
  /** The consumer project: node_modules with the installed tarballs, and node-esm/, node-cjs/, browser/. */
  dir: string;
  tarballs: string[];
  /** The running local stack's state directory (outputs.json, endpoints.json). */
  stateDir: string;
  config: LocalClientConfig;
}

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: ConsumerContext;
  }
}

function output(outputs: Record<string, Record<string, string>>, name: string): string {
  const values = Object.values(outputs)
    .map((stack) => stack[name])
    .filter((value) => value !== undefined);
  if (values.length !== 1 || values[0] === undefined)
    throw new Error(`expected one ${name} output, found ${values.length}`);
  return values[0];
}

/**
 * Packs the two packages and installs only their tarballs into a project in the system's temporary folder
 * (outside the workspace, so nothing resolves to the workspace's own packages), then starts the local stack
 * on a temporary state directory with free ports.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(ASSEMBLY_DIR, 'manifest.json'))) {
    throw new Error(
      `No cloud assembly in ${ASSEMBLY_DIR}: synthesize the app first (pnpm --filter @org/infra synth)`,
    );
  }
  const work = mkdtempSync(join(tmpdir(), 'gatehouse-consumer-'));
  const cleanup = async (): Promise<void> => rmSync(work, { recursive: true, force: true });
  try {
    const packed = join(work, 'tarballs');
    const dir = join(work, 'project');
    const stateDir = join(work, 'state');
    mkdirSync(packed);
    mkdirSync(dir);
    const tarballs = await packTarballs(packed);
    await makeConsumerProject(dir, tarballs);
    const stack = await startLocalStack({
      assemblyDir: ASSEMBLY_DIR,
      stateDir,
      ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
      log: createMemoryLogger(),
    });
    project.provide('consumer', {
      dir,
      tarballs,
      stateDir,
      config: {
        apiUrl: output(stack.outputs, 'ApiUrl'),
        userPoolId: output(stack.outputs, 'UserPoolId'),
        clientId: output(stack.outputs, 'UserPoolClientId'),
        region: output(stack.outputs, 'Region'),
        cognitoEndpoint: stack.endpoints.cognito,
      },
    });
    return async () => {
      await stack.stop();
      await cleanup();
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
