import { execFile } from 'node:child_process';

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * The environment of a project outside the workspace: without the `npm_*` variables that pnpm and turbo set
 * for the workspace's own scripts (registry settings, the workspace's user agent…), so npm in the consumer
 * project behaves as it would for anyone who installs the packages.
 */
export function outsideEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')),
  );
}

/** Runs a command to its end; a non-zero exit is an error that carries everything it printed. */
export function runCommand(command: string, args: readonly string[], cwd: string): Promise<CommandOutput> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd, env: outsideEnv(), maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`${[command, ...args].join(' ')} failed in ${cwd}\n${stdout}\n${stderr}`, {
              cause: error,
            }),
          );
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}
