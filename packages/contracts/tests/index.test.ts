import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as runtime from '../src/index.js';
import * as openapi from '../src/openapi.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
type ExportEntry = Record<string, string>;
const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, ExportEntry | string>;
};

/** Every source file a module reaches through its relative imports (type-only imports included). */
function reachableFiles(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)) {
      visit(resolve(dirname(file), (specifier ?? '').replace(/\.js$/, '.ts')));
    }
  };
  visit(join(packageRoot, entry));
  return seen;
}

describe('the package entry points', () => {
  it.each([
    ['.', 'src/index.ts', 'dist/index.js'],
    ['./openapi', 'src/openapi.ts', 'dist/openapi.js'],
  ])(
    'maps %s to its source under the @org/source condition and to its build otherwise',
    (subpath, source, built) => {
      const entry = packageJson.exports[subpath] as ExportEntry;
      expect(entry['@org/source']).toBe(`./${source}`);
      expect(entry.default).toBe(`./${built}`);
      expect(entry.types).toBe(`./${built.replace(/\.js$/, '.d.ts')}`);
      // The condition has to come first: Node and bundlers take the first one that matches.
      expect(Object.keys(entry)[0]).toBe('@org/source');
      expect(existsSync(join(packageRoot, source))).toBe(true);
    },
  );

  it('keeps the OpenAPI builder out of the runtime entry point', () => {
    expect(Object.keys(runtime)).not.toContain('buildOpenApiDocument');
    const reached = [...reachableFiles('src/index.ts')].map((file) => file.slice(packageRoot.length + 1));
    expect(reached).toContain('src/api-contract.ts');
    expect(reached.filter((file) => file.startsWith('src/openapi'))).toEqual([]);
  });

  it('exports the OpenAPI builder from @org/contracts/openapi', () => {
    expect(Object.keys(openapi).sort()).toEqual([
      'COGNITO_SECURITY_SCHEME',
      'EXAMPLE_AUTH_DOMAIN_URL',
      'buildOpenApiDocument',
    ]);
  });
});
