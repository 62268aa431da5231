import { type GatewayAnswer, INTERNAL_ERROR_BODY } from './gateway-answer.js';
import type { GatewayError } from './gateway-responses.js';
import { invokeLambdaProxy, type LambdaProxyEnvironment } from './lambda-proxy-integration.js';
import { answerMock } from './mock-integration.js';
import type { RequestScope } from './request-scope.js';

const NOT_EMULATED: GatewayError = Object.freeze({
  type: 'API_CONFIGURATION_ERROR',
  message: 'Internal server error',
  defaultBody: INTERNAL_ERROR_BODY,
});

/**
 * Runs the matched method's integration: `MOCK` answers from its templates, `AWS_PROXY` invokes the Lambda.
 * Other integration types are not emulated and answer 500.
 */
export function integrateRequest(
  scope: RequestScope,
  env: LambdaProxyEnvironment,
): GatewayAnswer | GatewayError | Promise<GatewayAnswer | GatewayError> {
  const integration = scope.method?.integration;
  const type = integration?.type.toUpperCase();
  if (integration && type === 'MOCK') return answerMock(integration, scope);
  if (integration && type === 'AWS_PROXY') return invokeLambdaProxy(scope, integration, env);
  env.log.error(`${scope.label}: integration type ${type ?? '(none)'} is not emulated`);
  return NOT_EMULATED;
}
