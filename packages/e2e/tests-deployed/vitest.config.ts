import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The e2e flows against a deployed stack (`npm run test:deployed -- --outputs <file>`). Unlike the other test
 * runs, workspace packages resolve to their build (`dist/`): this suite exercises `@org/client` as an app gets
 * it. Its report goes to `reports/deployed/` so that it never replaces the package's own `reports/vitest.json`.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests-deployed/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'reports/deployed/vitest.json' }]],
    // Only a net for a hang: a real stack answers in seconds, but nothing here may depend on how fast.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
