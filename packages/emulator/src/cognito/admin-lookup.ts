import type {
  AdminDeleteUserRequest,
  AdminUserGlobalSignOutRequest,
  DeleteUserRequest,
  GlobalSignOutRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  type Answer,
  type Checked,
  type CognitoOperation,
  epochSeconds,
  type RequiredOf,
  type SpecFor,
  sdkOperation,
  signedInOperation,
} from './cognito-operation.js';
import type { UserGroup, UserPool, UserRecord } from './cognito-types.js';
import { Fields, type InputSpec } from './input-validation.js';
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
 * Declares an IAM-authorized operation on one group of a pool (GetGroup, ListUsersInGroup…): its spec has the
 * `poolGroup` members, and the handler is given the pool and the group, looked up in that order before it runs
 * (ResourceNotFoundException for either).
 */
export function groupOperation<Req extends object, Res extends object = Record<string, unknown>>() {
  return <S extends InputSpec & typeof poolGroup>(
    name: string,
    spec: SpecFor<Req, S>,
    handler: (services: Services, target: PoolGroup, input: Checked<Req, RequiredOf<S>>) => Answer<Res>,
  ): CognitoOperation =>
    sdkOperation<Req, Res>()(name, 'sigv4', spec, (services, input) => {
      const named = input as unknown as { UserPoolId: string; GroupName: string };
      const pool = services.pools.requirePool(named.UserPoolId);
      return handler(services, { pool, group: services.pools.requireGroup(pool.Id, named.GroupName) }, input);
    });
}

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
 * the `poolUser` members, and the handler is given the pool and the user they name, looked up before it runs.
 */
export function adminUserOperation<Req extends object, Res extends object = Record<string, unknown>>() {
  return <S extends InputSpec & typeof poolUser>(
    name: string,
    spec: SpecFor<Req, S>,
    handler: (services: Services, target: PoolUser, input: Checked<Req, RequiredOf<S>>) => Answer<Res>,
  ): CognitoOperation =>
    sdkOperation<Req, Res>()(name, 'sigv4', spec, (services, input) => {
      const named = input as unknown as { UserPoolId: string; Username: string };
      return handler(services, lookup(services, named.UserPoolId, named.Username), input);
    });
}

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
