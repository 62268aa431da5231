import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CognitoAuthorizer, MAX_CACHED_TOKENS } from '../../src/apigateway/cognito-authorizer.js';
import type { GatewayUserPool } from '../../src/apigateway/gateway-types.js';
import type { AuthorizerModel } from '../../src/apigateway/rest-api-model.js';

const POOL_ID = 'us-east-1_AuthzTest1';
const POOL_ARN = `arn:aws:cognito-idp:us-east-1:000000000000:userpool/${POOL_ID}`;
const ISSUER = `https://cognito-idp.us-east-1.amazonaws.com/${POOL_ID}`;
const KID = 'id-key';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = publicKey.export({ format: 'jwk' });
const pool: GatewayUserPool = {
  userPoolId: POOL_ID,
  issuer: ISSUER,
  jwks: { keys: [{ alg: 'RS256', e: jwk.e, kid: KID, kty: 'RSA', n: jwk.n, use: 'sig' }] },
};

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function idToken(nowMs: number, overrides: Record<string, unknown> = {}): string {
  const iat = Math.floor(nowMs / 1000);
  const input = `${b64({ kid: KID, alg: 'RS256' })}.${b64({
    sub: randomUUID(),
    aud: 'client',
    iss: ISSUER,
    token_use: 'id',
    iat,
    exp: iat + 3600,
    jti: randomUUID(),
    ...overrides,
  })}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

function authorizer(clock: { now: number }, ttlSeconds = 300): CognitoAuthorizer {
  const model: AuthorizerModel = {
    id: 'authz',
    name: 'users',
    type: 'COGNITO_USER_POOLS',
    providerArns: [POOL_ARN],
    identitySource: 'method.request.header.Authorization',
    ttlSeconds,
    identityValidationExpression: undefined,
  };
  return new CognitoAuthorizer(
    model,
    (arn) => (arn === POOL_ARN ? pool : undefined),
    () => clock.now,
  );
}

describe('CognitoAuthorizer', () => {
  it('keeps its result cache at the limit when shown more distinct valid tokens than the limit', () => {
    const clock = { now: Date.now() };
    const authz = authorizer(clock);
    for (let i = 0; i < MAX_CACHED_TOKENS + 50; i++) {
      expect(authz.authorize(`Bearer ${idToken(clock.now)}`, []).ok).toBe(true);
    }
    expect(authz.cachedTokens).toBe(MAX_CACHED_TOKENS);
  });

  it('caches nothing for refused tokens', () => {
    const clock = { now: Date.now() };
    const authz = authorizer(clock);
    for (let i = 0; i < 100; i++) {
      const forged = `${idToken(clock.now).slice(0, -8)}AAAAAAAA`;
      expect(authz.authorize(forged, [])).toMatchObject({ ok: false, failure: 'unauthorized' });
    }
    expect(authz.cachedTokens).toBe(0);
  });

  it('refuses a cached token once it expires inside the TTL, with the expiry failure', () => {
    const clock = { now: Date.now() };
    const authz = authorizer(clock, 3600);
    const token = idToken(clock.now, { exp: Math.floor(clock.now / 1000) + 10 });
    expect(authz.authorize(token, []).ok).toBe(true);
    clock.now += 10_000;
    expect(authz.authorize(token, [])).toMatchObject({ ok: false, failure: 'expired' });
  });

  it('caches nothing when the TTL is 0', () => {
    const clock = { now: Date.now() };
    const authz = authorizer(clock, 0);
    expect(authz.authorize(idToken(clock.now), []).ok).toBe(true);
    expect(authz.cachedTokens).toBe(0);
  });

  it('refuses a cached ID token on a method that wants an access token', () => {
    const clock = { now: Date.now() };
    const authz = authorizer(clock);
    const token = idToken(clock.now);
    expect(authz.authorize(token, []).ok).toBe(true);
    expect(authz.authorize(token, ['aws.cognito.signin.user.admin'])).toMatchObject({
      ok: false,
      failure: 'unauthorized',
    });
  });
});
