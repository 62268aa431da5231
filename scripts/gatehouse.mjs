#!/usr/bin/env node
// The repository's entry points, runnable with nothing but Node.js and npm:
//   npm run dev    install, build, synthesize the CDK app and run it offline (the local stack)
//   npm test       install, then lint, type-check, synthesize and run every test; prints `N passed, N failed`
//   npm run bench  install, build, run every benchmark and print its table
// pnpm is pinned in package.json#packageManager and run through npx, because corepack cannot verify its
// signature on every registry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addReports, summaryLine } from './test-totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpm = ['--yes', pkg.packageManager];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function install() {
  // pnpm keeps a copy of the lockfile it installed; when it matches, node_modules is current and the
  // install (over a second of pnpm start-up) is skipped.
  const installed = join(root, 'node_modules', '.pnpm', 'lock.yaml');
  const lockfile = join(root, 'pnpm-lock.yaml');
  if (existsSync(installed) && readFileSync(installed, 'utf8') === readFileSync(lockfile, 'utf8')) return;
  console.log('[gatehouse] installing dependencies (pnpm, from the lockfile)');
  // Frozen: the committed lockfile is exactly what gets installed and tested.
  if (run('npx', [...pnpm, 'install', '--frozen-lockfile']) !== 0) process.exit(1);
}

// Through pnpm, not node_modules/.bin: turbo looks for the package manager's binary on PATH.
function turbo(args) {
  return run('npx', [...pnpm, 'exec', 'turbo', 'run', ...args]);
}

/**
 * Every workspace package folder, the root included, as pnpm itself resolves pnpm-workspace.yaml (its
 * globs and exclusions), so no second reading of that file can disagree with pnpm's.
 */
function workspaceDirs() {
  const result = spawnSync('npx', [...pnpm, 'ls', '--recursive', '--json', '--depth', '-1'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`pnpm ls exited with ${result.status}`);
  return JSON.parse(result.stdout).map((workspacePackage) => workspacePackage.path);
}

/** The vitest JSON reports that each `test` task leaves in reports/ (restored on cache hits too). */
function reportFiles(dirs) {
  return dirs.map((dir) => join(dir, 'reports', 'vitest.json'));
}

const [command = 'test', ...rest] = process.argv.slice(2);
switch (command) {
  case 'test': {
    install();
    const reports = reportFiles(workspaceDirs());
    // Stale reports must not count: cache hits restore them, real runs write them anew.
    for (const file of reports) rmSync(file, { force: true });
    // `test:scripts` is the root's own vitest run (the root's `test` script is this command itself).
    const status = turbo(['lint', 'check-types', 'test', 'test:scripts', 'synth', '--continue', ...rest]);
    const totals = addReports(
      reports.filter((file) => existsSync(file)).map((file) => JSON.parse(readFileSync(file, 'utf8'))),
    );
    console.log('');
    console.log(summaryLine(totals, status !== 0));
    // turbo's verdict decides; the totals can only add a failure it did not see.
    process.exit(status === 0 && totals.failed === 0 ? 0 : 1);
    break;
  }
  case 'dev': {
    install();
    // Everything the stack runs (emulator, api bundles, the synthesized app) and everything examples and
    // scripts import (contracts, client, the example CLI). One line per task as it starts (`cache hit` or
    // `cache miss, executing`), so the first run, which compiles everything, shows where it is.
    console.log(
      '[gatehouse] building and synthesizing (a fresh clone compiles everything: 1 to 3 minutes; later runs are cached)',
    );
    const prepare = [
      'build',
      'synth',
      '--filter=@org/emulator',
      '--filter=@org/infra',
      '--filter=@org/contracts',
      '--filter=@org/client',
      '--filter=@org/cli',
      '--output-logs=hash-only',
    ];
    if (turbo(prepare) !== 0) {
      // hash-only hides the failing task's output: run again to show it (failed tasks are never cached).
      turbo([...prepare.slice(0, -1), '--output-logs=errors-only']);
      process.exit(1);
    }
    console.log('[gatehouse] starting the local stack');
    const cli = [
      join('packages', 'emulator', 'dist', 'cli.js'),
      'start',
      '--assembly',
      join('infra', 'cdk.out'),
    ];
    if (!rest.includes('--watch')) process.exit(run('node', [...cli, ...rest]));
    // --watch: the emulator applies each new cloud assembly by itself; this side rebuilds the api bundles and
    // re-synthesizes whenever their sources change.
    const stack = spawn('node', [...cli, ...rest], { cwd: root, stdio: 'inherit' });
    // Imported here, not at the top: the watcher needs chokidar, which exists only once install() has run.
    const { watchSources } = await import('./source-watcher.mjs');
    watchSources({
      root,
      rebuild: () => turbo(['synth', '--filter=@org/infra', '--output-logs=errors-only']),
    });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stack.kill(signal));
    stack.on('exit', (code) => process.exit(code ?? 0));
    break;
  }
  case 'cli': {
    // The example CLI (apps/cli), from its build; `npm run dev` builds it, and a first run without one builds
    // it here (Turborepo, cached). Its own output is kept clean for `--json`, so the build prints to stderr.
    const entry = join(root, 'apps', 'cli', 'dist', 'cli.js');
    if (!existsSync(entry)) {
      install();
      const built = spawnSync(
        'npx',
        [...pnpm, 'exec', 'turbo', 'run', 'build', '--filter=@org/cli', '--output-logs=errors-only'],
        {
          cwd: root,
          stdio: ['ignore', process.stderr, 'inherit'],
        },
      );
      if (built.status !== 0) process.exit(1);
    }
    process.exit(run('node', [entry, ...rest], { cwd: process.cwd() }));
    break;
  }
  case 'bench': {
    install();
    process.exit(turbo(['bench', '--concurrency=1', ...rest]));
    break;
  }
  default:
    console.error(`Unknown command ${command}: use dev, test, bench or cli`);
    process.exit(2);
}
