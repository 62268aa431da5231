import { LocalEndpointsSchema, parseOutputsFile, StackOutputsError } from '@org/contracts';
import { ConfigError } from '../errors/client-error.js';
import type { ClientConfig } from './client-config.js';

/** Options of {@link configFromOutputs}. */
export interface ConfigFromOutputsOptions {
  /** The local stack's `endpoints.json` document; its `cognito` URL becomes the Cognito endpoint. */
  readonly endpoints?: unknown;
  /** Which stack of the outputs file to use; required when the file holds several. */
  readonly stackName?: string;
}

/**
 * Builds the client config from a `cdk deploy --outputs-file` document (or the local stack's
 * `outputs.json`), plus the local stack's `endpoints.json` when given. Both are validated with the
 * contract's schemas; a `ConfigError` names what is missing. The second argument may also be just the
 * stack name.
 *
 * @example
 * const config = configFromOutputs(JSON.parse(readFileSync('.local/outputs.json', 'utf8')), {
 *   endpoints: JSON.parse(readFileSync('.local/endpoints.json', 'utf8')),
 * });
 * const client = createClient(config);
 */
export function configFromOutputs(
  outputs: unknown,
  optionsOrStackName: ConfigFromOutputsOptions | string = {},
): ClientConfig {
  const options: ConfigFromOutputsOptions =
    typeof optionsOrStackName === 'string' ? { stackName: optionsOrStackName } : optionsOrStackName;
  let stack: ReturnType<typeof parseOutputsFile>;
  try {
    stack = parseOutputsFile(outputs, options.stackName);
  } catch (error) {
    if (error instanceof StackOutputsError) throw new ConfigError(error.message, { cause: error });
    throw error;
  }
  let cognitoEndpoint: string | undefined;
  if (options.endpoints !== undefined) {
    const endpoints = LocalEndpointsSchema.safeParse(options.endpoints);
    if (!endpoints.success) {
      const fields = endpoints.error.issues.map((i) => `${i.path.join('.') || 'document'} ${i.message}`);
      throw new ConfigError(`Local endpoints file is not usable: ${fields.join('; ')}`);
    }
    cognitoEndpoint = endpoints.data.cognito;
  }
  return {
    apiUrl: stack.ApiUrl,
    userPoolId: stack.UserPoolId,
    clientId: stack.UserPoolClientId,
    region: stack.Region,
    ...(cognitoEndpoint ? { cognitoEndpoint } : {}),
    ...(stack.UserPoolDomainUrl ? { domainUrl: stack.UserPoolDomainUrl } : {}),
  };
}
