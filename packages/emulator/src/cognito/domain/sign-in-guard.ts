import { CognitoException, notAuthorized } from '../cognito-error.js';
import type { UserPool, UserPoolClient, UserRecord } from '../cognito-types.js';
import { hidesUserExistence } from './client-policy.js';
import { clearFailedSignIns, countFailedSignIn, isLockedOut } from './sign-in-lockout.js';
import type { UserRulesDeps } from './user-rules-deps.js';

/** AWS's answer to a wrong password or an unknown user (where the client hides which users exist). */
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

const LOCKED_OUT = 'Password attempts exceeded';

/**
 * Who may sign in, and the lockout that follows repeated wrong passwords (sign-in-lockout.ts), kept on the
 * user's record and — for clients that hide user existence — for names that match no user, in the bounded
 * ledger, so that neither the answers nor their sequence tell the two apart.
 */
export class SignInGuard {
  readonly #deps: UserRulesDeps;

  constructor(deps: UserRulesDeps) {
    this.#deps = deps;
  }

  /**
   * Refuses users who may not sign in whatever the password; "Password attempts exceeded" during a lockout.
   * A client that hides users refuses a disabled user only once the password is proven (see
   * {@link checkAfterProof}): AWS answers a disabled user's wrong password with the generic message.
   * `lockout: false` skips the lockout check (the first SRP step of a hiding client).
   */
  checkAllowed(client: UserPoolClient, user: UserRecord, lockout = true): void {
    if (lockout && isLockedOut(user, this.#deps.config.now())) throw notAuthorized(LOCKED_OUT);
    if (!user.enabled && !hidesUserExistence(client)) throw notAuthorized('User is disabled.');
    if (user.status === 'UNCONFIRMED') {
      throw new CognitoException('UserNotConfirmedException', 'User is not confirmed.');
    }
    if (user.status === 'RESET_REQUIRED') {
      throw new CognitoException('PasswordResetRequiredException', 'Password reset required for the user');
    }
  }

  /**
   * After the password is proven: the disabled-user check a hiding client deferred, then a temporary
   * password's expiry.
   */
  checkAfterProof(user: UserRecord): void {
    if (!user.enabled) throw notAuthorized('User is disabled.');
    if (
      user.status === 'FORCE_CHANGE_PASSWORD' &&
      user.temporaryPasswordExpiresAt !== undefined &&
      user.temporaryPasswordExpiresAt <= this.#deps.config.now()
    ) {
      throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
    }
  }

  /** Counts a failed sign-in on the user's record (saved) and returns the error to throw. */
  recordFailure(pool: UserPool, user: UserRecord): CognitoException {
    countFailedSignIn(user, this.#deps.config.now());
    this.#deps.users.save(pool, user);
    return notAuthorized(INCORRECT_CREDENTIALS);
  }

  /** Forgets failed attempts after a proven password (saved only when there was something to forget). */
  recordSuccess(pool: UserPool, user: UserRecord): void {
    if (clearFailedSignIns(user)) this.#deps.users.save(pool, user);
  }

  /** A name that matches no user (hiding client): refused during its lockout, as a user would be. */
  checkUnknownAllowed(pool: UserPool, typed: string): void {
    if (this.#deps.unknown.isLockedOut(pool.Id, this.#deps.users.unknownUserKey(pool, typed))) {
      throw notAuthorized(LOCKED_OUT);
    }
  }

  /** Counts a failed sign-in of a name that matches no user and returns the error to throw. */
  recordUnknownFailure(pool: UserPool, typed: string): CognitoException {
    this.#deps.unknown.recordFailedSignIn(pool.Id, this.#deps.users.unknownUserKey(pool, typed));
    return notAuthorized(INCORRECT_CREDENTIALS);
  }
}
