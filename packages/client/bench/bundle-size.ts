/**
 * Bundle-size benchmark: the minified + gzipped size of a browser bundle that signs in and calls one
 * route, built with esbuild from @org/client and, side by side, from aws-amplify's Auth category.
 * Run with `pnpm --filter @org/client bench`.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const packageDir = new URL('..', import.meta.url).pathname;

const config = `{
  apiUrl: 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/',
  userPoolId: 'us-east-1_AbC123xyz',
  clientId: 'client123',
  region: 'us-east-1',
}`;

const entries = {
  gatehouse: `
    import { createClient } from './src/browser.ts';
    const client = createClient(${config});
    export async function run(username, password) {
      await client.signIn({ username, password });
      return client.notes.list({ limit: 10 });
    }`,
  gatehouseSdk: `
    import { createGatehouseClient } from './src/client/create-gatehouse-client.ts';
    import { sdkCognitoTransport } from './src/cognito/sdk-cognito-transport.ts';
    const client = createGatehouseClient(${config}, {}, ({ region }) => sdkCognitoTransport(region));
    export async function run(username, password) {
      await client.signIn({ username, password });
      return client.notes.list({ limit: 10 });
    }`,
  amplify: `
    import { Amplify } from 'aws-amplify';
    import { fetchAuthSession, signIn } from 'aws-amplify/auth';
    Amplify.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_AbC123xyz', userPoolClientId: 'client123' } } });
    export async function run(username, password) {
      await signIn({ username, password });
      const { tokens } = await fetchAuthSession();
      const response = await fetch('https://abc123.execute-api.us-east-1.amazonaws.com/prod/notes?limit=10', {
        headers: { authorization: 'Bearer ' + tokens?.accessToken.toString() },
      });
      return response.json();
    }`,
};

async function measure(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@org/source'],
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'error',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { min: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const rows = [
  { bundle: '@org/client/browser (fetch + Web Crypto)', ...(await measure(entries.gatehouse)) },
  { bundle: '@org/client with the AWS SDK Cognito transport', ...(await measure(entries.gatehouseSdk)) },
  { bundle: 'aws-amplify Auth (signIn + fetchAuthSession) + fetch', ...(await measure(entries.amplify)) },
];
const amplify = rows.at(-1)?.gzip ?? 1;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log('Browser bundle that signs in (SRP) and calls GET /notes — esbuild, minified, gzip -9\n');
console.table(
  rows.map((r) => ({
    bundle: r.bundle,
    minified: kb(r.min),
    'min+gzip': kb(r.gzip),
    'vs amplify': `${((r.gzip / amplify) * 100).toFixed(0)}%`,
  })),
);
