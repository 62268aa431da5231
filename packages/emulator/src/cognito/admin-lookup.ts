import {
  type Checked,
  type CognitoOperation,
  epochSeconds,
  type RequiredOf,
  type SpecFor,
  sdkOperation,
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
    handler: (services: Services, target: PoolUser, input: Checked<Req, RequiredOf<S>>) => Promise<Res> | Res,
  ): CognitoOperation =>
    sdkOperation<Req, Res>()(name, 'sigv4', spec, (services, input) => {
      const named = input as unknown as { UserPoolId: string; Username: string };
      return handler(services, lookup(services, named.UserPoolId, named.Username), input);
    });
}
