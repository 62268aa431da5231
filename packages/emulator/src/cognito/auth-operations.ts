import { createHmac, randomBytes } from 'node:crypto';
import { flowAllowed } from './client-auth-flows.js';
import type { CognitoContext } from './cognito-context.js';
import { invalidParameter, notAuthorized, userNotFound } from './cognito-error.js';
import { type CognitoOperation, operation } from './cognito-operation.js';
import { runTrigger, triggerAttributes } from './cognito-triggers.js';
import type { UserPool, UserPoolClient, UserRecord } from './cognito-types.js';
import { Fields } from './input-validation.js';
import { checkPasswordPolicy } from './password-policy.js';
import { refreshAuth } from './refresh-auth.js';
import {
  checkEnabledAfterProof,
  checkSignInAllowed,
  checkTemporaryPassword,
  checkUnknownLockout,
  hidesUsers,
  INCORRECT,
  recordFailure,
  recordSuccess,
  recordUnknownFailure,
} from './sign-in-checks.js';
import { srpPoolName } from './sign-up-operations.js';
import {
  checkPassword,
  createServerChallenge,
  createVerifier,
  isValidSrpA,
  SRP_N,
  verifyClaimSignature,
} from './srp.js';
import { mintTokens } from './token-minter.js';
import { checkAttributes, checkRequiredAttributes, withVerificationFlags } from './user-attributes.js';

/** What an auth operation answers. */
type AuthResponse = Record<string, unknown>;

function requireParam(params: Record<string, string>, name: string): string {
  const v = params[name];
  if (v === undefined || v === '') throw invalidParameter(`Missing required parameter ${name}`);
  return v;
}

/**
 * The PreAuthentication trigger. For a client that hides users it also runs for a user who does not exist,
 * with `userNotFound: true` and the name as typed, as AWS runs it.
 */
async function preAuthentication(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  user: UserRecord | { unknown: string },
  clientMetadata: Record<string, string> | undefined,
): Promise<void> {
  const found = !('unknown' in user);
  await runTrigger(ctx, pool, 'PreAuthentication', {
    triggerSource: 'PreAuthentication_Authentication',
    userName: found ? user.username : user.unknown,
    clientId: client.ClientId,
    request: {
      userAttributes: found ? triggerAttributes(user) : {},
      userNotFound: !found,
      validationData: clientMetadata ?? {},
    },
  });
}

/** After the password is proven: a NEW_PASSWORD_REQUIRED challenge for temporary passwords, otherwise tokens. */
async function completeSignIn(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  user: UserRecord,
  clientMetadata: Record<string, string> | undefined,
): Promise<AuthResponse> {
  recordSuccess(ctx, pool, user);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const session = ctx.challenges.put(
      { kind: 'newPassword', poolId: pool.Id, clientId: client.ClientId, username: user.username },
      client.AuthSessionValidity * 60_000,
    );
    const missing = pool.SchemaAttributes.filter(
      (a) => a.Required && a.Name !== 'sub' && (user.attributes[a.Name] ?? '') === '',
    ).map((a) => a.Name);
    // As captured Cognito answers show: the attributes with their verification flags, strings like every
    // attribute value in the API (`{"email_verified":"true","email":…}`; amazon-cognito-identity-js's own sample
    // deletes `email_verified` before answering, since flags cannot be written back), and each missing
    // required attribute as an empty string (`"given_name":""`).
    const visible = {
      ...withVerificationFlags(user.attributes),
      ...Object.fromEntries(missing.map((name) => [name, ''])),
    };
    const required = missing.map((name) => `userAttributes.${name}`);
    return {
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeParameters: {
        USER_ID_FOR_SRP: user.username,
        requiredAttributes: JSON.stringify(required),
        userAttributes: JSON.stringify(visible),
      },
    };
  }
  return issueTokens(ctx, pool, client, user, clientMetadata, 'TokenGeneration_Authentication');
}

async function issueTokens(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  user: UserRecord,
  clientMetadata: Record<string, string> | undefined,
  triggerSource: string,
): Promise<AuthResponse> {
  await runTrigger(ctx, pool, 'PostAuthentication', {
    triggerSource: 'PostAuthentication_Authentication',
    userName: user.username,
    clientId: client.ClientId,
    request: {
      userAttributes: triggerAttributes(user),
      newDeviceUsed: false,
      ...(clientMetadata === undefined ? {} : { clientMetadata }),
    },
  });
  const result = await mintTokens(ctx, {
    pool,
    client,
    user,
    triggerSource,
    ...(clientMetadata === undefined ? {} : { clientMetadata }),
    issueRefreshToken: true,
  });
  return { ChallengeParameters: {}, AuthenticationResult: result };
}

async function passwordAuth(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  params: Record<string, string>,
  clientMetadata: Record<string, string> | undefined,
): Promise<AuthResponse> {
  const typed = requireParam(params, 'USERNAME');
  const password = requireParam(params, 'PASSWORD');
  const user = ctx.findUser(pool, typed);
  ctx.checkSecretHash(client, [typed, ...(user ? [user.username] : [])], params.SECRET_HASH);
  if (user === undefined) {
    if (!hidesUsers(client)) throw userNotFound();
    // The steps a real user's attempt takes (lockout, trigger, one password derivation, failure counted), so
    // neither the answers, their sequence, nor the time they take tell that the user does not exist.
    checkUnknownLockout(ctx, pool, typed);
    await preAuthentication(ctx, pool, client, { unknown: typed }, clientMetadata);
    const fake = simulatedSrpUser(pool, ctx.key(pool, typed));
    checkPassword(srpPoolName(pool.Id), fake.username, password, fake);
    throw recordUnknownFailure(ctx, pool, typed);
  }
  checkSignInAllowed(ctx, client, user);
  await preAuthentication(ctx, pool, client, user, clientMetadata);
  if (
    user.credential === undefined ||
    !checkPassword(srpPoolName(pool.Id), user.username, password, user.credential)
  ) {
    throw recordFailure(ctx, pool, user);
  }
  checkEnabledAfterProof(user);
  checkTemporaryPassword(ctx, user);
  return completeSignIn(ctx, pool, client, user, clientMetadata);
}

/**
 * A deterministic stand-in for an unknown user's SRP parameters (PreventUserExistenceErrors = ENABLED): the
 * same salt and UUID-shaped id for the same name every time, derived from a per-pool secret.
 */
function simulatedSrpUser(pool: UserPool, key: string): { username: string; salt: string; verifier: string } {
  const digest = createHmac('sha256', Buffer.from(pool.FakeSaltKey, 'hex')).update(key).digest('hex');
  const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-a${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
  const saltBytes = Buffer.from(digest.slice(32, 64), 'hex');
  saltBytes[0] = (saltBytes[0] ?? 0) & 0x7f;
  // Any value in the group does as the stand-in verifier: it only has to cost what a real one costs.
  const verifier = (BigInt(`0x${randomBytes(384).toString('hex')}`) % SRP_N).toString(16);
  return { username: id, salt: saltBytes.toString('hex'), verifier };
}

function srpAuth(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  params: Record<string, string>,
): AuthResponse {
  const typed = requireParam(params, 'USERNAME');
  const srpA = requireParam(params, 'SRP_A');
  if (!isValidSrpA(srpA)) throw invalidParameter('SRP_A is invalid.');
  const user = ctx.findUser(pool, typed);
  ctx.checkSecretHash(client, [typed, ...(user ? [user.username] : [])], params.SECRET_HASH);
  const ttl = client.AuthSessionValidity * 60_000;
  if (user === undefined || user.credential === undefined) {
    if (user === undefined && !hidesUsers(client)) throw userNotFound();
    const fake = simulatedSrpUser(pool, ctx.key(pool, typed));
    const server = createServerChallenge(fake.verifier);
    const block = ctx.challenges.put(
      {
        kind: 'srp',
        poolId: pool.Id,
        clientId: client.ClientId,
        username: fake.username,
        srpA,
        server,
        simulated: { verifier: fake.verifier, ...(user === undefined ? { unknownUser: typed } : {}) },
      },
      ttl,
    );
    return srpChallenge(fake.username, fake.salt, server.B, block);
  }
  // A hiding client answers the first step of a locked-out user as any other (an unknown name is challenged
  // too): the lockout is told only in answer to the password proof, as USER_PASSWORD_AUTH tells it in answer
  // to the password. Without hiding, the user's state is no secret and is told at once.
  checkSignInAllowed(ctx, client, user, !hidesUsers(client));
  const server = createServerChallenge(user.credential.verifier);
  const block = ctx.challenges.put(
    { kind: 'srp', poolId: pool.Id, clientId: client.ClientId, username: user.username, srpA, server },
    ttl,
  );
  return srpChallenge(user.username, user.credential.salt, server.B, block);
}

function srpChallenge(username: string, salt: string, B: string, secretBlock: string): AuthResponse {
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeParameters: {
      SALT: salt,
      SECRET_BLOCK: secretBlock,
      SRP_B: B,
      USERNAME: username,
      USER_ID_FOR_SRP: username,
    },
  };
}

async function respondToChallenge(
  ctx: CognitoContext,
  pool: UserPool,
  client: UserPoolClient,
  challengeName: string,
  responses: Record<string, string>,
  session: string | undefined,
  clientMetadata: Record<string, string> | undefined,
): Promise<AuthResponse> {
  if (challengeName === 'PASSWORD_VERIFIER') {
    const typed = requireParam(responses, 'USERNAME');
    const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const timestamp = requireParam(responses, 'TIMESTAMP');
    const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const taken = ctx.challenges.take(block);
    if (!taken.ok || taken.value.kind !== 'srp' || taken.value.clientId !== client.ClientId) {
      throw notAuthorized(
        taken.ok || taken.reason === 'unknown'
          ? INCORRECT
          : 'Invalid session for the user, session is expired.',
      );
    }
    const state = taken.value;
    ctx.checkSecretHash(client, [typed, state.username], responses.SECRET_HASH);
    const proof = {
      poolName: srpPoolName(pool.Id),
      userIdForSrp: state.username,
      state: state.server,
      srpA: state.srpA,
      secretBlock: block,
      timestamp,
      signature,
    };
    if (state.simulated !== undefined) {
      // As for a real user: the trigger, then the proof checked (against the stand-in verifier).
      const unknown = state.simulated.unknownUser;
      if (unknown !== undefined) {
        checkUnknownLockout(ctx, pool, unknown);
        await preAuthentication(ctx, pool, client, { unknown }, clientMetadata);
      }
      verifyClaimSignature({ ...proof, verifierHex: state.simulated.verifier });
      throw unknown === undefined ? notAuthorized(INCORRECT) : recordUnknownFailure(ctx, pool, unknown);
    }
    const user = ctx.store.getUser(pool.Id, ctx.key(pool, state.username));
    if (user === undefined || user.credential === undefined) throw notAuthorized(INCORRECT);
    checkSignInAllowed(ctx, client, user);
    await preAuthentication(ctx, pool, client, user, clientMetadata);
    const ok = verifyClaimSignature({ ...proof, verifierHex: user.credential.verifier });
    if (!ok) throw recordFailure(ctx, pool, user);
    checkEnabledAfterProof(user);
    checkTemporaryPassword(ctx, user);
    return completeSignIn(ctx, pool, client, user, clientMetadata);
  }
  if (challengeName === 'NEW_PASSWORD_REQUIRED') {
    if (session === undefined) throw invalidParameter('Missing required parameter Session');
    const newPassword = requireParam(responses, 'NEW_PASSWORD');
    const taken = ctx.challenges.take(session);
    if (!taken.ok) {
      throw notAuthorized(
        taken.reason === 'expired'
          ? 'Invalid session for the user, session is expired.'
          : 'Invalid session for the user.',
      );
    }
    const state = taken.value;
    if (state.kind !== 'newPassword' || state.clientId !== client.ClientId) {
      throw notAuthorized('Invalid session for the user.');
    }
    const user = ctx.store.getUser(pool.Id, ctx.key(pool, state.username));
    if (user === undefined) throw userNotFound();
    ctx.checkSecretHash(client, [responses.USERNAME ?? '', user.username], responses.SECRET_HASH);
    checkPasswordPolicy(pool.Policies.PasswordPolicy, newPassword);
    const pairs = Object.entries(responses)
      .filter(([k]) => k.startsWith('userAttributes.'))
      .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
    const updates = checkAttributes(pool, pairs, 'user', user.attributes);
    const attributes = { ...user.attributes, ...updates };
    checkRequiredAttributes(pool, attributes);
    user.attributes = attributes;
    user.credential = createVerifier(srpPoolName(pool.Id), user.username, newPassword);
    user.status = 'CONFIRMED';
    delete user.temporaryPasswordExpiresAt;
    ctx.saveUser(pool, user);
    return issueTokens(ctx, pool, client, user, clientMetadata, 'TokenGeneration_NewPasswordChallenge');
  }
  throw invalidParameter(`Challenge ${challengeName} is not supported by this emulator.`);
}

const authSpec = {
  AuthFlow: {
    type: 'string',
    required: true,
    enum: [
      'USER_SRP_AUTH',
      'REFRESH_TOKEN_AUTH',
      'REFRESH_TOKEN',
      'CUSTOM_AUTH',
      'ADMIN_NO_SRP_AUTH',
      'USER_PASSWORD_AUTH',
      'ADMIN_USER_PASSWORD_AUTH',
      'USER_AUTH',
    ],
  },
  AuthParameters: { type: 'map' },
  ClientMetadata: Fields.clientMetadata,
  ClientId: Fields.clientId,
  AnalyticsMetadata: Fields.analytics,
  UserContextData: Fields.analytics,
  ContextData: Fields.analytics,
  Session: { type: 'string', min: 20, max: 2048 },
} as const;

async function initiate(
  ctx: CognitoContext,
  admin: boolean,
  input: {
    AuthFlow: string;
    AuthParameters?: Record<string, string>;
    ClientId: string;
    UserPoolId?: string;
    ClientMetadata?: Record<string, string>;
  },
): Promise<AuthResponse> {
  const { pool, client } = ctx.requireClient(input.ClientId, input.UserPoolId);
  const flow = input.AuthFlow;
  const params = input.AuthParameters ?? {};
  const adminFlows = ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'];
  if (!admin && adminFlows.includes(flow)) {
    throw invalidParameter(`Initiate Auth method not supported.`);
  }
  if (admin && (flow === 'USER_PASSWORD_AUTH' || flow === 'USER_AUTH')) {
    throw invalidParameter(`Initiate Auth method not supported.`);
  }
  if (!flowAllowed(client, flow)) {
    throw invalidParameter(
      `${flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow} flow not enabled for this client`,
    );
  }
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordAuth(ctx, pool, client, params, input.ClientMetadata);
    case 'USER_SRP_AUTH':
      return srpAuth(ctx, pool, client, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      const token = requireParam(params, 'REFRESH_TOKEN');
      if (client.RefreshTokenRotation?.Feature === 'ENABLED') {
        // AWS: "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation
        // enabled." The exact error is undocumented; InvalidParameterException is our choice.
        throw invalidParameter(
          'REFRESH_TOKEN_AUTH is not supported when refresh token rotation is enabled; use GetTokensFromRefreshToken',
        );
      }
      const result = await refreshAuth(
        ctx,
        pool,
        client,
        token,
        { secretHash: params.SECRET_HASH, useSecretHash: true },
        input.ClientMetadata,
      );
      return { ChallengeParameters: {}, AuthenticationResult: result };
    }
    default:
      throw invalidParameter(`${flow} is not supported by this emulator.`);
  }
}

const initiateAuth = operation('none', authSpec, (ctx, input) => initiate(ctx, false, input));

const adminInitiateAuth = operation('sigv4', { ...authSpec, UserPoolId: Fields.userPoolId }, (ctx, input) =>
  initiate(ctx, true, input),
);

const challengeSpec = {
  ClientId: Fields.clientId,
  ChallengeName: {
    type: 'string',
    required: true,
    enum: [
      'SMS_MFA',
      'EMAIL_OTP',
      'SOFTWARE_TOKEN_MFA',
      'SELECT_MFA_TYPE',
      'MFA_SETUP',
      'PASSWORD_VERIFIER',
      'CUSTOM_CHALLENGE',
      'SELECT_CHALLENGE',
      'DEVICE_SRP_AUTH',
      'DEVICE_PASSWORD_VERIFIER',
      'ADMIN_NO_SRP_AUTH',
      'NEW_PASSWORD_REQUIRED',
      'SMS_OTP',
      'PASSWORD',
      'WEB_AUTHN',
      'PASSWORD_SRP',
    ],
  },
  Session: { type: 'string', min: 20, max: 2048 },
  ChallengeResponses: { type: 'map' },
  ClientMetadata: Fields.clientMetadata,
  AnalyticsMetadata: Fields.analytics,
  UserContextData: Fields.analytics,
  ContextData: Fields.analytics,
} as const;

/** RespondToAuthChallenge and its Admin form: the same challenge, the pool named or not. */
function respond(
  ctx: CognitoContext,
  input: {
    ClientId: string;
    UserPoolId?: string;
    ChallengeName: string;
    ChallengeResponses?: Record<string, string>;
    Session?: string;
    ClientMetadata?: Record<string, string>;
  },
): Promise<AuthResponse> {
  const { pool, client } = ctx.requireClient(input.ClientId, input.UserPoolId);
  return respondToChallenge(
    ctx,
    pool,
    client,
    input.ChallengeName,
    input.ChallengeResponses ?? {},
    input.Session,
    input.ClientMetadata,
  );
}

const respondToAuthChallenge = operation('none', challengeSpec, respond);

const adminRespondToAuthChallenge = operation(
  'sigv4',
  { ...challengeSpec, UserPoolId: Fields.userPoolId },
  respond,
);

const getTokensFromRefreshToken = operation(
  'none',
  {
    RefreshToken: { type: 'string', required: true, pattern: /^[A-Za-z0-9_=.-]+$/ },
    ClientId: Fields.clientId,
    ClientSecret: { type: 'string', min: 1, max: 64 },
    DeviceKey: { type: 'string' },
    ClientMetadata: Fields.clientMetadata,
  },
  async (ctx, input) => {
    const { pool, client } = ctx.requireClient(input.ClientId);
    if (!flowAllowed(client, 'REFRESH_TOKEN_AUTH')) {
      throw invalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client');
    }
    const result = await refreshAuth(
      ctx,
      pool,
      client,
      input.RefreshToken,
      { clientSecret: input.ClientSecret, useSecretHash: false },
      input.ClientMetadata,
    );
    return { AuthenticationResult: result };
  },
);

/** InitiateAuth, RespondToAuthChallenge, their Admin forms, and GetTokensFromRefreshToken. */
export const authOperations: Record<string, CognitoOperation> = {
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
};
