import { createHmac } from 'node:crypto';
import { CognitoException, notAuthorized } from './cognito-error.js';
import type { UserPoolClient, UserRecord } from './cognito-types.js';
import { takeChallenge } from './domain/challenge-session.js';
import { postAuthentication } from './domain/issue-tokens.js';
import { answerSelectMfa, continueToSecondFactor, proveMfaCode } from './domain/mfa-flow.js';
import { signInFactors } from './domain/mfa-settings.js';
import { refreshSession } from './domain/refresh-flow.js';
import {
  chooseNewPassword,
  provePassword,
  startNewPasswordChallenge,
  takeNewPasswordChallenge,
} from './domain/sign-in-flow.js';
import type { SignInRequest } from './domain/sign-in-types.js';
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

/** The MFA challenges the managed login page answers. */
export type HostedChallenge = 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' | 'SELECT_MFA_TYPE';

/** Where a sign-in on the managed login page stands after a step. */
export type HostedStep =
  | { kind: 'signedIn'; user: HostedUser }
  | { kind: 'newPassword'; session: string }
  | { kind: 'mfa'; challenge: HostedChallenge; session: string; options?: string[]; destination?: string };

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
   * is asked for a new one, a user with MFA for their code, each step through the API flows' own sessions.
   */
  async signIn(poolId: string, clientId: string, username: string, password: string): Promise<HostedStep> {
    const req = this.#request(poolId, clientId);
    const user = await provePassword(this.#s, req, username, password);
    this.#s.signIn.recordSuccess(req.pool, user);
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      return { kind: 'newPassword', session: startNewPasswordChallenge(this.#s, req, user) };
    }
    return this.#afterPassword(req, user);
  }

  /** The new password of a user who signed in with a temporary one (its policy and messages are the API's). */
  async completeNewPassword(
    poolId: string,
    clientId: string,
    session: string,
    newPassword: string,
  ): Promise<HostedStep> {
    const req = this.#request(poolId, clientId);
    const user = takeNewPasswordChallenge(this.#s, req.pool, req.client, session);
    chooseNewPassword(this.#s, req.pool, user, newPassword, []);
    return this.#afterPassword(req, user);
  }

  /**
   * The answer to an MFA challenge: the chosen factor (SELECT_MFA_TYPE) or the code. Wrong codes count against
   * the session as RespondToAuthChallenge counts them (`Invalid code received for user`).
   */
  async answerMfa(
    poolId: string,
    clientId: string,
    challenge: HostedChallenge,
    session: string,
    answer: string,
  ): Promise<HostedStep> {
    const req = this.#request(poolId, clientId);
    if (challenge === 'SELECT_MFA_TYPE') {
      const taken = takeChallenge(this.#s, session, ['selectMfa'], clientId);
      const responses = { ANSWER: answer, ...this.#secretHash(req.client, taken.state.username) };
      return this.#mfaStep(answerSelectMfa(this.#s, req, responses, taken));
    }
    const taken = takeChallenge(this.#s, session, ['mfaCode'], clientId);
    const responses = {
      [challenge === 'EMAIL_OTP' ? 'EMAIL_OTP_CODE' : 'SOFTWARE_TOKEN_MFA_CODE']: answer,
      ...this.#secretHash(req.client, taken.state.username),
    };
    const user = proveMfaCode(this.#s, req, challenge, responses, taken);
    return { kind: 'signedIn', user: await this.#signedIn(req, user) };
  }

  #request(poolId: string, clientId: string): SignInRequest {
    const { pool, client } = this.#s.pools.requireClient(clientId, poolId);
    return { pool, client, clientMetadata: undefined };
  }

  /** The page proves the client by its own secret where the API asks for SECRET_HASH. */
  #secretHash(client: UserPoolClient, username: string): { SECRET_HASH?: string } {
    if (client.ClientSecret === undefined) return {};
    const hash = createHmac('sha256', client.ClientSecret)
      .update(username + client.ClientId)
      .digest('base64');
    return { SECRET_HASH: hash };
  }

  /** After the password: the second factor the pool and the user call for, or the signed-in user. */
  async #afterPassword(req: SignInRequest, user: UserRecord): Promise<HostedStep> {
    if (signInFactors(req.pool, user).length === 0) {
      if (req.pool.MfaConfiguration !== 'ON')
        return { kind: 'signedIn', user: await this.#signedIn(req, user) };
      // Setting up an authenticator takes AssociateSoftwareToken and VerifySoftwareToken; the local pages have
      // no such step, so a user who must set one up does it through the API first. The message is ours.
      throw new CognitoException(
        'MFAMethodNotFoundException',
        'Set up an authenticator app for this user (AssociateSoftwareToken) before signing in here.',
      );
    }
    // A factor to prove, so this opens its challenge and never mints tokens.
    return this.#mfaStep(await continueToSecondFactor(this.#s, req, user, 'TokenGeneration_HostedAuth'));
  }

  #mfaStep(answer: Record<string, unknown>): HostedStep {
    const name = answer.ChallengeName;
    const params = (answer.ChallengeParameters ?? {}) as Record<string, string>;
    if (
      (name !== 'SOFTWARE_TOKEN_MFA' && name !== 'EMAIL_OTP' && name !== 'SELECT_MFA_TYPE') ||
      typeof answer.Session !== 'string'
    ) {
      throw new Error(`unexpected step of a managed login sign-in: ${String(name)}`);
    }
    const options =
      params.MFAS_CAN_CHOOSE === undefined ? undefined : (JSON.parse(params.MFAS_CAN_CHOOSE) as string[]);
    return {
      kind: 'mfa',
      challenge: name,
      session: answer.Session,
      ...(options === undefined ? {} : { options }),
      ...(params.CODE_DELIVERY_DESTINATION === undefined
        ? {}
        : { destination: params.CODE_DELIVERY_DESTINATION }),
    };
  }

  async #signedIn(req: SignInRequest, user: UserRecord): Promise<HostedUser> {
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
