import { ConfigError, InvalidTokenError } from '../errors/client-error.js';
import { decodeJwtPayload } from '../session/jwt-payload.js';
import type { CurrentUser, SessionManager } from '../session/session-manager.js';
import type { SessionStorage } from '../storage/session-storage.js';
import { domainEndpoint } from './domain-endpoint.js';
import {
  InvalidRequestError,
  NonceMismatchError,
  oauthErrorFrom,
  StateMismatchError,
} from './oauth-errors.js';
import { pkceChallenge, randomToken } from './pkce.js';
import { requestTokens } from './token-endpoint.js';

/** Scopes asked for when `signInWithRedirect` names none: the user's identity and the API's user scope. */
export const DEFAULT_REDIRECT_SCOPES = [
  'openid',
  'email',
  'profile',
  'aws.cognito.signin.user.admin',
] as const;

/** Options of the managed-login (OAuth 2.0 authorization code + PKCE) sign-in; every one has a default. */
export interface RedirectSignInOptions {
  /** Where the managed login page sends the browser back; one of the app client's callback URLs. Default: the page's origin + `/`. */
  readonly redirectUri?: string;
  /** Where `/logout` sends the browser back; one of the app client's sign-out URLs. Default: `redirectUri`. */
  readonly signOutUri?: string;
  /** Keeps state, nonce and PKCE verifier across the redirect. Default: the tab's `sessionStorage`. */
  readonly storage?: SessionStorage;
  /** Sends the browser to a URL. Default: `location.assign` (a Node.js program passes its own). */
  readonly navigate?: (url: string) => void | Promise<void>;
}

/** Sign-in through the user pool's managed login page. */
export interface RedirectMethods {
  /**
   * Sends the browser to the managed login page (authorization code with PKCE S256, a fresh `state` and
   * `nonce`). The page comes back to `redirectUri`, where `handleRedirectCallback` finishes the sign-in. Needs
   * `domainUrl` in the config. `openid` is always asked for: the session is built from the ID token.
   * @example
   * await client.signInWithRedirect({ scopes: ['openid', 'email', 'gatehouse-api/notes.read'] });
   */
  signInWithRedirect(options?: {
    readonly scopes?: readonly string[];
    /** `login` shows the form even when the managed login remembers the user; `none` never shows it. */
    readonly prompt?: 'login' | 'none';
  }): Promise<void>;
  /**
   * Finishes a managed-login sign-in on the page it came back to: checks `state`, exchanges the code at
   * `/oauth2/token` with the PKCE verifier, checks the ID token's `nonce`, and starts the session. Throws
   * `StateMismatchError` for a redirect this client did not start, the typed OAuth error for an `error` in the
   * redirect (`AccessDeniedError`…) or from the token endpoint (`InvalidGrantError`…), `NonceMismatchError` for
   * tokens not issued for this sign-in, `InvalidTokenError` for an ID token of another app client.
   * @example
   * if (new URLSearchParams(location.search).has('state')) await client.handleRedirectCallback();
   */
  handleRedirectCallback(
    url?: string | URL,
  ): Promise<{ readonly status: 'signed-in'; readonly user: CurrentUser }>;
}

export interface RedirectDependencies {
  readonly domainUrl: string | undefined;
  readonly clientId: string;
  readonly session: SessionManager;
  readonly fetch: typeof fetch;
  readonly options: RedirectSignInOptions;
  /** Where the pending sign-in is kept under. */
  readonly storageKey: string;
}

/** What a started sign-in keeps for its return. Holds the PKCE verifier: never log it. */
interface PendingRedirect {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly redirectUri: string;
}

function isPendingRedirect(value: unknown): value is PendingRedirect {
  const v = value as Partial<PendingRedirect> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.state === 'string' &&
    typeof v.nonce === 'string' &&
    typeof v.verifier === 'string' &&
    typeof v.redirectUri === 'string'
  );
}

function pageLocation(): { href: string; assign(url: string): void } | undefined {
  return (globalThis as { location?: { href: string; assign(url: string): void } }).location;
}

function defaultStorage(): SessionStorage {
  const store = (globalThis as { sessionStorage?: SessionStorage }).sessionStorage;
  if (!store) {
    throw new ConfigError(
      'There is no sessionStorage here: pass oauth.storage to keep the sign-in across the redirect',
    );
  }
  return store;
}

/** Builds the managed-login methods, plus the redirect to `/logout` that `signOut` uses. */
export function createRedirectMethods(deps: RedirectDependencies): RedirectMethods & {
  endManagedLogin(): Promise<void>;
} {
  const { options } = deps;
  const storage = (): SessionStorage => options.storage ?? defaultStorage();
  const navigate = async (url: string): Promise<void> => {
    if (options.navigate) return options.navigate(url);
    const location = pageLocation();
    if (!location) throw new ConfigError('There is no page to redirect: pass oauth.navigate');
    location.assign(url);
  };
  const redirectUri = (): string => {
    if (options.redirectUri) return options.redirectUri;
    const location = pageLocation();
    if (!location) throw new ConfigError('oauth.redirectUri is missing: there is no page to come back to');
    return new URL('/', location.href).href;
  };

  async function takePending(): Promise<PendingRedirect | undefined> {
    const raw = await storage().getItem(deps.storageKey);
    // One use only: whatever comes back, a second callback with the same state finds nothing.
    await storage().removeItem(deps.storageKey);
    if (!raw) return undefined;
    try {
      const value = JSON.parse(raw) as unknown;
      return isPendingRedirect(value) ? value : undefined;
    } catch {
      return undefined;
    }
  }

  return {
    async signInWithRedirect({ scopes = DEFAULT_REDIRECT_SCOPES, prompt } = {}) {
      const authorize = domainEndpoint(deps.domainUrl, '/oauth2/authorize');
      const pending: PendingRedirect = {
        state: randomToken(),
        nonce: randomToken(),
        verifier: randomToken(),
        redirectUri: redirectUri(),
      };
      const scope = scopes.includes('openid') ? [...scopes] : ['openid', ...scopes];
      authorize.search = new URLSearchParams({
        response_type: 'code',
        client_id: deps.clientId,
        redirect_uri: pending.redirectUri,
        scope: scope.join(' '),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await pkceChallenge(pending.verifier),
        code_challenge_method: 'S256',
        ...(prompt ? { prompt } : {}),
      }).toString();
      await storage().setItem(deps.storageKey, JSON.stringify(pending));
      await navigate(authorize.href);
    },

    async handleRedirectCallback(url) {
      const href = url ?? pageLocation()?.href;
      if (href === undefined)
        throw new ConfigError('handleRedirectCallback needs the URL the browser came back to');
      const params = new URL(href).searchParams;
      const pending = await takePending();
      const state = params.get('state');
      if (!pending || state === null || state !== pending.state) {
        throw new StateMismatchError(
          pending
            ? 'The redirect’s state is not the one this sign-in sent'
            : 'No sign-in is waiting for this redirect (it was already handled, or started in another tab)',
        );
      }
      const error = params.get('error');
      if (error !== null) throw oauthErrorFrom(error, params.get('error_description') ?? undefined);
      const code = params.get('code');
      if (!code)
        throw new InvalidRequestError('invalid_request', 'the redirect carries neither a code nor an error');
      const tokens = await requestTokens({
        domainUrl: deps.domainUrl,
        fetch: deps.fetch,
        form: {
          grant_type: 'authorization_code',
          client_id: deps.clientId,
          code,
          redirect_uri: pending.redirectUri,
          code_verifier: pending.verifier,
        },
      });
      const idClaims = tokens.id_token ? decodeJwtPayload(tokens.id_token) : {};
      if (!tokens.id_token || idClaims.nonce !== pending.nonce) {
        throw new NonceMismatchError('The ID token was not issued for this sign-in (its nonce differs)');
      }
      // The client reads its tokens without verifying them (the API does), but it does not adopt another
      // app client's: the nonce binds the token to this sign-in, the audience to this client.
      if (idClaims.aud !== deps.clientId) {
        throw new InvalidTokenError('The ID token was issued for another app client');
      }
      const user = await deps.session.signIn(
        {
          AccessToken: tokens.access_token,
          IdToken: tokens.id_token,
          ...(tokens.refresh_token ? { RefreshToken: tokens.refresh_token } : {}),
          ExpiresIn: tokens.expires_in,
          TokenType: tokens.token_type,
        },
        { managedLogin: true },
      );
      return { status: 'signed-in', user };
    },

    async endManagedLogin() {
      const logout = domainEndpoint(deps.domainUrl, '/logout');
      logout.search = new URLSearchParams({
        client_id: deps.clientId,
        logout_uri: options.signOutUri ?? redirectUri(),
      }).toString();
      await navigate(logout.href);
    },
  };
}
