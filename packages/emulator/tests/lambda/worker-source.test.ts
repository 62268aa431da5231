import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { locateWorker, workerSource } from '../../src/lambda/worker-source.js';

const dirs: string[] = [];

function folder(): URL {
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-worker-'));
  dirs.push(dir);
  return pathToFileURL(`${dir}/`);
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('locateWorker', () => {
  it('runs the built worker with plain Node when function-worker.js is there', () => {
    const dir = folder();
    writeFileSync(new URL('function-worker.js', dir), '');
    const source = locateWorker(dir);
    expect(source).toEqual({ script: new URL('function-worker.js', dir), options: {} });
  });

  it('registers tsx before loading function-worker.ts when only the source is there', () => {
    const dir = folder();
    const source = locateWorker(dir);
    expect(source.options).toEqual({ eval: true });
    expect(source.script).toContain('tsx');
    expect(source.script).toContain(JSON.stringify(join(new URL(dir).pathname, 'function-worker.ts')));
  });

  it('locates the program it is named, built or from source', () => {
    const dir = folder();
    expect(locateWorker(dir, 'dynamodb-worker').script).toContain(
      JSON.stringify(join(new URL(dir).pathname, 'dynamodb-worker.ts')),
    );
    writeFileSync(new URL('dynamodb-worker.js', dir), '');
    expect(locateWorker(dir, 'dynamodb-worker')).toEqual({
      script: new URL('dynamodb-worker.js', dir),
      options: {},
    });
  });
});

describe('workerSource', () => {
  it('finds the TypeScript worker beside its module when run from source', () => {
    expect(workerSource().options).toEqual({ eval: true });
    expect(workerSource()).toBe(workerSource());
  });
});
