import type {
  AdminDeleteUserRequest,
  AdminUserGlobalSignOutRequest,
  DeleteUserRequest,
  GlobalSignOutRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type CognitoOperation,
  epochSeconds,
  signedInOperation,
  targetedOperation,
} from './cognito-operation.js';
import type { UserGroup, UserPool, UserRecord } from './cognito-types.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';
import { attributeList } from './user-attributes.js';

/** The `UserType` shape of AdminCreateUser, ListUsers and ListUsersInGroup. */
export function userType(user: UserRecord, only?: string[]): Record<string, unknown> {
  const attributes = attributeList(user.sub, user.attributes).filter(
    (a) => only === undefined || only.length === 0 || only.includes(a.Name),
  );
  return {
    Username: user.username,
    Attributes: attributes,
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

/** The `GroupType` shape of the group operations and AdminListGroupsForUser. */
export function groupType(group: UserGroup): Record<string, unknown> {
  return {
    ...group,
    CreationDate: epochSeconds(group.CreationDate),
    LastModifiedDate: epochSeconds(group.LastModifiedDate),
  };
}

/** The members that name a group. */
export const poolGroup = { UserPoolId: Fields.userPoolId, GroupName: Fields.groupName } as const;

/** The pool and the group an operation names. */
export interface PoolGroup {
  pool: UserPool;
  group: UserGroup;
}

/**
 * Declares an IAM-authorized operation within one pool (CreateGroup, ListUsers…): its spec has `UserPoolId`,
 * and the handler is given the pool it names, looked up before it runs (ResourceNotFoundException).
 */
export const poolOperation = targetedOperation(
  'sigv4',
  (services, input: { UserPoolId: string }): UserPool => services.pools.requirePool(input.UserPoolId),
);

/**
 * Declares an IAM-authorized operation on one group of a pool (GetGroup, ListUsersInGroup…): its spec has the
 * `poolGroup` members, and the handler is given the pool and the group, looked up in that order before it runs
 * (ResourceNotFoundException for either).
 */
export const groupOperation = targetedOperation(
  'sigv4',
  (services, input: { UserPoolId: string; GroupName: string }): PoolGroup => {
    const pool = services.pools.requirePool(input.UserPoolId);
    return { pool, group: services.pools.requireGroup(pool.Id, input.GroupName) };
  },
);

/** The members that name a user in the admin operations. */
export const poolUser = { UserPoolId: Fields.userPoolId, Username: Fields.username } as const;

/** The pool and the user an admin operation names. */
export interface PoolUser {
  pool: UserPool;
  user: UserRecord;
}

/** The pool and the user an admin operation names (ResourceNotFound, UserNotFound). */
export function lookup(s: Pick<Services, 'pools' | 'users'>, poolId: string, username: string): PoolUser {
  const pool = s.pools.requirePool(poolId);
  return { pool, user: s.users.require(pool, username) };
}

/**
 * Declares an IAM-authorized operation on one user of a pool (AdminGetUser, AdminDeleteUser…): its spec has
 * the `poolUser` members, and the handler is given the pool and the user they name, looked up in that order
 * before it runs (ResourceNotFoundException, UserNotFoundException).
 */
export const adminUserOperation = targetedOperation(
  'sigv4',
  (services, input: { UserPoolId: string; Username: string }): PoolUser =>
    lookup(services, input.UserPoolId, input.Username),
);

/**
 * An action on one user that AWS offers twice: to the user, by access token (`DeleteUser`), and to an
 * administrator, by pool and username (`AdminDeleteUser`). Both forms run the same action once the user is
 * found, so they cannot drift apart.
 */
export function selfAndAdminOperations(
  names: { self: string; admin: string },
  action: (services: Services, target: PoolUser) => void,
): [self: CognitoOperation, admin: CognitoOperation] {
  return [
    signedInOperation<DeleteUserRequest | GlobalSignOutRequest>()(
      names.self,
      { AccessToken: Fields.accessToken },
      action,
    ),
    adminUserOperation<AdminDeleteUserRequest | AdminUserGlobalSignOutRequest>()(
      names.admin,
      poolUser,
      action,
    ),
  ];
}
