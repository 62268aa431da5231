import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import { type IdTokenClaims, IdTokenClaimsSchema } from '@org/contracts';
import { NotAuthorizedError, UserNotFoundError } from '../auth/auth-errors.js';
import type { CognitoTransport } from '../cognito/cognito-transport.js';
import { InvalidTokenError, NotSignedInError, SessionExpiredError } from '../errors/client-error.js';
import type { SessionStorage } from '../storage/session-storage.js';
import { decodeJwtPayload } from './jwt-payload.js';

/** The session as stored. Holds tokens: never log it. */
interface StoredSession {
  readonly version: 1;
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** The access token's `exp`, in server seconds. */
  readonly accessExpiresAt: number;
  /** Server clock minus device clock when the tokens arrived, in ms (from the access token's `iat`). */
  readonly clockSkewMs: number;
  /** Set when the tokens came from the managed login page, whose own session `signOut` must end too. */
  readonly managedLogin?: true;
}

/** The signed-in user, read from the ID token. */
export interface CurrentUser {
  /** The user's stable id (`sub`). */
  readonly sub: string;
  /** `cognito:username` (a UUID when the pool uses the email as the username). */
  readonly username: string;
  readonly email: string | undefined;
  readonly emailVerified: boolean | undefined;
  /** `cognito:groups`, empty when the user is in none. */
  readonly groups: readonly string[];
  /** Every claim of the ID token, validated against the contract's schema. */
  readonly claims: IdTokenClaims;
}

/** What changed: a sign-in, a silent refresh, or the end of the session (`reason` says why). */
export type SessionChange =
  | { readonly type: 'signed-in' | 'refreshed'; readonly user: CurrentUser }
  | { readonly type: 'signed-out'; readonly user: null; readonly reason: 'sign-out' | 'session-expired' };

export type SessionListener = (change: SessionChange) => void;

export interface SessionManagerOptions {
  readonly storage: SessionStorage;
  readonly storageKey: string;
  readonly cognito: CognitoTransport;
  readonly clientId: string;
  /** Device time in ms. */
  readonly now: () => number;
  /** Refresh this long before the access token expires (server time). */
  readonly refreshMarginMs: number;
  /** `SECRET_HASH` for a username, when the app client has a secret. */
  readonly secretHash?: ((username: string) => Promise<string>) | undefined;
}

function readUser(idToken: string): CurrentUser {
  const parsed = IdTokenClaimsSchema.safeParse(decodeJwtPayload(idToken));
  if (!parsed.success) {
    throw new InvalidTokenError(
      `ID token claims are not usable: ${parsed.error.issues.map((i) => i.path.join('.') || 'payload').join(', ')}`,
    );
  }
  const claims = parsed.data;
  return {
    sub: claims.sub,
    username: claims['cognito:username'],
    email: claims.email,
    emailVerified: claims.email_verified,
    groups: claims['cognito:groups'] ?? [],
    claims,
  };
}

function isStoredSession(value: unknown): value is StoredSession {
  const s = value as Partial<StoredSession> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.version === 1 &&
    typeof s.idToken === 'string' &&
    typeof s.accessToken === 'string' &&
    typeof s.refreshToken === 'string' &&
    typeof s.accessExpiresAt === 'number' &&
    typeof s.clockSkewMs === 'number' &&
    (s.managedLogin === undefined || s.managedLogin === true)
  );
}

/**
 * Owns the tokens: stores them, hands out a fresh access token, refreshes shortly before expiry (in
 * server time, so a device clock that is off does not matter) with one refresh in flight shared by every
 * caller, and signs out when Cognito refuses the refresh token.
 */
export class SessionManager {
  readonly #options: SessionManagerOptions;
  readonly #listeners = new Set<SessionListener>();
  /** `undefined` until loaded from storage. */
  #session: StoredSession | null | undefined;
  #loading: Promise<StoredSession | null> | undefined;
  #refreshing: Promise<StoredSession> | undefined;
  /** Bumped on every sign-in and sign-out, so a refresh that finishes late cannot bring back an ended session. */
  #generation = 0;

  constructor(options: SessionManagerOptions) {
    this.#options = options;
  }

  onChange(listener: SessionListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  async #load(): Promise<StoredSession | null> {
    if (this.#session !== undefined) return this.#session;
    const generation = this.#generation;
    this.#loading ??= (async () => {
      const raw = await this.#options.storage.getItem(this.#options.storageKey);
      let session: StoredSession | null = null;
      if (raw) {
        try {
          const value = JSON.parse(raw) as unknown;
          if (isStoredSession(value)) session = value;
        } catch {
          // Unreadable stored session: treated as signed out.
        }
      }
      return session;
    })();
    const session = await this.#loading;
    this.#loading = undefined;
    if (this.#session === undefined && generation === this.#generation) this.#session = session;
    return this.#session ?? null;
  }

  async currentUser(): Promise<CurrentUser | null> {
    const session = await this.#load();
    return session ? readUser(session.idToken) : null;
  }

  async hasSession(): Promise<boolean> {
    return (await this.#load()) !== null;
  }

  /** Stores the tokens of a sign-in (`refreshToken` required) or a refresh (kept when Cognito sends none). */
  async #store(
    result: AuthenticationResultType,
    previousRefreshToken: string | undefined,
    managedLogin: boolean,
  ): Promise<{ session: StoredSession; user: CurrentUser }> {
    const refreshToken = result.RefreshToken ?? previousRefreshToken;
    if (!result.AccessToken || !result.IdToken || !refreshToken) {
      throw new InvalidTokenError('Cognito did not return the tokens of a session');
    }
    const access = decodeJwtPayload(result.AccessToken);
    if (typeof access.exp !== 'number' || typeof access.iat !== 'number') {
      throw new InvalidTokenError('Access token has no exp/iat claims');
    }
    const user = readUser(result.IdToken);
    const session: StoredSession = {
      version: 1,
      idToken: result.IdToken,
      accessToken: result.AccessToken,
      refreshToken,
      accessExpiresAt: access.exp,
      // iat is the server's clock at issue time; the difference to ours is the skew (to within latency
      // and a second of rounding, which the refresh margin absorbs).
      clockSkewMs: access.iat * 1000 - this.#options.now(),
      ...(managedLogin ? { managedLogin: true as const } : {}),
    };
    return { session, user };
  }

  async #save(session: StoredSession): Promise<void> {
    this.#session = session;
    await this.#options.storage.setItem(this.#options.storageKey, JSON.stringify(session));
  }

  #emit(change: SessionChange): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(change);
      } catch {
        // A failing listener must not break sign-in or a refresh in progress.
      }
    }
  }

  /**
   * Starts a new session from a sign-in's `AuthenticationResult` (or the token endpoint's answer in that
   * shape; `managedLogin` says it came from the managed login page).
   */
  async signIn(
    result: AuthenticationResultType,
    options: { readonly managedLogin?: boolean } = {},
  ): Promise<CurrentUser> {
    const { session, user } = await this.#store(result, undefined, options.managedLogin === true);
    this.#generation++;
    this.#refreshing = undefined;
    await this.#save(session);
    this.#emit({ type: 'signed-in', user });
    return user;
  }

  /** Ends the session locally and tells the listeners. */
  async clear(reason: 'sign-out' | 'session-expired'): Promise<void> {
    const had = (await this.#load()) !== null;
    this.#generation++;
    this.#session = null;
    this.#refreshing = undefined;
    await this.#options.storage.removeItem(this.#options.storageKey);
    if (had) this.#emit({ type: 'signed-out', user: null, reason });
  }

  /** Whether the current session came from the managed login page. */
  async fromManagedLogin(): Promise<boolean> {
    return (await this.#load())?.managedLogin === true;
  }

  /** The refresh token of the current session (for revoking it), without refreshing. */
  async refreshToken(): Promise<string | undefined> {
    return (await this.#load())?.refreshToken;
  }

  #needsRefresh(session: StoredSession): boolean {
    const serverNow = this.#options.now() + session.clockSkewMs;
    return serverNow >= session.accessExpiresAt * 1000 - this.#options.refreshMarginMs;
  }

  /**
   * A usable access token: the current one, or a refreshed one when it is about to expire.
   * `rejected` is a token the API just refused with 401: refresh unless the session already moved on.
   */
  async accessToken(options: { rejected?: string } = {}): Promise<string> {
    const session = await this.#load();
    if (!session) throw new NotSignedInError();
    const stale = options.rejected !== undefined && options.rejected === session.accessToken;
    if (!stale && !this.#needsRefresh(session)) return session.accessToken;
    return (await this.refresh()).accessToken;
  }

  /**
   * Refreshes the tokens; concurrent callers share one request. It takes no abort signal: one caller
   * giving up must not cancel the refresh the others are waiting for.
   */
  refresh(): Promise<StoredSession> {
    this.#refreshing ??= this.#refresh().finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #refresh(): Promise<StoredSession> {
    const current = await this.#load();
    if (!current) throw new NotSignedInError();
    const generation = this.#generation;
    let result: AuthenticationResultType | undefined;
    try {
      const output = await this.#options.cognito.send('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: this.#options.clientId,
        AuthParameters: {
          REFRESH_TOKEN: current.refreshToken,
          // A refresh names no user, so the hash uses the one the session belongs to (Cognito's username).
          ...(this.#options.secretHash
            ? { SECRET_HASH: await this.#options.secretHash(readUser(current.idToken).username) }
            : {}),
        },
      });
      result = output.AuthenticationResult;
    } catch (error) {
      // Revoked, expired or invalid refresh token, or the user is gone: the session is over. Anything
      // else (network, throttling) leaves the session as it is so that a later call can try again.
      if (error instanceof NotAuthorizedError || error instanceof UserNotFoundError) {
        if (generation === this.#generation) await this.clear('session-expired');
        throw new SessionExpiredError('The session has ended; sign in again', { cause: error });
      }
      throw error;
    }
    if (!result) throw new InvalidTokenError('Cognito answered the refresh without tokens');
    const { session, user } = await this.#store(result, current.refreshToken, current.managedLogin === true);
    if (generation !== this.#generation) {
      // Signed out (or in as someone else) while refreshing: the refreshed tokens belong to nobody.
      throw new NotSignedInError('The session ended while it was being refreshed');
    }
    await this.#save(session);
    this.#emit({ type: 'refreshed', user });
    return session;
  }
}
