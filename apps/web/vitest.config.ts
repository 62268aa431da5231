import react from '@vitejs/plugin-react';
import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

/**
 * Plain modules run in Node, components in jsdom with Testing Library, and the whole app in real Chromium
 * against the local stack and the dev server (tests/browser, which start both once for every file).
 */
export default mergeConfig(
  // The root lists no files of its own: each project below names its files.
  sharedConfig({ include: [] }),
  defineConfig({
    plugins: [react()],
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'node',
            include: ['tests/**/*.test.ts'],
            exclude: ['tests/browser/**'],
          },
        },
        {
          extends: true,
          test: {
            name: 'components',
            environment: 'jsdom',
            include: ['tests/**/*.test.tsx'],
            setupFiles: ['tests/support/setup-dom.ts'],
          },
        },
        {
          extends: true,
          test: {
            name: 'browser',
            environment: 'node',
            include: ['tests/browser/**/*.test.ts'],
            globalSetup: ['tests/browser/support/global-setup.ts'],
            // One stack and dev server for every file; files run one after another, each with its Chromium.
            fileParallelism: false,
            // A safety net for real I/O (a browser, a stack and a dev server on a shared machine), not a bound.
            testTimeout: 120_000,
          },
        },
      ],
    },
  }),
);
