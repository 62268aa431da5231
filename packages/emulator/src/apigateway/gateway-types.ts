import type { ResolvedResource } from '../assembly/resolved-resource.js';
import type { LambdaInvokeResult } from '../lambda/lambda-function.js';
import type { EmulatorLogger } from '../logger.js';

/** The keys and issuer of a user pool named in a `COGNITO_USER_POOLS` authorizer's `ProviderARNs`. */
export interface GatewayUserPool {
  userPoolId: string;
  /** The `iss` the pool writes into its tokens (AWS format or a local URL). */
  issuer: string;
  /** The pool's JWKS, `{ keys: [...] }`. */
  jwks: { keys: Record<string, unknown>[] };
}

/** Everything `createApiGateway` needs. */
export interface ApiGatewayOptions {
  /** Resolved template resources of types `AWS::ApiGateway::*` (others are ignored). */
  resources: ResolvedResource[];
  /** Invokes a Lambda by ARN, taken from an `AWS_PROXY` integration's URI. */
  invokeLambda: (functionArn: string, event: unknown) => Promise<LambdaInvokeResult>;
  /** For a `COGNITO_USER_POOLS` authorizer's `ProviderARNs`: the pool's issuer and JWKS (undefined if unknown). */
  userPool: (userPoolArn: string) => GatewayUserPool | undefined;
  region: string;
  accountId: string;
  log: EmulatorLogger;
  /** Clock in ms for the authorizer cache and throttling. Default `Date.now`. */
  now?: () => number;
}

/** A running local API Gateway. */
export interface ApiGateway {
  /** Starts serving `http://host:port/<stage>/…`. Port 0 picks a free port. Host defaults to 127.0.0.1. */
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  /** Replaces the resources (the template changed) without dropping the listener. */
  update(resources: ResolvedResource[]): void;
  /** The local URL that stands for `https://<restApiId>.execute-api.<region>.amazonaws.com/<stage>/`. */
  localUrl(restApiId: string, stageName: string): string;
  close(): Promise<void>;
}
