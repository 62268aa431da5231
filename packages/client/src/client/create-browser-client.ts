import type { ApiContract, ContractDefinition } from '@org/contracts';
import { fetchCognitoTransport } from '../cognito/fetch-cognito-transport.js';
import type { ClientConfig } from '../config/client-config.js';
import {
  type ClientOptions,
  createGatehouseClient,
  type GatehouseClient,
} from './create-gatehouse-client.js';

/**
 * Creates a client (browser entry, exported as `createClient` from `@org/client/browser`): only `fetch`
 * and Web Crypto, Cognito spoken directly over `fetch` in the SDK's wire format.
 *
 * @example
 * const client = createClient(config, { storage: localStorageAdapter() });
 * await client.signIn({ username: 'ana@example.com', password });
 * const note = await client.notes.create({ body: { title: 'Hello' } });
 */
export function createBrowserClient<C extends ContractDefinition = ApiContract>(
  config: ClientConfig,
  options: ClientOptions<C> = {},
  // NoInfer: `C` comes from `options.contract` or defaults to the app's contract, never from the type the result
  // is assigned to (`let client: GatehouseClient = createClient(config)` would otherwise infer the bare
  // ContractDefinition constraint and lose every route method).
): GatehouseClient<NoInfer<C>> {
  return createGatehouseClient(config, options, ({ region, cognitoEndpoint }, fetchFn) =>
    fetchCognitoTransport(region, { endpoint: cognitoEndpoint, ...(fetchFn ? { fetch: fetchFn } : {}) }),
  );
}
