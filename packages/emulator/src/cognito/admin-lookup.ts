import { epochSeconds } from './cognito-operation.js';
import type { UserPool, UserRecord } from './cognito-types.js';
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

/** The members that name a user in the admin operations. */
export const poolUser = { UserPoolId: Fields.userPoolId, Username: Fields.username } as const;

/** The pool and the user an admin operation names (ResourceNotFound, UserNotFound). */
export function lookup(
  s: Pick<Services, 'pools' | 'users'>,
  poolId: string,
  username: string,
): { pool: UserPool; user: UserRecord } {
  const pool = s.pools.requirePool(poolId);
  return { pool, user: s.users.require(pool, username) };
}
