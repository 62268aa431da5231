import { randomInt, timingSafeEqual } from 'node:crypto';
import { CognitoException } from '../cognito-error.js';
import type { PendingCode, UserPool, UserRecord } from '../cognito-types.js';
import type { UserRulesDeps } from './user-rules-deps.js';

/** What a code is for; a `verify` code also names the attribute it verifies. */
export type CodePurpose = 'signUp' | 'forgotPassword' | { verify: string };

const LIFETIME_MS = { signUp: 24 * 3600_000, verify: 24 * 3600_000, forgotPassword: 3600_000 } as const;
/** Wrong guesses allowed on one code before it stops working. */
export const MAX_CODE_ATTEMPTS = 5;

/**
 * One-time codes kept on the user record: issued (replacing an older code for the same purpose), matched
 * with a limit on wrong guesses, expired. Every call that changes a code saves the user itself.
 */
export class CodeBook {
  readonly #deps: UserRulesDeps;

  constructor(deps: UserRulesDeps) {
    this.#deps = deps;
  }

  /**
   * The answer to a code typed for a name that matches no user (or a disabled one) when the client hides user
   * existence: `CodeMismatchException`, and after {@link MAX_CODE_ATTEMPTS} wrong guesses
   * `LimitExceededException`, as an existing user's code would answer.
   */
  hiddenFailure(pool: UserPool, typed: string, purpose: 'signUp' | 'forgotPassword'): CognitoException {
    const key = this.#deps.users.unknownUserKey(pool, typed);
    if (this.#deps.unknown.codeFailures(pool.Id, key, purpose) >= MAX_CODE_ATTEMPTS)
      return attemptLimitExceeded();
    this.#deps.unknown.recordCodeFailure(pool.Id, key, purpose);
    return codeMismatch();
  }

  /** A simulated code was "sent" to a name that matches no user: its wrong guesses start again, as a real one's. */
  resetHidden(pool: UserPool, typed: string, purpose: 'signUp' | 'forgotPassword'): void {
    this.#deps.unknown.resetCodeFailures(pool.Id, this.#deps.users.unknownUserKey(pool, typed), purpose);
  }

  /**
   * A fresh six-digit code for `purpose`, stored on the user (and saved) in place of any older one. A verify
   * code may hold a new value that takes effect once verified (`pendingValue`).
   */
  issue(
    pool: UserPool,
    user: UserRecord,
    purpose: CodePurpose,
    attributeName?: string,
    pendingValue?: string,
  ): PendingCode {
    const kind = typeof purpose === 'string' ? purpose : 'verify';
    const code: PendingCode = {
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      expiresAt: this.#deps.config.now() + LIFETIME_MS[kind],
      failedAttempts: 0,
      ...(attributeName === undefined ? {} : { attributeName }),
      ...(pendingValue === undefined ? {} : { pendingValue }),
    };
    if (typeof purpose === 'string') user.codes[purpose] = code;
    else user.codes.verify = { ...(user.codes.verify ?? {}), [purpose.verify]: code };
    this.#deps.users.save(pool, user);
    return code;
  }

  /** The pending code for `purpose`, if any (own members only: an attribute named `constructor` has none). */
  pending(user: UserRecord, purpose: CodePurpose): PendingCode | undefined {
    if (typeof purpose === 'string') return user.codes[purpose];
    const verify = user.codes.verify;
    return verify !== undefined && Object.hasOwn(verify, purpose.verify) ? verify[purpose.verify] : undefined;
  }

  /**
   * Checks a typed code against the pending one and throws AWS's error when it does not match; a wrong
   * guess is counted and saved here before the throw. On a match the code is removed from the record (not
   * saved: the caller saves the user together with what the code unlocked) and returned.
   */
  match(pool: UserPool, user: UserRecord, purpose: CodePurpose, given: string): PendingCode {
    const pending = this.pending(user, purpose);
    const failure = this.#check(pending, given);
    if (failure !== undefined) {
      this.#deps.users.save(pool, user);
      throw failure;
    }
    this.clear(user, purpose);
    return pending as PendingCode;
  }

  /** Drops a pending code (not saved: part of a larger change the caller saves). */
  clear(user: UserRecord, purpose: CodePurpose): void {
    if (typeof purpose === 'string') delete user.codes[purpose];
    else if (user.codes.verify !== undefined) delete user.codes.verify[purpose.verify];
  }

  #check(pending: PendingCode | undefined, given: string): CognitoException | undefined {
    if (pending === undefined) return expired();
    if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) return attemptLimitExceeded();
    const a = Buffer.from(pending.code);
    const b = Buffer.from(given);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      pending.failedAttempts++;
      return codeMismatch();
    }
    if (pending.expiresAt <= this.#deps.config.now()) return expired();
    return undefined;
  }
}

function expired(): CognitoException {
  return new CognitoException('ExpiredCodeException', 'Invalid code provided, please request a code again.');
}

/** A wrong code. */
export function codeMismatch(): CognitoException {
  return new CognitoException(
    'CodeMismatchException',
    'Invalid verification code provided, please try again.',
  );
}

/** Too many wrong guesses of one code. */
export function attemptLimitExceeded(): CognitoException {
  return new CognitoException(
    'LimitExceededException',
    'Attempt limit exceeded, please try after some time.',
  );
}
