import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TokenFailure, TokenVerifier } from '../../src/jwt/index.js';

const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1';
const CLIENT = 'client1234567890';
const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const NOW_S = NOW / 1000;

function keyPair(kid: string) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' },
  };
}

const access = keyPair('access-kid');
const other = keyPair('other-kid');
const jwks = { keys: [access.jwk] };

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function signed(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = { kid: access.kid, alg: 'RS256' },
  key: KeyObject = access.privateKey,
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'f0e1d2c3-0000-4000-8000-000000000001',
    iss: ISSUER,
    client_id: CLIENT,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: NOW_S - 60,
    iat: NOW_S - 60,
    exp: NOW_S + 3600,
    jti: 'jti-1',
    username: 'alice',
    ...overrides,
  };
}

const verifier = new TokenVerifier({
  issuer: ISSUER,
  jwks,
  tokenUse: 'access',
  clientId: CLIENT,
  scopes: ['aws.cognito.signin.user.admin'],
  now: () => NOW,
});

function tampered(): string {
  const [h, , s] = signed(claims()).split('.');
  return `${h}.${b64(claims({ username: 'mallory' }))}.${s}`;
}

function hs256WithPublicKey(): string {
  // Algorithm confusion: an HMAC "signed" with the public key as the secret.
  const header = b64({ kid: access.kid, alg: 'HS256' });
  const body = b64(claims());
  const secret = access.publicKey.export({ type: 'spki', format: 'pem' });
  return `${header}.${body}.${createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url')}`;
}

describe('TokenVerifier', () => {
  it('accepts a token of this issuer, signed with its key, within its lifetime', () => {
    const result = verifier.verify(signed(claims()));
    expect(result).toMatchObject({ ok: true, payload: { username: 'alice' } });
  });

  it.each<[string, () => string, TokenFailure]>([
    ['expired', () => signed(claims({ exp: NOW_S - 1 })), 'expired'],
    ['expiring this very second', () => signed(claims({ exp: NOW_S })), 'expired'],
    ['without exp', () => signed(claims({ exp: undefined })), 'malformed'],
    ['not valid yet (nbf)', () => signed(claims({ nbf: NOW_S + 60 })), 'not-yet-valid'],
    ['of another issuer', () => signed(claims({ iss: `${ISSUER}x` })), 'issuer'],
    ['without an issuer', () => signed(claims({ iss: undefined })), 'issuer'],
    ['an ID token where an access token is required', () => signed(claims({ token_use: 'id' })), 'token-use'],
    ['of an unknown token_use', () => signed(claims({ token_use: 'refresh' })), 'token-use'],
    ['of another app client', () => signed(claims({ client_id: 'someone-else' })), 'client'],
    ['without the required scope', () => signed(claims({ scope: 'openid email' })), 'scope'],
    ['with a tampered payload', tampered, 'signature'],
    [
      'signed by another key under the known kid',
      () => signed(claims(), { kid: access.kid, alg: 'RS256' }, other.privateKey),
      'signature',
    ],
    [
      'with an unknown kid',
      () => signed(claims(), { kid: other.kid, alg: 'RS256' }, other.privateKey),
      'unknown-key',
    ],
    ['without a kid', () => signed(claims(), { alg: 'RS256' }), 'malformed'],
    [
      'with alg none and no signature',
      () => `${b64({ kid: access.kid, alg: 'none' })}.${b64(claims())}.`,
      'malformed',
    ],
    [
      'with alg none and a signature',
      () => `${b64({ kid: access.kid, alg: 'none' })}.${b64(claims())}.AA`,
      'algorithm',
    ],
    ['HS256 keyed with the public key', hs256WithPublicKey, 'algorithm'],
    ['not a JWT at all', () => 'not-a-token', 'malformed'],
    ['an empty string', () => '', 'malformed'],
    [
      'with a payload that is not JSON',
      () => `${b64({ kid: access.kid, alg: 'RS256' })}.bm90IGpzb24.AA`,
      'malformed',
    ],
  ])('refuses a token %s', (_case, token, failure) => {
    const result = verifier.verify(token());
    expect(result).toMatchObject({ ok: false, failure });
  });

  it('judges expiry by its own clock, not the wall clock', () => {
    const longAgo = Date.UTC(2001, 0, 1);
    const past = new TokenVerifier({ issuer: ISSUER, jwks, now: () => longAgo });
    const token = signed(claims({ iat: longAgo / 1000, exp: longAgo / 1000 + 60 }));
    expect(past.verify(token).ok).toBe(true);
    const later = new TokenVerifier({ issuer: ISSUER, jwks, now: () => longAgo + 61_000 });
    expect(later.verify(token)).toMatchObject({ ok: false, failure: 'expired' });
  });

  it('lets a call override the token use, client and scopes', () => {
    const id = signed(claims({ token_use: 'id', aud: CLIENT, client_id: undefined, scope: undefined }));
    expect(verifier.verify(id)).toMatchObject({ ok: false, failure: 'token-use' });
    expect(verifier.verify(id, { tokenUse: 'id', scopes: [] }).ok).toBe(true);
    expect(verifier.verify(id, { tokenUse: 'id', scopes: [], clientId: 'other' })).toMatchObject({
      ok: false,
      failure: 'client',
    });
  });

  it('accepts a token carrying any one of several scopes', () => {
    const token = signed(claims({ scope: 'gatehouse-api/notes.read openid' }));
    expect(
      verifier.verify(token, { scopes: ['gatehouse-api/notes.write', 'gatehouse-api/notes.read'] }).ok,
    ).toBe(true);
  });

  it('keeps messages to one bounded line, whatever the token header holds', () => {
    const result = verifier.verify(
      signed(claims(), { kid: `x\ninjected ${'y'.repeat(1000)}`, alg: 'RS256' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).not.toContain('\n');
      expect(result.message.length).toBeLessThanOrEqual(300);
    }
  });

  it('refuses to be built on a malformed key set', () => {
    expect(() => new TokenVerifier({ issuer: ISSUER, jwks: { keys: 'none' } as never })).toThrow(/JWKS/);
  });
});
