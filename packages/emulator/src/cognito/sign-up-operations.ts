import { randomUUID } from 'node:crypto';
import type { CognitoContext } from './cognito-context.js';
import { CognitoException, invalidParameter, notAuthorized, userNotFound } from './cognito-error.js';
import { type CognitoOperation, operation } from './cognito-operation.js';
import { postConfirmation, runTrigger } from './cognito-triggers.js';
import type { UserPool, UserPoolClient, UserRecord } from './cognito-types.js';
import { type AttributePair, Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import { createVerifier } from './srp.js';
import { checkAttributes, checkRequiredAttributes } from './user-attributes.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[0-9]{4,15}$/;

/** The part of a pool id after the region: the "pool name" SRP mixes into every hash. */
export function srpPoolName(poolId: string): string {
  return poolId.split('_')[1] ?? poolId;
}

/** A name → value map of `[{Name, Value}]` (ValidationData, ClientMetadata-like lists). */
export function pairsToMap(pairs: AttributePair[] | undefined): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map((p) => [p.Name, p.Value ?? '']));
}

/**
 * Works out the immutable username of a new user. With `UsernameAttributes` the typed name is an email or
 * phone number that becomes that attribute, and the username is a UUID (equal to `sub`), as on AWS.
 */
export function resolveNewUsername(
  pool: UserPool,
  typed: string,
  attributes: Record<string, string>,
): { username: string; sub: string } {
  const sub = randomUUID();
  const ua = pool.UsernameAttributes ?? [];
  if (ua.length > 0) {
    if (ua.includes('email') && EMAIL.test(typed)) attributes.email = typed;
    else if (ua.includes('phone_number') && PHONE.test(typed)) attributes.phone_number = typed;
    else if (ua.length === 2) throw invalidParameter('Username should be either an email or a phone number.');
    else if (ua[0] === 'email') throw invalidParameter('Username should be an email.');
    else throw invalidParameter('Username should be a phone number.');
    return { username: sub, sub };
  }
  const aliases = pool.AliasAttributes ?? [];
  if (aliases.includes('email') && EMAIL.test(typed)) {
    throw invalidParameter(
      'Username cannot be of email format, since user pool is configured for email alias.',
    );
  }
  if (aliases.includes('phone_number') && PHONE.test(typed)) {
    throw invalidParameter(
      'Username cannot be of phone number format, since user pool is configured for phone number alias.',
    );
  }
  return { username: typed, sub };
}

/** A user record as created by SignUp or AdminCreateUser: no codes, no failed sign-ins, created now. */
export function newUserRecord(
  ctx: CognitoContext,
  pool: UserPool,
  fields: Pick<UserRecord, 'username' | 'sub' | 'status' | 'attributes'> &
    Partial<Pick<UserRecord, 'credential' | 'temporaryPasswordExpiresAt'>>,
): UserRecord {
  const now = ctx.now();
  return {
    poolId: pool.Id,
    enabled: true,
    ...fields,
    codes: {},
    failedSignIns: 0,
    lastFailedSignInAt: 0,
    lockedUntil: 0,
    createdAt: now,
    modifiedAt: now,
  };
}

/** Throws UsernameExistsException when the name (or, for email/phone usernames, the address) is taken. */
export function assertUsernameFree(ctx: CognitoContext, pool: UserPool, user: UserRecord): void {
  if (ctx.store.getUser(pool.Id, ctx.key(pool, user.username)) !== undefined) {
    throw new CognitoException('UsernameExistsException', 'User already exists');
  }
  for (const attr of pool.UsernameAttributes ?? []) {
    const value = user.attributes[attr];
    if (value === undefined || value === '') continue;
    const taken = ctx.store.findUsersBy(pool.Id, attr === 'email' ? 'email' : 'phone', ctx.key(pool, value));
    if (taken.length > 0) {
      throw new CognitoException(
        'UsernameExistsException',
        `An account with the given ${attr} already exists.`,
      );
    }
  }
}

/** Inserts a new user atomically with the uniqueness checks (concurrent sign-ups of one name: one wins). */
export function insertNewUser(ctx: CognitoContext, pool: UserPool, user: UserRecord): void {
  ctx.store.transaction(() => {
    assertUsernameFree(ctx, pool, user);
    if (!ctx.store.insertUser(user, ctx.userKeys(pool, user))) {
      throw new CognitoException('UsernameExistsException', 'User already exists');
    }
  });
}

/** The error for an unknown user: hidden as `hidden` when the client prevents user-existence errors. */
export function unknownUser(client: UserPoolClient, hidden: () => Error): Error {
  return client.PreventUserExistenceErrors === 'ENABLED' ? hidden() : userNotFound();
}

const signUp = operation(
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
  async (ctx, input) => {
    const { pool, client } = ctx.requireClient(input.ClientId);
    ctx.checkSecretHash(client, [input.Username], input.SecretHash);
    if (pool.AdminCreateUserConfig.AllowAdminCreateUserOnly) {
      throw notAuthorized('SignUp is not permitted for this user pool');
    }
    const attributes = checkAttributes(pool, input.UserAttributes, 'user');
    for (const [k, v] of Object.entries(attributes)) if (v === '') delete attributes[k];
    const { username, sub } = resolveNewUsername(pool, input.Username, attributes);
    checkPasswordPolicy(pool.Policies.PasswordPolicy, input.Password);
    checkRequiredAttributes(pool, attributes);
    const user = newUserRecord(ctx, pool, { username, sub, status: 'UNCONFIRMED', attributes });
    // Fail fast before running the trigger; the insert below re-checks inside its transaction.
    assertUsernameFree(ctx, pool, user);
    const response = await runTrigger(ctx, pool, 'PreSignUp', {
      triggerSource: 'PreSignUp_SignUp',
      userName: input.Username,
      clientId: client.ClientId,
      request: {
        userAttributes: { ...attributes },
        validationData: pairsToMap(input.ValidationData),
        ...(input.ClientMetadata === undefined ? {} : { clientMetadata: input.ClientMetadata }),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    });
    if (response?.autoConfirmUser === true) user.status = 'CONFIRMED';
    if (response?.autoVerifyEmail === true && attributes.email) attributes.email_verified = 'true';
    if (response?.autoVerifyPhone === true && attributes.phone_number)
      attributes.phone_number_verified = 'true';
    user.credential = createVerifier(srpPoolName(pool.Id), username, input.Password);
    const channel = user.status === 'UNCONFIRMED' ? ctx.signUpChannel(pool, user) : undefined;
    if (channel !== undefined) user.codes.signUp = ctx.newCode('signUp', channel);
    insertNewUser(ctx, pool, user);
    const details =
      channel !== undefined && user.codes.signUp !== undefined
        ? ctx.deliver(pool, user, 'SignUp', channel, { code: user.codes.signUp.code })
        : undefined;
    return {
      UserConfirmed: user.status === 'CONFIRMED',
      UserSub: sub,
      ...(details === undefined ? {} : { CodeDeliveryDetails: details }),
    };
  },
);

/** Marks `attr` verified on `user`, moving a verified alias away from another user only when forced. */
export function claimAlias(
  ctx: CognitoContext,
  pool: UserPool,
  user: UserRecord,
  attr: string,
  force: boolean,
): UserRecord[] {
  const changed: UserRecord[] = [];
  const value = user.attributes[attr];
  if ((pool.AliasAttributes ?? []).includes(attr) && value !== undefined && value !== '') {
    const column = attr === 'email' ? 'email' : 'phone';
    for (const other of ctx.store.findUsersBy(pool.Id, column, ctx.key(pool, value))) {
      if (other.username === user.username || other.attributes[`${attr}_verified`] !== 'true') continue;
      if (!force) {
        throw new CognitoException(
          'AliasExistsException',
          `An account with the ${attr === 'email' ? 'email' : 'phone number'} already exists.`,
        );
      }
      other.attributes[`${attr}_verified`] = 'false';
      changed.push(other);
    }
  }
  user.attributes[`${attr}_verified`] = 'true';
  return changed;
}

const confirmSignUp = operation(
  'none',
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
  async (ctx, input) => {
    const { pool, client } = ctx.requireClient(input.ClientId);
    const user = ctx.findUser(pool, input.Username);
    ctx.checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
    if (user === undefined) {
      // Hidden as a wrong code, counted so the attempt limit comes as it would for a user with a code.
      throw unknownUser(client, () => ctx.hiddenCodeFailure(pool, input.Username, 'signUp'));
    }
    // AWS itself tells a confirmed user apart here, whatever the client's PreventUserExistenceErrors
    // ("User cannot be confirmed. Current status is CONFIRMED"), so this answer is kept as AWS gives it.
    if (user.status !== 'UNCONFIRMED') {
      throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
    }
    const result = ctx.matchCode(user.codes.signUp, input.ConfirmationCode);
    if (result !== 'ok') {
      ctx.saveUser(pool, user);
      throw result;
    }
    const attr = user.codes.signUp?.attributeName;
    ctx.store.transaction(() => {
      const others =
        attr === undefined ? [] : claimAlias(ctx, pool, user, attr, input.ForceAliasCreation === true);
      for (const o of others) ctx.saveUser(pool, o);
      user.status = 'CONFIRMED';
      delete user.codes.signUp;
      ctx.saveUser(pool, user);
    });
    await postConfirmation(ctx, pool, user, 'PostConfirmation_ConfirmSignUp', {
      clientId: client.ClientId,
      clientMetadata: input.ClientMetadata,
    });
    return {};
  },
);

/** The input of the public operations that name a user through an app client (ResendConfirmationCode, ForgotPassword…). */
export const clientUserSpec = {
  ClientId: Fields.clientId,
  SecretHash: Fields.secretHash,
  Username: Fields.username,
  ClientMetadata: Fields.clientMetadata,
  AnalyticsMetadata: Fields.analytics,
  UserContextData: Fields.analytics,
} as const;

const resendConfirmationCode = operation('none', clientUserSpec, (ctx, input) => {
  const { pool, client } = ctx.requireClient(input.ClientId);
  const user = ctx.findUser(pool, input.Username);
  ctx.checkSecretHash(client, [input.Username, ...(user ? [user.username] : [])], input.SecretHash);
  if ((user === undefined || !user.enabled) && client.PreventUserExistenceErrors === 'ENABLED') {
    // The answer an existing user would get, so the caller cannot tell the difference; like a real new code,
    // it restarts the count of wrong guesses.
    ctx.unknownUsers.resetCodeFailures(pool.Id, ctx.unknownUserKey(pool, input.Username), 'signUp');
    return { CodeDeliveryDetails: simulatedDelivery(pool, input.Username) };
  }
  if (user === undefined) throw userNotFound();
  if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
  const channel = ctx.signUpChannel(pool, user);
  if (channel === undefined) throw invalidParameter('Auto verification not turned on.');
  user.codes.signUp = ctx.newCode('signUp', channel);
  ctx.saveUser(pool, user);
  return {
    CodeDeliveryDetails: ctx.deliver(pool, user, 'ResendConfirmationCode', channel, {
      code: user.codes.signUp.code,
    }),
  };
});

/** Delivery details for a user who does not exist (PreventUserExistenceErrors): plausible and stable. */
export function simulatedDelivery(pool: UserPool, typed: string): Record<string, string> {
  const email = (pool.AutoVerifiedAttributes ?? ['email']).includes('email') || EMAIL.test(typed);
  return email
    ? {
        Destination: `${typed.charAt(0)}***@${(typed.split('@')[1] ?? 'e').charAt(0)}***`,
        DeliveryMedium: 'EMAIL',
        AttributeName: 'email',
      }
    : { Destination: '+*******0000', DeliveryMedium: 'SMS', AttributeName: 'phone_number' };
}

/** SignUp, ConfirmSignUp, ResendConfirmationCode. */
export const signUpOperations: Record<string, CognitoOperation> = {
  SignUp: signUp,
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
};
