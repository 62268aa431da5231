import { randomInt } from 'node:crypto';
import { invalidParameter, notAuthorized, userNotFound } from '../cognito-error.js';
import type { UserPool, UserRecord } from '../cognito-types.js';
import {
  type ChallengeAnswer,
  INVALID_SESSION,
  openChallenge,
  wrongChallengeCode,
} from './challenge-session.js';
import type { UserAuthChallengeState } from './challenge-state.js';
import { checkSecretHash, hidesUserExistence } from './client-policy.js';
import { issueTokens } from './issue-tokens.js';
import { checkEmailedCode } from './mfa-flow.js';
import { firstAuthFactors } from './mfa-settings.js';
import { passwordSignIn, preAuthentication, srpSignIn } from './sign-in-flow.js';
import { type AuthResponse, requireParam, type SignInRequest, type SignInServices } from './sign-in-types.js';

/**
 * Choice-based sign-in (`USER_AUTH`): the user starts with a username and either names the first factor they
 * want (`PREFERRED_CHALLENGE`) or is offered the ones available to them (`SELECT_CHALLENGE` with
 * `AvailableChallenges`). PASSWORD and PASSWORD_SRP continue as the password flows do, MFA included; EMAIL_OTP
 * emails an eight-digit code.
 */

/**
 * How long an emailed sign-in code (eight digits) works. We found no documented lifetime for it; it cannot outlive
 * its challenge session, whose default (and least) lifetime is three minutes, so three minutes it is, also in
 * sessions made longer by the client's `AuthSessionValidity`.
 */
export const EMAIL_OTP_LIFETIME_MS = 3 * 60_000;

/** The first factors the pool's sign-in policy allows and the user can use, in AWS's names. */
export function availableChallenges(pool: UserPool, user: UserRecord | undefined): string[] {
  const allowed = firstAuthFactors(pool);
  const out: string[] = [];
  if (allowed.includes('PASSWORD') && (user === undefined || user.credential !== undefined)) {
    out.push('PASSWORD', 'PASSWORD_SRP');
  }
  if (allowed.includes('EMAIL_OTP') && (user === undefined || hasVerifiedEmail(user))) out.push('EMAIL_OTP');
  return out;
}

/** GetUserAuthFactors' `ConfiguredUserAuthFactors`: the first factors the user has set up. */
export function configuredAuthFactors(pool: UserPool, user: UserRecord): string[] {
  const allowed = firstAuthFactors(pool);
  return [
    ...(user.credential === undefined ? [] : ['PASSWORD']),
    ...(allowed.includes('EMAIL_OTP') && hasVerifiedEmail(user) ? ['EMAIL_OTP'] : []),
  ];
}

function hasVerifiedEmail(user: UserRecord): boolean {
  return (user.attributes.email ?? '') !== '' && user.attributes.email_verified === 'true';
}

/** InitiateAuth (and AdminInitiateAuth) with `AuthFlow: USER_AUTH`. */
export async function userAuthSignIn(
  s: SignInServices,
  req: SignInRequest,
  params: Record<string, string>,
): Promise<AuthResponse> {
  const { pool, client } = req;
  const typed = requireParam(params, 'USERNAME');
  const user = s.users.find(pool, typed);
  checkSecretHash(client, [typed, ...(user ? [user.username] : [])], params.SECRET_HASH);
  if (user === undefined && !hidesUserExistence(client)) throw userNotFound();
  const available = availableChallenges(pool, user);
  const preferred = params.PREFERRED_CHALLENGE;
  // AWS: a preferred challenge that is not available is answered with the available ones, as if none was named.
  if (preferred !== undefined && available.includes(preferred)) {
    return startFirstFactor(s, req, preferred, typed, user, params);
  }
  const state: UserAuthChallengeState = {
    kind: 'selectChallenge',
    poolId: pool.Id,
    clientId: client.ClientId,
    username: user?.username ?? typed,
    unknownUser: user === undefined,
    available,
  };
  return {
    ChallengeName: 'SELECT_CHALLENGE',
    Session: openChallenge(s, client, state),
    ChallengeParameters: {},
    AvailableChallenges: available,
  };
}

/** The chosen first factor: the password (now or by SRP), or an emailed code. */
function startFirstFactor(
  s: SignInServices,
  req: SignInRequest,
  factor: string,
  username: string,
  user: UserRecord | undefined,
  params: Record<string, string>,
): Promise<AuthResponse> | AuthResponse {
  const secretHash = params.SECRET_HASH === undefined ? {} : { SECRET_HASH: params.SECRET_HASH };
  switch (factor) {
    case 'PASSWORD':
      return passwordSignIn(s, req, {
        USERNAME: username,
        PASSWORD: requireParam(params, 'PASSWORD'),
        ...secretHash,
      });
    case 'PASSWORD_SRP':
      return srpSignIn(s, req, { USERNAME: username, SRP_A: requireParam(params, 'SRP_A'), ...secretHash });
    default:
      return emailOtpChallenge(s, req, username, user);
  }
}

/** EMAIL_OTP as the first factor: the PreAuthentication trigger, as for a password, then the code by email. */
async function emailOtpChallenge(
  s: SignInServices,
  req: SignInRequest,
  typed: string,
  user: UserRecord | undefined,
): Promise<AuthResponse> {
  const { pool, client } = req;
  const base = { kind: 'emailOtp', poolId: pool.Id, clientId: client.ClientId, failures: 0 } as const;
  let state: UserAuthChallengeState;
  let details: { Destination: string; DeliveryMedium: string };
  if (user === undefined) {
    // A name that matches no user (a hiding client): a plausible delivery, and a code nobody can type.
    s.signIn.checkUnknownAllowed(pool, typed);
    await preAuthentication(s, req, { unknown: typed });
    details = s.delivery.simulated(pool, typed);
    state = { ...base, username: typed };
  } else {
    s.signIn.checkAllowed(client, user);
    s.signIn.checkAfterProof(user);
    await preAuthentication(s, req, user);
    const value = String(randomInt(0, 100_000_000)).padStart(8, '0');
    details = s.delivery.deliver(pool, user, 'Authentication', 'email', { code: value });
    state = {
      ...base,
      username: user.username,
      code: { value, expiresAt: s.config.now() + EMAIL_OTP_LIFETIME_MS },
    };
  }
  return {
    ChallengeName: 'EMAIL_OTP',
    Session: openChallenge(s, client, state),
    ChallengeParameters: {
      CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium,
      CODE_DELIVERY_DESTINATION: details.Destination,
    },
  };
}

/** SELECT_CHALLENGE: `ANSWER` names the first factor, with what it needs (`PASSWORD`, `SRP_A`) beside it. */
export const answerSelectChallenge: ChallengeAnswer<
  'selectChallenge',
  Promise<AuthResponse> | AuthResponse
> = (s, req, responses, taken) => {
  const { state } = taken;
  const answer = requireParam(responses, 'ANSWER');
  if (!state.available.includes(answer)) {
    s.challenges.restore(taken.key, state, taken.expiresAt);
    throw invalidParameter(`Invalid challenge ${answer}; choose one of ${state.available.join(', ')}.`);
  }
  const user = state.unknownUser ? undefined : s.users.byUsername(req.pool, state.username);
  if (!state.unknownUser && user === undefined) throw notAuthorized(INVALID_SESSION);
  return startFirstFactor(s, req, answer, state.username, user, responses);
};

/**
 * EMAIL_OTP as the first factor: the emailed code signs the user in. No MFA follows: the code is itself a
 * second thing the user holds (their mailbox), and AWS offers passwordless first factors in place of
 * password-plus-MFA.
 */
export const answerEmailOtp: ChallengeAnswer<'emailOtp'> = async (s, req, responses, taken) => {
  const { state } = taken;
  const { pool, client } = req;
  const given = requireParam(responses, 'EMAIL_OTP_CODE');
  checkSecretHash(client, [responses.USERNAME ?? '', state.username], responses.SECRET_HASH);
  if (state.code === undefined) throw wrongChallengeCode(s, taken, state);
  const user = s.users.byUsername(pool, state.username);
  if (user === undefined) throw notAuthorized(INVALID_SESSION);
  checkEmailedCode(s, taken, state.code, given);
  s.signIn.checkAllowed(client, user);
  s.signIn.checkAfterProof(user);
  s.signIn.recordSuccess(pool, user);
  return issueTokens(s, req, user, 'TokenGeneration_Authentication');
};
