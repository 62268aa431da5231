// Bundles each Lambda entry point into dist/<entry>/index.mjs, the folders the CDK stack deploys
// with Code.fromAsset (handler `index.handler`).
// Usage: node scripts/build.mjs [--outdir <dir>]   (default: dist; tests build into a temporary dir)
import { rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({ options: { outdir: { type: 'string', default: join(root, 'dist') } } });
const distDir = resolve(args.outdir);
// The output folder is emptied first, so refuse anything that holds the sources (or is the root).
if (root.startsWith(distDir) || dirname(distDir) === distDir) {
  console.error(`Refusing to build into ${distDir}: it would delete the package itself`);
  process.exit(1);
}
const entries = {
  handler: 'src/entries/handler.ts',
  'pre-token-generation': 'src/entries/pre-token-generation.ts',
};

await rm(distDir, { recursive: true, force: true });

const rows = [];
for (const [name, entry] of Object.entries(entries)) {
  const outfile = join(distDir, name, 'index.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: true,
    // Workspace packages resolve to their TypeScript source, so the contract needs no build first.
    // `module` (esbuild's default, dropped once conditions are set) picks the AWS SDK's ES modules,
    // which tree-shake, over its CommonJS builds.
    conditions: ['@org/source', 'module'],
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
    // The AWS SDK's CommonJS parts call require() for Node built-ins, which ESM output lacks.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const { size } = await stat(outfile);
  rows.push({ bundle: relative(process.cwd(), outfile), kB: (size / 1024).toFixed(1) });
}
for (const { bundle, kB } of rows) console.log(`${bundle.padEnd(40)} ${kB.padStart(8)} KB`);
