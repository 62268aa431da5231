import { CognitoException, invalidParameter, resourceNotFound } from '../cognito-error.js';
import type { CognitoStore } from '../cognito-store.js';
import type { ResourceServer, ResourceServerScope } from '../cognito-types.js';

/**
 * Resource servers per user pool. AWS's quota page gives 25 per pool (a hard limit); CreateResourceServer
 * answers `LimitExceededException` past it.
 */
export const MAX_RESOURCE_SERVERS_PER_POOL = 25;

/** The scopes Cognito itself defines, which every pool has without a resource server. */
export const STANDARD_SCOPES: ReadonlySet<string> = new Set([
  'openid',
  'email',
  'phone',
  'profile',
  'aws.cognito.signin.user.admin',
]);

/** The name AWS gives a custom scope in `AllowedOAuthScopes` and in tokens: `<identifier>/<scope name>`. */
export function customScopeName(identifier: string, scopeName: string): string {
  return `${identifier}/${scopeName}`;
}

/**
 * A pool's OAuth 2.0 resource servers and their custom scopes: the rules of Create/Describe/Update/Delete/
 * ListResourceServers, and the scopes an app client's `AllowedOAuthScopes` may name.
 *
 * Messages AWS's model does not document are our choice (no captured AWS answer was found): a missing
 * server is `ResourceNotFoundException`, a taken identifier and a scope named twice `InvalidParameterException`.
 */
export class ResourceServerDirectory {
  readonly #store: CognitoStore;

  constructor(store: CognitoStore) {
    this.#store = store;
  }

  /** The server, or `ResourceNotFoundException`. The caller has checked that the pool exists. */
  require(poolId: string, identifier: string): ResourceServer {
    const server = this.#store.resourceServers.get(poolId, identifier);
    if (server === undefined) {
      throw resourceNotFound(`Resource server ${identifier} does not exist in user pool ${poolId}.`);
    }
    return server;
  }

  list(poolId: string): ResourceServer[] {
    return this.#store.resourceServers.listInPool(poolId);
  }

  /** A new server; refuses a taken identifier and a pool already at its limit. */
  create(server: ResourceServer): ResourceServer {
    checkScopes(server.Scopes);
    return this.#store.transaction(() => {
      if (this.#store.resourceServers.get(server.UserPoolId, server.Identifier) !== undefined) {
        throw invalidParameter(
          `A resource server with identifier ${server.Identifier} already exists in user pool ${server.UserPoolId}.`,
        );
      }
      if (this.#store.resourceServers.listInPool(server.UserPoolId).length >= MAX_RESOURCE_SERVERS_PER_POOL) {
        throw new CognitoException(
          'LimitExceededException',
          `The user pool ${server.UserPoolId} already has the maximum of ${MAX_RESOURCE_SERVERS_PER_POOL} resource servers.`,
        );
      }
      this.#store.resourceServers.insert(server);
      return server;
    });
  }

  /**
   * Replaces the name and scopes of an existing server, as UpdateResourceServer does (scopes left out are
   * removed). App clients keep the scopes they named, as AWS's do.
   */
  update(server: ResourceServer): ResourceServer {
    checkScopes(server.Scopes);
    this.require(server.UserPoolId, server.Identifier);
    this.#store.resourceServers.update(server);
    return server;
  }

  delete(poolId: string, identifier: string): void {
    this.require(poolId, identifier);
    this.#store.resourceServers.delete(poolId, identifier);
  }

  /** Every custom scope of the pool, as `<identifier>/<scope name>`. */
  customScopes(poolId: string): Set<string> {
    const scopes = new Set<string>();
    for (const server of this.#store.resourceServers.listInPool(poolId)) {
      for (const scope of server.Scopes) scopes.add(customScopeName(server.Identifier, scope.ScopeName));
    }
    return scopes;
  }

  /** Whether `scope` is a standard scope or a custom scope of one of the pool's resource servers. */
  scopeExists(poolId: string, scope: string): boolean {
    return STANDARD_SCOPES.has(scope) || this.customScopes(poolId).has(scope);
  }
}

/** A scope name given twice would make one custom scope with two descriptions. */
function checkScopes(scopes: readonly ResourceServerScope[]): void {
  const seen = new Set<string>();
  for (const { ScopeName } of scopes) {
    if (seen.has(ScopeName)) throw invalidParameter(`Duplicate scope name ${ScopeName}.`);
    seen.add(ScopeName);
  }
}
