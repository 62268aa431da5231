import { readFileSync } from 'node:fs';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { type ClientConfig, configFromOutputs } from '@org/client';

/** The environment variables `npm run test:deployed` sets from its options. */
export const DeployedTargetEnv = {
  /** `--outputs <file>`: a `cdk deploy --outputs-file` document (required). */
  outputsFile: 'GATEHOUSE_DEPLOYED_OUTPUTS',
  /** `--stack <name>`: which stack of that file; needed when it holds several. */
  stackName: 'GATEHOUSE_DEPLOYED_STACK',
  /** `--endpoints <file>`: `{ "cognito": "<url>", … }` when Cognito is not at AWS's own endpoint. */
  endpointsFile: 'GATEHOUSE_DEPLOYED_ENDPOINTS',
  /** The domain of the email addresses the suite signs up with (default `example.com`). */
  emailDomain: 'GATEHOUSE_TEST_EMAIL_DOMAIN',
} as const;

/** Every address the suite signs up with starts with this, so that a leftover user is easy to find. */
export const DEPLOYED_EMAIL_PREFIX = 'gatehouse-deployed-';

/** The stack under test, read once from the environment. */
export interface DeployedTarget {
  /** What `@org/client` needs, from the outputs file (and the endpoints file when given). */
  readonly config: ClientConfig;
  readonly emailDomain: string;
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the ${what} ${path}`, { cause: error });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`The ${what} ${path} is not valid JSON`, { cause: error });
  }
}

/**
 * Reads the target from the environment; the error says which variable (option) is missing or unusable.
 * `configFromOutputs` validates the outputs with the contract's schema.
 */
export function readDeployedTarget(env: NodeJS.ProcessEnv): DeployedTarget {
  const outputsFile = env[DeployedTargetEnv.outputsFile];
  if (!outputsFile) {
    throw new Error(
      `${DeployedTargetEnv.outputsFile} is not set: run the suite with npm run test:deployed -- --outputs <file>`,
    );
  }
  const stackName = env[DeployedTargetEnv.stackName] || undefined;
  const endpointsFile = env[DeployedTargetEnv.endpointsFile] || undefined;
  const config = configFromOutputs(readJson(outputsFile, 'outputs file'), {
    ...(stackName === undefined ? {} : { stackName }),
    ...(endpointsFile === undefined ? {} : { endpoints: readJson(endpointsFile, 'endpoints file') }),
  });
  return { config, emailDomain: env[DeployedTargetEnv.emailDomain] || 'example.com' };
}

/**
 * The official SDK for the administrative calls (confirming, grouping and deleting test users). Credentials
 * come from the default chain (environment, profile, SSO, web identity in CI), as for any AWS tool.
 */
export function adminCognitoClient(target: DeployedTarget): CognitoIdentityProviderClient {
  const { region, cognitoEndpoint } = target.config;
  return new CognitoIdentityProviderClient({
    region,
    ...(cognitoEndpoint === undefined ? {} : { endpoint: cognitoEndpoint }),
  });
}
