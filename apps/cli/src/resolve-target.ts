import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  type ClientConfig,
  ConfigError,
  configFromOutputs,
  findLocalStateDir,
  readLocalStackConfig,
} from '@org/client';
import type { GlobalOptions } from './cli-command.js';

/** The stack the CLI talks to, and where it keeps the session for it. */
export interface Target {
  readonly config: ClientConfig;
  /** The session file (mode 0600, through `fileStorage`). */
  readonly sessionFile: string;
  /** The local stack (which has an outbox), as opposed to a deployed one. */
  readonly local: boolean;
}

/** What the CLI needs from its process, passed in so tests can set it. */
export interface TargetEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Where the session of a deployed stack is kept: `$XDG_STATE_HOME/gatehouse/session-<app client id>.json`
 * (default `~/.local/state/gatehouse/…`), one file per app client so that several stacks do not share one.
 * The local stack's session goes into its own state directory instead (`cli-session.json`), so a `--reset`
 * or a second state directory starts signed out, as it should.
 */
export function deployedSessionFile(clientId: string, env: TargetEnvironment['env']): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'gatehouse', `session-${clientId.replace(/[^\w-]/g, '_')}.json`);
}

/** The configuration and session file: from `--outputs` (a deployed stack) or else the local stack. */
export async function resolveTarget(global: GlobalOptions, process: TargetEnvironment): Promise<Target> {
  if (global.outputs !== undefined) {
    const path = resolve(process.cwd, global.outputs);
    let outputs: unknown;
    try {
      outputs = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new ConfigError(`Cannot read the outputs file ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const config = configFromOutputs(outputs, global.stack === undefined ? {} : { stackName: global.stack });
    return { config, sessionFile: deployedSessionFile(config.clientId, process.env), local: false };
  }
  const where = { cwd: process.cwd, env: process.env };
  const config = await readLocalStackConfig(undefined, {
    ...where,
    ...(global.stack === undefined ? {} : { stackName: global.stack }),
  });
  const stateDir = findLocalStateDir(where);
  return { config, sessionFile: join(stateDir, 'cli-session.json'), local: true };
}
