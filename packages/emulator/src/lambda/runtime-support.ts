import type { LambdaInvokeResult } from './lambda-function.js';

/**
 * The Node.js major version of a Lambda runtime identifier (`nodejs20.x` → `20`), or undefined for a runtime of
 * another language (`python3.13`, `java21`, `provided.al2023`...), which cannot run in this process.
 */
export function nodeMajorOf(runtime: string): string | undefined {
  return /^nodejs(\d+)\.x$/.exec(runtime)?.[1];
}

/** Whether functions of `runtime` run here (only Node.js ones do: each instance is a worker thread). */
export function runsLocally(runtime: string): boolean {
  return nodeMajorOf(runtime) !== undefined;
}

/**
 * What invoking a function that cannot run here answers. AWS's Invoke answers `InvalidRuntimeException` (HTTP
 * 502) when the function's runtime cannot be run (documented for deprecated runtimes); here it is every runtime
 * other than Node.js. API Gateway turns the failed invocation into a 502, as for any failed function.
 */
export function invalidRuntime(
  functionName: string,
  runtime: string,
): Extract<LambdaInvokeResult, { ok: false }> {
  return {
    ok: false,
    kind: 'error',
    errorType: 'InvalidRuntimeException',
    errorMessage: `The runtime ${runtime} of ${functionName} is not supported locally: only Node.js functions are emulated`,
  };
}
