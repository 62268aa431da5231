import type {
  CreateResourceServerRequest,
  CreateResourceServerResponse,
  DeleteResourceServerRequest,
  DescribeResourceServerRequest,
  DescribeResourceServerResponse,
  ListResourceServersRequest,
  ListResourceServersResponse,
  UpdateResourceServerRequest,
  UpdateResourceServerResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { type CognitoOperation, paginate, sdkOperation } from './cognito-operation.js';
import type { ResourceServer, ResourceServerScope } from './cognito-types.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

/** The members of CreateResourceServer and UpdateResourceServer, as AWS's model constrains them. */
const identifier = {
  type: 'string',
  required: true,
  min: 1,
  max: 256,
  pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/,
} as const;
const serverSettings = {
  UserPoolId: Fields.userPoolId,
  Identifier: identifier,
  Name: { type: 'string', required: true, min: 1, max: 256, pattern: /^[\w\s+=,.@-]+$/ },
  Scopes: {
    type: 'list',
    max: 100,
    item: {
      // A scope name cannot hold `/`, which separates it from the identifier in `<identifier>/<name>`.
      ScopeName: {
        type: 'string',
        required: true,
        min: 1,
        max: 256,
        pattern: /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/,
      },
      ScopeDescription: { type: 'string', required: true, min: 1, max: 256 },
    },
  },
} as const;

/**
 * The server as AWS's `ResourceServerType` describes it. `Scopes` is always present, `[]` for a server without
 * scopes (our choice: we found no captured AWS answer for one).
 */
function describeServer(server: ResourceServer): Record<string, unknown> {
  return {
    UserPoolId: server.UserPoolId,
    Identifier: server.Identifier,
    Name: server.Name,
    Scopes: server.Scopes.map((s) => ({ ScopeName: s.ScopeName, ScopeDescription: s.ScopeDescription })),
  };
}

/** The checked input (the spec guarantees each scope's name and description are strings). */
interface ServerInput {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScope[];
}

function serverOf(input: ServerInput): ResourceServer {
  return {
    UserPoolId: input.UserPoolId,
    Identifier: input.Identifier,
    Name: input.Name,
    Scopes: (input.Scopes ?? []).map((s) => ({
      ScopeName: s.ScopeName,
      ScopeDescription: s.ScopeDescription,
    })),
  };
}

const createResourceServer = sdkOperation<CreateResourceServerRequest, CreateResourceServerResponse>()(
  'CreateResourceServer',
  'sigv4',
  serverSettings,
  (s: Pick<Services, 'pools' | 'resourceServers'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    return { ResourceServer: describeServer(s.resourceServers.create(serverOf(input as ServerInput))) };
  },
);

const describeResourceServer = sdkOperation<DescribeResourceServerRequest, DescribeResourceServerResponse>()(
  'DescribeResourceServer',
  'sigv4',
  { UserPoolId: Fields.userPoolId, Identifier: identifier },
  (s: Pick<Services, 'pools' | 'resourceServers'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    return { ResourceServer: describeServer(s.resourceServers.require(input.UserPoolId, input.Identifier)) };
  },
);

/** UpdateResourceServer replaces the name and every scope: scopes it is not given are removed, as on AWS. */
const updateResourceServer = sdkOperation<UpdateResourceServerRequest, UpdateResourceServerResponse>()(
  'UpdateResourceServer',
  'sigv4',
  serverSettings,
  (s: Pick<Services, 'pools' | 'resourceServers'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    return { ResourceServer: describeServer(s.resourceServers.update(serverOf(input as ServerInput))) };
  },
);

const deleteResourceServer = sdkOperation<DeleteResourceServerRequest>()(
  'DeleteResourceServer',
  'sigv4',
  { UserPoolId: Fields.userPoolId, Identifier: identifier },
  (s: Pick<Services, 'pools' | 'resourceServers'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    s.resourceServers.delete(input.UserPoolId, input.Identifier);
    return {};
  },
);

const listResourceServers = sdkOperation<ListResourceServersRequest, ListResourceServersResponse>()(
  'ListResourceServers',
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    MaxResults: { type: 'integer', min: 1, max: 50 },
    NextToken: { type: 'string', min: 1, pattern: /^[\S]+$/ },
  },
  (s: Pick<Services, 'pools' | 'resourceServers'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    const { page, next } = paginate(
      s.resourceServers.list(input.UserPoolId),
      input.MaxResults,
      input.NextToken,
      50,
    );
    return { ResourceServers: page.map(describeServer), ...(next === undefined ? {} : { NextToken: next }) };
  },
);

/** OAuth 2.0 resource servers and their custom scopes. */
export const resourceServerOperations: readonly CognitoOperation[] = [
  createResourceServer,
  describeResourceServer,
  updateResourceServer,
  deleteResourceServer,
  listResourceServers,
];
