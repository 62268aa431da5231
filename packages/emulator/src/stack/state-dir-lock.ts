import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Raised when another running local stack already uses the state directory. */
export class StateDirInUseError extends Error {
  override readonly name = 'StateDirInUseError';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims `<stateDir>/.lock` for this process. Two stacks on one state directory would both write the
 * DynamoDB and Cognito stores; the second is refused with a message that says which process holds it.
 * A lock left by a process that no longer runs (a crash, kill -9) is taken over.
 *
 * @returns a function that releases the lock.
 */
export function lockStateDir(stateDir: string): () => void {
  const file = join(stateDir, '.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) {
      throw new StateDirInUseError(
        `State directory ${stateDir} is in use by another local stack (process ${holder}); stop it first or use another --state-dir`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new StateDirInUseError(`Could not lock state directory ${stateDir}`);
}
