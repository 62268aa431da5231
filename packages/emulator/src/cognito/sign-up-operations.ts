import type {
  ConfirmSignUpRequest,
  ConfirmSignUpResponse,
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
  SignUpRequest,
  SignUpResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { clientUserOperation } from './client-user.js';
import { invalidParameter, notAuthorized, userNotFound } from './cognito-error.js';
import { type CognitoOperation, sdkOperation } from './cognito-operation.js';
import { postConfirmation, preSignUp } from './cognito-triggers.js';
import { checkSecretHash, hidesUserExistence, unknownUserError } from './domain/client-policy.js';
import { passwordVerifier } from './domain/credentials.js';
import { newUserRecord, pairsToMap, resolveNewUsername } from './domain/new-user.js';
import { clientUserSpec, Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import type { Services } from './services.js';
import { checkAttributes, checkRequiredAttributes } from './user-attributes.js';

const signUp = sdkOperation<SignUpRequest, SignUpResponse>()(
  'SignUp',
  'none',
  {
    ClientId: Fields.clientId,
    SecretHash: Fields.secretHash,
    Username: Fields.username,
    Password: Fields.password,
    UserAttributes: Fields.attributes,
    ValidationData: Fields.attributes,
    ClientMetadata: Fields.clientMetadata,
    AnalyticsMetadata: Fields.analytics,
    UserContextData: Fields.analytics,
  },
  async (s: Pick<Services, 'config' | 'pools' | 'users' | 'codes' | 'delivery'>, input) => {
    const { pool, client } = s.pools.requireClient(input.ClientId);
    checkSecretHash(client, [input.Username], input.SecretHash);
    if (pool.AdminCreateUserConfig.AllowAdminCreateUserOnly) {
      throw notAuthorized('SignUp is not permitted for this user pool');
    }
    const attributes = checkAttributes(pool, input.UserAttributes, 'user');
    for (const [k, v] of Object.entries(attributes)) if (v === '') delete attributes[k];
    const { username, sub } = resolveNewUsername(pool, input.Username, attributes);
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.Password);
    checkRequiredAttributes(pool, attributes);
    const user = newUserRecord(pool, s.config.now(), { username, sub, status: 'UNCONFIRMED', attributes });
    // Fail fast before running the trigger; the insert below re-checks inside its transaction.
    s.users.assertUsernameFree(pool, user);
    const response = await preSignUp(s.config, pool, 'PreSignUp_SignUp', {
      userName: input.Username,
      clientId: client.ClientId,
      attributes,
      validationData: pairsToMap(input.ValidationData),
      clientMetadata: input.ClientMetadata,
    });
    if (response?.autoConfirmUser === true) user.status = 'CONFIRMED';
    if (response?.autoVerifyEmail === true && attributes.email) attributes.email_verified = 'true';
    if (response?.autoVerifyPhone === true && attributes.phone_number)
      attributes.phone_number_verified = 'true';
    user.credential = passwordVerifier(pool.Id, username, input.Password);
    const channel = user.status === 'UNCONFIRMED' ? s.users.signUpChannel(pool, user) : undefined;
    // The user and their first code land together, or neither does.
    const code = s.users.transaction(() => {
      s.users.insert(pool, user);
      return channel === undefined ? undefined : s.codes.issue(pool, user, 'signUp', channel);
    });
    const details =
      channel === undefined || code === undefined
        ? undefined
        : s.delivery.deliver(pool, user, 'SignUp', channel, { code: code.code });
    return {
      UserConfirmed: user.status === 'CONFIRMED',
      UserSub: sub,
      ...(details === undefined ? {} : { CodeDeliveryDetails: details }),
    };
  },
);

const confirmSignUp = clientUserOperation<ConfirmSignUpRequest, ConfirmSignUpResponse>()(
  'ConfirmSignUp',
  {
    ClientId: Fields.clientId,
    SecretHash: Fields.secretHash,
    Username: Fields.username,
    ConfirmationCode: Fields.code,
    ForceAliasCreation: { type: 'boolean' },
    ClientMetadata: Fields.clientMetadata,
    AnalyticsMetadata: Fields.analytics,
    UserContextData: Fields.analytics,
    Session: { type: 'string' },
  },
  async (s: Pick<Services, 'config' | 'users' | 'codes'>, { pool, client, user }, input) => {
    if (user === undefined) {
      // Hidden as a wrong code, counted so the attempt limit comes as it would for a user with a code.
      throw unknownUserError(client, () => s.codes.hiddenFailure(pool, input.Username, 'signUp'));
    }
    // AWS itself tells a confirmed user apart here, whatever the client's PreventUserExistenceErrors
    // ("User cannot be confirmed. Current status is CONFIRMED"), so this answer is kept as AWS gives it.
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    const { attributeName } = s.codes.match(pool, user, 'signUp', input.ConfirmationCode);
    s.users.transaction(() => {
      if (attributeName !== undefined) {
        s.users.claimAlias(pool, user, attributeName, input.ForceAliasCreation === true);
      }
      user.status = 'CONFIRMED';
      s.users.save(pool, user);
    });
    await postConfirmation(s.config, pool, user, 'PostConfirmation_ConfirmSignUp', {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
  },
);

const resendConfirmationCode = clientUserOperation<
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse
>()(
  'ResendConfirmationCode',
  clientUserSpec,
  (s: Pick<Services, 'users' | 'codes' | 'delivery'>, { pool, client, user }, input) => {
    if ((user === undefined || !user.enabled) && hidesUserExistence(client)) {
      // The answer an existing user would get, so the caller cannot tell the difference; like a real new code,
      // it restarts the count of wrong guesses.
      s.codes.resetHidden(pool, input.Username, 'signUp');
      return { CodeDeliveryDetails: s.delivery.simulated(pool, input.Username) };
    }
    if (user === undefined) throw userNotFound();
    if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
    const channel = s.users.signUpChannel(pool, user);
    if (channel === undefined) throw invalidParameter('Auto verification not turned on.');
    const code = s.codes.issue(pool, user, 'signUp', channel);
    return {
      CodeDeliveryDetails: s.delivery.deliver(pool, user, 'ResendConfirmationCode', channel, {
        code: code.code,
      }),
    };
  },
);

/** SignUp, ConfirmSignUp, ResendConfirmationCode. */
export const signUpOperations: readonly CognitoOperation[] = [signUp, confirmSignUp, resendConfirmationCode];
