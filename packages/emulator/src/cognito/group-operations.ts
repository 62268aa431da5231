import type {
  CreateGroupRequest,
  CreateGroupResponse,
  DeleteGroupRequest,
  GetGroupRequest,
  GetGroupResponse,
  ListGroupsRequest,
  ListGroupsResponse,
  UpdateGroupRequest,
  UpdateGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { groupOperation, groupType, poolGroup, poolOperation } from './admin-lookup.js';
import { CognitoException } from './cognito-error.js';
import { type CognitoOperation, paged } from './cognito-operation.js';
import type { UserGroup } from './cognito-types.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

const groupSettings = {
  Description: { type: 'string', max: 2048 },
  RoleArn: { type: 'string', min: 20, max: 2048 },
  Precedence: { type: 'integer', min: 0, max: 2147483647 },
} as const;

const createGroup = poolOperation<CreateGroupRequest, CreateGroupResponse>()(
  'CreateGroup',
  { ...poolGroup, ...groupSettings },
  (s: Pick<Services, 'config' | 'pools'>, pool, input) => {
    const now = s.config.now();
    const group: UserGroup = {
      GroupName: input.GroupName,
      UserPoolId: pool.Id,
      ...(input.Description === undefined ? {} : { Description: input.Description }),
      ...(input.RoleArn === undefined ? {} : { RoleArn: input.RoleArn }),
      ...(input.Precedence === undefined ? {} : { Precedence: input.Precedence }),
      CreationDate: now,
      LastModifiedDate: now,
    };
    if (!s.pools.insertGroup(group)) {
      throw new CognitoException(
        'GroupExistsException',
        `A group with the name ${input.GroupName} already exists.`,
      );
    }
    return { Group: groupType(group) };
  },
);

const updateGroup = groupOperation<UpdateGroupRequest, UpdateGroupResponse>()(
  'UpdateGroup',
  { ...poolGroup, ...groupSettings },
  (s: Pick<Services, 'pools'>, { group }, input) => {
    if (input.Description !== undefined) group.Description = input.Description;
    if (input.RoleArn !== undefined) group.RoleArn = input.RoleArn;
    if (input.Precedence !== undefined) group.Precedence = input.Precedence;
    s.pools.updateGroup(group);
    return { Group: groupType(group) };
  },
);

const getGroup = groupOperation<GetGroupRequest, GetGroupResponse>()(
  'GetGroup',
  poolGroup,
  (_s: unknown, { group }) => ({ Group: groupType(group) }),
);

const listGroups = poolOperation<ListGroupsRequest, ListGroupsResponse>()(
  'ListGroups',
  { UserPoolId: Fields.userPoolId, Limit: Fields.limit60, NextToken: Fields.nextToken },
  (s: Pick<Services, 'pools'>, pool, input) => {
    const groups = s.pools.listGroups(pool.Id);
    return paged(groups, groupType, { list: 'Groups', limit: input.Limit, token: input.NextToken });
  },
);

const deleteGroup = groupOperation<DeleteGroupRequest>()(
  'DeleteGroup',
  poolGroup,
  (s: Pick<Services, 'pools'>, { pool, group }) => s.pools.deleteGroup(pool.Id, group.GroupName),
);

/** Group management. */
export const groupOperations: readonly CognitoOperation[] = [
  createGroup,
  getGroup,
  updateGroup,
  listGroups,
  deleteGroup,
];
