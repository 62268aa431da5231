import { mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fileStorage } from '../../src/storage/file-storage.js';

describe('fileStorage', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatehouse-client-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a file only its owner can read (mode 0600), creating the directory', async () => {
    const path = join(dir, 'nested', 'session.json');
    const storage = fileStorage(path);

    await storage.setItem('session', 'secret-value');

    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nested'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ session: 'secret-value' });
  });

  it('never writes the session through a symlink planted where its temporary file would go', async () => {
    const path = join(dir, 'session.json');
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'untouched', { mode: 0o644 });
    let planted = '';
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(1_700_000_000_000);
      // The names a predictable scheme (pid, clock) could pick, each a symlink to the victim.
      planted = `session.json.${process.pid}.${Date.now()}.tmp`;
      await symlink(victim, join(dir, planted));
      await fileStorage(path).setItem('session', 'secret-value');
    } finally {
      vi.useRealTimers();
    }

    expect(await readFile(victim, 'utf8')).toBe('untouched');
    expect((await stat(victim)).mode & 0o777).toBe(0o644);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ session: 'secret-value' });
    // No temporary file of its own is left behind.
    expect((await readdir(dir)).sort()).toEqual([planted, 'session.json', 'victim.txt'].sort());
  });

  it('keeps mode 0600 when it replaces a file that was more open', async () => {
    const path = join(dir, 'session.json');
    await writeFile(path, '{}', { mode: 0o644 });

    await fileStorage(path).setItem('session', 'v');

    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('survives a restart: a new adapter on the same file reads what the last one wrote', async () => {
    const path = join(dir, 'session.json');
    await fileStorage(path).setItem('a', '1');

    const again = fileStorage(path);
    expect(await again.getItem('a')).toBe('1');
    await again.removeItem('a');
    expect(await fileStorage(path).getItem('a')).toBeNull();
  });

  it('serialises concurrent writes so none is lost', async () => {
    const storage = fileStorage(join(dir, 'session.json'));

    await Promise.all(Array.from({ length: 10 }, (_, i) => storage.setItem(`k${i}`, String(i))));

    for (let i = 0; i < 10; i++) expect(await storage.getItem(`k${i}`)).toBe(String(i));
  });

  it('treats a missing or corrupt file as empty', async () => {
    const path = join(dir, 'session.json');
    expect(await fileStorage(path).getItem('a')).toBeNull();
    await writeFile(path, 'not json');
    expect(await fileStorage(path).getItem('a')).toBeNull();
  });
});
