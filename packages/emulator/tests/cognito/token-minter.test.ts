import {
  AdminAddUserToGroupCommand,
  CreateGroupCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  createPoolAndClient,
  decodeJwt,
  type Harness,
  passwordSignIn,
  startHarness,
  usePoolHarness,
  verifiers,
} from './cognito-test-harness.js';

describe('tokens', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let tokens: Awaited<ReturnType<typeof passwordSignIn>>;

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'editors', Precedence: 2 }));
      await h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins', Precedence: 1 }));
      await createConfirmedUser(h, poolId, 'carol', [
        { Name: 'email', Value: 'carol@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:tenant', Value: '42' },
      ]);
      for (const g of ['editors', 'admins']) {
        await h.sdk.send(
          new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'carol', GroupName: g }),
        );
      }
      tokens = await passwordSignIn(h, clientId, 'carol');
    },
    { pool: { Schema: [{ Name: 'tenant', AttributeDataType: 'Number', Mutable: true }] } },
  );

  it('answers with Bearer tokens that live an hour by default', () => {
    expect(tokens.TokenType).toBe('Bearer');
    expect(tokens.ExpiresIn).toBe(3600);
  });

  it('signs ID and access tokens with different keys, header {kid, alg} only', () => {
    const id = decodeJwt(tokens.IdToken).header;
    const access = decodeJwt(tokens.AccessToken).header;
    expect(Object.keys(id).sort()).toEqual(['alg', 'kid']);
    expect(id.alg).toBe('RS256');
    expect(id.kid).not.toBe(access.kid);
    const kids = h.service.jwks(poolId).keys.map((k) => k.kid);
    expect(kids).toContain(id.kid);
    expect(kids).toContain(access.kid);
  });

  it('writes the ID token claims Cognito writes', () => {
    const p = decodeJwt(tokens.IdToken).payload;
    expect(Object.keys(p).sort()).toEqual(
      [
        'aud',
        'auth_time',
        'cognito:groups',
        'cognito:username',
        'custom:tenant',
        'email',
        'email_verified',
        'event_id',
        'exp',
        'iat',
        'iss',
        'jti',
        'origin_jti',
        'sub',
        'token_use',
      ].sort(),
    );
    expect(p).toMatchObject({
      aud: clientId,
      token_use: 'id',
      'cognito:username': 'carol',
      email_verified: true,
      'custom:tenant': '42',
      'cognito:groups': ['admins', 'editors'],
      iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
    });
    expect(Number(p.exp) - Number(p.iat)).toBe(3600);
  });

  it.each([
    ['an unverified email', [{ Name: 'email', Value: 'dan@example.com' }], { email_verified: false }],
    [
      'an unverified phone number',
      [{ Name: 'phone_number', Value: '+15555550100' }],
      { phone_number_verified: false },
    ],
    [
      'an email verified false',
      [
        { Name: 'email', Value: 'eve@example.com' },
        { Name: 'email_verified', Value: 'false' },
      ],
      { email_verified: false },
    ],
  ])(
    'writes the verification flag false into the ID token of a user with %s',
    async (_, attributes, flags) => {
      const username = `flags-${Object.keys(flags)[0]}-${attributes.length}`;
      await createConfirmedUser(h, poolId, username, attributes);
      const { IdToken } = await passwordSignIn(h, clientId, username);
      expect(decodeJwt(IdToken).payload).toMatchObject(flags);
    },
  );

  it('writes the access token claims Cognito writes (client_id, no aud)', () => {
    const p = decodeJwt(tokens.AccessToken).payload;
    expect(Object.keys(p).sort()).toEqual(
      [
        'auth_time',
        'client_id',
        'cognito:groups',
        'event_id',
        'exp',
        'iat',
        'iss',
        'jti',
        'origin_jti',
        'scope',
        'sub',
        'token_use',
        'username',
      ].sort(),
    );
    expect(p).toMatchObject({
      client_id: clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: 'carol',
    });
    const id = decodeJwt(tokens.IdToken).payload;
    expect(p.origin_jti).toBe(id.origin_jti);
    expect(p.event_id).toBe(id.event_id);
    expect(p.jti).not.toBe(id.jti);
  });

  it('passes aws-jwt-verify configured as in production (ID and access)', async () => {
    const v = verifiers(h, poolId, clientId);
    await expect(v.id.verify(tokens.IdToken)).resolves.toMatchObject({ sub: expect.any(String) });
    await expect(v.access.verify(tokens.AccessToken)).resolves.toMatchObject({ client_id: clientId });
  });

  it('fails aws-jwt-verify when tampered with', async () => {
    const v = verifiers(h, poolId, clientId);
    const [hd, p, s] = tokens.AccessToken.split('.');
    const payload = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
    payload.username = 'mallory';
    const forged = `${hd}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(v.access.verify(forged)).rejects.toThrow(/signature/i);
  });

  it('fails aws-jwt-verify once expired', async () => {
    const v = verifiers(h, poolId, clientId);
    const saved = h.clock.now;
    h.clock.now = Date.now() - 2 * 3600_000;
    const old = await passwordSignIn(h, clientId, 'carol');
    h.clock.now = saved;
    await expect(v.access.verify(old.AccessToken)).rejects.toThrow(/expired/i);
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: old.AccessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has expired',
    });
  });

  it('fails aws-jwt-verify for a token of another pool', async () => {
    const other = await createPoolAndClient(h);
    await createConfirmedUser(h, other.poolId, 'carol');
    const foreign = await passwordSignIn(h, other.clientId, 'carol');
    const v = verifiers(h, poolId, clientId);
    await expect(v.access.verify(foreign.AccessToken)).rejects.toThrow();
    // Each pool has its own keys.
    const ours = h.service.jwks(poolId).keys.map((k) => k.n);
    const theirs = h.service.jwks(other.poolId).keys.map((k) => k.n);
    expect(ours.filter((n) => theirs.includes(n))).toEqual([]);
  });

  it('refuses an ID token where an access token is needed', async () => {
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: tokens.IdToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });

  it('keeps auth_time and origin_jti on refresh and issues no new refresh token', async () => {
    h.clock.now += 60_000;
    const out = await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
      }),
    );
    const before = decodeJwt(tokens.AccessToken).payload;
    const after = decodeJwt(out.AuthenticationResult?.AccessToken ?? '').payload;
    expect(out.AuthenticationResult?.RefreshToken).toBeUndefined();
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.origin_jti).toBe(before.origin_jti);
    expect(Number(after.iat)).toBeGreaterThan(Number(before.iat));
  });

  it('makes refresh tokens opaque JWE-shaped strings', () => {
    expect(tokens.RefreshToken.split('.')).toHaveLength(5);
    expect(
      tokens.RefreshToken.startsWith('eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.'),
    ).toBe(true);
  });

  it.each([
    [
      {
        AccessTokenValidity: 5,
        IdTokenValidity: 10,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes' },
      },
      300,
      600,
    ],
    [{ AccessTokenValidity: 2, IdTokenValidity: 1 }, 7200, 3600],
    [
      {
        AccessTokenValidity: 1,
        IdTokenValidity: 1,
        TokenValidityUnits: { AccessToken: 'days', IdToken: 'days' },
      },
      86400,
      86400,
    ],
  ] as const)('takes lifetimes from the client settings %j', async (settings, access, id) => {
    const c = await createPoolAndClient(h, {}, settings as never);
    await createConfirmedUser(h, c.poolId, 'dan');
    const t = await passwordSignIn(h, c.clientId, 'dan');
    expect(t.ExpiresIn).toBe(access);
    const a = decodeJwt(t.AccessToken).payload;
    const i = decodeJwt(t.IdToken).payload;
    expect(Number(a.exp) - Number(a.iat)).toBe(access);
    expect(Number(i.exp) - Number(i.iat)).toBe(id);
  });
});

describe('tokens with the local issuer', () => {
  it('writes the server URL as iss and verifies with the generic verifier', async () => {
    const h = await startHarness({ issuer: 'local' });
    try {
      const { poolId, clientId } = await createPoolAndClient(h);
      await createConfirmedUser(h, poolId, 'erin');
      const t = await passwordSignIn(h, clientId, 'erin');
      const iss = `${h.server.url}/${poolId}`;
      expect(decodeJwt(t.IdToken).payload.iss).toBe(iss);
      expect(h.service.issuer(poolId)).toBe(iss);
      const doc = (await (await fetch(`${iss}/.well-known/openid-configuration`)).json()) as Record<
        string,
        unknown
      >;
      expect(doc.issuer).toBe(iss);
      const { JwtVerifier } = await import('aws-jwt-verify');
      const verifier = JwtVerifier.create({ issuer: iss, audience: clientId });
      verifier.cacheJwks(h.service.jwks(poolId) as never);
      await expect(verifier.verify(t.IdToken)).resolves.toMatchObject({ token_use: 'id' });
      // A production verifier bound to AWS's issuer refuses it, as it should.
      const strict = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
      strict.cacheJwks(h.service.jwks(poolId) as never);
      await expect(strict.verify(t.IdToken)).rejects.toThrow(/issuer/i);
    } finally {
      await h.close();
    }
  });
});
