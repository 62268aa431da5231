import type { EmulatorLogger } from '../logger.js';
import { AUTHORIZER_CONFIGURATION_ERROR } from './cognito-method-authorizer.js';
import type { GatewayDeployment } from './gateway-deployment.js';
import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';

/**
 * Runs the matched method's authorizer. `NONE` lets every request through; a method whose authorizer is
 * missing or not emulated (AWS_IAM, a Lambda authorizer today) is refused with a 500 rather than left open.
 * On success the authorizer has set `scope.claims`.
 */
export function authorizeRequest(
  scope: RequestScope,
  deployment: GatewayDeployment,
  log: EmulatorLogger,
): GatewayError | undefined | Promise<GatewayError | undefined> {
  const method = scope.method;
  if (!method || method.authorizationType === 'NONE') return undefined;
  const authorizer =
    method.authorizerId === undefined || !scope.api
      ? undefined
      : deployment.authorizers.get(scope.api.id)?.get(method.authorizerId);
  if (!authorizer || authorizer.authorizationType !== method.authorizationType) {
    log.error(
      method.authorizationType === 'COGNITO_USER_POOLS'
        ? `${scope.label}: method ${method.logicalId} has no usable Cognito authorizer`
        : `${scope.label}: authorization type ${method.authorizationType} is not emulated`,
    );
    return AUTHORIZER_CONFIGURATION_ERROR;
  }
  return authorizer.authorize(scope);
}
