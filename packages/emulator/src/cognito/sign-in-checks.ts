import type { CognitoContext } from './cognito-context.js';
import { CognitoException, notAuthorized } from './cognito-error.js';
import type { UserPool, UserPoolClient, UserRecord } from './cognito-types.js';
import { clearFailedSignIns, countFailedSignIn, isLockedOut } from './sign-in-lockout.js';

/**
 * The checks every password sign-in (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, the SRP proof) makes around
 * the password, and the answers they give, for a user and — for clients that hide user existence — for a name
 * that matches no user.
 */

/** AWS's answer to a wrong password (and, when hiding users, to an unknown name). */
export const INCORRECT = 'Incorrect username or password.';
const LOCKED_OUT = 'Password attempts exceeded';

/** Whether the client hides whether a user exists (PreventUserExistenceErrors = ENABLED). */
export function hidesUsers(client: UserPoolClient): boolean {
  return client.PreventUserExistenceErrors === 'ENABLED';
}

/**
 * Refuses users who may not sign in whatever the password; "Password attempts exceeded" during a lockout.
 * A client that hides users refuses a disabled user only once the password is proven (see
 * {@link checkEnabledAfterProof}): AWS answers a disabled user's wrong password with the generic message.
 * `lockout: false` skips the lockout check (the first SRP step of a hiding client, in auth-operations.ts).
 */
export function checkSignInAllowed(
  ctx: CognitoContext,
  client: UserPoolClient,
  user: UserRecord,
  lockout = true,
): void {
  if (lockout && isLockedOut(user, ctx.now())) throw notAuthorized(LOCKED_OUT);
  if (!user.enabled && !hidesUsers(client)) throw notAuthorized('User is disabled.');
  if (user.status === 'UNCONFIRMED')
    throw new CognitoException('UserNotConfirmedException', 'User is not confirmed.');
  if (user.status === 'RESET_REQUIRED') {
    throw new CognitoException('PasswordResetRequiredException', 'Password reset required for the user');
  }
}

/** Counts a failed sign-in on the user's record (see sign-in-lockout.ts) and returns the error to throw. */
export function recordFailure(ctx: CognitoContext, pool: UserPool, user: UserRecord): CognitoException {
  countFailedSignIn(user, ctx.now());
  ctx.saveUser(pool, user);
  return notAuthorized(INCORRECT);
}

/**
 * A name that matches no user, for a client that hides users: the same lockout a user's record runs, kept
 * in the bounded ledger under the typed name. Refuses during a lockout; otherwise counts the failure.
 */
export function checkUnknownLockout(ctx: CognitoContext, pool: UserPool, typed: string): void {
  if (ctx.unknownUsers.isLockedOut(pool.Id, ctx.unknownUserKey(pool, typed))) throw notAuthorized(LOCKED_OUT);
}

export function recordUnknownFailure(ctx: CognitoContext, pool: UserPool, typed: string): CognitoException {
  ctx.unknownUsers.recordFailedSignIn(pool.Id, ctx.unknownUserKey(pool, typed));
  return notAuthorized(INCORRECT);
}

/** The disabled-user check a hiding client defers until the password is proven. */
export function checkEnabledAfterProof(user: UserRecord): void {
  if (!user.enabled) throw notAuthorized('User is disabled.');
}

export function recordSuccess(ctx: CognitoContext, pool: UserPool, user: UserRecord): void {
  if (clearFailedSignIns(user)) ctx.saveUser(pool, user);
}

/** A temporary password past its validity (TemporaryPasswordValidityDays) no longer signs in. */
export function checkTemporaryPassword(ctx: CognitoContext, user: UserRecord): void {
  if (
    user.status === 'FORCE_CHANGE_PASSWORD' &&
    user.temporaryPasswordExpiresAt !== undefined &&
    user.temporaryPasswordExpiresAt <= ctx.now()
  ) {
    throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
  }
}
