// Watches the sources the local stack's cloud assembly is built from and calls `rebuild` when they change.
// chokidar (not fs.watch) because an editor's atomic save or `sed -i` replaces a file by rename: fs.watch keeps
// watching the old, unlinked inode and misses every later edit, while chokidar re-attaches to the new file.
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { watch } from 'chokidar';

/**
 * Every input of the api bundle and of the synthesized app, relative to the workspace root: the api's
 * sources and package.json (the version `/health` reports), the contracts, and all of infra.
 */
export const WATCHED_PATHS = [
  'apps/api/src',
  'apps/api/package.json',
  'packages/contracts/src',
  'packages/contracts/package.json',
  'infra',
];

/**
 * Folders that are outputs, not inputs: cdk.out is what synth writes (watching it would loop), .turbo and
 * reports are written by every turbo run and test, .local is the stack's own state.
 */
const IGNORED_SEGMENTS = new Set([
  'node_modules',
  'cdk.out',
  '.turbo',
  'reports',
  'dist',
  'coverage',
  '.local',
]);

/** Whether a path (absolute, under `root`) is an output or a dependency rather than a source. */
export function isIgnored(root, path) {
  return relative(root, path)
    .split(sep)
    .some((segment) => IGNORED_SEGMENTS.has(segment));
}

/**
 * Calls `rebuild(changedPaths)` when a watched source changes, debounced by `debounceMs`. The paths are
 * relative to `root`, with `/`. A rebuild is awaited; changes made meanwhile are collected and lead to one more
 * rebuild afterwards, so the last edit is never lost. `rebuild` returns an exit status (0 = success), or a
 * promise of one. What it saw, how long the rebuild took and its result are printed through `log`.
 *
 * @returns `ready` (resolves once the initial scan is done, so later edits are reported) and `close()`.
 */
export function watchSources({ root, rebuild, paths = WATCHED_PATHS, debounceMs = 300, log = console.log }) {
  // Only paths that exist: chokidar reports `ready` before its scan is over when one is missing, and edits
  // made in between would go unseen.
  const watcher = watch(
    paths.map((path) => join(root, path)).filter((path) => existsSync(path)),
    {
      ignoreInitial: true,
      ignored: (path) => isIgnored(root, path),
      // Atomic saves (write a temporary file, rename it over the original) arrive as one change.
      atomic: true,
    },
  );
  const pending = new Set();
  let timer;
  let running = false;

  async function runRebuild() {
    if (running || pending.size === 0) return;
    running = true;
    const changed = [...pending].sort();
    pending.clear();
    log(`[gatehouse] changed: ${changed.join(', ')}; rebuilding the api and synthesizing`);
    const started = performance.now();
    let status;
    try {
      status = await rebuild(changed);
    } catch (error) {
      log(`[gatehouse] rebuild could not run: ${error.message}`);
      status = 1;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(
      status === 0
        ? `[gatehouse] rebuilt in ${seconds} s; the stack applies the new cloud assembly`
        : `[gatehouse] rebuild failed after ${seconds} s; the stack keeps the last good build`,
    );
    running = false;
    if (pending.size > 0) schedule();
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(runRebuild, debounceMs);
  }

  watcher.on('all', (_event, path) => {
    pending.add(relative(root, path).split(sep).join('/'));
    if (!running) schedule();
  });
  watcher.on('error', (error) => log(`[gatehouse] watcher error: ${error.message}`));

  const ready = new Promise((resolve) => watcher.once('ready', resolve));
  return {
    ready,
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
