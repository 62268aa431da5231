// Bundles each Lambda entry point into dist/<entry>/index.mjs, the folders the CDK stack deploys
// with Code.fromAsset (handler `index.handler`).
// Usage: node scripts/build.mjs [--outdir <dir>] [--analyze] [--external-sdk]
//   --outdir        default dist; tests build into a temporary dir
//   --analyze       also writes <outdir>/<entry>.meta.json (esbuild's metafile, outside the deployed
//                   folder) and prints which packages the bytes of each bundle come from
//   --external-sdk  leaves `@aws-sdk/*` out of the bundles, to be loaded from the SDK the Lambda
//                   Node.js runtime provides (CDK NodejsFunction's default). Only for measuring the
//                   alternative (bench/cold-start.mjs): the deployed bundles include the SDK, because
//                   that starts about twice as fast (README.md, "Build output").
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    outdir: { type: 'string', default: join(root, 'dist') },
    analyze: { type: 'boolean', default: false },
    'external-sdk': { type: 'boolean', default: false },
  },
});
const distDir = resolve(args.outdir);
// The output folder is emptied first, so refuse anything that holds the sources (or is the root).
if (root.startsWith(distDir) || dirname(distDir) === distDir) {
  console.error(`Refusing to build into ${distDir}: it would delete the package itself`);
  process.exit(1);
}
const entries = {
  handler: 'src/entries/handler.ts',
  'pre-token-generation': 'src/entries/pre-token-generation.ts',
};

/**
 * Modules of the AWS SDK that the handler can never run, replaced by a stand-in that throws if it is
 * ever reached. Each one is imported statically (or through a literal `import()`), so esbuild
 * bundles it even though no code path of ours gets there; the plugin refuses to build if the module
 * is imported from anywhere else than the one place named here, so an SDK upgrade that starts using
 * it elsewhere fails the build instead of shipping a bundle that breaks at run time.
 * tests/entries/bundle.test.ts runs the built handler against the local DynamoDB (so a client created
 * without credentials would hit the stand-in and fail) and checks that these modules stay out.
 */
const unreachableSdkModules = [
  {
    // The default credential chain (env, SSO, INI profiles, credential_process, web identity,
    // ECS/IMDS, login) with the nested STS/SSO/SSO-OIDC/Signin clients it builds: about 130 KB.
    // DynamoDBClient's runtimeConfig imports it only as the fallback `credentialDefaultProvider`,
    // which @aws-sdk/core calls only when the client is given no `credentials`. src/entries/handler.ts
    // always passes `credentials: fromEnv()`, which reads the variables Lambda sets from the
    // execution role (and the local stack sets too), the chain's first link on Lambda anyway.
    specifier: '@aws-sdk/credential-provider-node',
    importer: /[\\/]@aws-sdk[\\/]client-dynamodb[\\/]dist-es[\\/]runtimeConfig\.js$/,
    kind: 'import-statement',
    contents:
      'export const defaultProvider = () => async () => { throw new Error("The DynamoDB client was built ' +
      'without the default credential chain: pass credentials explicitly (see scripts/build.mjs)"); };',
  },
  {
    // Event-stream (de)serialisation, about 20 KB. The Smithy protocols load it with import() only
    // for an operation whose input or output has an event-stream member, and DynamoDB's API has none.
    // Besides the bytes, that import() made esbuild wrap most of @smithy/core in lazy initialisers.
    specifier: '@smithy/core/event-streams',
    importer: /[\\/]@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]protocols[\\/]HttpProtocol\.js$/,
    kind: 'dynamic-import',
    contents:
      'const missing = () => { throw new Error("Event streams are not bundled: DynamoDB has none (see scripts/build.mjs)"); };\n' +
      'export const EventStreamSerde = missing, eventStreamSerdeProvider = missing;',
  },
];

/** @type {import('esbuild').Plugin} */
const dropUnreachableSdkModules = {
  name: 'drop-unreachable-sdk-modules',
  setup(pluginBuild) {
    for (const [index, module] of unreachableSdkModules.entries()) {
      const filter = new RegExp(`^${module.specifier.replace(/[/.]/g, '\\$&')}$`);
      pluginBuild.onResolve({ filter }, ({ importer, kind }) => {
        if (!module.importer.test(importer) || kind !== module.kind) {
          return {
            errors: [
              {
                text: `${module.specifier} is imported by ${importer} (${kind}); the build assumes it is unreachable`,
              },
            ],
          };
        }
        return { path: String(index), namespace: 'unreachable-sdk-module' };
      });
    }
    pluginBuild.onLoad({ filter: /.*/, namespace: 'unreachable-sdk-module' }, ({ path }) => ({
      contents: unreachableSdkModules[Number(path)]?.contents ?? '',
      loader: 'js',
    }));
  },
};

/**
 * A bundled `package.json` is reduced to its name and version. The AWS SDK clients import theirs for
 * the version in the user agent; without this, the whole file (scripts, dependency and
 * devDependency lists) ships in the bundle and is parsed at every cold start.
 * @type {import('esbuild').Plugin}
 */
const packageJsonNameAndVersion = {
  name: 'package-json-name-and-version',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]package\.json$/ }, async ({ path }) => {
      const { name, version } = JSON.parse(await readFile(path, 'utf8'));
      return { contents: JSON.stringify({ name, version }), loader: 'json' };
    });
  },
};

const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

/** Sums a metafile's output bytes per package (or per workspace folder). */
function bytesByPackage(metafile, outfile) {
  const output = Object.entries(metafile.outputs).find(([file]) => resolve(root, file) === outfile)?.[1];
  const totals = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = file.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/)?.[1];
    const key =
      name ??
      file
        .replace(/^(\.\.\/)+/, '')
        .split('/')
        .slice(0, 2)
        .join('/');
    totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

await rm(distDir, { recursive: true, force: true });

const rows = [];
for (const [name, entry] of Object.entries(entries)) {
  const outfile = join(distDir, name, 'index.mjs');
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    sourcemap: true,
    // Stack traces (NODE_OPTIONS=--enable-source-maps) need only the mappings; leaving the sources'
    // text out shrinks the handler's map from 1.7 MB to 0.55 MB and its deployed zip by half.
    sourcesContent: false,
    // Workspace packages resolve to their TypeScript source, so the contract needs no build first.
    // `module` (esbuild's default, dropped once conditions are set) picks the AWS SDK's ES modules,
    // which tree-shake, over its CommonJS builds.
    conditions: ['@org/source', 'module'],
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
    metafile: args.analyze,
    plugins: args['external-sdk']
      ? [packageJsonNameAndVersion]
      : [dropUnreachableSdkModules, packageJsonNameAndVersion],
    // The version /health reports (src/config/api-version.ts), instead of importing package.json.
    define: { __GATEHOUSE_API_VERSION__: JSON.stringify(version) },
    external: args['external-sdk'] ? ['@aws-sdk/*'] : [],
    // The AWS SDK's CommonJS parts call require() for Node built-ins, which ESM output lacks.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const { size } = await stat(outfile);
  rows.push({ bundle: relative(process.cwd(), outfile), kB: (size / 1024).toFixed(1) });
  if (result.metafile) {
    await writeFile(join(distDir, `${name}.meta.json`), JSON.stringify(result.metafile));
    console.log(`\n${name}: KB in the bundle by package`);
    for (const [key, bytes] of bytesByPackage(result.metafile, outfile).slice(0, 20)) {
      console.log(`${(bytes / 1024).toFixed(1).padStart(8)}  ${key}`);
    }
  }
}
if (args.analyze) console.log('');
for (const { bundle, kB } of rows) console.log(`${bundle.padEnd(40)} ${kB.padStart(8)} KB`);
