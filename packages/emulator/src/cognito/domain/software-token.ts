import { CognitoException } from '../cognito-error.js';
import type { UserPool, UserRecord } from '../cognito-types.js';
import type { Services } from '../services.js';
import { MAX_CHALLENGE_CODE_ATTEMPTS, openChallenge, takeChallenge } from './challenge-session.js';
import { mfaFactors, userMfa } from './mfa-settings.js';
import { matchTotp, newTotpSecret } from './totp.js';

/**
 * Setting up an authenticator app (TOTP): AssociateSoftwareToken hands out a new secret, VerifySoftwareToken
 * proves the app holds it. A signed-in user does it with their access token (the secret waits on their record
 * until verified); a user in the MFA_SETUP challenge does it with the challenge session (the secret waits in
 * the session). Secrets are kept only in the store and the in-memory sessions, and never logged.
 */

type TokenServices = Pick<Services, 'config' | 'pools' | 'users' | 'challenges'>;

/** AWS's answer when the pool has not turned TOTP on (documented in the TOTP MFA guide). */
function checkPoolAllowsTotp(pool: UserPool): void {
  if (!mfaFactors(pool).SoftwareTokenMfaConfiguration.Enabled) {
    throw new CognitoException(
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    );
  }
}

/** AWS's answer to a code that does not prove the new secret. */
function verifyMismatch(): CognitoException {
  return new CognitoException(
    'EnableSoftwareTokenMFAException',
    'Code mismatch and fail enable Software Token MFA',
  );
}

/**
 * VerifySoftwareToken before any AssociateSoftwareToken. AWS's exact answer is not documented; the exception is
 * one the operation's model lists, the message ours.
 */
function notAssociated(): CognitoException {
  return new CognitoException(
    'SoftwareTokenMFANotFoundException',
    'Software Token MFA has not been associated with the user; call AssociateSoftwareToken first.',
  );
}

/** Records a verified secret on the user (not saved). */
function acceptSecret(user: UserRecord, secret: string, step: number, deviceName: string | undefined): void {
  const mfa = userMfa(user);
  mfa.totpSecret = secret;
  mfa.totpUsedStep = step;
  delete mfa.pendingTotpSecret;
  if (deviceName === undefined || deviceName === '') delete mfa.totpDeviceName;
  else mfa.totpDeviceName = deviceName;
}

/** AssociateSoftwareToken with an access token: a new secret, waiting for verification. */
export function associateForUser(s: TokenServices, pool: UserPool, user: UserRecord): { SecretCode: string } {
  checkPoolAllowsTotp(pool);
  const secret = newTotpSecret();
  userMfa(user).pendingTotpSecret = secret;
  s.users.save(pool, user);
  return { SecretCode: secret };
}

/**
 * VerifySoftwareToken with an access token. The verified authenticator replaces any earlier one; it is turned on
 * for sign-in by SetUserMFAPreference (or already is, when an earlier one was).
 */
export function verifyForUser(
  s: TokenServices,
  pool: UserPool,
  user: UserRecord,
  code: string,
  deviceName: string | undefined,
): { Status: 'SUCCESS' } {
  checkPoolAllowsTotp(pool);
  const pending = user.mfa?.pendingTotpSecret;
  if (pending === undefined) throw notAssociated();
  const step = matchTotp(pending, code, s.config.now());
  if (step === undefined) throw verifyMismatch();
  acceptSecret(user, pending, step, deviceName);
  s.users.save(pool, user);
  return { Status: 'SUCCESS' };
}

/** The pool and client of an MFA_SETUP session, and its user. */
function setupContext(s: TokenServices, poolId: string, clientId: string, username: string) {
  const pool = s.pools.requirePool(poolId);
  const client = s.pools.findClient(clientId);
  const user = s.users.byUsername(pool, username);
  if (client === undefined || user === undefined) {
    throw new CognitoException('NotAuthorizedException', 'Invalid session for the user.');
  }
  return { pool, client, user };
}

/** AssociateSoftwareToken with the MFA_SETUP session: a new secret and a new session that carries it. */
export function associateForSession(
  s: TokenServices,
  session: string,
): { SecretCode: string; Session: string } {
  const { state } = takeChallenge(s, session, ['mfaSetup']);
  const { pool, client } = setupContext(s, state.poolId, state.clientId, state.username);
  checkPoolAllowsTotp(pool);
  const secret = newTotpSecret();
  const next = openChallenge(s, client, { ...state, secret, verified: false, failures: 0 });
  return { SecretCode: secret, Session: next };
}

/**
 * VerifySoftwareToken with the session AssociateSoftwareToken returned: the authenticator becomes the user's
 * MFA, turned on and preferred (the user had none, which is why MFA_SETUP was asked), and a new session
 * answers MFA_SETUP. A wrong code may be retried in the same session, a few times.
 */
export function verifyForSession(
  s: TokenServices,
  session: string,
  code: string,
  deviceName: string | undefined,
): { Status: 'SUCCESS'; Session: string } {
  const taken = takeChallenge(s, session, ['mfaSetup']);
  const { state } = taken;
  const { pool, client, user } = setupContext(s, state.poolId, state.clientId, state.username);
  if (state.secret === undefined) throw notAssociated();
  const step = matchTotp(state.secret, code, s.config.now());
  if (step === undefined) {
    state.failures++;
    if (state.failures < MAX_CHALLENGE_CODE_ATTEMPTS) s.challenges.restore(taken.key, state, taken.expiresAt);
    throw verifyMismatch();
  }
  acceptSecret(user, state.secret, step, deviceName);
  const mfa = userMfa(user);
  if (!mfa.enabled.includes('SOFTWARE_TOKEN_MFA')) mfa.enabled.push('SOFTWARE_TOKEN_MFA');
  mfa.preferred = 'SOFTWARE_TOKEN_MFA';
  s.users.save(pool, user);
  const { secret: _secret, ...rest } = state;
  const next = openChallenge(s, client, { ...rest, verified: true, failures: 0 });
  return { Status: 'SUCCESS', Session: next };
}
