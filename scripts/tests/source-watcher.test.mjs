import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isIgnored, watchSources } from '../source-watcher.mjs';

/** Each rebuild's changed paths, handed out in order as they happen (no sleeps: tests wait on these). */
function rebuilds() {
  const seen = [];
  const waiting = [];
  return {
    rebuild(changed) {
      const next = waiting.shift();
      if (next) next(changed);
      else seen.push(changed);
      return 0;
    },
    next() {
      const changed = seen.shift();
      return changed ? Promise.resolve(changed) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** Repeats `edit` every 100 ms until the next rebuild arrives; returns its changed paths. */
async function untilRebuilt(builds, edit) {
  const rebuilt = builds.next();
  let done = false;
  rebuilt.then(() => {
    done = true;
  });
  while (!done) {
    edit();
    await Promise.race([rebuilt, new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  return rebuilt;
}

describe('watchSources', () => {
  let root;
  let watcher;
  const lines = [];
  const write = (path, text) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  /** What editors and `sed -i` do: write a temporary file beside the original, then rename it over it. */
  const atomicSave = (path, text) => {
    const temporary = join(root, dirname(path), `.${Date.now()}.tmp`);
    writeFileSync(temporary, text);
    renameSync(temporary, join(root, path));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gatehouse-watch-'));
    lines.length = 0;
    write('apps/api/src/handler.ts', 'export const a = 1;\n');
    write('apps/api/package.json', '{ "version": "0.1.0" }\n');
    write('packages/contracts/src/index.ts', 'export {};\n');
    write('packages/contracts/package.json', '{}\n');
    write('infra/src/stack.ts', 'export {};\n');
    write('infra/cdk.json', '{}\n');
    write('infra/cdk.out/manifest.json', '{}\n');
    write('.local/outputs.json', '{}\n');
  });

  afterEach(async () => {
    await watcher?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('sees an atomic save and then an in-place edit of the same file', async () => {
    const builds = rebuilds();
    watcher = watchSources({ root, rebuild: builds.rebuild, debounceMs: 20, log: (l) => lines.push(l) });
    await watcher.ready;

    atomicSave('apps/api/src/handler.ts', 'export const a = 2;\n');
    expect(await builds.next()).toContain('apps/api/src/handler.ts');

    // fs.watch stays on the replaced inode and never sees this edit. chokidar re-attaches to the new file
    // shortly after the rename, with no event to wait for, so the edit is repeated until a rebuild comes:
    // with fs.watch none ever would.
    expect(
      await untilRebuilt(builds, () => appendFileSync(join(root, 'apps/api/src/handler.ts'), '//\n')),
    ).toEqual(['apps/api/src/handler.ts']);

    expect(
      await untilRebuilt(builds, () => atomicSave('apps/api/src/handler.ts', 'export const a = 4;\n')),
    ).toContain('apps/api/src/handler.ts');
  });

  it.each([
    'apps/api/package.json',
    'packages/contracts/src/index.ts',
    'infra/cdk.json',
    'infra/src/stack.ts',
  ])('rebuilds when %s changes', async (path) => {
    const builds = rebuilds();
    watcher = watchSources({ root, rebuild: builds.rebuild, debounceMs: 20, log: (l) => lines.push(l) });
    await watcher.ready;

    appendFileSync(join(root, path), '\n');
    expect(await builds.next()).toEqual([path]);
  });

  it('ignores cdk.out and the state directory', async () => {
    const builds = rebuilds();
    watcher = watchSources({
      root,
      rebuild: builds.rebuild,
      // The state directory is not under a watched path today; listing the root proves it is ignored anyway.
      paths: ['infra', '.local'],
      debounceMs: 20,
      log: (l) => lines.push(l),
    });
    await watcher.ready;

    write('infra/cdk.out/manifest.json', '{"changed":true}\n');
    write('infra/cdk.out/asset.1234/index.mjs', 'new\n');
    write('.local/outputs.json', '{"changed":true}\n');
    write('infra/.turbo/turbo-synth.log', 'log\n');
    // A real source change afterwards: the first rebuild must name it alone.
    appendFileSync(join(root, 'infra/src/stack.ts'), '\n');
    expect(await builds.next()).toEqual(['infra/src/stack.ts']);
  });

  it('prints what changed, how long the rebuild took and its result', async () => {
    let status = 1;
    const done = [];
    watcher = watchSources({
      root,
      rebuild: () => status,
      debounceMs: 20,
      log: (line) => {
        lines.push(line);
        if (/rebuil(t|d failed)/.test(line)) done.shift()?.();
      },
    });
    await watcher.ready;
    const finished = () => new Promise((resolve) => done.push(resolve));

    let wait = finished();
    appendFileSync(join(root, 'infra/src/stack.ts'), '\n');
    await wait;
    status = 0;
    wait = finished();
    appendFileSync(join(root, 'apps/api/package.json'), '\n');
    await wait;

    expect(lines).toEqual([
      '[gatehouse] changed: infra/src/stack.ts; rebuilding the api and synthesizing',
      expect.stringMatching(
        /^\[gatehouse\] rebuild failed after \d+\.\d s; the stack keeps the last good build$/,
      ),
      '[gatehouse] changed: apps/api/package.json; rebuilding the api and synthesizing',
      expect.stringMatching(/^\[gatehouse\] rebuilt in \d+\.\d s; the stack applies the new cloud assembly$/),
    ]);
  });
});

describe('isIgnored', () => {
  it.each([
    ['infra/cdk.out/manifest.json', true],
    ['infra/node_modules/x/index.js', true],
    ['infra/.turbo/turbo-synth.log', true],
    ['.local/outputs.json', true],
    ['infra/src/stack.ts', false],
    ['infra/cdk.json', false],
  ])('%s → %s', (path, ignored) => {
    expect(isIgnored('/repo', join('/repo', path))).toBe(ignored);
  });
});
