import type {
  CreateUserPoolClientRequest,
  CreateUserPoolClientResponse,
  DeleteUserPoolClientRequest,
  DescribeUserPoolClientRequest,
  DescribeUserPoolClientResponse,
  ListUserPoolClientsRequest,
  ListUserPoolClientsResponse,
  UpdateUserPoolClientRequest,
  UpdateUserPoolClientResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { poolOperation } from './admin-lookup.js';
import { type CognitoOperation, epochSeconds, paged, sdkOperation } from './cognito-operation.js';
import type { UserPoolClient } from './cognito-types.js';
import { applyClientOAuth } from './domain/client-oauth.js';
import { applyClientSettings } from './domain/client-settings.js';
import { clientSettings } from './domain/settings-specs.js';
import { Fields } from './input-validation.js';
import { LOWER_ALNUM, randomString } from './random-id.js';
import type { Services } from './services.js';

function describeClient(client: UserPoolClient): Record<string, unknown> {
  const { Passthrough, CreationDate, LastModifiedDate, ...rest } = client;
  return {
    ...Passthrough,
    ...rest,
    // AWS answers this member for every client, false for one that never set it.
    AllowedOAuthFlowsUserPoolClient: rest.AllowedOAuthFlowsUserPoolClient === true,
    CreationDate: epochSeconds(CreationDate),
    LastModifiedDate: epochSeconds(LastModifiedDate),
  };
}

/** What the OAuth rules need to know of the client's pool. */
function oauthContext(s: Pick<Services, 'resourceServers'>, client: UserPoolClient) {
  return {
    poolId: client.UserPoolId,
    hasSecret: client.ClientSecret !== undefined,
    customScopes: s.resourceServers.customScopes(client.UserPoolId),
  };
}

const clientName = { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ } as const;

const createUserPoolClient = poolOperation<CreateUserPoolClientRequest, CreateUserPoolClientResponse>()(
  'CreateUserPoolClient',
  {
    UserPoolId: Fields.userPoolId,
    ClientName: clientName,
    GenerateSecret: { type: 'boolean' },
    ...clientSettings,
  },
  (s: Pick<Services, 'config' | 'pools' | 'resourceServers'>, pool, input) => {
    const now = s.config.now();
    const client: UserPoolClient = {
      UserPoolId: pool.Id,
      ClientName: input.ClientName,
      ClientId: randomString(LOWER_ALNUM, 26),
      ...(input.GenerateSecret === true ? { ClientSecret: randomString(LOWER_ALNUM, 51) } : {}),
      RefreshTokenValidity: 30,
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
      CreationDate: now,
      LastModifiedDate: now,
      Passthrough: {},
    };
    applyClientSettings(client, input);
    applyClientOAuth(client, input, oauthContext(s, client));
    s.pools.insertClient(client);
    return { UserPoolClient: describeClient(client) };
  },
);

const describeUserPoolClient = sdkOperation<DescribeUserPoolClientRequest, DescribeUserPoolClientResponse>()(
  'DescribeUserPoolClient',
  'sigv4',
  { UserPoolId: Fields.userPoolId, ClientId: Fields.clientId },
  (s: Pick<Services, 'pools'>, input) => ({
    UserPoolClient: describeClient(s.pools.requireClient(input.ClientId, input.UserPoolId).client),
  }),
);

const listUserPoolClients = poolOperation<ListUserPoolClientsRequest, ListUserPoolClientsResponse>()(
  'ListUserPoolClients',
  {
    UserPoolId: Fields.userPoolId,
    MaxResults: { type: 'integer', min: 1, max: 60 },
    NextToken: Fields.nextToken,
  },
  (s: Pick<Services, 'pools'>, pool, input) => {
    const clients = s.pools.listClients(pool.Id);
    const describe = ({ ClientId, UserPoolId, ClientName }: UserPoolClient) => ({
      ClientId,
      UserPoolId,
      ClientName,
    });
    return paged(clients, describe, {
      list: 'UserPoolClients',
      limit: input.MaxResults,
      token: input.NextToken,
    });
  },
);

/** UpdateUserPoolClient resets every setting it is not given to its default, as AWS's does; the secret stays. */
const updateUserPoolClient = sdkOperation<UpdateUserPoolClientRequest, UpdateUserPoolClientResponse>()(
  'UpdateUserPoolClient',
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    ClientId: Fields.clientId,
    ClientName: { ...clientName, required: false },
    ...clientSettings,
  },
  (s: Pick<Services, 'pools' | 'resourceServers'>, input) => {
    const { client } = s.pools.requireClient(input.ClientId, input.UserPoolId);
    applyClientSettings(client, input);
    applyClientOAuth(client, input, oauthContext(s, client));
    if (input.ClientName !== undefined) client.ClientName = input.ClientName;
    s.pools.updateClient(client);
    return { UserPoolClient: describeClient(client) };
  },
);

const deleteUserPoolClient = sdkOperation<DeleteUserPoolClientRequest>()(
  'DeleteUserPoolClient',
  'sigv4',
  { UserPoolId: Fields.userPoolId, ClientId: Fields.clientId },
  (s: Pick<Services, 'pools'>, input) => {
    s.pools.requireClient(input.ClientId, input.UserPoolId);
    s.pools.deleteClient(input.ClientId);
  },
);

/** App-client management. */
export const clientOperations: readonly CognitoOperation[] = [
  createUserPoolClient,
  describeUserPoolClient,
  listUserPoolClients,
  updateUserPoolClient,
  deleteUserPoolClient,
];
