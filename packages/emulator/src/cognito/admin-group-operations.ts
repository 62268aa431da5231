import type {
  AdminAddUserToGroupRequest,
  AdminListGroupsForUserRequest,
  AdminRemoveUserFromGroupRequest,
  ListUsersInGroupRequest,
  ListUsersInGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  adminUserOperation,
  groupOperation,
  groupType,
  poolGroup,
  poolUser,
  userType,
} from './admin-lookup.js';
import { type CognitoOperation, paged } from './cognito-operation.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

/**
 * AdminAddUserToGroup and AdminRemoveUserFromGroup: the same lookups (pool, user, then group), then one change
 * of membership. Adding a member twice or removing a non-member is not an error on AWS.
 */
function membershipOperation(name: string, change: 'addToGroup' | 'removeFromGroup'): CognitoOperation {
  return adminUserOperation<AdminAddUserToGroupRequest | AdminRemoveUserFromGroupRequest>()(
    name,
    { ...poolUser, GroupName: Fields.groupName },
    (s: Pick<Services, 'pools' | 'users'>, { pool, user }, input) => {
      s.pools.requireGroup(pool.Id, input.GroupName);
      s.users[change](pool, user, input.GroupName);
    },
  );
}

const adminListGroupsForUser = adminUserOperation<AdminListGroupsForUserRequest>()(
  'AdminListGroupsForUser',
  { ...poolUser, Limit: Fields.limit60, NextToken: Fields.nextToken },
  (s: Pick<Services, 'users'>, { pool, user }, input) =>
    paged(s.users.groupsOf(pool, user), groupType, {
      list: 'Groups',
      limit: input.Limit,
      token: input.NextToken,
    }),
);

const listUsersInGroup = groupOperation<ListUsersInGroupRequest, ListUsersInGroupResponse>()(
  'ListUsersInGroup',
  { ...poolGroup, Limit: Fields.limit60, NextToken: Fields.nextToken },
  (s: Pick<Services, 'users'>, { pool, group }, input) => {
    const members = s.users.usersInGroup(pool.Id, group.GroupName);
    return paged(members, (u) => userType(u), { list: 'Users', limit: input.Limit, token: input.NextToken });
  },
);

/** Group membership as administrators manage it. */
export const adminGroupOperations: readonly CognitoOperation[] = [
  membershipOperation('AdminAddUserToGroup', 'addToGroup'),
  membershipOperation('AdminRemoveUserFromGroup', 'removeFromGroup'),
  adminListGroupsForUser,
  listUsersInGroup,
];
