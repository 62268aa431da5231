/**
 * Cognito's lockout after failed sign-ins, as documented ("User pool lockout" in the authentication-flow
 * guide): from the fifth failed attempt on, the user is locked out for 2^(n−5) seconds, at most about 15
 * minutes; attempts during a lockout get `Password attempts exceeded`; the count is forgotten after 15 quiet
 * minutes or a successful sign-in. The same state machine runs for existing users (on their record) and, for
 * clients that hide user existence, for names that match no user (in {@link UnknownUserLedger}), so that
 * neither the answers nor their sequence tell the two apart.
 */

/** Failed sign-ins before the lockout starts. */
export const LOCKOUT_THRESHOLD = 5;
/** The longest lockout: "about 15 minutes". */
export const LOCKOUT_MAX_SECONDS = 900;
/** Quiet time (after the last failure and the end of its lockout) after which failed attempts are forgotten. */
export const LOCKOUT_RESET_MS = 15 * 60_000;

/** What the lockout remembers, for a user or for a typed name that matches no user. */
export interface LockoutState {
  failedSignIns: number;
  lastFailedSignInAt: number;
  lockedUntil: number;
}

export function isLockedOut(state: LockoutState, now: number): boolean {
  return state.lockedUntil > now;
}

/**
 * Counts a failed sign-in. Attempts refused during a lockout are not counted (AWS does not say; counting them
 * would let a typo storm lock forever).
 */
export function countFailedSignIn(state: LockoutState, now: number): void {
  // Measured from the end of the lockout too, so the longest lockout does not itself reset the count.
  if (now - Math.max(state.lastFailedSignInAt, state.lockedUntil) > LOCKOUT_RESET_MS) state.failedSignIns = 0;
  state.failedSignIns++;
  state.lastFailedSignInAt = now;
  if (state.failedSignIns >= LOCKOUT_THRESHOLD) {
    const seconds = Math.min(2 ** (state.failedSignIns - LOCKOUT_THRESHOLD), LOCKOUT_MAX_SECONDS);
    state.lockedUntil = now + seconds * 1000;
  }
}

/** Forgets failed sign-ins (a successful sign-in or a new password); true when there was anything to forget. */
export function clearFailedSignIns(state: LockoutState): boolean {
  if (state.failedSignIns === 0 && state.lockedUntil === 0 && state.lastFailedSignInAt === 0) return false;
  state.failedSignIns = 0;
  state.lockedUntil = 0;
  state.lastFailedSignInAt = 0;
  return true;
}

/** When the state no longer matters: its lockout is over and the quiet time has passed. */
export function lockoutForgottenAt(state: LockoutState): number {
  return Math.max(state.lastFailedSignInAt, state.lockedUntil) + LOCKOUT_RESET_MS;
}
