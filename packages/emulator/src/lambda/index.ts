export { createDevConsole, type DevConsole, LOG_FORMATS, type LogFormat, useColour } from './dev-console.js';
export {
  functionNameOf,
  type LambdaFunctionConfig,
  type LambdaInvokeResult,
  lambdaFunctionArn,
} from './lambda-function.js';
export {
  DEFAULT_IDLE_TIMEOUT_MS,
  DEFAULT_MAX_INSTANCES,
  type IdleTimers,
  type InvocationRecord,
  LAMBDA_PAYLOAD_LIMIT_BYTES,
  LambdaRuntime,
  type LambdaRuntimeOptions,
} from './lambda-runtime.js';
export { type RenderStyle, renderFunctionLine, renderRequestLine } from './log-line-renderer.js';
export { captureProcessWarnings, showWarningOnce } from './process-warnings.js';
export type { LogLines } from './worker-protocol.js';
