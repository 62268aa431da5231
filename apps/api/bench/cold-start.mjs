// Cold-start benchmark: the size of each Lambda bundle and the time a fresh Node process takes to
// import the API handler (median of several runs). Figures vary with the machine's load; compare
// them within one run.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundles = ['handler', 'pre-token-generation'].map((name) => join(root, 'dist', name, 'index.mjs'));
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const AIM_KB = 250;
const AIM_MS = 60;

if (!bundles.every((file) => existsSync(file))) {
  console.log('dist/ is missing; building first');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
}

// What the stack sets, so the handler's cold-start configuration succeeds.
const env = {
  PATH: process.env.PATH,
  TABLE_NAME: 'gatehouse-bench',
  STAGE: 'bench',
  CORS_ALLOWED_ORIGINS: '*',
  LOG_LEVEL: 'WARN',
  AWS_REGION: 'us-east-1',
  NODE_NO_WARNINGS: '1',
};

/** Runs `code` in a fresh Node process and returns the milliseconds it printed. */
function timeInFreshProcess(code, nodeArgs = []) {
  const out = execFileSync(process.execPath, [...nodeArgs, '--input-type=module', '-e', code], {
    env,
    encoding: 'utf8',
  });
  return Number(out.trim().split('\n').at(-1));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const importCode = (file) =>
  `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)});` +
  `if (typeof m.handler !== 'function') throw new Error('no handler export'); console.log(performance.now() - t);`;
const baselineCode = `const t = performance.now(); await import('node:http'); console.log(performance.now() - t);`;

console.log('\nBundle sizes');
console.log(`${'bundle'.padEnd(36)} ${'KB'.padStart(8)} ${'gzip KB'.padStart(8)}   aim < ${AIM_KB} KB`);
for (const file of bundles) {
  const bytes = readFileSync(file);
  const kb = bytes.byteLength / 1024;
  const gz = gzipSync(bytes).byteLength / 1024;
  const name = file.slice(root.length + 1);
  console.log(
    `${name.padEnd(36)} ${kb.toFixed(1).padStart(8)} ${gz.toFixed(1).padStart(8)}   ${kb < AIM_KB ? 'ok' : 'over'}`,
  );
}

console.log(`\nImport time in a fresh Node ${process.version} process (${RUNS} runs)`);
console.log(
  `${'module'.padEnd(36)} ${'median'.padStart(8)} ${'min'.padStart(8)} ${'max'.padStart(8)}   aim < ${AIM_MS} ms`,
);
// The README recommends NODE_OPTIONS=--enable-source-maps on the functions; Node then reads the
// source map at import, so that row shows what the setting costs.
const rows = [
  ['node:http (baseline)', baselineCode, []],
  ...bundles.map((file) => [file.slice(root.length + 1), importCode(file), []]),
  ['  the same, --enable-source-maps', importCode(bundles[0]), ['--enable-source-maps']],
];
for (const [name, code, nodeArgs] of rows) {
  timeInFreshProcess(code, nodeArgs); // warm the file system cache
  const times = Array.from({ length: RUNS }, () => timeInFreshProcess(code, nodeArgs));
  const verdict = name.startsWith('dist/handler') ? (median(times) < AIM_MS ? 'ok' : 'over') : '';
  console.log(
    `${name.padEnd(36)} ${median(times).toFixed(1).padStart(8)} ${Math.min(...times)
      .toFixed(1)
      .padStart(8)} ${Math.max(...times)
      .toFixed(1)
      .padStart(8)}   ${verdict}`,
  );
}
