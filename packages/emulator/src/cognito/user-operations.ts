import { type CognitoContext, hashToken } from './cognito-context.js';
import { CognitoException, invalidParameter, notAuthorized, userNotFound } from './cognito-error.js';
import { type CognitoOperation, operation } from './cognito-operation.js';
import { postConfirmation } from './cognito-triggers.js';
import { Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import { clearFailedSignIns } from './sign-in-lockout.js';
import {
  claimAlias,
  clientUserSpec,
  simulatedDelivery,
  srpPoolName,
  unknownUser,
} from './sign-up-operations.js';
import { checkPassword, createVerifier } from './srp.js';
import { applyAttributeUpdates } from './user-attribute-updates.js';
import { attributeList, checkAttributes } from './user-attributes.js';

// GetUser and AdminGetUser list `UserMFASettingList` (and `PreferredMfaSetting`) only for a user with MFA
// settings; this service has no MFA, so never.
const getUser = operation('none', { AccessToken: Fields.accessToken }, (ctx, input) => {
  const { user } = ctx.authenticate(input.AccessToken);
  return {
    Username: user.username,
    UserAttributes: attributeList(user.sub, user.attributes),
  };
});

/** Refuses writes (and deletes) of attributes the app client may not write. */
export function checkWritable(ctx: CognitoContext, clientId: unknown, names: string[]): void {
  const client = typeof clientId === 'string' ? ctx.store.getClient(clientId) : undefined;
  const writable = client?.WriteAttributes;
  if (writable === undefined || writable.length === 0) return;
  if (names.some((n) => !writable.includes(n)))
    throw notAuthorized('A client attempted to write unauthorized attribute');
}

const updateUserAttributes = operation(
  'none',
  {
    AccessToken: Fields.accessToken,
    UserAttributes: { type: 'attributes', required: true },
    ClientMetadata: Fields.clientMetadata,
  },
  (ctx, input) => {
    const { pool, user, claims } = ctx.authenticate(input.AccessToken);
    const updates = checkAttributes(pool, input.UserAttributes, 'user', user.attributes);
    checkWritable(ctx, claims.client_id, Object.keys(updates));
    const deliveries = applyAttributeUpdates(ctx, pool, user, updates, true);
    return deliveries.length > 0 ? { CodeDeliveryDetailsList: deliveries } : {};
  },
);

const attributeName = { type: 'string', required: true, min: 1, max: 32 } as const;

const getUserAttributeVerificationCode = operation(
  'none',
  { AccessToken: Fields.accessToken, AttributeName: attributeName, ClientMetadata: Fields.clientMetadata },
  (ctx, input) => {
    const { pool, user } = ctx.authenticate(input.AccessToken);
    const attr = input.AttributeName;
    if (attr !== 'email' && attr !== 'phone_number') {
      throw invalidParameter(`Invalid attribute name: ${attr} cannot be verified.`);
    }
    if ((user.attributes[attr] ?? '') === '') throw invalidParameter(`User does not have ${attr} attribute.`);
    // A new value waiting for verification gets the new code, at its own address.
    const pendingValue = user.codes.verify?.[attr]?.pendingValue;
    const code = { ...ctx.newCode('verify', attr), ...(pendingValue === undefined ? {} : { pendingValue }) };
    user.codes.verify = { ...(user.codes.verify ?? {}), [attr]: code };
    ctx.saveUser(pool, user);
    return {
      CodeDeliveryDetails: ctx.deliver(
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

const verifyUserAttribute = operation(
  'none',
  { AccessToken: Fields.accessToken, AttributeName: attributeName, Code: Fields.code },
  (ctx, input) => {
    const { pool, user } = ctx.authenticate(input.AccessToken);
    const attr = input.AttributeName;
    // Own members only: an AttributeName such as `constructor` names no code.
    const pending =
      user.codes.verify !== undefined && Object.hasOwn(user.codes.verify, attr)
        ? user.codes.verify[attr]
        : undefined;
    const result = ctx.matchCode(pending, input.Code);
    if (result !== 'ok') {
      ctx.saveUser(pool, user);
      throw result;
    }
    // A new value held until verified (AttributesRequireVerificationBeforeUpdate) takes effect now.
    if (pending?.pendingValue !== undefined) user.attributes[attr] = pending.pendingValue;
    ctx.store.transaction(() => {
      for (const other of claimAlias(ctx, pool, user, attr, false)) ctx.saveUser(pool, other);
      if (user.codes.verify !== undefined) delete user.codes.verify[attr];
      ctx.saveUser(pool, user);
    });
    return {};
  },
);

const deleteUser = operation('none', { AccessToken: Fields.accessToken }, (ctx, input) => {
  const { pool, user } = ctx.authenticate(input.AccessToken);
  ctx.store.deleteUser(pool.Id, ctx.key(pool, user.username), user.username);
  return {};
});

const changePassword = operation(
  'none',
  {
    PreviousPassword: { ...Fields.password, required: false },
    ProposedPassword: Fields.password,
    AccessToken: Fields.accessToken,
  },
  (ctx, input) => {
    const { pool, user } = ctx.authenticate(input.AccessToken);
    if (user.credential !== undefined) {
      if (input.PreviousPassword === undefined)
        throw invalidParameter('Missing required parameter PreviousPassword');
      if (!checkPassword(srpPoolName(pool.Id), user.username, input.PreviousPassword, user.credential)) {
        throw notAuthorized('Incorrect username or password.');
      }
    }
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.ProposedPassword);
    user.credential = createVerifier(srpPoolName(pool.Id), user.username, input.ProposedPassword);
    ctx.saveUser(pool, user);
    return {};
  },
);

const forgotPassword = operation('none', clientUserSpec, (ctx, input) => {
  const { pool, client } = ctx.requireClient(input.ClientId);
  const user = ctx.findUser(pool, input.Username);
  ctx.checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  const hidden = client.PreventUserExistenceErrors === 'ENABLED';
  const simulated = () => {
    // As a real user's new code does, the simulated one restarts the count of wrong guesses.
    ctx.unknownUsers.resetCodeFailures(pool.Id, ctx.unknownUserKey(pool, input.Username), 'forgotPassword');
    return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username) };
  };
  if (user === undefined) {
    if (hidden) return simulated();
    throw userNotFound();
  }
  if (!user.enabled) {
    if (hidden) return simulated();
    throw notAuthorized('User is disabled.');
  }
  const channel = ctx.recoveryChannel(pool, user);
  if (channel === undefined) {
    if (hidden) return simulated();
    throw invalidParameter(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
  }
  user.codes.forgotPassword = ctx.newCode('forgotPassword', channel);
  ctx.saveUser(pool, user);
  return {
    CodeDeliveryDetails: ctx.deliver(pool, user, 'ForgotPassword', channel, {
      code: user.codes.forgotPassword.code,
    }),
  };
});

const confirmForgotPassword = operation(
  'none',
  { ...clientUserSpec, ConfirmationCode: Fields.code, Password: Fields.password },
  async (ctx, input) => {
    const { pool, client } = ctx.requireClient(input.ClientId);
    const user = ctx.findUser(pool, input.Username);
    ctx.checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
    // A hiding client answers a name that matches no user (or a disabled user) as a wrong code, counting the
    // guesses so the attempt limit comes when it would for a user with a code.
    const hiddenFailure = () => ctx.hiddenCodeFailure(pool, input.Username, 'forgotPassword');
    if (user === undefined) throw unknownUser(client, hiddenFailure);
    if (!user.enabled) {
      if (client.PreventUserExistenceErrors === 'ENABLED') throw hiddenFailure();
      throw notAuthorized('User is disabled.');
    }
    const result = ctx.matchCode(user.codes.forgotPassword, input.ConfirmationCode);
    if (result !== 'ok') {
      ctx.saveUser(pool, user);
      throw result;
    }
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.Password);
    user.credential = createVerifier(srpPoolName(pool.Id), user.username, input.Password);
    delete user.codes.forgotPassword;
    delete user.temporaryPasswordExpiresAt;
    if (user.status === 'RESET_REQUIRED' || user.status === 'FORCE_CHANGE_PASSWORD')
      user.status = 'CONFIRMED';
    clearFailedSignIns(user);
    ctx.saveUser(pool, user);
    await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmForgotPassword', {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
);

const globalSignOut = operation('none', { AccessToken: Fields.accessToken }, (ctx, input) => {
  const { pool, user } = ctx.authenticate(input.AccessToken);
  ctx.signOutEverywhere(pool, user);
  return {};
});

const revokeToken = operation(
  'none',
  {
    Token: { type: 'string', required: true, pattern: /^[A-Za-z0-9_=.-]+$/ },
    ClientId: Fields.clientId,
    ClientSecret: { type: 'string', min: 1, max: 64 },
    ClientMetadata: Fields.clientMetadata,
  },
  (ctx, input) => {
    const { client } = ctx.requireClient(input.ClientId);
    ctx.checkClientSecret(client, input.ClientSecret);
    if (!client.EnableTokenRevocation) {
      throw new CognitoException(
        'UnsupportedOperationException',
        'Token revocation is not enabled for this client.',
      );
    }
    const record = ctx.store.getRefreshToken(hashToken(input.Token));
    if (record === undefined) {
      // An access or ID token (three parts) is the wrong kind; an unknown refresh token is already "revoked".
      if (input.Token.split('.').length === 3) {
        throw new CognitoException(
          'UnsupportedTokenTypeException',
          'Unsupported token type: only refresh tokens can be revoked.',
        );
      }
      return {};
    }
    if (record.clientId !== client.ClientId) {
      throw new CognitoException('UnauthorizedException', 'The token was not issued to this client.');
    }
    ctx.store.revokeOrigin(record.originJti, ctx.now());
    return {};
  },
);

/** Operations a signed-in user calls with an access token, and password recovery. */
export const userOperations: Record<string, CognitoOperation> = {
  GetUser: getUser,
  UpdateUserAttributes: updateUserAttributes,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  VerifyUserAttribute: verifyUserAttribute,
  DeleteUser: deleteUser,
  ChangePassword: changePassword,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  GlobalSignOut: globalSignOut,
  RevokeToken: revokeToken,
};
