import { randomInt, timingSafeEqual } from 'node:crypto';
import { CognitoException, invalidParameter, notAuthorized, userNotFound } from '../cognito-error.js';
import type { MfaFactor, UserRecord } from '../cognito-types.js';
import {
  type ChallengeAnswer,
  INVALID_SESSION,
  openChallenge,
  type TakenChallenge,
  wrongChallengeCode,
} from './challenge-session.js';
import type { MfaChallengeState } from './challenge-state.js';
import { checkSecretHash } from './client-policy.js';
import { issueTokens } from './issue-tokens.js';
import { mfaFactors, signInFactors } from './mfa-settings.js';
import { type AuthResponse, requireParam, type SignInRequest, type SignInServices } from './sign-in-types.js';
import { matchTotp } from './totp.js';

/**
 * The second factor of a sign-in: after the first factor is proven, the MFA challenge the pool and the user
 * call for (SOFTWARE_TOKEN_MFA, EMAIL_OTP, the choice between them, or the setup of an authenticator), and the
 * answers to those challenges. Refresh never passes through here: refreshed tokens need no second factor.
 */

/**
 * How long an emailed MFA code works. AWS documents no figure for email MFA; three minutes is the default
 * lifetime of the challenge session it belongs to (`AuthSessionValidity`).
 */
export const EMAIL_MFA_CODE_LIFETIME_MS = 3 * 60_000;

/** The challenge that comes after the first factor, or the tokens when none does. */
export async function continueToSecondFactor(
  s: SignInServices,
  req: SignInRequest,
  user: UserRecord,
  triggerSource: string,
): Promise<AuthResponse> {
  const { pool, client } = req;
  const step = { poolId: pool.Id, clientId: client.ClientId, username: user.username, triggerSource };
  const factors = signInFactors(pool, user);
  if (factors.length === 0) {
    if (pool.MfaConfiguration !== 'ON') return issueTokens(s, req, user, triggerSource);
    // MFA is required and the user has no factor: they set up an authenticator now (MFA_SETUP, answered with
    // AssociateSoftwareToken and VerifySoftwareToken on this session). Only TOTP is offered for setup here:
    // setting up email MFA in the sign-in (MFAS_CAN_SETUP with EMAIL_OTP) is not emulated.
    if (!mfaFactors(pool).SoftwareTokenMfaConfiguration.Enabled) {
      // Nothing the user can set up here (the pool's only factor is SMS, which is not emulated): the exception
      // AWS names for a sign-in that finds no MFA method. The message is ours.
      throw new CognitoException('MFAMethodNotFoundException', 'No MFA method is available to the user.');
    }
    const session = openChallenge(s, client, { kind: 'mfaSetup', ...step, failures: 0 });
    return {
      ChallengeName: 'MFA_SETUP',
      Session: session,
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) },
    };
  }
  const preferred = user.mfa?.preferred;
  if (preferred !== undefined && factors.includes(preferred))
    return mfaChallenge(s, req, user, preferred, step);
  if (factors.length === 1) return mfaChallenge(s, req, user, factors[0] as MfaFactor, step);
  // Several factors and none preferred: the user chooses (SELECT_MFA_TYPE), as AWS asks.
  const session = openChallenge(s, client, { kind: 'selectMfa', ...step, options: factors });
  return {
    ChallengeName: 'SELECT_MFA_TYPE',
    Session: session,
    ChallengeParameters: { MFAS_CAN_CHOOSE: JSON.stringify(factors) },
  };
}

type StepBase = Pick<MfaChallengeState, 'poolId' | 'clientId' | 'username' | 'triggerSource'>;

function mfaChallenge(
  s: SignInServices,
  { pool, client }: SignInRequest,
  user: UserRecord,
  factor: MfaFactor,
  step: StepBase,
): AuthResponse {
  if (factor === 'SOFTWARE_TOKEN_MFA') {
    const session = openChallenge(s, client, { kind: 'mfaCode', ...step, factor, failures: 0 });
    return { ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: session, ChallengeParameters: {} };
  }
  // Email MFA codes have six digits, like the other MFA codes; passwordless sign-in codes have eight.
  const value = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const code = { value, expiresAt: s.config.now() + EMAIL_MFA_CODE_LIFETIME_MS };
  const details = s.delivery.deliver(pool, user, 'Authentication', 'email', { code: value });
  const session = openChallenge(s, client, { kind: 'mfaCode', ...step, factor, code, failures: 0 });
  return {
    ChallengeName: 'EMAIL_OTP',
    Session: session,
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
    },
  };
}

/** The user a challenge session belongs to, with the client's SECRET_HASH checked against them. */
function challengeUser(
  s: SignInServices,
  { pool, client }: SignInRequest,
  username: string,
  responses: Record<string, string>,
): UserRecord {
  const user = s.users.byUsername(pool, username);
  if (user === undefined) throw userNotFound();
  checkSecretHash(client, [responses.USERNAME ?? '', user.username], responses.SECRET_HASH);
  if (!user.enabled) throw notAuthorized('User is disabled.');
  return user;
}

/** Whether a typed code equals an expected one (constant time). */
export function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The code of an emailed challenge: wrong (counted), expired, or right. */
export function checkEmailedCode<K extends 'mfaCode' | 'emailOtp'>(
  s: Pick<SignInServices, 'challenges' | 'config'>,
  taken: TakenChallenge<K>,
  code: { value: string; expiresAt: number } | undefined,
  given: string,
): void {
  const state = taken.state as TakenChallenge<K>['state'] & { failures: number };
  if (code === undefined || !sameCode(code.value, given)) throw wrongChallengeCode(s, taken, state);
  if (code.expiresAt <= s.config.now()) {
    throw new CognitoException('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  }
}

/** SOFTWARE_TOKEN_MFA and EMAIL_OTP (as MFA): the code, then the tokens. */
export async function answerMfaCode(
  s: SignInServices,
  req: SignInRequest,
  challengeName: 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP',
  responses: Record<string, string>,
  taken: TakenChallenge<'mfaCode'>,
): Promise<AuthResponse> {
  const user = proveMfaCode(s, req, challengeName, responses, taken);
  return issueTokens(s, req, user, taken.state.triggerSource);
}

/**
 * The code of a SOFTWARE_TOKEN_MFA or EMAIL_OTP challenge checked (wrong codes counted against the session);
 * resolves to the user it proves. The API answers with tokens, the managed login page with its session.
 */
export function proveMfaCode(
  s: SignInServices,
  req: SignInRequest,
  challengeName: 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP',
  responses: Record<string, string>,
  taken: TakenChallenge<'mfaCode'>,
): UserRecord {
  const { state } = taken;
  if (state.factor !== challengeName) throw notAuthorized(INVALID_SESSION);
  const user = challengeUser(s, req, state.username, responses);
  if (challengeName === 'EMAIL_OTP') {
    checkEmailedCode(s, taken, state.code, requireParam(responses, 'EMAIL_OTP_CODE'));
    return user;
  }
  const given = requireParam(responses, 'SOFTWARE_TOKEN_MFA_CODE');
  const secret = user.mfa?.totpSecret;
  if (user.mfa === undefined || secret === undefined) {
    throw new CognitoException(
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA does not exist for the user.',
    );
  }
  const matched = matchTotp(secret, given, s.config.now(), user.mfa.totpUsedStep);
  if (matched === undefined) throw wrongChallengeCode(s, taken, state);
  user.mfa.totpUsedStep = matched;
  s.users.save(req.pool, user);
  return user;
}

/** SELECT_MFA_TYPE: the factor chosen (`ANSWER`), then its challenge. */
export const answerSelectMfa: ChallengeAnswer<'selectMfa', AuthResponse> = (s, req, responses, taken) => {
  const { state } = taken;
  const user = challengeUser(s, req, state.username, responses);
  const answer = requireParam(responses, 'ANSWER');
  if (!state.options.includes(answer)) {
    s.challenges.restore(taken.key, state, taken.expiresAt);
    throw invalidParameter(`Invalid MFA type ${answer}; choose one of ${state.options.join(', ')}.`);
  }
  const { kind: _kind, options: _options, ...step } = state;
  return mfaChallenge(s, req, user, answer as MfaFactor, step);
};

/** MFA_SETUP, answered once VerifySoftwareToken has verified the new authenticator on this session. */
export const answerMfaSetup: ChallengeAnswer<'mfaSetup'> = async (s, req, responses, taken) => {
  const { state } = taken;
  const user = challengeUser(s, req, state.username, responses);
  // The session of MFA_SETUP itself (or of AssociateSoftwareToken) has not proven an authenticator yet.
  if (state.verified !== true) throw notAuthorized(INVALID_SESSION);
  return issueTokens(s, req, user, state.triggerSource);
};
