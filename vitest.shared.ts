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
      // Only a net for a test that hangs: no test's outcome may depend on how fast the machine is (time is
      // driven by fake clocks, injected `now` functions or events), so nothing that works comes near these,
      // even on a loaded 2-core machine where starting a stack or synthesizing takes tens of seconds.
      testTimeout: 300_000,
      hookTimeout: 300_000,
      ...overrides,
    },
  });
}
