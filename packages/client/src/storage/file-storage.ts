import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SessionStorage } from './session-storage.js';

/** Only the owner may read or write the file: it holds a refresh token. */
const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Node.js only: keeps the session in a JSON file readable by its owner only (mode 0600), for
 * command-line tools that should stay signed in between runs. Writes go to a temporary file that is
 * renamed over the old one, so a crash never leaves half a file.
 *
 * @example
 * const client = createClient(config, { storage: fileStorage(join(homedir(), '.gatehouse', 'session.json')) });
 */
export function fileStorage(path: string): SessionStorage {
  let queue: Promise<unknown> = Promise.resolve();
  // Writes are serialised so two concurrent updates cannot interleave their read-modify-write.
  const serialised = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const data = JSON.parse(text) as unknown;
      return typeof data === 'object' && data !== null ? (data as Record<string, string>) : {};
    } catch {
      // A corrupt file is treated as empty: the user signs in again rather than the tool failing.
      return {};
    }
  }

  async function writeAll(items: Record<string, string>): Promise<void> {
    await mkdir(dirname(path), { recursive: true, mode: DIR_MODE });
    // A name no one can guess, created exclusively (`wx`: O_CREAT|O_EXCL, which also refuses a symlink): a
    // file or symlink planted under a predictable name would otherwise receive the refresh token.
    const temporary = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(items), { mode: FILE_MODE, flag: 'wx' });
    try {
      // `mode` is masked by the umask on creation; set it explicitly.
      await chmod(temporary, FILE_MODE);
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  return {
    getItem: (key) => serialised(async () => (await readAll())[key] ?? null),
    setItem: (key, value) =>
      serialised(async () => {
        const items = await readAll();
        items[key] = value;
        await writeAll(items);
      }),
    removeItem: (key) =>
      serialised(async () => {
        const items = await readAll();
        if (!(key in items)) return;
        delete items[key];
        await writeAll(items);
      }),
  };
}
