import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors/client-error.js';
import type { ClientConfig } from './client-config.js';
import { configFromOutputs } from './config-from-outputs.js';

async function readJson(path: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read ${path}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON`, { cause: error });
  }
}

/**
 * Node.js only: reads a state directory's `outputs.json` and, when present, `endpoints.json` (the
 * local stack writes both; a `cdk deploy --outputs-file` directory has only the first).
 *
 * @example
 * const client = createClient(await readLocalStackConfig('.local'));
 */
export async function readLocalStackConfig(
  stateDir: string,
  options: { readonly stackName?: string } = {},
): Promise<ClientConfig> {
  const outputs = await readJson(join(stateDir, 'outputs.json'), true);
  const endpoints = await readJson(join(stateDir, 'endpoints.json'), false);
  return configFromOutputs(outputs, {
    ...(endpoints === undefined ? {} : { endpoints }),
    ...(options.stackName === undefined ? {} : { stackName: options.stackName }),
  });
}
