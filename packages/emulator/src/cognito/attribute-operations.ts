import { invalidParameter } from './cognito-error.js';
import { type CognitoOperation, operation } from './cognito-operation.js';
import { Fields } from './input-validation.js';
import { applyAttributeUpdates } from './user-attribute-updates.js';
import { checkAttributeDeletes } from './user-attributes.js';
import { checkWritable } from './user-operations.js';

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
const deleteUserAttributes = operation(
  'none',
  { UserAttributeNames: attributeNames, AccessToken: Fields.accessToken },
  (ctx, input) => {
    checkNames(input.UserAttributeNames);
    const { pool, user, claims } = ctx.authenticate(input.AccessToken);
    const updates = checkAttributeDeletes(pool, input.UserAttributeNames, 'user', user.attributes);
    checkWritable(ctx, claims.client_id, Object.keys(updates));
    applyAttributeUpdates(ctx, pool, user, updates, false);
    return {};
  },
);

/** AdminDeleteUserAttributes: the same, by an administrator (who may also delete `*_verified` flags). */
const adminDeleteUserAttributes = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, Username: Fields.username, UserAttributeNames: attributeNames },
  (ctx, input) => {
    checkNames(input.UserAttributeNames);
    const pool = ctx.requirePool(input.UserPoolId);
    const user = ctx.requireUser(pool, input.Username);
    const updates = checkAttributeDeletes(pool, input.UserAttributeNames, 'admin', user.attributes);
    applyAttributeUpdates(ctx, pool, user, updates, false);
    return {};
  },
);

/** Deleting user attributes, by the user and by an administrator. */
export const attributeOperations: Record<string, CognitoOperation> = {
  DeleteUserAttributes: deleteUserAttributes,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
};
