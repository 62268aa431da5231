import type {
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse,
  DeleteUserAttributesRequest,
  DeleteUserAttributesResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { lookup } from './admin-lookup.js';
import { invalidParameter } from './cognito-error.js';
import { type CognitoOperation, sdkOperation } from './cognito-operation.js';
import { applyAttributeUpdates } from './domain/attribute-updates.js';
import { checkWritable } from './domain/client-policy.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';
import { checkAttributeDeletes } from './user-attributes.js';

const attributeNames = { type: 'stringList', required: true } as const;

/** AWS's model: each name 1–32 characters (AttributeNameType). */
function checkNames(names: readonly string[]): void {
  names.forEach((name, i) => {
    if (name.length < 1 || name.length > 32) {
      throw invalidParameter(
        `1 validation error detected: Value at 'userAttributeNames.${i + 1}.member' failed to satisfy constraint: Member must have length between 1 and 32`,
      );
    }
  });
}

/** DeleteUserAttributes: a signed-in user deletes some of their attributes; unset ones are ignored. */
const deleteUserAttributes = sdkOperation<DeleteUserAttributesRequest, DeleteUserAttributesResponse>()(
  'DeleteUserAttributes',
  'none',
  { UserAttributeNames: attributeNames, AccessToken: Fields.accessToken },
  (s: Pick<Services, 'tokens' | 'pools' | 'users' | 'codes' | 'delivery'>, input) => {
    checkNames(input.UserAttributeNames);
    const { pool, user, claims } = s.tokens.authenticate(input.AccessToken);
    const updates = checkAttributeDeletes(pool, input.UserAttributeNames, 'user', user.attributes);
    checkWritable(s.pools.clientOfToken(claims), Object.keys(updates));
    applyAttributeUpdates(s, pool, user, updates, false);
  },
);

/** AdminDeleteUserAttributes: the same, by an administrator (who may also delete `*_verified` flags). */
const adminDeleteUserAttributes = sdkOperation<
  AdminDeleteUserAttributesRequest,
  AdminDeleteUserAttributesResponse
>()(
  'AdminDeleteUserAttributes',
  'sigv4',
  { UserPoolId: Fields.userPoolId, Username: Fields.username, UserAttributeNames: attributeNames },
  (s: Pick<Services, 'pools' | 'users' | 'codes' | 'delivery'>, input) => {
    checkNames(input.UserAttributeNames);
    const { pool, user } = lookup(s, input.UserPoolId, input.Username);
    const updates = checkAttributeDeletes(pool, input.UserAttributeNames, 'admin', user.attributes);
    applyAttributeUpdates(s, pool, user, updates, false);
  },
);

/** Deleting user attributes, by the user and by an administrator. */
export const attributeOperations: readonly CognitoOperation[] = [
  deleteUserAttributes,
  adminDeleteUserAttributes,
];
