import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  AccessPrincipalKind,
  ContractDefinition,
  RouteBody,
  RouteDefinition,
  RouteHeaders,
  RouteParams,
  RouteQuery,
  RouteResponse,
} from '@org/contracts';
import type { Principal } from '../auth/principal.js';

/** The principal a route's handler can receive: only the kinds its access rules serve (checked before it runs). */
export type RoutePrincipal<R extends RouteDefinition> = R['access'] extends { readonly kind: 'public' }
  ? undefined
  : Extract<Principal, { kind: AccessPrincipalKind<R['access']> }>;

/** What a route handler receives: validated inputs and, on protected routes, the caller. */
export interface RouteRequest<R extends RouteDefinition> {
  readonly params: RouteParams<R>;
  readonly query: RouteQuery<R>;
  readonly headers: RouteHeaders<R>;
  readonly body: RouteBody<R>;
  /**
   * The verified caller; `undefined` only on public routes. A route that serves users only gets a
   * `UserPrincipal`, one that serves services too gets either.
   */
  readonly principal: RoutePrincipal<R>;
  /** API Gateway's request id, also sent in error envelopes. */
  readonly requestId: string;
  readonly logger: Logger;
}

/**
 * Serves one route. It answers with one of the `{ status, body }` pairs the route declares (anything
 * else is a type error) or throws an `ApiError`.
 */
export type RouteHandler<R extends RouteDefinition> = (request: RouteRequest<R>) => Promise<RouteResponse<R>>;

/** One handler per route of the contract, in the contract's own shape; a missing one is a type error. */
export type RouteHandlers<C extends ContractDefinition> = {
  readonly [G in keyof C]: {
    readonly [A in keyof C[G]]: C[G][A] extends RouteDefinition ? RouteHandler<C[G][A]> : never;
  };
};
