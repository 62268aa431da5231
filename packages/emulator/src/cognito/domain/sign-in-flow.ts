import { invalidParameter, notAuthorized, userNotFound } from '../cognito-error.js';
import { runTrigger, triggerAttributes } from '../cognito-triggers.js';
import type { UserPool, UserPoolClient, UserRecord } from '../cognito-types.js';
import { checkPasswordPolicy } from '../password-policy.js';
import type { Services } from '../services.js';
import { createServerChallenge, isValidSrpA, verifyClaimSignature } from '../srp.js';
import { checkAttributes, checkRequiredAttributes, withVerificationFlags } from '../user-attributes.js';
import { checkSecretHash, hidesUserExistence } from './client-policy.js';
import { passwordMatches, passwordVerifier, simulatedSrpUser, srpPoolName } from './credentials.js';
import { continueToSecondFactor } from './mfa-flow.js';
import { INCORRECT_CREDENTIALS } from './sign-in-guard.js';
import {
  type AuthResponse,
  requireParam,
  requireParams,
  type SignInRequest,
  type SignInServices,
  type SignInStep,
} from './sign-in-types.js';

export { type AuthResponse, requireParam, type SignInRequest, type SignInServices } from './sign-in-types.js';

/**
 * The PreAuthentication trigger. For a client that hides users it also runs for a user who does not exist,
 * with `userNotFound: true` and the name as typed, as AWS runs it.
 */
export async function preAuthentication(
  s: SignInServices,
  { pool, client, clientMetadata }: SignInRequest,
  user: UserRecord | { unknown: string },
): Promise<void> {
  const found = !('unknown' in user);
  await runTrigger(s.config, pool, 'PreAuthentication', {
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

/** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password checked against the stored verifier. */
export const passwordSignIn: SignInStep = async (s, req, params) => {
  const [typed, password] = requireParams(params, 'USERNAME', 'PASSWORD');
  const user = s.users.find(req.pool, typed);
  checkSecretHash(req.client, [typed, ...(user ? [user.username] : [])], params.SECRET_HASH);
  return completeSignIn(s, req, await provePassword(s, req, typed, password, user));
};

/**
 * The password of the user a name finds, proven as every password sign-in proves it (the API flows and the
 * managed login page): lockout, the PreAuthentication trigger, the verifier, failures counted. Resolves to the
 * user; the caller records the success once it completes the sign-in.
 */
export async function provePassword(
  s: SignInServices,
  req: SignInRequest,
  typed: string,
  password: string,
  user: UserRecord | undefined = s.users.find(req.pool, typed),
): Promise<UserRecord> {
  const { pool, client } = req;
  if (user === undefined) {
    if (!hidesUserExistence(client)) throw userNotFound();
    // The steps a real user's attempt takes (lockout, trigger, one password derivation, failure counted), so
    // neither the answers, their sequence, nor the time they take tell that the user does not exist.
    s.signIn.checkUnknownAllowed(pool, typed);
    await preAuthentication(s, req, { unknown: typed });
    const fake = simulatedSrpUser(pool.FakeSaltKey, s.users.key(pool, typed));
    passwordMatches(pool.Id, fake.username, password, fake);
    throw s.signIn.recordUnknownFailure(pool, typed);
  }
  s.signIn.checkAllowed(client, user);
  await preAuthentication(s, req, user);
  if (user.credential === undefined || !passwordMatches(pool.Id, user.username, password, user.credential)) {
    throw s.signIn.recordFailure(pool, user);
  }
  s.signIn.checkAfterProof(user);
  return user;
}

/** USER_SRP_AUTH, first step: the PASSWORD_VERIFIER challenge (simulated for unknown or password-less users). */
export function srpSignIn(
  s: SignInServices,
  req: SignInRequest,
  params: Record<string, string>,
): AuthResponse {
  const { pool, client } = req;
  const [typed, srpA] = requireParams(params, 'USERNAME', 'SRP_A');
  if (!isValidSrpA(srpA)) throw invalidParameter('SRP_A is invalid.');
  const user = s.users.find(pool, typed);
  checkSecretHash(client, [typed, ...(user ? [user.username] : [])], params.SECRET_HASH);
  const ttl = client.AuthSessionValidity * 60_000;
  const base = { kind: 'srp', poolId: pool.Id, clientId: client.ClientId, srpA } as const;
  if (user === undefined || user.credential === undefined) {
    if (user === undefined && !hidesUserExistence(client)) throw userNotFound();
    const fake = simulatedSrpUser(pool.FakeSaltKey, s.users.key(pool, typed));
    const server = createServerChallenge(fake.verifier);
    const simulated = { verifier: fake.verifier, ...(user === undefined ? { unknownUser: typed } : {}) };
    const block = s.challenges.put({ ...base, username: fake.username, server, simulated }, ttl);
    return srpChallenge(fake.username, fake.salt, server.B, block);
  }
  // A hiding client answers the first step of a locked-out user as any other (an unknown name is challenged
  // too): the lockout is told only in answer to the password proof, as USER_PASSWORD_AUTH tells it in answer
  // to the password. Without hiding, the user's state is no secret and is told at once.
  s.signIn.checkAllowed(client, user, !hidesUserExistence(client));
  const server = createServerChallenge(user.credential.verifier);
  const block = s.challenges.put({ ...base, username: user.username, server }, ttl);
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

/** USER_SRP_AUTH, second step: the client's proof of the password. */
export const answerPasswordVerifier: SignInStep = async (s, req, responses) => {
  const { pool, client } = req;
  const [typed, block, timestamp, signature] = requireParams(
    responses,
    'USERNAME',
    'PASSWORD_CLAIM_SECRET_BLOCK',
    'TIMESTAMP',
    'PASSWORD_CLAIM_SIGNATURE',
  );
  const taken = s.challenges.take(block);
  if (!taken.ok || taken.value.kind !== 'srp' || taken.value.clientId !== client.ClientId) {
    throw notAuthorized(
      taken.ok || taken.reason === 'unknown'
        ? INCORRECT_CREDENTIALS
        : 'Invalid session for the user, session is expired.',
    );
  }
  const state = taken.value;
  checkSecretHash(client, [typed, state.username], responses.SECRET_HASH);
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
    // As for a real user: the lockout, the trigger, then the proof checked (against the stand-in verifier).
    const unknown = state.simulated.unknownUser;
    if (unknown !== undefined) {
      s.signIn.checkUnknownAllowed(pool, unknown);
      await preAuthentication(s, req, { unknown });
    }
    verifyClaimSignature({ ...proof, verifierHex: state.simulated.verifier });
    throw unknown === undefined
      ? notAuthorized(INCORRECT_CREDENTIALS)
      : s.signIn.recordUnknownFailure(pool, unknown);
  }
  const user = s.users.byUsername(pool, state.username);
  if (user === undefined || user.credential === undefined) throw notAuthorized(INCORRECT_CREDENTIALS);
  s.signIn.checkAllowed(client, user);
  await preAuthentication(s, req, user);
  const ok = verifyClaimSignature({ ...proof, verifierHex: user.credential.verifier });
  if (!ok) throw s.signIn.recordFailure(pool, user);
  s.signIn.checkAfterProof(user);
  return completeSignIn(s, req, user);
};

/** Starts a NEW_PASSWORD_REQUIRED challenge for a user with a temporary password; returns its session. */
export function startNewPasswordChallenge(
  s: Pick<Services, 'challenges'>,
  { pool, client }: Pick<SignInRequest, 'pool' | 'client'>,
  user: UserRecord,
): string {
  return s.challenges.put(
    { kind: 'newPassword', poolId: pool.Id, clientId: client.ClientId, username: user.username },
    client.AuthSessionValidity * 60_000,
  );
}

/** The user of a NEW_PASSWORD_REQUIRED session of `client` (the session is spent), or NotAuthorizedException. */
export function takeNewPasswordChallenge(
  s: Pick<Services, 'challenges' | 'users'>,
  pool: UserPool,
  client: UserPoolClient,
  session: string,
): UserRecord {
  const taken = s.challenges.take(session);
  if (!taken.ok) {
    throw notAuthorized(
      taken.reason === 'expired'
        ? 'Invalid session for the user, session is expired.'
        : 'Invalid session for the user.',
    );
  }
  const state = taken.value;
  if (state.kind !== 'newPassword' || state.clientId !== client.ClientId || state.poolId !== pool.Id) {
    throw notAuthorized('Invalid session for the user.');
  }
  const user = s.users.byUsername(pool, state.username);
  if (user === undefined) throw userNotFound();
  return user;
}

/** The user's own password in place of a temporary one (and any missing attributes), checked and saved. */
export function chooseNewPassword(
  s: Pick<Services, 'users'>,
  pool: UserPool,
  user: UserRecord,
  newPassword: string,
  pairs: { Name: string; Value: string }[],
): void {
  checkPasswordPolicy(pool.Policies.PasswordPolicy, newPassword);
  const updates = checkAttributes(pool, pairs, 'user', user.attributes);
  const attributes = { ...user.attributes, ...updates };
  checkRequiredAttributes(pool, attributes);
  user.attributes = attributes;
  user.credential = passwordVerifier(pool.Id, user.username, newPassword);
  user.status = 'CONFIRMED';
  delete user.temporaryPasswordExpiresAt;
  s.users.save(pool, user);
}

/** NEW_PASSWORD_REQUIRED: a user with a temporary password chooses their own (and any missing attributes). */
export async function answerNewPassword(
  s: SignInServices,
  req: SignInRequest,
  responses: Record<string, string>,
  session: string | undefined,
): Promise<AuthResponse> {
  const { pool, client } = req;
  if (session === undefined) throw invalidParameter('Missing required parameter Session');
  const newPassword = requireParam(responses, 'NEW_PASSWORD');
  const user = takeNewPasswordChallenge(s, pool, client, session);
  checkSecretHash(client, [responses.USERNAME ?? '', user.username], responses.SECRET_HASH);
  const pairs = Object.entries(responses)
    .filter(([k]) => k.startsWith('userAttributes.'))
    .map(([k, v]) => ({ Name: k.slice('userAttributes.'.length), Value: v }));
  chooseNewPassword(s, pool, user, newPassword, pairs);
  // MFA follows the new password, as it follows the password itself.
  return continueToSecondFactor(s, req, user, 'TokenGeneration_NewPasswordChallenge');
}

/**
 * After the password is proven: a NEW_PASSWORD_REQUIRED challenge for temporary passwords, otherwise the second
 * factor the user or pool requires, or tokens.
 */
export async function completeSignIn(
  s: SignInServices,
  req: SignInRequest,
  user: UserRecord,
): Promise<AuthResponse> {
  const { pool } = req;
  s.signIn.recordSuccess(pool, user);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const session = startNewPasswordChallenge(s, req, user);
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
  return continueToSecondFactor(s, req, user, 'TokenGeneration_Authentication');
}
