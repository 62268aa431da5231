import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie of the CSRF pair (AWS's managed login uses this name) and the form field (`_csrf`, as AWS's). */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_FIELD = '_csrf';

/**
 * Double-submit CSRF tokens bound by a server key: the cookie holds a random value, each form an HMAC of it.
 * A page of another site can neither read the cookie nor, since cookies ignore ports, plant one that passes:
 * without the key it cannot make the matching form value.
 */
export class CsrfTokens {
  readonly #key = randomBytes(32);

  /** A new cookie value. */
  newCookie(): string {
    return randomBytes(24).toString('base64url');
  }

  /** The form value that goes with a cookie value. */
  formValue(cookie: string): string {
    return createHmac('sha256', this.#key).update(cookie).digest('base64url');
  }

  /** Whether a submitted form value matches the cookie the browser sent. */
  matches(cookie: string | undefined, submitted: string | null): boolean {
    if (cookie === undefined || cookie === '' || submitted === null) return false;
    const expected = Buffer.from(this.formValue(cookie));
    const given = Buffer.from(submitted);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
