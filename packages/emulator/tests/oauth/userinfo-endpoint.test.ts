import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  type OAuthHarness,
  STRONG_PASSWORD,
  signInThroughPage,
  useOAuthHarness,
} from './oauth-test-harness.js';

describe('GET|POST /oauth2/userInfo', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const accessToken = async (scope: string) => {
    const url = `${t.base}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: t.clientId, redirect_uri: CALLBACK, scope }).toString()}`;
    const code =
      new URL((await signInThroughPage(new CookieJar(), url)).headers.get('location') ?? '').searchParams.get(
        'code',
      ) ?? '';
    const res = await fetch(`${t.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: t.clientId,
        code,
        redirect_uri: CALLBACK,
      }).toString(),
    });
    return String(((await res.json()) as Record<string, unknown>).access_token);
  };
  const userInfo = (token: string | undefined, method = 'GET') =>
    fetch(`${t.base}/oauth2/userInfo`, {
      method,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  it.each(['GET', 'POST'])('answers %s with the attributes the scopes open, as strings', async (method) => {
    const res = await userInfo(await accessToken('openid email'), method);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, string>;
    expect(body).toMatchObject({ email: 'ada@example.com', email_verified: 'true', username: 'ada' });
    expect(body.sub).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses an access token of the API flows, which carries no openid scope', async () => {
    const auth = await t.h.sdk.send(
      new InitiateAuthCommand({
        ClientId: (
          await t.newClient({ ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] })
        ).clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'ada', PASSWORD: STRONG_PASSWORD },
      }),
    );
    const res = await userInfo(auth.AuthenticationResult?.AccessToken);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(((await res.json()) as Record<string, string>).error).toBe('invalid_token');
  });

  it('refuses an expired token with invalid_token and a missing one with invalid_request', async () => {
    const token = await accessToken('openid');
    t.h.clock.now += 3601_000;
    try {
      expect((await userInfo(token)).status).toBe(401);
    } finally {
      t.h.clock.now -= 3601_000;
    }
    const missing = await userInfo(undefined);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as Record<string, string>).error).toBe('invalid_request');
  });
});
