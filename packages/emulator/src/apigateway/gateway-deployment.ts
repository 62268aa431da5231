import type { ResolvedResource } from '../assembly/resolved-resource.js';
import type { EmulatorLogger } from '../logger.js';
import { CognitoMethodAuthorizer } from './cognito-method-authorizer.js';
import type { GatewayUserPool } from './gateway-types.js';
import type { AuthorizerFactory, MethodAuthorizer } from './method-authorizer.js';
import { buildRestApiModels, type RestApiModel } from './rest-api-model.js';

/** What the gateway serves: the REST APIs, their authorizers and which API owns a stage name. */
export interface GatewayDeployment {
  apis: Map<string, RestApiModel>;
  /** REST API id → authorizer id → the authorizer that runs for it. */
  authorizers: Map<string, Map<string, MethodAuthorizer>>;
  /** Stage name → APIs that have it (a path `/<stage>/…` is served when exactly one does). */
  stageOwners: Map<string, RestApiModel[]>;
}

/** What authorizers are built with. */
export interface AuthorizerDependencies {
  userPool: (userPoolArn: string) => GatewayUserPool | undefined;
  now: () => number;
  log: EmulatorLogger;
}

/**
 * Authorizer factories by `AWS::ApiGateway::Authorizer` `Type`. A Lambda authorizer (`TOKEN`, `REQUEST`) is
 * one more line here and one module implementing {@link MethodAuthorizer}.
 */
const AUTHORIZER_FACTORIES = new Map<string, AuthorizerFactory<AuthorizerDependencies>>([
  [
    'COGNITO_USER_POOLS',
    (model, deps) => new CognitoMethodAuthorizer(model, deps.userPool, deps.now, deps.log),
  ],
]);

/**
 * Builds what the gateway serves from the template's `AWS::ApiGateway::*` resources; skipped parts are
 * logged as warnings. Throws `ApiGatewayConfigError` naming the resource when they are inconsistent.
 */
export function deployGateway(
  resources: ResolvedResource[],
  deps: AuthorizerDependencies,
): GatewayDeployment {
  const warnings: string[] = [];
  const apis = buildRestApiModels(resources, warnings);
  for (const w of warnings) deps.log.warn(w);
  const authorizers = new Map<string, Map<string, MethodAuthorizer>>();
  const stageOwners = new Map<string, RestApiModel[]>();
  for (const api of apis.values()) {
    const own = new Map<string, MethodAuthorizer>();
    for (const model of api.authorizers.values()) {
      const factory = AUTHORIZER_FACTORIES.get(model.type);
      if (factory) own.set(model.id, factory(model, deps));
      else
        deps.log.warn(
          `authorizer ${model.name} of type ${model.type} is not emulated; its methods answer 500`,
        );
    }
    authorizers.set(api.id, own);
    for (const stage of api.stages.keys()) stageOwners.set(stage, [...(stageOwners.get(stage) ?? []), api]);
  }
  return { apis, authorizers, stageOwners };
}
