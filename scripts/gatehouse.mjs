#!/usr/bin/env node
// The repository's entry points, runnable with nothing but Node.js and npm:
//   npm run dev    install, build, synthesize the CDK app and run it offline (the local stack)
//   npm test       install, then lint, type-check, synthesize and run every test; prints `N passed, N failed`
//   npm run bench  install, build, run every benchmark and print its table
//   npm run docs   install, build, write @org/client's API reference and the OpenAPI page to dist/docs/
// pnpm is pinned in package.json#packageManager and run through npx, because corepack cannot verify its
// signature on every registry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
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

/**
 * Calls `rebuild` when a source the deployed app is built from changes, debounced. The rebuild runs
 * synchronously, so changes made meanwhile queue up and lead to one more rebuild afterwards.
 */
function watchSources(rebuild) {
  const folders = ['apps/api/src', 'packages/contracts/src', 'infra/src', 'infra/bin'];
  let timer;
  const trigger = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      console.log('[gatehouse] sources changed: rebuilding the api and synthesizing');
      if (rebuild() !== 0) console.log('[gatehouse] rebuild failed; the stack keeps the last good build');
    }, 300);
  };
  for (const folder of folders) watch(join(root, folder), { recursive: true }, trigger);
}

/** Runs a tool installed in the root's node_modules; a failure ends this command. */
function tool(name, args, env = {}) {
  if (run(join(root, 'node_modules', '.bin', name), args, { env: { ...process.env, ...env } }) !== 0)
    process.exit(1);
}

/**
 * The documentation site in dist/docs/: @org/client's API reference generated from its TSDoc (TypeDoc, from the
 * package's two entry points) and the OpenAPI document that the contracts build writes, rendered by Redocly into
 * one self-contained HTML page (its scripts inlined, so it opens offline).
 */
function docs() {
  const out = join(root, 'dist', 'docs');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const client = join('packages', 'client');
  tool('typedoc', [
    ...['--entryPoints', join(client, 'src', 'index.ts'), '--entryPoints', join(client, 'src', 'browser.ts')],
    ...['--tsconfig', join(client, 'tsconfig.build.json'), '--readme', join(client, 'README.md')],
    ...['--name', '@org/client', '--out', join(out, 'client'), '--treatWarningsAsErrors'],
    // The internal helper types of RouteInput/RouteMethod are not exported; TypeDoc shows them inline.
    ...['--validation.notExported', 'false'],
  ]);
  tool(
    'redocly',
    [
      'build-docs',
      join('packages', 'contracts', 'dist', 'openapi.json'),
      ...['--title', 'Gatehouse API', '--inlineBundle', '--output', join(out, 'openapi.html')],
    ],
    { REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  );
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Gatehouse documentation</title></head>
<body>
<h1>Gatehouse documentation</h1>
<ul>
<li><a href="client/index.html">@org/client API reference</a>: the typed SDK (Node.js and browser entries)</li>
<li><a href="openapi.html">Gatehouse API (OpenAPI 3.1 document)</a>: every route, generated from @org/contracts</li>
</ul>
</body>
</html>
`,
  );
  console.log(`[gatehouse] documentation written to ${join('dist', 'docs', 'index.html')}`);
}

const [command = 'test', ...rest] = process.argv.slice(2);
switch (command) {
  case 'test': {
    install();
    const reports = reportFiles(workspaceDirs());
    // Stale reports must not count: cache hits restore them, real runs write them anew.
    for (const file of reports) rmSync(file, { force: true });
    // `test:scripts` is the root's own vitest run (the root's `test` script is this command itself).
    const status = turbo([
      'lint',
      'check-types',
      'test',
      'test:scripts',
      'synth',
      'check-package',
      '--continue',
      ...rest,
    ]);
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
    const prepare = [
      'build',
      'synth',
      '--filter=@org/emulator',
      '--filter=@org/infra',
      '--output-logs=errors-only',
    ];
    if (turbo(prepare) !== 0) process.exit(1);
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
    watchSources(() => turbo(['synth', '--filter=@org/infra', '--output-logs=errors-only']));
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stack.kill(signal));
    stack.on('exit', (code) => process.exit(code ?? 0));
    break;
  }
  case 'bench': {
    install();
    process.exit(turbo(['bench', '--concurrency=1', ...rest]));
    break;
  }
  case 'docs': {
    install();
    // The contracts build writes dist/openapi.json; TypeDoc reads the client's sources.
    if (
      turbo(['build', '--filter=@org/contracts', '--filter=@org/client', '--output-logs=errors-only']) !== 0
    ) {
      process.exit(1);
    }
    docs();
    break;
  }
  default:
    console.error(`Unknown command ${command}: use dev, test, bench or docs`);
    process.exit(2);
}
