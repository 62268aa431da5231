import type {
  CreateResourceServerRequest,
  CreateResourceServerResponse,
  DeleteResourceServerRequest,
  DescribeResourceServerRequest,
  DescribeResourceServerResponse,
  ListResourceServersRequest,
  ListResourceServersResponse,
  ResourceServerType,
  UpdateResourceServerRequest,
  UpdateResourceServerResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { poolOperation } from './admin-lookup.js';
import { type CognitoOperation, paged } from './cognito-operation.js';
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
function describeServer(server: ResourceServer): ResourceServerType {
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

const createResourceServer = poolOperation<CreateResourceServerRequest, CreateResourceServerResponse>()(
  'CreateResourceServer',
  serverSettings,
  (s: Pick<Services, 'resourceServers'>, _pool, input) => {
    return { ResourceServer: describeServer(s.resourceServers.create(serverOf(input as ServerInput))) };
  },
);

const describeResourceServer = poolOperation<DescribeResourceServerRequest, DescribeResourceServerResponse>()(
  'DescribeResourceServer',
  { UserPoolId: Fields.userPoolId, Identifier: identifier },
  (s: Pick<Services, 'resourceServers'>, _pool, input) => {
    return { ResourceServer: describeServer(s.resourceServers.require(input.UserPoolId, input.Identifier)) };
  },
);

/** UpdateResourceServer replaces the name and every scope: scopes it is not given are removed, as on AWS. */
const updateResourceServer = poolOperation<UpdateResourceServerRequest, UpdateResourceServerResponse>()(
  'UpdateResourceServer',
  serverSettings,
  (s: Pick<Services, 'resourceServers'>, _pool, input) => {
    return { ResourceServer: describeServer(s.resourceServers.update(serverOf(input as ServerInput))) };
  },
);

const deleteResourceServer = poolOperation<DeleteResourceServerRequest>()(
  'DeleteResourceServer',
  { UserPoolId: Fields.userPoolId, Identifier: identifier },
  (s: Pick<Services, 'resourceServers'>, _pool, input) => {
    s.resourceServers.delete(input.UserPoolId, input.Identifier);
  },
);

const listResourceServers = poolOperation<ListResourceServersRequest, ListResourceServersResponse>()(
  'ListResourceServers',
  {
    UserPoolId: Fields.userPoolId,
    MaxResults: { type: 'integer', min: 1, max: 50 },
    NextToken: { type: 'string', min: 1, pattern: /^[\S]+$/ },
  },
  // MaxResults is at most 50, so a page is 50 servers when it is left out.
  (s: Pick<Services, 'resourceServers'>, _pool, input) =>
    paged<ResourceServer, ResourceServerType, 'ResourceServers'>(
      s.resourceServers.list(input.UserPoolId),
      describeServer,
      { list: 'ResourceServers', limit: input.MaxResults ?? 50, token: input.NextToken },
    ),
);

/** OAuth 2.0 resource servers and their custom scopes. */
export const resourceServerOperations: readonly CognitoOperation[] = [
  createResourceServer,
  describeResourceServer,
  updateResourceServer,
  deleteResourceServer,
  listResourceServers,
];
