import { randomInt, timingSafeEqual } from 'node:crypto';
import { CognitoException } from '../cognito-error.js';
import type { PendingCode, UserPool, UserRecord } from '../cognito-types.js';
import type { ServiceConfig } from './service-config.js';
import type { UserDirectory } from './user-directory.js';

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
  readonly #users: Pick<UserDirectory, 'save'>;
  readonly #config: Pick<ServiceConfig, 'now'>;

  constructor(users: Pick<UserDirectory, 'save'>, config: Pick<ServiceConfig, 'now'>) {
    this.#users = users;
    this.#config = config;
  }

  /** A fresh six-digit code for `purpose`, stored on the user (and saved) in place of any older one. */
  issue(pool: UserPool, user: UserRecord, purpose: CodePurpose, attributeName?: string): PendingCode {
    const kind = typeof purpose === 'string' ? purpose : 'verify';
    const code: PendingCode = {
      code: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      expiresAt: this.#config.now() + LIFETIME_MS[kind],
      failedAttempts: 0,
      ...(attributeName === undefined ? {} : { attributeName }),
    };
    if (typeof purpose === 'string') user.codes[purpose] = code;
    else user.codes.verify = { ...(user.codes.verify ?? {}), [purpose.verify]: code };
    this.#users.save(pool, user);
    return code;
  }

  /** The pending code for `purpose`, if any. */
  pending(user: UserRecord, purpose: CodePurpose): PendingCode | undefined {
    return typeof purpose === 'string' ? user.codes[purpose] : user.codes.verify?.[purpose.verify];
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
      this.#users.save(pool, user);
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
    if (pending.failedAttempts >= MAX_CODE_ATTEMPTS) {
      return new CognitoException(
        'LimitExceededException',
        'Attempt limit exceeded, please try after some time.',
      );
    }
    const a = Buffer.from(pending.code);
    const b = Buffer.from(given);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      pending.failedAttempts++;
      return new CognitoException(
        'CodeMismatchException',
        'Invalid verification code provided, please try again.',
      );
    }
    if (pending.expiresAt <= this.#config.now()) return expired();
    return undefined;
  }
}

function expired(): CognitoException {
  return new CognitoException('ExpiredCodeException', 'Invalid code provided, please request a code again.');
}
