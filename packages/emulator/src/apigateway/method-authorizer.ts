import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';
import type { AuthorizerModel } from './rest-api-model.js';

/**
 * An authorizer as the authorize step runs it: the Cognito user pool authorizer today; Lambda (`TOKEN`,
 * `REQUEST`) authorizers and HTTP API JWT authorizers implement the same interface.
 *
 * `authorize` either refuses with the gateway error to answer, or lets the request through (undefined) after
 * setting `scope.claims` to what the integration should see in `requestContext.authorizer`. It may be async
 * (a Lambda authorizer is); a synchronous one costs the request nothing extra.
 */
export interface MethodAuthorizer {
  /** The method `AuthorizationType` this authorizer serves (`COGNITO_USER_POOLS`, `CUSTOM`, …). */
  readonly authorizationType: string;
  readonly model: AuthorizerModel;
  authorize(scope: RequestScope): GatewayError | undefined | Promise<GatewayError | undefined>;
}

/** Builds the authorizer for one `AWS::ApiGateway::Authorizer` of a given `Type`. */
export type AuthorizerFactory<D> = (model: AuthorizerModel, deps: D) => MethodAuthorizer;
