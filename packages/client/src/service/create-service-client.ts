import { type ApiContract, apiContract, type ContractDefinition } from '@org/contracts';
import { type CallOptions, callRoute, type RetryOptions } from '../api/route-caller.js';
import { createRouteMethods, type RouteMethods } from '../api/route-methods.js';
import { ConfigError } from '../errors/client-error.js';
import { ClientCredentialsToken } from '../oauth/client-credentials-token.js';

/** What a service (a program acting for itself, not for a user) needs to call the API. */
export interface ServiceClientOptions<C extends ContractDefinition = ApiContract> {
  /** The API's base URL (the stack's `ApiUrl`). */
  readonly apiUrl: string;
  /** The user pool domain (the stack's `UserPoolDomainUrl`), whose `/oauth2/token` issues the token. */
  readonly domainUrl: string;
  /** The confidential app client's id (the stack's `ServiceClientId`). */
  readonly clientId: string;
  /** Its secret (read with `DescribeUserPoolClient`; never commit or log it). */
  readonly clientSecret: string;
  /** The scopes to ask for, e.g. `['gatehouse-api/stats.read']`; none asks for all the client allows. */
  readonly scopes?: readonly string[];
  /** Renew the token this many seconds before it expires (default 60). */
  readonly renewMarginSeconds?: number;
  /** The contract to expose; `apiContract` by default. */
  readonly contract?: C;
  /** The `fetch` to use for the API and the token endpoint; `globalThis.fetch` by default. */
  readonly fetch?: typeof fetch;
  /** Retries of idempotent API calls; off by default. */
  readonly retry?: RetryOptions;
  /** Default timeout of every API call in ms; none by default. */
  readonly timeoutMs?: number;
  /** The clock in ms (for tests); `Date.now` by default. */
  readonly now?: () => number;
}

/** One method per route, called with the service's client-credentials token. */
export type ServiceClient<C extends ContractDefinition = ApiContract> = RouteMethods<C>;

function requireUrl(name: string, value: string): void {
  try {
    new URL(value);
  } catch {
    throw new ConfigError(`${name} must be a URL`);
  }
}

/**
 * Node.js only: a client for a service, whose route methods send an access token from the client-credentials
 * grant. The token is cached, renewed shortly before it expires by one request that concurrent calls share, and
 * renewed once more if the API answers 401. Only routes that admit services (by scope) accept it.
 *
 * @example
 * const service = createServiceClient({
 *   apiUrl: outputs.ApiUrl,
 *   domainUrl: outputs.UserPoolDomainUrl,
 *   clientId: outputs.ServiceClientId,
 *   clientSecret: process.env.GATEHOUSE_SERVICE_SECRET ?? '',
 *   scopes: ['gatehouse-api/stats.read'],
 * });
 * const stats = await service.admin.stats();
 */
export function createServiceClient<C extends ContractDefinition = ApiContract>(
  options: ServiceClientOptions<C>,
): ServiceClient<NoInfer<C>> {
  requireUrl('apiUrl', options.apiUrl);
  requireUrl('domainUrl', options.domainUrl);
  if (!options.clientId) throw new ConfigError('clientId is missing');
  if (!options.clientSecret) throw new ConfigError('clientSecret is missing');
  // Looked up per call so that a test or polyfill installing fetch later is honoured.
  const fetchFn: typeof fetch = options.fetch ?? ((...args) => globalThis.fetch(...args));
  const token = new ClientCredentialsToken({
    domainUrl: options.domainUrl,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    scopes: options.scopes ?? [],
    fetch: fetchFn,
    now: options.now ?? Date.now,
    renewMarginMs: (options.renewMarginSeconds ?? 60) * 1000,
  });
  const contract = (options.contract ?? apiContract) as C;
  return createRouteMethods(contract, (route, input, callOptions: CallOptions) =>
    callRoute(route, input, callOptions, {
      apiUrl: options.apiUrl,
      fetch: fetchFn,
      session: token,
      retry: options.retry ?? { attempts: 0 },
      timeoutMs: options.timeoutMs,
    }),
  );
}
