import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
