import { COGNITO_USER_ADMIN_SCOPE } from '../auth/oauth-scopes.js';

/**
 * The kinds of caller a protected route may serve:
 * - `user`: a person's token, from sign-in (SRP, password) or from the managed login page: it has a
 *   `username`, the user's groups, and `aws.cognito.signin.user.admin` or OAuth scopes.
 * - `service`: a client-credentials token of a confidential app client: no `username`, `sub` is the client
 *   id, and only the resource server's custom scopes.
 */
export const PrincipalKinds = ['user', 'service'] as const;
export type PrincipalKind = (typeof PrincipalKinds)[number];

type NonEmpty<T> = readonly [T, ...T[]];

/** What admits a user: a token with any one of `scopes` and, when `groups` is given, membership of any one of them. */
export interface UserAccessRule {
  readonly scopes: NonEmpty<string>;
  readonly groups?: NonEmpty<string>;
}

/** What admits a service: a client-credentials token with any one of `scopes`. */
export interface ServiceAccessRule {
  readonly scopes: NonEmpty<string>;
}

/** The rules of a protected route, one per principal kind it serves; at least one kind. */
export type ProtectedAccessRules =
  | { readonly users: UserAccessRule; readonly services?: ServiceAccessRule }
  | { readonly users?: undefined; readonly services: ServiceAccessRule };

/**
 * Who may call a route.
 * - `public`: no token; API Gateway lets the request through without an authorizer.
 * - `protected`: a Cognito access token. API Gateway admits a token that carries any one of the route's
 *   scopes (of every kind); the Lambda then checks the principal's kind, that kind's scopes and groups.
 */
export type RouteAccess =
  | { readonly kind: 'public' }
  | ({ readonly kind: 'protected' } & ProtectedAccessRules);
export type ProtectedAccess = Extract<RouteAccess, { kind: 'protected' }>;

export const Access = {
  public: { kind: 'public' },
  /** Any signed-in user (a token from Cognito's API flows carries `aws.cognito.signin.user.admin`). */
  signedIn: { kind: 'protected', users: { scopes: [COGNITO_USER_ADMIN_SCOPE] } },
  /** Signed-in users who belong to at least one of the named Cognito groups. */
  groups: <const G extends NonEmpty<string>>(...groups: G) =>
    ({ kind: 'protected', users: { scopes: [COGNITO_USER_ADMIN_SCOPE], groups } }) as const,
  /** Explicit rules per principal kind: `Access.protected({ users: { scopes: [...] }, services: { scopes: [...] } })`. */
  protected: <const A extends ProtectedAccessRules>(rules: A) =>
    ({ kind: 'protected', ...rules }) as { readonly kind: 'protected' } & A,
} as const;

/** The rule that admits one kind of principal, or `undefined` when the route does not serve that kind. */
export function accessRuleFor(
  access: RouteAccess,
  kind: PrincipalKind,
): UserAccessRule | ServiceAccessRule | undefined {
  if (access.kind === 'public') return undefined;
  return kind === 'user' ? access.users : access.services;
}

/** The kinds of principal a route serves, users first; none for a public route. */
export function principalKindsOf(access: RouteAccess): PrincipalKind[] {
  return PrincipalKinds.filter((kind) => accessRuleFor(access, kind) !== undefined);
}

/**
 * Every scope that admits some caller of the route, users' first, without repeats: what API Gateway
 * requires (any one of) on the method. Empty for a public route.
 */
export function accessScopes(access: RouteAccess): string[] {
  if (access.kind === 'public') return [];
  return [...new Set([...(access.users?.scopes ?? []), ...(access.services?.scopes ?? [])])];
}

/** The principal kinds a route's access serves, as a type: `'user'`, `'service'` or both. */
export type AccessPrincipalKind<A extends RouteAccess> = A extends { readonly kind: 'protected' }
  ?
      | (A extends { readonly users: UserAccessRule } ? 'user' : never)
      | (A extends { readonly services: ServiceAccessRule } ? 'service' : never)
  : never;

/** Throws when an access rule is empty where the types cannot see it (a contract built from JavaScript). */
export function checkAccess(routeName: string, access: RouteAccess): void {
  if (access.kind === 'public') return;
  if (access.users === undefined && access.services === undefined) {
    throw new Error(`Route ${routeName}: a protected route must serve users, services or both`);
  }
  for (const kind of PrincipalKinds) {
    const rule = accessRuleFor(access, kind);
    if (rule === undefined) continue;
    if (rule.scopes.length === 0 || rule.scopes.some((s) => s.length === 0 || /\s/.test(s))) {
      throw new Error(`Route ${routeName}: ${kind}s need at least one scope, each a non-empty word`);
    }
    if ('groups' in rule && rule.groups !== undefined && rule.groups.length === 0) {
      throw new Error(`Route ${routeName}: an empty group list would admit no user; leave groups out`);
    }
  }
}
