import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { ConfigError } from '../errors/client-error.js';
import type { ClientConfig } from './client-config.js';
import { configFromOutputs } from './config-from-outputs.js';

async function readJson(path: string, required: boolean, hint = ''): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`Cannot read ${path}${hint}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON`, { cause: error });
  }
}

/** Options of {@link readLocalStackConfig}. */
export interface ReadLocalStackConfigOptions {
  /** Which stack of the outputs file to use; required when it holds several. */
  readonly stackName?: string;
  /** Where the search for the workspace root starts. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Where `GATEHOUSE_STATE_DIR` is read from. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The workspace root as the local stack sees it: the nearest folder, from `start` upwards, that holds
 * `pnpm-workspace.yaml` or a state directory with `.local/outputs.json`. `npm run dev` runs the stack
 * from that root, so its default `.local` is there, whichever package folder a script runs from.
 */
function findWorkspaceRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || existsSync(join(dir, '.local', 'outputs.json'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The state directory and where it came from, for the error that names it. */
function locateStateDir(options: ReadLocalStackConfigOptions): { dir: string; how: string } {
  const cwd = options.cwd ?? process.cwd();
  const fromEnv = (options.env ?? process.env).GATEHOUSE_STATE_DIR;
  const root = findWorkspaceRoot(cwd);
  if (fromEnv) {
    // The stack is started from the workspace root (`npm run dev`), so a relative value means the same
    // folder to it as to this reader, whichever package folder the reader runs in.
    return { dir: resolve(root ?? cwd, fromEnv), how: 'GATEHOUSE_STATE_DIR' };
  }
  if (root) return { dir: join(root, '.local'), how: `the workspace root found from ${resolve(cwd)}` };
  throw new ConfigError(
    `No local stack found: looked for pnpm-workspace.yaml or .local/outputs.json in ${resolve(cwd)} and every folder above it; run the code inside the workspace, set GATEHOUSE_STATE_DIR, or pass the state directory`,
  );
}

/**
 * Node.js only: the local stack's state directory, found as {@link readLocalStackConfig} finds it without
 * an argument (`GATEHOUSE_STATE_DIR`, else `.local` at the workspace root), for tools that keep files of
 * their own beside the stack's. Throws a `ConfigError` naming the folder searched when there is no workspace.
 *
 * @example
 * const sessionFile = join(findLocalStateDir(), 'cli-session.json');
 */
export function findLocalStateDir(options: Omit<ReadLocalStackConfigOptions, 'stackName'> = {}): string {
  return locateStateDir(options).dir;
}

/**
 * Node.js only: reads a state directory's `outputs.json` and, when present, `endpoints.json` (the
 * local stack writes both; a `cdk deploy --outputs-file` directory has only the first).
 *
 * Without `stateDir` it finds the directory the way the stack does: `GATEHOUSE_STATE_DIR`, else `.local`
 * at the workspace root (the nearest folder upwards from the working directory with `pnpm-workspace.yaml`
 * or `.local/outputs.json`). A given `stateDir` is taken relative to the working directory. An error names
 * the folder that was looked in.
 *
 * @example
 * const client = createClient(await readLocalStackConfig());
 */
export async function readLocalStackConfig(
  stateDir?: string,
  options: ReadLocalStackConfigOptions = {},
): Promise<ClientConfig> {
  const located =
    stateDir === undefined
      ? locateStateDir(options)
      : { dir: resolve(options.cwd ?? process.cwd(), stateDir), how: 'the given state directory' };
  const hint = ` (the local stack's state directory, from ${located.how}): is the stack running? Start it with npm run dev`;
  const outputs = await readJson(join(located.dir, 'outputs.json'), true, hint);
  const endpoints = await readJson(join(located.dir, 'endpoints.json'), false);
  return configFromOutputs(outputs, {
    ...(endpoints === undefined ? {} : { endpoints }),
    ...(options.stackName === undefined ? {} : { stackName: options.stackName }),
  });
}
