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
): GatehouseClient<C> {
  return createGatehouseClient(config, options, ({ region, cognitoEndpoint }) =>
    sdkCognitoTransport(region, { endpoint: cognitoEndpoint }),
  );
}
