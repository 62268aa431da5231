#!/usr/bin/env node
// Checks the package in the current folder as it will be published: packs it with pnpm (which rewrites
// `workspace:` ranges and applies `publishConfig`, as `changeset publish` does), then lints the tarball with
// publint and checks its types with @arethetypeswrong/cli. Run by each publishable package's `check-package`
// script (a turbo task that depends on the package's build).
//
// attw runs with the `esm-only` profile: the packages are ES modules only, so the CommonJS resolutions
// (`node10`, `node16` from CJS) are not checked. Node.js 20.19+ can still `require()` them (require(esm); the
// consumer tests run a CommonJS project to prove it), but TypeScript's node16 rules model the older Node.js
// that could not, which is what attw's CJS column reports.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(command, args, cwd = process.cwd()) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    console.error(`check-package: ${[command, ...args].join(' ')} exited with ${result.status}`);
    process.exit(1);
  }
}

const destination = mkdtempSync(join(tmpdir(), 'gatehouse-pack-'));
try {
  run('npx', ['--yes', packageManager, 'pack', '--pack-destination', destination]);
  const tarballs = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
  if (tarballs.length !== 1)
    throw new Error(`expected one tarball in ${destination}, found ${tarballs.length}`);
  const tarball = join(destination, tarballs[0]);
  // --strict: a warning fails the check too.
  run(bin('publint'), ['run', tarball, '--strict']);
  run(bin('attw'), [tarball, '--profile', 'esm-only', '--no-color']);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
