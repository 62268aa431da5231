// Cold-start benchmark: the size of each Lambda bundle and the time a fresh Node process takes to
// import it (median of several fresh processes), in the environment a deployed function has.
// Beside the deployed build (AWS SDK bundled) it measures the alternative that CDK's NodejsFunction
// defaults to on current runtimes: `@aws-sdk/*` left out of the bundle and loaded from the SDK the
// Lambda runtime provides (here the api's own SDK packages, linked into a node_modules folder above
// the asset folder, as /var/runtime/node_modules is on Lambda).
// Figures vary with the machine's load; compare them within one run.
// Usage: node bench/cold-start.mjs   (BENCH_RUNS=<n> samples per row, at least 7; default 9)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Math.max(7, Number(process.env.BENCH_RUNS ?? 9));
const AIM_KB = 250;
const AIM_MS = 60;

// Fresh builds of the current sources, so the figures never come from a stale dist/.
const work = mkdtempSync(join(tmpdir(), 'gatehouse-cold-start-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const bundledDir = join(work, 'bundled');
// <work>/external/node_modules stands for the runtime's SDK; <work>/external/task for the asset.
const externalDir = join(work, 'external', 'task');
const build = (outdir, extra = []) =>
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--outdir', outdir, ...extra], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
build(bundledDir);
build(externalDir, ['--external-sdk']);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const runtimeSdk = join(work, 'external', 'node_modules', '@aws-sdk');
mkdirSync(runtimeSdk, { recursive: true });
for (const name of Object.keys(pkg.dependencies).filter((dep) => dep.startsWith('@aws-sdk/'))) {
  symlinkSync(
    realpathSync(join(root, 'node_modules', name)),
    join(runtimeSdk, name.slice('@aws-sdk/'.length)),
  );
}

// What a deployed function's process has: the stack's variables for the production stage (LOG_LEVEL
// INFO, no API_DEV_MODE) and the ones Lambda itself sets.
const env = {
  PATH: process.env.PATH,
  TABLE_NAME: 'gatehouse-prod-notes',
  STAGE: 'prod',
  CORS_ALLOWED_ORIGINS: 'https://app.example.com',
  LOG_LEVEL: 'INFO',
  POWERTOOLS_SERVICE_NAME: 'gatehouse-api',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'ASIABENCHBENCHBENCH0',
  AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key-bench-secret-key0',
  AWS_SESSION_TOKEN: 'bench-session-token',
  AWS_LAMBDA_FUNCTION_NAME: 'gatehouse-prod-Api',
  AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
  AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/gatehouse-prod-Api',
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
  _HANDLER: 'index.handler',
  TZ: ':UTC',
  NODE_NO_WARNINGS: '1',
};

/**
 * Runs `code` in a fresh Node process; returns the wall-clock and the CPU milliseconds it printed.
 * On a shared machine the CPU time (the process's, all threads) is the steadier figure: waiting for
 * a core inflates the wall time, not the CPU time. On an idle machine the two are close.
 */
function timeInFreshProcess(code, nodeArgs = []) {
  const out = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', code], {
    env,
    encoding: 'utf8',
  });
  const [wall, cpu] = out.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const timed = (load) =>
  `const t = performance.now(); const c = process.cpuUsage(); ${load}` +
  'const u = process.cpuUsage(c); console.log(performance.now() - t, (u.user + u.system) / 1000);';
const importCode = (file) =>
  timed(
    `const m = await import(${JSON.stringify(pathToFileURL(file).href)});` +
      `if (typeof m.handler !== 'function') throw new Error('no handler export');`,
  );
const baselineCode = timed(`await import('node:http');`);

const handler = join(bundledDir, 'handler', 'index.mjs');
const trigger = join(bundledDir, 'pre-token-generation', 'index.mjs');
const externalHandler = join(externalDir, 'handler', 'index.mjs');
const verdict = (value, aim, unit) =>
  value < aim
    ? 'ok'
    : `over by ${(value - aim).toFixed(1)} ${unit} (${((value / aim - 1) * 100).toFixed(0)} %)`;

console.log('\nBundle sizes');
console.log(`${'bundle'.padEnd(40)} ${'KB'.padStart(8)} ${'gzip KB'.padStart(8)}   aim < ${AIM_KB} KB`);
for (const [name, file, aimed] of [
  ['handler (SDK bundled, deployed)', handler, true],
  ['handler (runtime-provided SDK)', externalHandler, false],
  ['pre-token-generation', trigger, false],
]) {
  const bytes = readFileSync(file);
  const kb = bytes.byteLength / 1024;
  const gz = gzipSync(bytes).byteLength / 1024;
  console.log(
    `${name.padEnd(40)} ${kb.toFixed(1).padStart(8)} ${gz.toFixed(1).padStart(8)}   ${aimed ? verdict(kb, AIM_KB, 'KB') : ''}`,
  );
}

console.log(
  `\nImport time in a fresh Node ${process.version} process per sample (${RUNS} samples), LOG_LEVEL ${env.LOG_LEVEL}`,
);
console.log(
  `${'module'.padEnd(40)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)} ${'CPU med'.padStart(8)}   aim < ${AIM_MS} ms (median)`,
);
// The README recommends NODE_OPTIONS=--enable-source-maps on the functions; Node then reads the
// source map at import, so that row shows what the setting costs.
const rows = [
  ['node:http (baseline)', baselineCode, [], false],
  ['handler (SDK bundled, deployed)', importCode(handler), [], true],
  ['  the same, --enable-source-maps', importCode(handler), ['--enable-source-maps'], false],
  ['handler (runtime-provided SDK)', importCode(externalHandler), [], false],
  ['pre-token-generation', importCode(trigger), [], false],
];
for (const [name, code, nodeArgs, aimed] of rows) {
  timeInFreshProcess(code, nodeArgs); // warm the file system cache
  const samples = Array.from({ length: RUNS }, () => timeInFreshProcess(code, nodeArgs));
  const wall = samples.map((sample) => sample.wall);
  const figures = [median(wall), Math.min(...wall), Math.max(...wall), median(samples.map((s) => s.cpu))];
  console.log(
    `${name.padEnd(40)} ${figures.map((ms) => ms.toFixed(1).padStart(8)).join(' ')}   ${aimed ? verdict(median(wall), AIM_MS, 'ms') : ''}`,
  );
}
