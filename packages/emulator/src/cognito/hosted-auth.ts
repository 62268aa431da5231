import { notAuthorized } from './cognito-error.js';
import type { UserRecord } from './cognito-types.js';
import { postAuthentication } from './domain/issue-tokens.js';
import { refreshSession } from './domain/refresh-flow.js';
import {
  chooseNewPassword,
  provePassword,
  startNewPasswordChallenge,
  takeNewPasswordChallenge,
} from './domain/sign-in-flow.js';
import type { Services } from './services.js';
import type { AuthenticationResult } from './token-minter.js';
import { withVerificationFlags } from './user-attributes.js';

/** A user signed in on the managed login page. */
export interface HostedUser {
  poolId: string;
  username: string;
  sub: string;
  /** When they proved their password (s), the `auth_time` of the tokens a later code gives. */
  authTime: number;
}

/** What an authorization code grants once exchanged. */
export interface CodeGrant {
  poolId: string;
  clientId: string;
  username: string;
  scopes: readonly string[];
  nonce?: string;
  authTime: number;
}

/** The attributes each OIDC scope opens at the userInfo endpoint (custom attributes go with `profile`). */
const SCOPE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
  address: ['address'],
};

/**
 * What the local OAuth 2.0 server (`src/oauth/`) asks of the Cognito domain: the managed login page's
 * sign-in, tokens for a code, a refresh or a client, and the user behind an access token. Every rule is the
 * domain modules' own, so the page and the token endpoint fail as the API does.
 */
export class HostedAuth {
  readonly #s: Services;
  /** The local OAuth 2.0 server's base URL once it listens (domains are served at `<url>/<domain>`). */
  publicUrl: string | undefined;

  constructor(services: Services) {
    this.#s = services;
  }

  /** The pool a domain serves. */
  poolOfDomain(domain: string): string | undefined {
    return this.#s.domains.poolOfDomain(domain);
  }

  /** The domain of a pool (prefix or custom), if it has one. */
  domainOfPool(poolId: string): string | undefined {
    return this.#s.domains.domainOfPool(poolId)?.Domain;
  }

  /**
   * Signs a user in with a password through `clientId`, as USER_PASSWORD_AUTH does (lockout, triggers, the
   * same errors), without tokens: the page keeps a session and hands out codes. A user with a temporary password
   * gets a NEW_PASSWORD_REQUIRED session to answer with {@link completeNewPassword}.
   */
  async signIn(
    poolId: string,
    clientId: string,
    username: string,
    password: string,
  ): Promise<HostedUser | { newPasswordSession: string }> {
    const { pool, client } = this.#s.pools.requireClient(clientId, poolId);
    const req = { pool, client, clientMetadata: undefined };
    const user = await provePassword(this.#s, req, username, password);
    this.#s.signIn.recordSuccess(pool, user);
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      return { newPasswordSession: startNewPasswordChallenge(this.#s, req, user) };
    }
    return this.#signedIn(req, user);
  }

  /** The new password of a user who signed in with a temporary one (its policy and messages are the API's). */
  async completeNewPassword(
    poolId: string,
    clientId: string,
    session: string,
    newPassword: string,
  ): Promise<HostedUser> {
    const { pool, client } = this.#s.pools.requireClient(clientId, poolId);
    const user = takeNewPasswordChallenge(this.#s, pool, client, session);
    chooseNewPassword(this.#s, pool, user, newPassword, []);
    return this.#signedIn({ pool, client, clientMetadata: undefined }, user);
  }

  async #signedIn(req: Parameters<typeof postAuthentication>[1], user: UserRecord): Promise<HostedUser> {
    await postAuthentication(this.#s, req, user);
    return {
      poolId: req.pool.Id,
      username: user.username,
      sub: user.sub,
      authTime: Math.floor(this.#s.config.now() / 1000),
    };
  }

  /** Whether a session's user still exists under the same `sub` and is enabled (a later authorize skips the form). */
  stillSignedIn(user: HostedUser): boolean {
    const pool = this.#s.pools.findPool(user.poolId);
    const found = pool === undefined ? undefined : this.#s.users.byUsername(pool, user.username);
    return found !== undefined && found.sub === user.sub && found.enabled;
  }

  /**
   * Tokens for an authorization code (or, without a refresh token, the implicit grant):
   * `TokenGeneration_HostedAuth`, the granted scopes, `nonce`, `at_hash`.
   */
  async tokensForGrant(grant: CodeGrant, issueRefreshToken = true): Promise<AuthenticationResult> {
    const { pool, client } = this.#s.pools.requireClient(grant.clientId, grant.poolId);
    const user = this.#s.users.byUsername(pool, grant.username);
    if (user === undefined || !user.enabled) throw notAuthorized('User is disabled.');
    return this.#s.tokens.mint({
      pool,
      client,
      user,
      triggerSource: 'TokenGeneration_HostedAuth',
      issueRefreshToken,
      authTime: grant.authTime,
      oauth: { scopes: grant.scopes, ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }) },
    });
  }

  /** New tokens for a refresh token of `clientId` (its secret already checked by the caller, and again here). */
  refresh(
    clientId: string,
    refreshToken: string,
    clientSecret: string | undefined,
  ): Promise<AuthenticationResult> {
    const { pool, client } = this.#s.pools.requireClient(clientId);
    return refreshSession(this.#s, pool, client, refreshToken, { clientSecret }, undefined);
  }

  /** Whether a refresh token's session was granted `openid` (its refreshes then return an ID token). */
  refreshGrantsOpenId(refreshToken: string): boolean {
    const record = this.#s.tokens.findRefreshToken(refreshToken);
    const scopes = record === undefined ? undefined : this.#s.tokens.grantScopes(record.originJti);
    // A refresh token of the API flows has no grant: its refreshes carry an ID token, as REFRESH_TOKEN_AUTH's do.
    return scopes === undefined || scopes.includes('openid');
  }

  /** The access token of the client credentials grant. */
  tokensForClient(poolId: string, clientId: string, scopes: readonly string[]) {
    const { pool, client } = this.#s.pools.requireClient(clientId, poolId);
    return this.#s.tokens.mintForClient(pool, client, scopes);
  }

  /**
   * The userInfo answer for an access token with `openid`: `sub`, `username` and the attributes the token's
   * scopes open (all the client may read for `openid` alone), as strings like AWS's (`"email_verified":"true"`).
   * Throws NotAuthorizedException for a token Cognito's API would refuse (expired, revoked, user gone) or one of
   * another pool than the domain's.
   */
  userInfo(poolId: string, accessToken: string): Record<string, string> {
    const { pool, user, claims } = this.#s.tokens.authenticate(accessToken, 'openid');
    if (pool.Id !== poolId) throw notAuthorized('Invalid Access Token');
    const scopes = String(claims.scope ?? '').split(' ');
    const client = this.#s.pools.clientOfToken(claims);
    const readable = client?.ReadAttributes;
    const narrowed = scopes.some((scope) => scope in SCOPE_ATTRIBUTES);
    const allowed = new Set(scopes.flatMap((scope) => SCOPE_ATTRIBUTES[scope] ?? []));
    const out: Record<string, string> = { sub: user.sub };
    for (const [name, value] of Object.entries(withVerificationFlags(user.attributes))) {
      if (readable !== undefined && readable.length > 0 && !readable.includes(name)) continue;
      const custom = name.startsWith('custom:') && scopes.includes('profile');
      if (narrowed && !allowed.has(name) && !custom) continue;
      out[name] = value;
    }
    out.username = user.username;
    return out;
  }
}
