import { randomInt } from 'node:crypto';
import type {
  AdminConfirmSignUpRequest,
  AdminConfirmSignUpResponse,
  AdminCreateUserRequest,
  AdminCreateUserResponse,
  AdminDisableUserRequest,
  AdminEnableUserRequest,
  AdminGetUserRequest,
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse,
  AdminSetUserPasswordRequest,
  AdminSetUserPasswordResponse,
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse,
  ListUsersRequest,
  ListUsersResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { adminGroupOperations } from './admin-group-operations.js';
import { adminUserOperation, poolOperation, poolUser, userType } from './admin-lookup.js';
import { CognitoException, invalidParameter, notAuthorized } from './cognito-error.js';
import { type CognitoOperation, paged } from './cognito-operation.js';
import { postConfirmation, preSignUp } from './cognito-triggers.js';
import type { PasswordPolicy, UserPool, UserRecord } from './cognito-types.js';
import { applyAttributeUpdates } from './domain/attribute-updates.js';
import { passwordVerifier } from './domain/credentials.js';
import { userMfaView } from './domain/mfa-settings.js';
import { newUserRecord, pairsToMap, resolveNewUsername } from './domain/new-user.js';
import { clearFailedSignIns } from './domain/sign-in-lockout.js';
import { parseUserFilter } from './domain/user-filter.js';
import { Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import type { Services } from './services.js';
import { attributeList, checkAttributes } from './user-attributes.js';

/** A temporary password that satisfies the pool's policy. */
function generateTemporaryPassword(policy: PasswordPolicy): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '^$*.[]{}()?!@#%&'];
  const all = sets.join('');
  let out = sets.map((s) => s[randomInt(s.length)]).join('');
  while (out.length < Math.max(policy.MinimumLength, 12)) out += all[randomInt(all.length)];
  return out;
}

function temporaryPasswordExpiry(s: Pick<Services, 'config'>, pool: UserPool): number {
  return s.config.now() + pool.Policies.PasswordPolicy.TemporaryPasswordValidityDays * 86_400_000;
}

/** Sends a temporary password on the first channel the admin asked for that the user has. */
function sendInvitation(
  s: Pick<Services, 'delivery'>,
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
  if (channel !== undefined)
    s.delivery.deliver(pool, user, 'AdminCreateUser', channel, { temporaryPassword });
}

const adminCreateUser = poolOperation<AdminCreateUserRequest, AdminCreateUserResponse>()(
  'AdminCreateUser',
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
  async (s: Pick<Services, 'config' | 'users' | 'delivery'>, pool, input) => {
    const policy = pool.Policies.PasswordPolicy;
    if (input.TemporaryPassword !== undefined) checkPasswordPolicy(policy, input.TemporaryPassword);
    const temporaryPassword = input.TemporaryPassword ?? generateTemporaryPassword(policy);
    if (input.MessageAction === 'RESEND') {
      const user = s.users.require(pool, input.Username);
      if (user.status !== 'FORCE_CHANGE_PASSWORD') {
        throw new CognitoException(
          'UnsupportedUserStateException',
          `User status is ${user.status}, can not resend temporary password.`,
        );
      }
      user.credential = passwordVerifier(pool.Id, user.username, temporaryPassword);
      user.temporaryPasswordExpiresAt = temporaryPasswordExpiry(s, pool);
      s.users.save(pool, user);
      sendInvitation(s, pool, user, input.DesiredDeliveryMediums, temporaryPassword);
      return { User: userType(user) };
    }
    const attributes = checkAttributes(pool, input.UserAttributes, 'admin');
    for (const [k, v] of Object.entries(attributes)) if (v === '') delete attributes[k];
    const { username, sub } = resolveNewUsername(pool, input.Username, attributes);
    // Required attributes are not enforced here: the user supplies missing ones in NEW_PASSWORD_REQUIRED.
    const user = newUserRecord(pool, s.config.now(), {
      username,
      sub,
      status: 'FORCE_CHANGE_PASSWORD',
      attributes,
      credential: passwordVerifier(pool.Id, username, temporaryPassword),
      temporaryPasswordExpiresAt: temporaryPasswordExpiry(s, pool),
    });
    await preSignUp(s.config, pool, 'PreSignUp_AdminCreateUser', {
      userName: input.Username,
      attributes,
      validationData: pairsToMap(input.ValidationData),
      clientMetadata: input.ClientMetadata,
    });
    s.users.transaction(() => {
      for (const attr of ['email', 'phone_number']) {
        if (attributes[`${attr}_verified`] === 'true') {
          s.users.claimAlias(pool, user, attr, input.ForceAliasCreation === true);
        }
      }
      s.users.insert(pool, user);
    });
    if (input.MessageAction !== 'SUPPRESS') {
      sendInvitation(s, pool, user, input.DesiredDeliveryMediums, temporaryPassword);
    }
    return { User: userType(user) };
  },
);

const adminGetUser = adminUserOperation<AdminGetUserRequest>()(
  'AdminGetUser',
  poolUser,
  (_s: unknown, { user }) => {
    // AdminGetUser names the list `UserAttributes` where UserType names it `Attributes`.
    const { Attributes: _listed, ...rest } = userType(user);
    return { ...rest, UserAttributes: attributeList(user.sub, user.attributes), ...userMfaView(user) };
  },
);

const adminConfirmSignUp = adminUserOperation<AdminConfirmSignUpRequest, AdminConfirmSignUpResponse>()(
  'AdminConfirmSignUp',
  { ...poolUser, ClientMetadata: Fields.clientMetadata },
  async (s: Pick<Services, 'config' | 'users' | 'codes'>, { pool, user }, input) => {
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    user.status = 'CONFIRMED';
    s.codes.clear(user, 'signUp');
    s.users.save(pool, user);
    await postConfirmation(s.config, pool, user, 'PostConfirmation_ConfirmSignUp', {
      clientMetadata: input.ClientMetadata,
    });
  },
);

const adminSetUserPassword = adminUserOperation<AdminSetUserPasswordRequest, AdminSetUserPasswordResponse>()(
  'AdminSetUserPassword',
  { ...poolUser, Password: Fields.password, Permanent: { type: 'boolean' } },
  (s: Pick<Services, 'config' | 'users'>, { pool, user }, input) => {
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.Password);
    user.credential = passwordVerifier(pool.Id, user.username, input.Password);
    if (input.Permanent === true) {
      user.status = 'CONFIRMED';
      delete user.temporaryPasswordExpiresAt;
    } else {
      user.status = 'FORCE_CHANGE_PASSWORD';
      user.temporaryPasswordExpiresAt = temporaryPasswordExpiry(s, pool);
    }
    clearFailedSignIns(user);
    s.users.save(pool, user);
  },
);

const adminResetUserPassword = adminUserOperation<
  AdminResetUserPasswordRequest,
  AdminResetUserPasswordResponse
>()(
  'AdminResetUserPassword',
  { ...poolUser, ClientMetadata: Fields.clientMetadata },
  (s: Pick<Services, 'users' | 'codes' | 'delivery'>, { pool, user }) => {
    const channel = s.users.recoveryChannel(pool, user);
    if (channel === undefined) {
      throw invalidParameter(
        'Cannot reset password for the user as there is no registered/verified email or phone_number',
      );
    }
    // The old password stops working at once; the user signs in again after ConfirmForgotPassword.
    delete user.credential;
    user.status = 'RESET_REQUIRED';
    const code = s.codes.issue(pool, user, 'forgotPassword', channel);
    s.delivery.deliver(pool, user, 'AdminResetUserPassword', channel, { code: code.code });
  },
);

/** AdminEnableUser and AdminDisableUser. Disabling a user also revokes their tokens, as on AWS. */
function enablingOperation(name: string, enabled: boolean): CognitoOperation {
  return adminUserOperation<AdminEnableUserRequest | AdminDisableUserRequest>()(
    name,
    poolUser,
    (s: Pick<Services, 'users' | 'tokens'>, { pool, user }) => {
      user.enabled = enabled;
      if (enabled) s.users.save(pool, user);
      else s.tokens.signOutEverywhere(pool, user);
    },
  );
}

const adminUpdateUserAttributes = adminUserOperation<
  AdminUpdateUserAttributesRequest,
  AdminUpdateUserAttributesResponse
>()(
  'AdminUpdateUserAttributes',
  {
    ...poolUser,
    UserAttributes: { type: 'attributes', required: true },
    ClientMetadata: Fields.clientMetadata,
  },
  (s: Pick<Services, 'pools' | 'users' | 'codes' | 'delivery'>, { pool, user }, input) => {
    const updates = checkAttributes(pool, input.UserAttributes, 'admin', user.attributes);
    s.users.transaction(() => {
      for (const attr of ['email', 'phone_number']) {
        if (updates[`${attr}_verified`] === 'true') {
          user.attributes[attr] = updates[attr] ?? user.attributes[attr] ?? '';
          s.users.claimAlias(pool, user, attr, false);
        }
      }
      applyAttributeUpdates(s, pool, user, updates);
    });
  },
);

const listUsers = poolOperation<ListUsersRequest, ListUsersResponse>()(
  'ListUsers',
  {
    UserPoolId: Fields.userPoolId,
    AttributesToGet: { type: 'stringList' },
    Limit: Fields.limit60,
    PaginationToken: Fields.nextToken,
    Filter: { type: 'string', max: 256 },
  },
  (s: Pick<Services, 'users'>, pool, input) => {
    const filter =
      input.Filter === undefined || input.Filter.trim() === '' ? undefined : parseUserFilter(input.Filter);
    const users = s.users.list(pool.Id);
    const matching = filter === undefined ? users : users.filter(filter);
    const page = { limit: input.Limit, token: input.PaginationToken, tokenKey: 'PaginationToken' } as const;
    return paged(matching, (u) => userType(u, input.AttributesToGet), { list: 'Users', ...page });
  },
);

/** IAM-authorized user administration. */
export const adminOperations: readonly CognitoOperation[] = [
  adminCreateUser,
  adminGetUser,
  adminConfirmSignUp,
  adminSetUserPassword,
  adminResetUserPassword,
  enablingOperation('AdminDisableUser', false),
  enablingOperation('AdminEnableUser', true),
  adminUpdateUserAttributes,
  listUsers,
  ...adminGroupOperations,
];
