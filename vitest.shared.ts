import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * The vitest settings every package shares: workspace packages resolve to their TypeScript source
 * (the `@org/source` export condition), so tests never wait on a build, and each run leaves a JSON
 * report that `scripts/gatehouse.mjs` adds up into the one `N passed, N failed` line.
 */
export function sharedConfig(overrides: ViteUserConfig['test'] = {}): ViteUserConfig {
  return defineConfig({
    resolve: { conditions: ['@org/source', 'module', 'node', 'development|production'] },
    ssr: { resolve: { conditions: ['@org/source', 'node', 'development|production'] } },
    test: {
      include: ['tests/**/*.test.ts'],
      reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...overrides,
    },
  });
}
