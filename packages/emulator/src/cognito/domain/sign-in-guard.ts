import { CognitoException, notAuthorized } from '../cognito-error.js';
import type { UserPool, UserPoolClient, UserRecord } from '../cognito-types.js';
import { hidesUserExistence } from './client-policy.js';
import type { ServiceConfig } from './service-config.js';
import type { UserDirectory } from './user-directory.js';

/** AWS's answer to a wrong password or an unknown user (where the client hides which users exist). */
export const INCORRECT_CREDENTIALS = 'Incorrect username or password.';

/** Failed sign-ins before the lockout starts. */
const LOCKOUT_THRESHOLD = 5;
/** The longest lockout: "about 15 minutes". */
const LOCKOUT_MAX_SECONDS = 900;
/** Quiet time (after the last failure and the end of its lockout) after which failed attempts are forgotten. */
const LOCKOUT_RESET_MS = 15 * 60_000;

/** Who may sign in, and the lockout that follows repeated wrong passwords. */
export class SignInGuard {
  readonly #users: Pick<UserDirectory, 'save'>;
  readonly #config: Pick<ServiceConfig, 'now'>;

  constructor(users: Pick<UserDirectory, 'save'>, config: Pick<ServiceConfig, 'now'>) {
    this.#users = users;
    this.#config = config;
  }

  /**
   * Refuses users who may not sign in whatever the password; "Password attempts exceeded" during a lockout.
   * A client that hides users refuses a disabled user only once the password is proven (see
   * {@link checkEnabledAfterProof}): AWS answers a disabled user's wrong password with the generic message.
   */
  checkAllowed(client: UserPoolClient, user: UserRecord): void {
    if (user.lockedUntil > this.#config.now()) throw notAuthorized('Password attempts exceeded');
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
      user.temporaryPasswordExpiresAt <= this.#config.now()
    ) {
      throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
    }
  }

  /**
   * Counts a failed sign-in (saved) and returns the error to throw: from the fifth on, the user is locked
   * out for 2^(n−5) seconds (capped at about 15 minutes); the count is forgotten after 15 quiet minutes or a
   * successful sign-in. Attempts refused during a lockout are not counted (AWS does not say; counting them
   * would let a typo storm lock forever).
   */
  recordFailure(pool: UserPool, user: UserRecord): CognitoException {
    const now = this.#config.now();
    // Measured from the end of the lockout too, so the longest lockout does not itself reset the count.
    if (now - Math.max(user.lastFailedSignInAt, user.lockedUntil) > LOCKOUT_RESET_MS) user.failedSignIns = 0;
    user.failedSignIns++;
    user.lastFailedSignInAt = now;
    if (user.failedSignIns >= LOCKOUT_THRESHOLD) {
      const seconds = Math.min(2 ** (user.failedSignIns - LOCKOUT_THRESHOLD), LOCKOUT_MAX_SECONDS);
      user.lockedUntil = now + seconds * 1000;
    }
    this.#users.save(pool, user);
    return notAuthorized(INCORRECT_CREDENTIALS);
  }

  /** Forgets failed attempts after a proven password (saved only when there was something to forget). */
  recordSuccess(pool: UserPool, user: UserRecord): void {
    if (user.failedSignIns !== 0 || user.lockedUntil !== 0) {
      resetLockout(user);
      this.#users.save(pool, user);
    }
  }
}

/** Clears failed attempts and any lockout (a new password, or a success); not saved. */
export function resetLockout(user: UserRecord): void {
  user.failedSignIns = 0;
  user.lockedUntil = 0;
  user.lastFailedSignInAt = 0;
}
