import type {
  ChangePasswordRequest,
  ChangePasswordResponse,
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse,
  GetUserRequest,
  GetUserResponse,
  RevokeTokenRequest,
  RevokeTokenResponse,
  UpdateUserAttributesRequest,
  UpdateUserAttributesResponse,
  VerifyUserAttributeRequest,
  VerifyUserAttributeResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { selfAndAdminOperations } from './admin-lookup.js';
import { CognitoException, invalidParameter, notAuthorized } from './cognito-error.js';
import { type CognitoOperation, sdkOperation, signedInOperation } from './cognito-operation.js';
import { applyAttributeUpdates } from './domain/attribute-updates.js';
import { checkClientSecret, checkWritable } from './domain/client-policy.js';
import { passwordMatches, passwordVerifier } from './domain/credentials.js';
import { userMfaView } from './domain/mfa-settings.js';
import { INCORRECT_CREDENTIALS } from './domain/sign-in-guard.js';
import { Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import { passwordRecoveryOperations } from './password-recovery-operations.js';
import type { Services } from './services.js';
import { attributeList, checkAttributes } from './user-attributes.js';

// GetUser and AdminGetUser list `UserMFASettingList` (and `PreferredMfaSetting`) only for a user with MFA
// settings, as AWS does.
const getUser = signedInOperation<GetUserRequest, GetUserResponse>()(
  'GetUser',
  { AccessToken: Fields.accessToken },
  (_s: unknown, { user }) => ({
    Username: user.username,
    UserAttributes: attributeList(user.sub, user.attributes),
    ...userMfaView(user),
  }),
);

const updateUserAttributes = signedInOperation<UpdateUserAttributesRequest, UpdateUserAttributesResponse>()(
  'UpdateUserAttributes',
  {
    AccessToken: Fields.accessToken,
    UserAttributes: { type: 'attributes', required: true },
    ClientMetadata: Fields.clientMetadata,
  },
  (s: Pick<Services, 'pools' | 'users' | 'codes' | 'delivery'>, { pool, user, claims }, input) => {
    const updates = checkAttributes(pool, input.UserAttributes, 'user', user.attributes);
    checkWritable(s.pools.clientOfToken(claims), Object.keys(updates));
    const deliveries = applyAttributeUpdates(s, pool, user, updates);
    return deliveries.length > 0 ? { CodeDeliveryDetailsList: deliveries } : {};
  },
);

const attributeName = { type: 'string', required: true, min: 1, max: 32 } as const;

const getUserAttributeVerificationCode = signedInOperation<
  GetUserAttributeVerificationCodeRequest,
  GetUserAttributeVerificationCodeResponse
>()(
  'GetUserAttributeVerificationCode',
  { AccessToken: Fields.accessToken, AttributeName: attributeName, ClientMetadata: Fields.clientMetadata },
  (s: Pick<Services, 'codes' | 'delivery'>, { pool, user }, input) => {
    const attr = input.AttributeName;
    if (attr !== 'email' && attr !== 'phone_number') {
      throw invalidParameter(`Invalid attribute name: ${attr} cannot be verified.`);
    }
    if ((user.attributes[attr] ?? '') === '') throw invalidParameter(`User does not have ${attr} attribute.`);
    // A new value waiting for verification gets the new code, at its own address.
    const pendingValue = s.codes.pending(user, { verify: attr })?.pendingValue;
    const code = s.codes.issue(pool, user, { verify: attr }, attr, pendingValue);
    return {
      CodeDeliveryDetails: s.delivery.deliver(
        pool,
        user,
        'VerifyUserAttribute',
        attr,
        { code: code.code },
        pendingValue,
      ),
    };
  },
);

const verifyUserAttribute = signedInOperation<VerifyUserAttributeRequest, VerifyUserAttributeResponse>()(
  'VerifyUserAttribute',
  { AccessToken: Fields.accessToken, AttributeName: attributeName, Code: Fields.code },
  (s: Pick<Services, 'users' | 'codes'>, { pool, user }, input) => {
    const attr = input.AttributeName;
    const matched = s.codes.match(pool, user, { verify: attr }, input.Code);
    // A new value held until verified (AttributesRequireVerificationBeforeUpdate) takes effect now.
    if (matched.pendingValue !== undefined) user.attributes[attr] = matched.pendingValue;
    s.users.transaction(() => {
      s.users.claimAlias(pool, user, attr, false);
      s.users.save(pool, user);
    });
  },
);

const changePassword = signedInOperation<ChangePasswordRequest, ChangePasswordResponse>()(
  'ChangePassword',
  {
    PreviousPassword: { ...Fields.password, required: false },
    ProposedPassword: Fields.password,
    AccessToken: Fields.accessToken,
  },
  (s: Pick<Services, 'users'>, { pool, user }, input) => {
    if (user.credential !== undefined) {
      if (input.PreviousPassword === undefined)
        throw invalidParameter('Missing required parameter PreviousPassword');
      if (!passwordMatches(pool.Id, user.username, input.PreviousPassword, user.credential)) {
        throw notAuthorized(INCORRECT_CREDENTIALS);
      }
    }
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.ProposedPassword);
    user.credential = passwordVerifier(pool.Id, user.username, input.ProposedPassword);
    s.users.save(pool, user);
  },
);

const revokeToken = sdkOperation<RevokeTokenRequest, RevokeTokenResponse>()(
  'RevokeToken',
  'none',
  {
    Token: { type: 'string', required: true, pattern: /^[A-Za-z0-9_=.-]+$/ },
    ClientId: Fields.clientId,
    ClientSecret: { type: 'string', min: 1, max: 64 },
  },
  (s: Pick<Services, 'pools' | 'tokens'>, input) => {
    const { client } = s.pools.requireClient(input.ClientId);
    checkClientSecret(client, input.ClientSecret);
    if (!client.EnableTokenRevocation) {
      throw new CognitoException(
        'UnsupportedOperationException',
        'Token revocation is not enabled for this client.',
      );
    }
    const record = s.tokens.findRefreshToken(input.Token);
    if (record === undefined) {
      // An access or ID token (three parts) is the wrong kind; an unknown refresh token is already "revoked".
      if (input.Token.split('.').length === 3) {
        throw new CognitoException(
          'UnsupportedTokenTypeException',
          'Unsupported token type: only refresh tokens can be revoked.',
        );
      }
      return;
    }
    if (record.clientId !== client.ClientId) {
      throw new CognitoException('UnauthorizedException', 'The token was not issued to this client.');
    }
    s.tokens.revokeSession(record.originJti);
  },
);

// DeleteUser and AdminDeleteUser: the user's refresh tokens and group memberships go with them.
const [deleteUser, adminDeleteUser] = selfAndAdminOperations(
  { self: 'DeleteUser', admin: 'AdminDeleteUser' },
  (s: Pick<Services, 'users'>, { pool, user }) => s.users.delete(pool, user),
);

// GlobalSignOut and AdminUserGlobalSignOut: every refresh token of the user is revoked, and every access
// token issued before now stops working.
const [globalSignOut, adminUserGlobalSignOut] = selfAndAdminOperations(
  { self: 'GlobalSignOut', admin: 'AdminUserGlobalSignOut' },
  (s: Pick<Services, 'tokens'>, { pool, user }) => s.tokens.signOutEverywhere(pool, user),
);

/**
 * Operations a signed-in user calls with an access token, with the administrator's forms of those that have
 * one (AdminDeleteUser, AdminUserGlobalSignOut), and password recovery.
 */
export const userOperations: readonly CognitoOperation[] = [
  getUser,
  updateUserAttributes,
  getUserAttributeVerificationCode,
  verifyUserAttribute,
  deleteUser,
  adminDeleteUser,
  changePassword,
  ...passwordRecoveryOperations,
  globalSignOut,
  adminUserGlobalSignOut,
  revokeToken,
];
