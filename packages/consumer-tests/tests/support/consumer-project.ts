import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const fixtures = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** The packages a consumer installs, in the order their tarballs are made. */
export const PUBLISHED_PACKAGES = ['contracts', 'client'] as const;

/**
 * The bundler of the browser project. Not a workspace dependency: it is installed into the outside project
 * only, like any application's own tooling.
 */
const VITE_VERSION = '8.3.8';

function rootDevDependency(name: string): string {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const version = pkg.devDependencies[name];
  if (version === undefined) throw new Error(`the root package.json has no devDependency ${name}`);
  return version;
}

/**
 * Packs each published package with pnpm, as `changeset publish` does (`workspace:` ranges rewritten,
 * `publishConfig` applied), into `destination`; returns the tarballs' paths.
 */
export async function packTarballs(destination: string): Promise<string[]> {
  const pnpm = ['--yes', rootPackageManager()];
  const tarballs: string[] = [];
  for (const name of PUBLISHED_PACKAGES) {
    const before = new Set(readdirSync(destination));
    await runCommand(
      'npx',
      [...pnpm, 'pack', '--pack-destination', destination],
      join(repoRoot, 'packages', name),
    );
    const made = readdirSync(destination).filter((file) => file.endsWith('.tgz') && !before.has(file));
    if (made.length !== 1 || made[0] === undefined)
      throw new Error(`packing ${name} made ${made.length} tarballs`);
    tarballs.push(join(destination, made[0]));
  }
  return tarballs;
}

function rootPackageManager(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string })
    .packageManager;
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Makes the consumer project in `dir` (a folder outside the workspace): one `npm install` of the tarballs
 * and the tools, shared by three applications beside it:
 * - `node-esm/`: the Node.js program as an ES module (`"type": "module"`, `moduleResolution: nodenext`);
 * - `node-cjs/`: the same source as CommonJS, so the packages are loaded with `require()`;
 * - `browser/`: a Vite app on `@org/client/browser`.
 */
export async function makeConsumerProject(dir: string, tarballs: readonly string[]): Promise<void> {
  writeJson(join(dir, 'package.json'), { name: 'gatehouse-consumer', version: '0.0.0', private: true });
  await runCommand(
    'npm',
    [
      'install',
      // The registry is reachable, but the npm cache answers whatever it already holds.
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      `typescript@${rootDevDependency('typescript')}`,
      `@types/node@${rootDevDependency('@types/node')}`,
      `vite@${VITE_VERSION}`,
    ],
    dir,
  );
  for (const [folder, type] of [
    ['node-esm', 'module'],
    ['node-cjs', 'commonjs'],
  ] as const) {
    cpSync(join(fixtures, 'node'), join(dir, folder), { recursive: true });
    writeJson(join(dir, folder, 'package.json'), {
      name: `gatehouse-consumer-${folder}`,
      private: true,
      type,
    });
  }
  mkdirSync(join(dir, 'browser'));
  cpSync(join(fixtures, 'browser'), join(dir, 'browser'), { recursive: true });
  writeJson(join(dir, 'browser', 'package.json'), {
    name: 'gatehouse-consumer-browser',
    private: true,
    type: 'module',
  });
}

/** The consumer project's own TypeScript compiler and Vite. */
export function consumerBin(dir: string, tool: 'tsc' | 'vite'): string {
  return tool === 'tsc'
    ? join(dir, 'node_modules', 'typescript', 'bin', 'tsc')
    : join(dir, 'node_modules', 'vite', 'bin', 'vite.js');
}
