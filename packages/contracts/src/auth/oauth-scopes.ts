/**
 * The OAuth 2.0 scopes of the app, declared once: the user pool's resource server and its scopes (which
 * infra creates), the scopes each app client may ask for (which infra registers and the client requests),
 * and the scopes each route accepts (the contract's routes name them; infra and the api read them there).
 */

/** The scope Cognito puts in every access token issued by its API flows (InitiateAuth, SRP). */
export const COGNITO_USER_ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** The OpenID Connect scopes the user pool offers through its domain (`/oauth2/authorize`). */
export const OidcScopes = {
  openid: 'openid',
  email: 'email',
  profile: 'profile',
} as const;
export type OidcScope = (typeof OidcScopes)[keyof typeof OidcScopes];

/** The identifier of the user pool's resource server: the prefix of every custom scope (`gatehouse-api/notes.read`). */
export const RESOURCE_SERVER_IDENTIFIER = 'gatehouse-api';

/** The resource server's display name in the user pool. */
export const RESOURCE_SERVER_NAME = 'Gatehouse API';

/** The resource server's own scopes, by key: the name Cognito stores and what it allows. */
export const ResourceServerScopes = {
  notesRead: { name: 'notes.read', description: "Read the signed-in user's notes." },
  notesWrite: { name: 'notes.write', description: "Create, change and delete the signed-in user's notes." },
  statsRead: { name: 'stats.read', description: 'Read the note statistics (machine-to-machine).' },
} as const;
export type ResourceServerScopeKey = keyof typeof ResourceServerScopes;
export type ResourceServerScopeName = (typeof ResourceServerScopes)[ResourceServerScopeKey]['name'];

/**
 * The custom scopes as tokens carry them in `scope`: `<resource server>/<scope name>`.
 * @example
 * ApiScopes.notesRead; // 'gatehouse-api/notes.read'
 */
export const ApiScopes = {
  notesRead: `${RESOURCE_SERVER_IDENTIFIER}/${ResourceServerScopes.notesRead.name}`,
  notesWrite: `${RESOURCE_SERVER_IDENTIFIER}/${ResourceServerScopes.notesWrite.name}`,
  statsRead: `${RESOURCE_SERVER_IDENTIFIER}/${ResourceServerScopes.statsRead.name}`,
} as const;
export type ApiScope = (typeof ApiScopes)[keyof typeof ApiScopes];

/**
 * The scopes the public app client (`UserPoolClientId`) may be granted through the authorization code
 * grant: OpenID Connect, Cognito's own user scope, and the notes scopes. A sign-in through the managed login
 * page asks for a subset of these.
 */
export const USER_CLIENT_SCOPES = [
  OidcScopes.openid,
  OidcScopes.email,
  OidcScopes.profile,
  COGNITO_USER_ADMIN_SCOPE,
  ApiScopes.notesRead,
  ApiScopes.notesWrite,
] as const;

/** The scopes the confidential service client (`ServiceClientId`) may be granted by the client credentials grant. */
export const SERVICE_CLIENT_SCOPES = [ApiScopes.statsRead] as const;

/** Splits a token's space-separated `scope` claim into its scopes. */
export function parseScopeClaim(value: string | undefined): string[] {
  return (value ?? '').split(/\s+/).filter((s) => s.length > 0);
}
