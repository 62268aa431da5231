#!/usr/bin/env node
// The repository's entry points, runnable with nothing but Node.js and npm:
//   npm run dev    install, build, synthesize the CDK app and run it offline (the local stack)
//   npm test       install, then lint, type-check, synthesize and run every test; prints `N passed, N failed`
//   npm run bench  install, build, run every benchmark and print its table
//   npm run test:deployed -- --outputs <file> [--stack <name>] [--endpoints <file>]
//                  install, build the client, run the e2e flows against the stack an outputs file describes
//   npm run docs   install, build, write @org/client's API reference and the OpenAPI page to dist/docs/
// pnpm is pinned in package.json#packageManager and run through npx, because corepack cannot verify its
// signature on every registry.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { addReports, summaryLine } from './test-totals.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const pnpm = ['--yes', pkg.packageManager];

// `npm run` exports npm's whole configuration to the script as npm_config_* variables, pnpm-only keys of an
// .npmrc included (and pnpm adds its own to the scripts it runs); each npx below would warn "Unknown env
// config" for every key npm does not know. npm reads its configuration files again anyway, so only what can
// only come from the environment is passed on: registry, auth, proxy and certificate settings.
const KEPT_NPM_CONFIG =
  /^npm_config_(registry|.+:registry|_auth.*|.+:_auth.*|proxy|https?_proxy|no_?proxy|cafile|ca|strict_ssl|userconfig|globalconfig|cache)$/i;
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_config_/i.test(name) || KEPT_NPM_CONFIG.test(name)),
);
// The stack's output is piped through this script, so it cannot see the terminal: it is told when colour is wanted.
if (process.stdout.hasColors?.() && childEnv.NO_COLOR === undefined && childEnv.FORCE_COLOR === undefined) {
  childEnv.FORCE_COLOR = '1';
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: childEnv, ...options });
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
    env: childEnv,
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

/** The variables the dev command reads, read once (they configure the local loop, not any Turborepo task). */
const { GATEHOUSE_WEB_PORT, GATEHOUSE_STATE_DIR, GATEHOUSE_WEB_CONFIG } = process.env;

/**
 * Takes `--web-port <n>` (or `--web-port=<n>`) out of the dev command's arguments, which otherwise go to the
 * emulator; flag > GATEHOUSE_WEB_PORT > 5173, 0 = any free port.
 */
function takeWebPort(args) {
  const rest = [];
  let port = GATEHOUSE_WEB_PORT ?? '5173';
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    if (arg === '--web-port') port = args[++i] ?? '';
    else if (arg.startsWith('--web-port=')) port = arg.slice('--web-port='.length);
    else rest.push(arg);
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    console.error(`--web-port / GATEHOUSE_WEB_PORT must be a port number from 0 to 65535, not "${port}"`);
    process.exit(2);
  }
  return { port: Number(port), rest };
}

/** The state directory the emulator will use, read the way its CLI reads it (flag > environment > `.local`). */
function stateDirOf(args) {
  const index = args.findIndex((a) => a === '--state-dir' || a.startsWith('--state-dir='));
  const value =
    index === -1
      ? (GATEHOUSE_STATE_DIR ?? '.local')
      : args[index].includes('=')
        ? args[index].slice('--state-dir='.length)
        : args[index + 1];
  return resolve(root, value ?? '.local');
}

function writeJsonAtomic(file, value) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temporary, file);
}

/** Where the web dev server reads `/config.json` (apps/web/vite.config.ts reads the same variable). */
const webConfigFile = GATEHOUSE_WEB_CONFIG ?? join(root, 'apps', 'web', '.local', 'config.json');

/**
 * Once the local stack is ready: adds the web URL to its endpoints.json and writes the web app's config.json
 * from outputs.json and endpoints.json. The emulator itself knows nothing about the web app.
 */
function publishWebConfig(stateDir, webUrl) {
  const outputsFile = JSON.parse(readFileSync(join(stateDir, 'outputs.json'), 'utf8'));
  const endpoints = JSON.parse(readFileSync(join(stateDir, 'endpoints.json'), 'utf8'));
  const stacks = Object.values(outputsFile).filter((o) => typeof o?.ApiUrl === 'string');
  if (stacks.length !== 1)
    throw new Error(`expected one stack with an ApiUrl output, found ${stacks.length}`);
  const [outputs] = stacks;
  // The deployed app's WebUrl is its CloudFront URL; locally the dev server stands in for CloudFront.
  if (typeof outputs.WebUrl === 'string') {
    outputs.WebUrl = webUrl;
    writeJsonAtomic(join(stateDir, 'outputs.json'), outputsFile);
  }
  writeJsonAtomic(join(stateDir, 'endpoints.json'), { ...endpoints, web: webUrl });
  writeJsonAtomic(webConfigFile, {
    apiUrl: outputs.ApiUrl,
    userPoolId: outputs.UserPoolId,
    clientId: outputs.UserPoolClientId,
    region: outputs.Region,
    cognitoEndpoint: endpoints.cognito,
    // The user pool domain, served locally by the emulator's OAuth server (`<auth>/<prefix>` in outputs.json).
    ...(outputs.UserPoolDomainUrl ? { domainUrl: outputs.UserPoolDomainUrl } : {}),
  });
}

/** The line apps/web/scripts/dev-server.mjs prints once it listens, followed by its URL. */
const WEB_URL_MARKER = 'Web app listening at ';

/** Starts the web app's Vite dev server; resolves with the server process and the URL it listens on. */
function startWebServer(port) {
  const web = spawn(
    process.execPath,
    [join('apps', 'web', 'scripts', 'dev-server.mjs'), '--port', String(port)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = new Promise((resolveUrl, reject) => {
    web.once('exit', (code) => reject(new Error(`the web dev server exited (${code}) before listening`)));
    createInterface({ input: web.stdout }).on('line', (line) => {
      if (line.startsWith(WEB_URL_MARKER)) resolveUrl(line.slice(WEB_URL_MARKER.length).trim());
      else console.log(`[web] ${line}`);
    });
  });
  // Reported where the URL is awaited; a server that fails before then must not crash this script.
  url.catch(() => {});
  return { web, url };
}

/**
 * Runs the emulator CLI beside the web dev server. Its output is passed through line by line; at
 * `Local stack ready` the web config is written and the web URL printed just before that line.
 */
function runStackWithWeb(cli, rest, port) {
  const stateDir = stateDirOf(rest);
  // A previous run's config names ports that may have changed: until the stack is ready the app says so instead.
  rmSync(webConfigFile, { force: true });
  const { web, url } = startWebServer(port);
  const stack = spawn('node', [...cli, ...rest], {
    cwd: root,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let printed = Promise.resolve();
  createInterface({ input: stack.stdout }).on('line', (line) => {
    printed = printed.then(async () => {
      const webUrlOutput = /^(.*\.WebUrl = ).*$/.exec(line);
      if (webUrlOutput) {
        console.log(`${webUrlOutput[1]}${await url.catch(() => '(the web dev server is not running)')}`);
        return;
      }
      if (line.includes('Local stack ready')) {
        try {
          const webUrl = await url;
          publishWebConfig(stateDir, webUrl);
          console.log(`[gatehouse] Web          ${webUrl}`);
        } catch (error) {
          console.error(`[gatehouse] error: the web app is not available: ${error.message}`);
        }
      }
      console.log(line);
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stack.kill(signal);
      web.kill(signal);
    });
  }
  // `close`, not `exit`: every line of its output has been read by then.
  stack.on('close', (code) => {
    web.kill('SIGTERM');
    printed.then(() => process.exit(code ?? 0));
  });
  return stack;
}

const [command = 'test', ...rest] = process.argv.slice(2);
switch (command) {
  case 'test': {
    install();
    const reports = reportFiles(workspaceDirs());
    // Stale reports must not count: cache hits restore them, real runs write them anew.
    for (const file of reports) rmSync(file, { force: true });
    // `test:scripts` is the root's own vitest run (the root's `test` script is this command itself);
    // `lint:workflows` checks .github/workflows with actionlint. Extra turbo flags come after `--`
    // (`npm test -- --affected` in CI's pull requests).
    const tasks = ['lint', 'lint:workflows', 'check-types', 'test', 'test:scripts', 'synth', 'check-package'];
    const status = turbo([...tasks, '--continue', ...rest]);
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
    // Checked before the build, so that a wrong port is reported at once.
    const { port: webPort, rest: stackArgs } = takeWebPort(rest);
    install();
    // Everything the stack runs (emulator, api bundles, the synthesized app) and everything examples and
    // scripts import (contracts, client, the example CLI). One line per task as it starts (`cache hit` or
    // `cache miss, executing`), so the first run, which compiles everything, shows where it is.
    console.log(
      '[gatehouse] building and synthesizing (a fresh clone compiles everything: a minute or more; later runs are cached)',
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
    // The web app's dev server runs beside the stack (hot reload needs no rebuild).
    runStackWithWeb(cli, stackArgs, webPort);
    // --watch: the emulator applies each new cloud assembly by itself; this side rebuilds the api bundles and
    // re-synthesizes whenever their sources change.
    if (stackArgs.includes('--watch')) {
      // Imported here, not at the top: the watcher needs chokidar, which exists only once install() has run.
      const { watchSources } = await import('./source-watcher.mjs');
      watchSources({
        root,
        rebuild: () => turbo(['synth', '--filter=@org/infra', '--output-logs=errors-only']),
      });
    }
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
  case 'test:deployed': {
    let options;
    try {
      ({ values: options } = parseArgs({
        args: rest,
        options: { outputs: { type: 'string' }, stack: { type: 'string' }, endpoints: { type: 'string' } },
      }));
    } catch (error) {
      console.error(error.message);
      options = {};
    }
    if (options.outputs === undefined) {
      console.error(
        'Usage: npm run test:deployed -- --outputs <cdk outputs file> [--stack <name>] [--endpoints <file>]',
      );
      process.exit(2);
    }
    // npm runs scripts from the package root; paths are meant from where the command was typed.
    // biome-ignore lint/suspicious/noUndeclaredEnvVars: read by this command, never inside a turbo task.
    const cwd = process.env.INIT_CWD ?? process.cwd();
    install();
    // The suite uses @org/client as an app gets it: its build (and the contracts' it imports).
    if (turbo(['build', '--filter=@org/client', '--output-logs=errors-only']) !== 0) process.exit(1);
    const env = {
      ...process.env,
      GATEHOUSE_DEPLOYED_OUTPUTS: resolve(cwd, options.outputs),
      GATEHOUSE_DEPLOYED_STACK: options.stack ?? '',
      GATEHOUSE_DEPLOYED_ENDPOINTS: options.endpoints === undefined ? '' : resolve(cwd, options.endpoints),
    };
    const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
    const config = join('tests-deployed', 'vitest.config.ts');
    process.exit(
      run(process.execPath, [vitest, 'run', '--config', config], { cwd: join(root, 'packages', 'e2e'), env }),
    );
    break;
  }
  default:
    console.error(`Unknown command ${command}: use dev, test, test:deployed, bench, cli or docs`);
    process.exit(2);
}
