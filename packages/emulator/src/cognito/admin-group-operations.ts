import type {
  AdminAddUserToGroupRequest,
  AdminListGroupsForUserRequest,
  AdminRemoveUserFromGroupRequest,
  ListUsersInGroupRequest,
  ListUsersInGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { lookup, poolUser, userType } from './admin-lookup.js';
import { type CognitoOperation, epochSeconds, paginate, sdkOperation } from './cognito-operation.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

const groupMember = { ...poolUser, GroupName: Fields.groupName } as const;

const adminAddUserToGroup = sdkOperation<AdminAddUserToGroupRequest>()(
  'AdminAddUserToGroup',
  'sigv4',
  groupMember,
  (s: Pick<Services, 'pools' | 'users'>, input) => {
    const { pool, user } = lookup(s, input.UserPoolId, input.Username);
    s.pools.requireGroup(pool.Id, input.GroupName);
    s.users.addToGroup(pool, user, input.GroupName);
    return {};
  },
);

const adminRemoveUserFromGroup = sdkOperation<AdminRemoveUserFromGroupRequest>()(
  'AdminRemoveUserFromGroup',
  'sigv4',
  groupMember,
  (s: Pick<Services, 'pools' | 'users'>, input) => {
    const { pool, user } = lookup(s, input.UserPoolId, input.Username);
    s.pools.requireGroup(pool.Id, input.GroupName);
    s.users.removeFromGroup(pool, user, input.GroupName);
    return {};
  },
);

const adminListGroupsForUser = sdkOperation<AdminListGroupsForUserRequest>()(
  'AdminListGroupsForUser',
  'sigv4',
  { ...poolUser, Limit: Fields.limit60, NextToken: Fields.nextToken },
  (s: Pick<Services, 'pools' | 'users'>, input) => {
    const { pool, user } = lookup(s, input.UserPoolId, input.Username);
    const { page, next } = paginate(s.users.groupsOf(pool, user), input.Limit, input.NextToken);
    return {
      Groups: page.map((g) => ({
        ...g,
        CreationDate: epochSeconds(g.CreationDate),
        LastModifiedDate: epochSeconds(g.LastModifiedDate),
      })),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  },
);

const listUsersInGroup = sdkOperation<ListUsersInGroupRequest, ListUsersInGroupResponse>()(
  'ListUsersInGroup',
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    GroupName: Fields.groupName,
    Limit: Fields.limit60,
    NextToken: Fields.nextToken,
  },
  (s: Pick<Services, 'pools' | 'users'>, input) => {
    s.pools.requirePool(input.UserPoolId);
    s.pools.requireGroup(input.UserPoolId, input.GroupName);
    const { page, next } = paginate(
      s.users.usersInGroup(input.UserPoolId, input.GroupName),
      input.Limit,
      input.NextToken,
    );
    return { Users: page.map((u) => userType(u)), ...(next === undefined ? {} : { NextToken: next }) };
  },
);

/** Group membership as administrators manage it. */
export const adminGroupOperations: readonly CognitoOperation[] = [
  adminAddUserToGroup,
  adminRemoveUserFromGroup,
  adminListGroupsForUser,
  listUsersInGroup,
];
