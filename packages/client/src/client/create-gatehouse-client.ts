import { type ApiContract, apiContract, type ContractDefinition } from '@org/contracts';
import { type CallOptions, callRoute, type RetryOptions } from '../api/route-caller.js';
import { createRouteMethods, type RouteMethods } from '../api/route-methods.js';
import { type AuthMethods, createAuthMethods } from '../auth/auth-api.js';
import { createMfaMethods, type MfaMethods } from '../auth/mfa-methods.js';
import { secretHash, withClientSecret } from '../cognito/client-secret-transport.js';
import type { CognitoTransport } from '../cognito/cognito-transport.js';
import { type ClientConfig, parseClientConfig } from '../config/client-config.js';
import { ConfigError } from '../errors/client-error.js';
import {
  createRedirectMethods,
  type RedirectMethods,
  type RedirectSignInOptions,
} from '../oauth/redirect-sign-in.js';
import { SessionManager } from '../session/session-manager.js';
import { memoryStorage, type SessionStorage } from '../storage/session-storage.js';

/** Options of `createClient`. Every one has a default. */
export interface ClientOptions<C extends ContractDefinition = ApiContract> {
  /** The contract to expose; `apiContract` from `@org/contracts` by default. */
  readonly contract?: C;
  /** Where the session lives; in memory by default. */
  readonly storage?: SessionStorage;
  /** The key the session is stored under; defaults to one per app client. */
  readonly storageKey?: string;
  /** The `fetch` API calls use (and Cognito calls in the browser entry); `globalThis.fetch` by default. */
  readonly fetch?: typeof fetch;
  /** How Cognito is called; each entry point has its own default. */
  readonly cognito?: CognitoTransport;
  /** Retries of idempotent API calls; off by default. */
  readonly retry?: RetryOptions;
  /** Default timeout of every API call in ms; none by default. */
  readonly timeoutMs?: number;
  /** Refresh the tokens this many seconds before the access token expires (default 60). */
  readonly refreshMarginSeconds?: number;
  /** The device clock in ms (for tests); `Date.now` by default. */
  readonly now?: () => number;
  /** The issuer authenticator apps show beside the account for a TOTP set up with this client (default `Gatehouse`). */
  readonly totpIssuer?: string;
  /** The managed-login sign-in (`signInWithRedirect`): redirect and sign-out URLs, storage, navigation. */
  readonly oauth?: RedirectSignInOptions;
  /**
   * The app client's secret, for a server-side app whose client has one: every Cognito call then carries the
   * `SECRET_HASH` Cognito asks for. Never in a browser, and never from a stack output.
   */
  readonly clientSecret?: string;
}

/** The client: auth, MFA and managed-login methods plus one method per route, grouped as in the contract. */
export type GatehouseClient<C extends ContractDefinition = ApiContract> = AuthMethods &
  MfaMethods &
  RedirectMethods &
  RouteMethods<C>;

export type CognitoTransportFactory = (
  config: { readonly region: string; readonly cognitoEndpoint?: string | undefined },
  fetchFn: typeof fetch | undefined,
) => CognitoTransport;

/** Builds a client over the given default Cognito transport; the entry points pick the transport. */
export function createGatehouseClient<C extends ContractDefinition = ApiContract>(
  config: ClientConfig,
  options: ClientOptions<C>,
  defaultCognito: CognitoTransportFactory,
): GatehouseClient<C> {
  const valid = parseClientConfig(config);
  const contract = (options.contract ?? apiContract) as C;
  const now = options.now ?? Date.now;
  const { clientSecret } = options;
  const baseCognito = options.cognito ?? defaultCognito(valid, options.fetch);
  const cognito = clientSecret ? withClientSecret(baseCognito, valid.clientId, clientSecret) : baseCognito;
  const session = new SessionManager({
    storage: options.storage ?? memoryStorage(),
    storageKey: options.storageKey ?? `gatehouse.${valid.clientId}.session`,
    cognito,
    clientId: valid.clientId,
    now,
    refreshMarginMs: (options.refreshMarginSeconds ?? 60) * 1000,
    secretHash: clientSecret ? (username) => secretHash(username, valid.clientId, clientSecret) : undefined,
  });
  const totpIssuer = options.totpIssuer ?? 'Gatehouse';
  // Looked up per call so that a test or polyfill installing fetch later is honoured.
  const fetchFn: typeof fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const { endManagedLogin, ...redirect } = createRedirectMethods({
    domainUrl: valid.domainUrl,
    clientId: valid.clientId,
    session,
    fetch: fetchFn,
    options: options.oauth ?? {},
    storageKey: `gatehouse.${valid.clientId}.oauth`,
  });
  const auth = {
    ...createAuthMethods({
      cognito,
      clientId: valid.clientId,
      userPoolId: valid.userPoolId,
      session,
      now,
      totpIssuer,
      endManagedLogin,
    }),
    ...createMfaMethods({ cognito, session, totpIssuer }),
    ...redirect,
  };
  const routes = createRouteMethods(contract, (route, input, callOptions: CallOptions) =>
    callRoute(route, input, callOptions, {
      apiUrl: valid.apiUrl,
      fetch: fetchFn,
      session,
      retry: options.retry ?? { attempts: 0 },
      timeoutMs: options.timeoutMs,
    }),
  );
  const clash = Object.keys(routes).filter((group) => group in auth);
  if (clash.length > 0) {
    throw new ConfigError(`Contract groups clash with client methods: ${clash.join(', ')}`);
  }
  return Object.freeze({ ...auth, ...routes }) as GatehouseClient<C>;
}
