#!/usr/bin/env node
// Rehearses a changeset-driven release without changing the repository or publishing anything
// (`npm run release:dry-run`). Changesets 2 has no `publish --dry-run`, so the rehearsal runs its two steps on a
// temporary copy of the workspace:
//   1. `changeset status --verbose`: the pending changesets and the release plan (fails if a changeset is broken);
//   2. `changeset version` on the copy: the versions and CHANGELOG.md entries the "Version packages" pull request
//      would carry, printed as a diff;
//   3. `pnpm publish --dry-run` of each publishable package of the copy, at its new version: what `changeset
//      publish` would upload (it publishes through pnpm too, so `workspace:` ranges and publishConfig apply).
// The packages must be built (`npm run build`): the copy takes their dist/ as it is.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const changeset = join(root, 'node_modules', '.bin', 'changeset');

function run(command, args, cwd) {
  console.log(`\n$ ${[command, ...args].join(' ')}${cwd === root ? '' : `   (in ${cwd})`}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} exited with ${result.status}`);
}

/** Workspace package folders (relative), as pnpm resolves pnpm-workspace.yaml. */
function workspacePackages() {
  const result = spawnSync('npx', ['--yes', packageManager, 'ls', '--recursive', '--json', '--depth', '-1'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`pnpm ls exited with ${result.status}`);
  return JSON.parse(result.stdout)
    .map((pkg) => ({ dir: relative(root, pkg.path), private: pkg.private === true, name: pkg.name }))
    .filter((pkg) => pkg.dir !== '');
}

/**
 * pnpm resolves a `workspace:` range from the installed dependency's manifest: link each publishable package's
 * workspace dependencies to their (re-versioned) copies, as `pnpm install` would.
 */
function linkWorkspaceDependencies(copy, packages) {
  const dirs = new Map(packages.map((pkg) => [pkg.name, join(copy, pkg.dir)]));
  for (const pkg of packages.filter((p) => !p.private)) {
    const manifest = JSON.parse(readFileSync(join(copy, pkg.dir, 'package.json'), 'utf8'));
    for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
      const target = dirs.get(name);
      if (!String(range).startsWith('workspace:') || target === undefined) continue;
      const link = join(copy, pkg.dir, 'node_modules', ...name.split('/'));
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(target, link, 'dir');
    }
  }
}

run(changeset, ['status', '--verbose'], root);

const copy = mkdtempSync(join(tmpdir(), 'gatehouse-release-'));
try {
  // What `changeset version` reads and writes: the workspace's manifests, changelogs and .changeset/.
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'LICENSE', '.changeset']) {
    cpSync(join(root, file), join(copy, file), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const packages = workspacePackages();
  for (const pkg of packages) {
    const from = join(root, pkg.dir);
    // Publishable packages whole (their build is what gets packed), the others only as manifests.
    const files = pkg.private
      ? ['package.json', 'CHANGELOG.md']
      : readdirSync(from).filter((name) => !['node_modules', '.turbo', 'reports'].includes(name));
    for (const file of files) {
      if (existsSync(join(from, file)))
        cpSync(join(from, file), join(copy, pkg.dir, file), { recursive: true });
    }
  }
  // changeset version looks up the commit that added each changeset for the changelog: give it a repository.
  const git = (...args) =>
    run('git', ['-c', 'user.name=release-dry-run', '-c', 'user.email=dry-run@localhost', ...args], copy);
  git('init', '--quiet', '--initial-branch=main');
  git('add', '--all');
  git('commit', '--quiet', '--message', 'release dry run: the workspace as it is');
  run(changeset, ['version'], copy);
  git('add', '--all');
  git('--no-pager', 'diff', '--cached', '--', '.', ':(exclude)node_modules');
  linkWorkspaceDependencies(copy, packages);
  for (const pkg of packages.filter((p) => !p.private)) {
    run('npx', ['--yes', packageManager, 'publish', '--dry-run', '--no-git-checks'], join(copy, pkg.dir));
  }
  console.log(`\nrelease:dry-run: nothing was changed or published (the copy in ${copy} is removed).`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
