import type { EmulatorLogger } from '../logger.js';
import { toAuthorizerClaims } from './authorizer-claims.js';
import { CognitoAuthorizer } from './cognito-authorizer.js';
import type { GatewayError } from './gateway-responses.js';
import type { GatewayUserPool } from './gateway-types.js';
import type { MethodAuthorizer } from './method-authorizer.js';
import type { RequestScope } from './request-scope.js';
import type { AuthorizerModel } from './rest-api-model.js';

const UNAUTHORIZED: GatewayError = Object.freeze({ type: 'UNAUTHORIZED', message: 'Unauthorized' });
const EXPIRED: GatewayError = Object.freeze({
  type: 'UNAUTHORIZED',
  message: 'The incoming token has expired',
});
export const AUTHORIZER_CONFIGURATION_ERROR: GatewayError = Object.freeze({
  type: 'AUTHORIZER_CONFIGURATION_ERROR',
  message: 'Authorizer Configuration Error',
});

/**
 * The `COGNITO_USER_POOLS` authorizer as a {@link MethodAuthorizer}: reads the identity-source header, lets
 * {@link CognitoAuthorizer} decide, maps its refusals to AWS's answers (the reason goes to the log only) and
 * hands the verified claims on as the strings API Gateway writes.
 */
export class CognitoMethodAuthorizer implements MethodAuthorizer {
  readonly authorizationType = 'COGNITO_USER_POOLS';
  readonly #authorizer: CognitoAuthorizer;
  /** Cached results hand back the same payload object, so its string form is computed once per token. */
  readonly #claimStrings = new WeakMap<object, Record<string, string>>();

  constructor(
    readonly model: AuthorizerModel,
    userPool: (userPoolArn: string) => GatewayUserPool | undefined,
    now: () => number,
    private readonly log: EmulatorLogger,
  ) {
    this.#authorizer = new CognitoAuthorizer(model, userPool, now);
  }

  authorize(scope: RequestScope): GatewayError | undefined {
    const header = this.#authorizer.identityHeader;
    const decision = this.#authorizer.authorize(
      header === undefined ? undefined : scope.headers[header],
      scope.method?.authorizationScopes ?? [],
    );
    if (!decision.ok) {
      this.log.info(`${scope.label}: authorizer ${this.model.name} refused the request: ${decision.reason}`);
      if (decision.failure === 'configuration') return AUTHORIZER_CONFIGURATION_ERROR;
      return decision.failure === 'expired' ? EXPIRED : UNAUTHORIZED;
    }
    let claims = this.#claimStrings.get(decision.claims);
    if (claims === undefined) {
      claims = toAuthorizerClaims(decision.claims);
      this.#claimStrings.set(decision.claims, claims);
    }
    scope.claims = claims;
    return undefined;
  }
}
