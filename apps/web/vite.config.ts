import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { servedConfigPlugin } from './src/config/served-config-plugin.js';

/**
 * Where the dev server and `vite preview` read `/config.json` from: `npm run dev` writes it from the local
 * stack's outputs, the browser tests point `GATEHOUSE_WEB_CONFIG` at their own. The deployed site gets its
 * `config.json` from the stack outputs instead, so one build serves every stage.
 */
const configFile =
  process.env.GATEHOUSE_WEB_CONFIG ?? fileURLToPath(new URL('./.local/config.json', import.meta.url));

export default defineConfig({
  plugins: [react(), servedConfigPlugin(configFile)],
  // Workspace packages are read from their TypeScript source, so the app never waits on their build.
  resolve: { conditions: ['@org/source', 'module', 'browser', 'development|production'] },
  server: { host: 'localhost', port: 5173, strictPort: true },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: true },
});
