import type { ApiContract, ContractDefinition } from '@org/contracts';
import { sdkCognitoTransport } from '../cognito/sdk-cognito-transport.js';
import type { ClientConfig } from '../config/client-config.js';
import {
  type ClientOptions,
  createGatehouseClient,
  type GatehouseClient,
} from './create-gatehouse-client.js';

/**
 * Creates a client (Node.js entry): Cognito is called through `@aws-sdk/client-cognito-identity-provider`,
 * with the config's `cognitoEndpoint` as the endpoint override.
 *
 * @example
 * const client = createClient(await readLocalStackConfig('.local'), { storage: fileStorage('.session.json') });
 * await client.signIn({ username: 'ana@example.com', password });
 * const page = await client.notes.list({ limit: 10 });
 */
export function createClient<C extends ContractDefinition = ApiContract>(
  config: ClientConfig,
  options: ClientOptions<C> = {},
  // NoInfer: `C` comes from `options.contract` or defaults to the app's contract, never from the type the result
  // is assigned to (`let client: GatehouseClient = createClient(config)` would otherwise infer the bare
  // ContractDefinition constraint and lose every route method).
): GatehouseClient<NoInfer<C>> {
  return createGatehouseClient(config, options, ({ region, cognitoEndpoint }) =>
    sdkCognitoTransport(region, { endpoint: cognitoEndpoint }),
  );
}
