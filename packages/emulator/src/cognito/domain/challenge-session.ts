import { CognitoException, invalidParameter, notAuthorized } from '../cognito-error.js';
import type { UserPoolClient } from '../cognito-types.js';
import type { Services } from '../services.js';
import type { ChallengeState } from './challenge-state.js';
import type { AuthResponse, SignInRequest, SignInServices } from './sign-in-types.js';

/** AWS's answer to a challenge session that is unknown, used up, or for another challenge. */
export const INVALID_SESSION = 'Invalid session for the user.';
/** AWS's answer to a challenge session past its lifetime (the app client's `AuthSessionValidity`). */
export const EXPIRED_SESSION = 'Invalid session for the user, session is expired.';

/**
 * Wrong codes one challenge session takes (MFA codes, email one-time passwords). AWS documents no figure; three
 * is what Cognito's custom challenges allow. The third wrong code still answers `CodeMismatchException`, and
 * ends the session: answering it again is refused as an invalid session, and the user signs in again.
 */
export const MAX_CHALLENGE_CODE_ATTEMPTS = 3;

/** A session for the next challenge, valid for the app client's `AuthSessionValidity` minutes. */
export function openChallenge(
  s: Pick<Services, 'challenges'>,
  client: Pick<UserPoolClient, 'AuthSessionValidity'>,
  state: ChallengeState,
): string {
  return s.challenges.put(state, client.AuthSessionValidity * 60_000);
}

/** A taken challenge session of one of `kinds`, and when it was to expire (to restore it after a wrong code). */
export type TakenChallenge<K extends ChallengeState['kind']> = {
  state: Extract<ChallengeState, { kind: K }>;
  expiresAt: number;
  key: string;
};

/**
 * A step that answers a challenge of kind `K`: the sign-in it belongs to, the ChallengeResponses, and the
 * session it took. `R` is what it answers (a challenge or tokens, at once or later).
 */
export type ChallengeAnswer<
  K extends ChallengeState['kind'],
  R extends Promise<AuthResponse> | AuthResponse = Promise<AuthResponse>,
> = (s: SignInServices, req: SignInRequest, responses: Record<string, string>, taken: TakenChallenge<K>) => R;

/**
 * Takes the session a challenge answer names: AWS's NotAuthorizedException for an unknown, expired or foreign
 * session (another client's, or another challenge's).
 */
export function takeChallenge<K extends ChallengeState['kind']>(
  s: Pick<Services, 'challenges'>,
  session: string | undefined,
  kinds: readonly K[],
  clientId?: string,
): TakenChallenge<K> {
  if (session === undefined) throw invalidParameter('Missing required parameter Session');
  const taken = s.challenges.take(session);
  if (!taken.ok) throw notAuthorized(taken.reason === 'expired' ? EXPIRED_SESSION : INVALID_SESSION);
  const state = taken.value;
  if (
    !(kinds as readonly string[]).includes(state.kind) ||
    (clientId !== undefined && state.clientId !== clientId)
  ) {
    throw notAuthorized(INVALID_SESSION);
  }
  return { state: state as Extract<ChallengeState, { kind: K }>, expiresAt: taken.expiresAt, key: session };
}

/** A wrong sign-in code, in AWS's words for MFA codes. */
export function challengeCodeMismatch(): CognitoException {
  return new CognitoException('CodeMismatchException', 'Invalid code received for user');
}

/**
 * Counts a wrong code against a taken session and puts the session back while attempts remain; returns
 * the error to throw.
 */
export function wrongChallengeCode<K extends ChallengeState['kind']>(
  s: Pick<Services, 'challenges'>,
  taken: TakenChallenge<K>,
  state: Extract<ChallengeState, { kind: K }> & { failures: number },
): CognitoException {
  state.failures++;
  if (state.failures < MAX_CHALLENGE_CODE_ATTEMPTS) s.challenges.restore(taken.key, state, taken.expiresAt);
  return challengeCodeMismatch();
}
