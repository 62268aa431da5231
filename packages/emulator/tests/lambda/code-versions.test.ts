import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CodeVersions, codeVersion } from '../../src/lambda/code-versions.js';

const dirs: string[] = [];

function codeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-code-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('codeVersion', () => {
  it.each(['index.mjs', 'index.js', 'index.cjs'])('reads the version of %s', (file) => {
    const dir = codeDir({ [file]: 'export {}' });
    expect(codeVersion({ handler: 'index.handler', codeDir: dir }, 3)).toMatch(/^3-[\d.]+-9$/);
  });

  it('answers a missing module as missing, for the worker to report', () => {
    expect(codeVersion({ handler: 'index.handler', codeDir: codeDir({}) }, 1)).toBe('1-missing');
  });

  it('changes with the generation and with the file', () => {
    const dir = codeDir({ 'index.js': 'a' });
    const config = { handler: 'index.handler', codeDir: dir };
    const first = codeVersion(config, 1);
    expect(codeVersion(config, 2)).not.toBe(first);
    writeFileSync(join(dir, 'index.js'), 'a longer file');
    expect(codeVersion(config, 1)).not.toBe(first);
  });
});

describe('CodeVersions', () => {
  it('reads a function’s file once per turn of the event loop, and again in the next', async () => {
    const dir = codeDir({ 'index.js': 'a' });
    const config = { handler: 'index.handler', codeDir: dir };
    const key = {};
    const versions = new CodeVersions<object>();
    const before = versions.current(key, config, 1);
    writeFileSync(join(dir, 'index.js'), 'rebuilt, longer');
    expect(versions.current(key, config, 1)).toBe(before);
    await nextTurn();
    expect(versions.current(key, config, 1)).not.toBe(before);
  });

  it('reads again at once for a function it was told to forget', () => {
    const config = { handler: 'index.handler', codeDir: codeDir({ 'index.js': 'a' }) };
    const key = {};
    const versions = new CodeVersions<object>();
    expect(versions.current(key, config, 1)).toMatch(/^1-/);
    versions.forget(key);
    expect(versions.current(key, config, 2)).toMatch(/^2-/);
  });
});
