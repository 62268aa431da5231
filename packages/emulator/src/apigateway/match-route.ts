import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';
import { findMethod, matchResource } from './rest-api-model.js';

const NO_ROUTE: GatewayError = Object.freeze({
  type: 'MISSING_AUTHENTICATION_TOKEN',
  message: 'Missing Authentication Token',
});

/**
 * Finds the resource and method for the path after the stage (see `matchResource`) and records them, with
 * the path parameters, in the scope. No resource or no method is API Gateway's 403 `Missing Authentication
 * Token`.
 */
export function matchRoute(scope: RequestScope): GatewayError | undefined {
  if (!scope.api) return NO_ROUTE;
  const segments = scope.rest.split('/').filter((s) => s !== '');
  const match = matchResource(scope.api.root, segments);
  const method = match ? findMethod(match.node, scope.httpMethod) : undefined;
  if (!match || !method) return NO_ROUTE;
  scope.resource = match.node;
  scope.method = method;
  scope.resourcePath = match.node.path;
  scope.pathParameters = match.pathParameters;
  return undefined;
}
