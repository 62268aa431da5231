import type { EmulatorLogger } from '../logger.js';
import { type GatewayAnswer, INTERNAL_ERROR_BODY } from './gateway-answer.js';
import type { GatewayError } from './gateway-responses.js';
import type { ApiGatewayOptions } from './gateway-types.js';
import { buildProxyEvent } from './proxy-event.js';
import { LAMBDA_PAYLOAD_LIMIT_BYTES, parseProxyResult } from './proxy-response.js';
import type { RequestScope } from './request-scope.js';
import type { IntegrationModel } from './rest-api-model.js';

const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

const CONFIGURATION_ERROR: GatewayError = Object.freeze({
  type: 'API_CONFIGURATION_ERROR',
  message: 'Internal server error',
  defaultBody: INTERNAL_ERROR_BODY,
});
const FUNCTION_ERROR: GatewayError = Object.freeze({
  type: 'DEFAULT_5XX',
  message: 'Internal server error',
  defaultBody: INTERNAL_ERROR_BODY,
});
const TOO_LARGE: GatewayError = Object.freeze({ type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });
const TIMED_OUT: GatewayError = Object.freeze({
  type: 'INTEGRATION_TIMEOUT',
  message: 'Endpoint request timed out',
});

/** What a Lambda proxy integration needs from the gateway. */
export interface LambdaProxyEnvironment {
  invokeLambda: ApiGatewayOptions['invokeLambda'];
  accountId: string;
  log: EmulatorLogger;
  now: () => number;
}

/** Length of a proxy result's `body` string (the bulk of any payload), 0 when there is none. */
function bodyLength(payload: unknown): number {
  if (typeof payload !== 'object' || payload === null || !('body' in payload)) return 0;
  return typeof payload.body === 'string' ? payload.body.length : 0;
}

/**
 * An `AWS_PROXY` integration: builds the REST v1 proxy event from the scope, invokes the function named by the
 * integration URI within the integration timeout, and reads its result as API Gateway does. Function errors
 * and malformed results are 502, the integration timeout 504, an event over Lambda's 6 MB 413. The answer
 * gets `Content-Type: application/json` when the function set none, and `x-amzn-RequestId`.
 */
export async function invokeLambdaProxy(
  scope: RequestScope,
  integration: IntegrationModel,
  env: LambdaProxyEnvironment,
): Promise<GatewayAnswer | GatewayError> {
  const { log } = env;
  const label = scope.label;
  const arn = integration.uri === undefined ? undefined : LAMBDA_URI.exec(integration.uri)?.[1];
  if (arn === undefined) {
    log.error(`${label}: integration URI ${String(integration.uri)} is not a Lambda function`);
    return CONFIGURATION_ERROR;
  }
  const { api, stageModel: stage, resource } = scope;
  if (!api || !stage || !resource) return CONFIGURATION_ERROR;
  const event = buildProxyEvent(scope, {
    apiId: api.id,
    stage: stage.name,
    deploymentId: stage.deploymentId,
    resourceId: resource.id,
    resourcePath: resource.path,
    pathParameters: scope.pathParameters,
    stageVariables: stage.variables,
    accountId: env.accountId,
    requestId: scope.requestId,
    requestTimeEpoch: env.now(),
    claims: scope.claims,
    binaryMediaTypes: api.binaryMediaTypes,
  });
  if (bodyLength(event) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
    // Lambda would refuse the event (over its 6 MB invocation limit): the function never runs.
    log.warn(`${label}: request event exceeds Lambda's 6 MB invocation payload limit`);
    return TOO_LARGE;
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), integration.timeoutInMillis);
  });
  let result: Awaited<ReturnType<LambdaProxyEnvironment['invokeLambda']>> | 'timeout';
  try {
    result = await Promise.race([env.invokeLambda(arn, event), timeout]);
  } catch (err) {
    log.error(`${label}: invoking ${arn} failed: ${(err as Error).message}`);
    return FUNCTION_ERROR;
  } finally {
    clearTimeout(timer);
  }
  if (result === 'timeout') {
    log.error(`${label}: integration timed out after ${integration.timeoutInMillis} ms`);
    return TIMED_OUT;
  }
  if (!result.ok && /RequestTooLarge|RequestEntityTooLarge/.test(result.errorType)) {
    // Lambda refused the event itself (over 6 MB): the function never ran.
    log.warn(`${label}: request event exceeds Lambda's 6 MB invocation payload limit`);
    return TOO_LARGE;
  }
  if (!result.ok) {
    // On AWS a function that ends with an error — including its own `Timeout` ("Task timed out"), when that
    // is shorter than the integration timeout — is a 502; only the integration timeout above is a 504.
    log.error(`${label}: Lambda ${result.kind}: ${result.errorType}: ${result.errorMessage}`);
    return FUNCTION_ERROR;
  }
  // The runtime enforces Lambda's 6 MB response limit itself; this catches an invoker that does not, without
  // serialising the payload again on every request.
  if (bodyLength(result.payload) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
    log.error(`${label}: Lambda response exceeds the 6 MB payload limit`);
    return FUNCTION_ERROR;
  }
  const parsed = parseProxyResult(result.payload);
  if (!parsed.ok) {
    log.error(`${label}: malformed Lambda proxy response: ${parsed.reason}`);
    return FUNCTION_ERROR;
  }
  const headers = parsed.headers;
  if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
    headers.push(['Content-Type', 'application/json']);
  headers.push(['x-amzn-RequestId', scope.requestId]);
  return { status: parsed.status, headers, body: parsed.body };
}
