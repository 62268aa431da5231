import type { LambdaFunctionConfig } from './lambda-function.js';

/** What of the runtime's options a function's environment is built from. */
export interface EnvironmentOptions {
  region: string;
  /** Variables every function gets, before its own (local service endpoints...). */
  baseEnvironment?: Record<string, string>;
  /** The role's credentials; default `local` (see LambdaRuntimeOptions.credentials). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The environment of each instance of `config`: the base variables, the function's own, then AWS's reserved ones. */
export function functionEnvironment(
  config: LambdaFunctionConfig,
  options: EnvironmentOptions,
): Record<string, string> {
  return {
    ...options.baseEnvironment,
    ...config.environment,
    // Reserved variables: AWS sets these and a function's own values cannot override them.
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    // Every local instance is started on demand (no provisioned concurrency, no SnapStart). Powertools
    // reports `cold_start: true` on an environment's first invocation only when this says `on-demand`.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: config.codeDir,
    _HANDLER: config.handler,
    ...credentialVariables(options.credentials),
  };
}

function credentialVariables(credentials: EnvironmentOptions['credentials']): Record<string, string> {
  const c = credentials ?? { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' };
  return {
    AWS_ACCESS_KEY_ID: c.accessKeyId,
    AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
    ...(c.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: c.sessionToken }),
  };
}
