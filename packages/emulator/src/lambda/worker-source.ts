import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** How to start a worker program (a Lambda instance's, DynamoDB's): the first two arguments of `new Worker(...)`. */
export interface WorkerSource {
  script: URL | string;
  options: { eval?: true };
}

let located: WorkerSource | undefined;

/** Where the worker program (`function-worker.ts`, or its build) is, located once per process. */
export function workerSource(): WorkerSource {
  located ??= locateWorker(new URL('./', import.meta.url));
  return located;
}

/**
 * How to start the worker program `program` (`function-worker` unless named) found in `dir`.
 *
 * The built package runs `<program>.js`, compiled beside its module, with plain Node. Tests, type checks and
 * benchmarks run the TypeScript sources (the `@org/source` export condition, or tsx), where only
 * `<program>.ts` exists: the worker then registers tsx before loading it. Node 20 ignores `--import` in
 * a worker's `execArgv` and a parent's loader hooks do not reach its workers, so the registration happens
 * inside the worker, in a one-line bootstrap. tsx's require hook is used rather than its ESM loader, which
 * would start a loader thread in every instance. tsx is a devDependency; the built package never needs it.
 */
export function locateWorker(dir: URL, program = 'function-worker'): WorkerSource {
  const built = new URL(`${program}.js`, dir);
  if (existsSync(fileURLToPath(built))) return { script: built, options: {} };
  const source = fileURLToPath(new URL(`${program}.ts`, dir));
  // Resolved here, against this package: a worker started with `eval` has no module to resolve from.
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  return {
    script: `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`,
    options: { eval: true },
  };
}
