import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  AuthorizationCodes,
  CODE_LIFETIME_MS,
  verifierMatches,
} from '../../src/oauth/authorization-codes.js';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const GRANT = {
  poolId: 'us-east-1_Pool1',
  clientId: 'client1',
  username: 'ada',
  scopes: ['openid'],
  authTime: 1,
};

describe('AuthorizationCodes', () => {
  const clock = { now: 1_000_000 };
  const issue = (codes: AuthorizationCodes, challenge?: string) =>
    codes.issue({
      ...GRANT,
      redirectUri: 'http://localhost/cb',
      ...(challenge === undefined ? {} : { codeChallenge: challenge }),
    });

  it('checks the S256 verifier as RFC 7636 does (its appendix B example)', () => {
    expect(verifierMatches(VERIFIER, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(true);
    expect(verifierMatches(`${VERIFIER}x`, 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')).toBe(false);
  });

  it('redeems a code once, for its client, redirect URI and verifier', () => {
    const codes = new AuthorizationCodes(() => clock.now);
    const code = issue(codes, createHash('sha256').update(VERIFIER).digest('base64url'));
    expect(codes.redeem(code, 'client1', 'http://localhost/cb', VERIFIER)).toMatchObject({ ok: true });
    expect(codes.redeem(code, 'client1', 'http://localhost/cb', VERIFIER)).toEqual({
      ok: false,
      refusal: 'unknown',
    });
  });

  it.each([
    ['client', 'client2', 'http://localhost/cb', VERIFIER],
    ['redirect_uri', 'client1', 'http://localhost/other', VERIFIER],
    ['verifier', 'client1', 'http://localhost/cb', undefined],
  ] as const)(
    'refuses a code bound elsewhere (%s) and spends it',
    (refusal, client, redirectUri, verifier) => {
      const codes = new AuthorizationCodes(() => clock.now);
      const code = issue(codes, createHash('sha256').update(VERIFIER).digest('base64url'));
      expect(codes.redeem(code, client, redirectUri, verifier)).toEqual({ ok: false, refusal });
      expect(codes.redeem(code, 'client1', 'http://localhost/cb', VERIFIER)).toEqual({
        ok: false,
        refusal: 'unknown',
      });
    },
  );

  it('forgets a code after five minutes, and keeps at most its bound', () => {
    const codes = new AuthorizationCodes(() => clock.now, 2);
    const old = issue(codes);
    clock.now += CODE_LIFETIME_MS;
    expect(codes.redeem(old, 'client1', 'http://localhost/cb', undefined)).toEqual({
      ok: false,
      refusal: 'unknown',
    });
    const first = issue(codes);
    issue(codes);
    issue(codes);
    expect(codes.redeem(first, 'client1', 'http://localhost/cb', undefined)).toEqual({
      ok: false,
      refusal: 'unknown',
    });
  });
});
