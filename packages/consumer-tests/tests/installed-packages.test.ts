import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const { dir } = inject('consumer');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function installed(name: string): { folder: string; pkg: Record<string, unknown> } {
  const folder = join(dir, 'node_modules', '@org', name);
  return {
    folder,
    pkg: JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>,
  };
}

/** What a tarball may hold: the build, the sources its declaration and source maps point to, README, licence. */
const SHIPPED =
  /^(package\.json|README\.md|LICENSE|dist\/.+\.(js|js\.map|d\.ts|d\.ts\.map|json)|src\/.+\.ts)$/;

describe.each(['contracts', 'client'])('the installed @org/%s tarball', (name) => {
  it('holds only the build, its sources, README and LICENSE (no tests, no build info)', () => {
    const { folder } = installed(name);
    const files = filesUnder(folder).map((file) => relative(folder, file).split('\\').join('/'));
    expect(files.filter((file) => !SHIPPED.test(file))).toEqual([]);
    expect(files.filter((file) => /\.test(-d)?\.ts$|tsbuildinfo/.test(file))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']),
    );
  });

  it('exports no workspace-only @org/source condition', () => {
    expect(JSON.stringify(installed(name).pkg.exports)).not.toContain('@org/source');
  });
});

describe('the installed @org/client', () => {
  it('depends on @org/contracts by a semver range, not the workspace protocol', () => {
    const { pkg } = installed('client');
    const contractsVersion = installed('contracts').pkg.version as string;
    expect((pkg.dependencies as Record<string, string>)['@org/contracts']).toBe(`^${contractsVersion}`);
  });
});
