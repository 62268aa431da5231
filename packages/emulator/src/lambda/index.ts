export {
  functionNameOf,
  type LambdaFunctionConfig,
  type LambdaInvokeResult,
  lambdaFunctionArn,
} from './lambda-function.js';
export { LAMBDA_PAYLOAD_LIMIT_BYTES, LambdaRuntime, type LambdaRuntimeOptions } from './lambda-runtime.js';
