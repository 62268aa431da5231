import { randomInt } from 'node:crypto';
import type { CognitoContext } from './cognito-context.js';
import { CognitoException, invalidParameter, notAuthorized } from './cognito-error.js';
import { type CognitoOperation, epochSeconds, operation, paginate } from './cognito-operation.js';
import { postConfirmation, runTrigger } from './cognito-triggers.js';
import type { PasswordPolicy, UserPool, UserRecord } from './cognito-types.js';
import { requireGroup } from './group-operations.js';
import { Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import { clearFailedSignIns } from './sign-in-lockout.js';
import {
  claimAlias,
  insertNewUser,
  newUserRecord,
  pairsToMap,
  resolveNewUsername,
  srpPoolName,
} from './sign-up-operations.js';
import { createVerifier } from './srp.js';
import { applyAttributeUpdates } from './user-attribute-updates.js';
import { attributeList, checkAttributes } from './user-attributes.js';

/** The `UserType` shape of AdminCreateUser, ListUsers and ListUsersInGroup. */
function userType(user: UserRecord, only?: string[]): Record<string, unknown> {
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

/** A temporary password that satisfies the pool's policy. */
function generateTemporaryPassword(policy: PasswordPolicy): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '^$*.[]{}()?!@#%&'];
  const all = sets.join('');
  let out = sets.map((s) => s[randomInt(s.length)]).join('');
  while (out.length < Math.max(policy.MinimumLength, 12)) out += all[randomInt(all.length)];
  return out;
}

function temporaryPasswordExpiry(ctx: CognitoContext, pool: UserPool): number {
  return ctx.now() + pool.Policies.PasswordPolicy.TemporaryPasswordValidityDays * 86_400_000;
}

const poolUser = { UserPoolId: Fields.userPoolId, Username: Fields.username } as const;

function lookup(ctx: CognitoContext, poolId: string, username: string): { pool: UserPool; user: UserRecord } {
  const pool = ctx.requirePool(poolId);
  return { pool, user: ctx.requireUser(pool, username) };
}

/** Sends a temporary password on the first channel the admin asked for that the user has. */
function sendInvitation(
  ctx: CognitoContext,
  pool: UserPool,
  user: UserRecord,
  mediums: string[] | undefined,
  temporaryPassword: string,
): void {
  const wanted = mediums?.length ? mediums : ['SMS'];
  const channels = wanted.map((m) => (m === 'EMAIL' ? 'email' : 'phone_number') as 'email' | 'phone_number');
  const channel =
    channels.find((c) => (user.attributes[c] ?? '') !== '') ??
    (['email', 'phone_number'] as const).find((c) => (user.attributes[c] ?? '') !== '');
  if (channel !== undefined) ctx.deliver(pool, user, 'AdminCreateUser', channel, { temporaryPassword });
}

const adminCreateUser = operation(
  'sigv4',
  {
    ...poolUser,
    UserAttributes: Fields.attributes,
    ValidationData: Fields.attributes,
    TemporaryPassword: { type: 'string', min: 0, max: 256, pattern: /^[\S]+$/ },
    ForceAliasCreation: { type: 'boolean' },
    MessageAction: { type: 'string', enum: ['RESEND', 'SUPPRESS'] },
    DesiredDeliveryMediums: { type: 'stringList', enum: ['SMS', 'EMAIL'] },
    ClientMetadata: Fields.clientMetadata,
  },
  async (ctx, input) => {
    const pool = ctx.requirePool(input.UserPoolId);
    const policy = pool.Policies.PasswordPolicy;
    if (input.TemporaryPassword !== undefined) checkPasswordPolicy(policy, input.TemporaryPassword);
    const temporaryPassword = input.TemporaryPassword ?? generateTemporaryPassword(policy);
    if (input.MessageAction === 'RESEND') {
      const user = ctx.requireUser(pool, input.Username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        throw new CognitoException(
          'UnsupportedUserStateException',
          `User status is ${user.status}, can not resend temporary password.`,
        );
      }
      user.credential = createVerifier(srpPoolName(pool.Id), user.username, temporaryPassword);
      user.temporaryPasswordExpiresAt = temporaryPasswordExpiry(ctx, pool);
      ctx.saveUser(pool, user);
      sendInvitation(ctx, pool, user, input.DesiredDeliveryMediums, temporaryPassword);
      return { User: userType(user) };
    }
    const attributes = checkAttributes(pool, input.UserAttributes, 'admin');
    for (const [k, v] of Object.entries(attributes)) if (v === '') delete attributes[k];
    const { username, sub } = resolveNewUsername(pool, input.Username, attributes);
    // Required attributes are not enforced here: the user supplies missing ones in NEW_PASSWORD_REQUIRED.
    const user = newUserRecord(ctx, pool, {
      username,
      sub,
      status: 'FORCE_CHANGE_PASSWORD',
      attributes,
      credential: createVerifier(srpPoolName(pool.Id), username, temporaryPassword),
      temporaryPasswordExpiresAt: temporaryPasswordExpiry(ctx, pool),
    });
    await runTrigger(ctx, pool, 'PreSignUp', {
      triggerSource: 'PreSignUp_AdminCreateUser',
      userName: input.Username,
      request: {
        userAttributes: { ...attributes },
        validationData: pairsToMap(input.ValidationData),
        ...(input.ClientMetadata === undefined ? {} : { clientMetadata: input.ClientMetadata }),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    ctx.store.transaction(() => {
      const moved: UserRecord[] = [];
      for (const attr of ['email', 'phone_number']) {
        if (attributes[`${attr}_verified`] === 'true') {
          moved.push(...claimAlias(ctx, pool, user, attr, input.ForceAliasCreation === true));
        }
      }
      for (const o of moved) ctx.saveUser(pool, o);
      insertNewUser(ctx, pool, user);
    });
    if (input.MessageAction !== 'SUPPRESS') {
      sendInvitation(ctx, pool, user, input.DesiredDeliveryMediums, temporaryPassword);
    }
    return { User: userType(user) };
  },
);

const adminGetUser = operation('sigv4', poolUser, (ctx, input) => {
  const { user } = lookup(ctx, input.UserPoolId, input.Username);
  return {
    Username: user.username,
    UserAttributes: attributeList(user.sub, user.attributes),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.modifiedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
});

const adminConfirmSignUp = operation(
  'sigv4',
  { ...poolUser, ClientMetadata: Fields.clientMetadata },
  async (ctx, input) => {
    const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    user.status = 'CONFIRMED';
    delete user.codes.signUp;
    ctx.saveUser(pool, user);
    await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp', {
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
);

const adminSetUserPassword = operation(
  'sigv4',
  { ...poolUser, Password: Fields.password, Permanent: { type: 'boolean' } },
  (ctx, input) => {
    const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.Password);
    user.credential = createVerifier(srpPoolName(pool.Id), user.username, input.Password);
    if (input.Permanent === true) {
      user.status = 'CONFIRMED';
      delete user.temporaryPasswordExpiresAt;
    } else {
      user.status = 'FORCE_CHANGE_PASSWORD';
      user.temporaryPasswordExpiresAt = temporaryPasswordExpiry(ctx, pool);
    }
    clearFailedSignIns(user);
    ctx.saveUser(pool, user);
    return {};
  },
);

const adminResetUserPassword = operation(
  'sigv4',
  { ...poolUser, ClientMetadata: Fields.clientMetadata },
  (ctx, input) => {
    const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
    const channel = ctx.recoveryChannel(pool, user);
    if (channel === undefined) {
      throw invalidParameter(
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      );
    }
    // The old password stops working at once; the user signs in again after ConfirmForgotPassword.
    delete user.credential;
    user.status = 'RESET_REQUIRED';
    user.codes.forgotPassword = ctx.newCode('forgotPassword', channel);
    ctx.saveUser(pool, user);
    ctx.deliver(pool, user, 'AdminResetUserPassword', channel, { code: user.codes.forgotPassword.code });
    return {};
  },
);

const adminDeleteUser = operation('sigv4', poolUser, (ctx, input) => {
  const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
  ctx.store.deleteUser(pool.Id, ctx.key(pool, user.username), user.username);
  return {};
});

const adminDisableUser = operation('sigv4', poolUser, (ctx, input) => {
  const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
  user.enabled = false;
  // Disabling a user also revokes their tokens, as on AWS.
  ctx.signOutEverywhere(pool, user);
  return {};
});

const adminEnableUser = operation('sigv4', poolUser, (ctx, input) => {
  const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
  user.enabled = true;
  ctx.saveUser(pool, user);
  return {};
});

const adminUpdateUserAttributes = operation(
  'sigv4',
  {
    ...poolUser,
    UserAttributes: { type: 'attributes', required: true },
    ClientMetadata: Fields.clientMetadata,
  },
  (ctx, input) => {
    const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
    const updates = checkAttributes(pool, input.UserAttributes, 'admin', user.attributes);
    ctx.store.transaction(() => {
      for (const attr of ['email', 'phone_number']) {
        if (updates[`${attr}_verified`] === 'true') {
          user.attributes[attr] = updates[attr] ?? user.attributes[attr] ?? '';
          for (const o of claimAlias(ctx, pool, user, attr, false)) ctx.saveUser(pool, o);
        }
      }
      applyAttributeUpdates(ctx, pool, user, updates, true);
    });
    return {};
  },
);

const groupMember = { ...poolUser, GroupName: Fields.groupName } as const;

const adminAddUserToGroup = operation('sigv4', groupMember, (ctx, input) => {
  const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
  requireGroup(ctx, pool.Id, input.GroupName);
  ctx.store.addUserToGroup(pool.Id, ctx.key(pool, user.username), input.GroupName);
  return {};
});

const adminRemoveUserFromGroup = operation('sigv4', groupMember, (ctx, input) => {
  const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
  requireGroup(ctx, pool.Id, input.GroupName);
  ctx.store.removeUserFromGroup(pool.Id, ctx.key(pool, user.username), input.GroupName);
  return {};
});

const adminListGroupsForUser = operation(
  'sigv4',
  { ...poolUser, Limit: Fields.limit60, NextToken: Fields.nextToken },
  (ctx, input) => {
    const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
    const groups = ctx.store.groupsOfUser(pool.Id, ctx.key(pool, user.username));
    const { page, next } = paginate(groups, input.Limit, input.NextToken);
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

const adminUserGlobalSignOut = operation('sigv4', poolUser, (ctx, input) => {
  const { pool, user } = lookup(ctx, input.UserPoolId, input.Username);
  ctx.signOutEverywhere(pool, user);
  return {};
});

/** Attributes ListUsers can filter on, as AWS documents them. */
const FILTERABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

/** Parses `name = "value"` / `name ^= "prefix"` into a predicate. */
export function parseUserFilter(filter: string): (user: UserRecord) => boolean {
  const m = /^\s*"?([\w:]+)"?\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (m === null) throw invalidParameter('Error while parsing filter.');
  const [, name = '', op, raw = ''] = m;
  if (!FILTERABLE.has(name)) throw invalidParameter(`Invalid search attribute: ${name}`);
  const value = raw.replace(/\\(.)/g, '$1');
  const read = (u: UserRecord): string | undefined => {
    if (name === 'username') return u.username;
    if (name === 'sub') return u.sub;
    if (name === 'cognito:user_status') return u.status;
    if (name === 'status') return u.enabled ? 'Enabled' : 'Disabled';
    return u.attributes[name];
  };
  return (u) => {
    const v = read(u);
    if (v === undefined) return false;
    return op === '=' ? v === value : v.startsWith(value);
  };
}

const listUsers = operation(
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    AttributesToGet: { type: 'stringList' },
    Limit: Fields.limit60,
    PaginationToken: Fields.nextToken,
    Filter: { type: 'string', max: 256 },
  },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    const filter =
      input.Filter === undefined || input.Filter.trim() === '' ? undefined : parseUserFilter(input.Filter);
    const users = ctx.store.listUsers(input.UserPoolId);
    const matching = filter === undefined ? users : users.filter(filter);
    const { page, next } = paginate(matching, input.Limit, input.PaginationToken);
    return {
      Users: page.map((u) => userType(u, input.AttributesToGet)),
      ...(next === undefined ? {} : { PaginationToken: next }),
    };
  },
);

const listUsersInGroup = operation(
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    GroupName: Fields.groupName,
    Limit: Fields.limit60,
    NextToken: Fields.nextToken,
  },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    requireGroup(ctx, input.UserPoolId, input.GroupName);
    const { page, next } = paginate(
      ctx.store.usersInGroup(input.UserPoolId, input.GroupName),
      input.Limit,
      input.NextToken,
    );
    return { Users: page.map((u) => userType(u)), ...(next === undefined ? {} : { NextToken: next }) };
  },
);

/** IAM-authorized user administration. */
export const adminOperations: Record<string, CognitoOperation> = {
  AdminCreateUser: adminCreateUser,
  AdminGetUser: adminGetUser,
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminSetUserPassword: adminSetUserPassword,
  AdminResetUserPassword: adminResetUserPassword,
  AdminDeleteUser: adminDeleteUser,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminAddUserToGroup: adminAddUserToGroup,
  AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
  AdminListGroupsForUser: adminListGroupsForUser,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  ListUsers: listUsers,
  ListUsersInGroup: listUsersInGroup,
};
