import { describe, expect, it } from 'vitest';
import { CsrfTokens } from '../../src/oauth/csrf-token.js';

describe('CsrfTokens', () => {
  it('matches the form value made for the cookie, and nothing else', () => {
    const csrf = new CsrfTokens();
    const cookie = csrf.newCookie();
    expect(csrf.matches(cookie, csrf.formValue(cookie))).toBe(true);
    expect(csrf.matches(csrf.newCookie(), csrf.formValue(cookie))).toBe(false);
    expect(csrf.matches(undefined, csrf.formValue(cookie))).toBe(false);
    expect(csrf.matches(cookie, null)).toBe(false);
  });

  it('cannot be forged without the server’s key: a planted cookie with a value of its own fails', () => {
    const planted = 'attacker-chosen-cookie-value';
    expect(new CsrfTokens().matches(planted, new CsrfTokens().formValue(planted))).toBe(false);
  });
});
