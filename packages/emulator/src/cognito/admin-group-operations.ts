import type {
  AdminAddUserToGroupRequest,
  AdminListGroupsForUserRequest,
  AdminRemoveUserFromGroupRequest,
  ListUsersInGroupRequest,
  ListUsersInGroupResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminUserOperation, groupType, poolUser, userType } from './admin-lookup.js';
import { type CognitoOperation, paged, sdkOperation } from './cognito-operation.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

const groupMember = { ...poolUser, GroupName: Fields.groupName } as const;

const adminAddUserToGroup = adminUserOperation<AdminAddUserToGroupRequest>()(
  'AdminAddUserToGroup',
  groupMember,
  (s: Pick<Services, 'pools' | 'users'>, { pool, user }, input) => {
    s.pools.requireGroup(pool.Id, input.GroupName);
    s.users.addToGroup(pool, user, input.GroupName);
    return {};
  },
);

const adminRemoveUserFromGroup = adminUserOperation<AdminRemoveUserFromGroupRequest>()(
  'AdminRemoveUserFromGroup',
  groupMember,
  (s: Pick<Services, 'pools' | 'users'>, { pool, user }, input) => {
    s.pools.requireGroup(pool.Id, input.GroupName);
    s.users.removeFromGroup(pool, user, input.GroupName);
    return {};
  },
);

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
    const members = s.users.usersInGroup(input.UserPoolId, input.GroupName);
    return paged(members, (u) => userType(u), { list: 'Users', limit: input.Limit, token: input.NextToken });
  },
);

/** Group membership as administrators manage it. */
export const adminGroupOperations: readonly CognitoOperation[] = [
  adminAddUserToGroup,
  adminRemoveUserFromGroup,
  adminListGroupsForUser,
  listUsersInGroup,
];
