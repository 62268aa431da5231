import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** How to start the DynamoDB worker: the first two arguments of `new Worker(...)`. */
export interface DynamoDbWorkerSource {
  script: URL | string;
  options: { eval?: true };
}

let located: DynamoDbWorkerSource | undefined;

/**
 * Where the worker program is, located once per process. The built package runs `dynamodb-worker.js`,
 * compiled beside this module, with plain Node. Tests, type checks and benchmarks run the TypeScript sources
 * (the `@org/source` export condition, or tsx), where only `dynamodb-worker.ts` exists: the worker then
 * registers tsx's require hook before loading it, as the Lambda runtime's workers do (see
 * lambda/worker-source.ts for why a loader cannot be passed down). tsx is a devDependency; the built package
 * never needs it.
 */
export function dynamoDbWorkerSource(): DynamoDbWorkerSource {
  located ??= locate(new URL('./', import.meta.url));
  return located;
}

function locate(dir: URL): DynamoDbWorkerSource {
  const built = new URL('dynamodb-worker.js', dir);
  if (existsSync(fileURLToPath(built))) return { script: built, options: {} };
  const source = fileURLToPath(new URL('dynamodb-worker.ts', dir));
  // Resolved here, against this package: a worker started with `eval` has no module to resolve from.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return {
    script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`,
    options: { eval: true },
  };
}
