import { createHash } from 'node:crypto';
import { AdminDisableUserCommand, AdminEnableUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  type OAuthHarness,
  signInThroughPage,
  useOAuthHarness,
} from './oauth-test-harness.js';

const VERIFIER = 'another-verifier-of-at-least-forty-three-characters-0123';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('POST /oauth2/token', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${t.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(body).toString(),
    });
  /** A fresh code for the web client (PKCE S256, nonce n-1). */
  const newCode = async (scope = 'openid email aws.cognito.signin.user.admin') => {
    const url = `${t.base}/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: t.clientId,
      redirect_uri: CALLBACK,
      scope,
      nonce: 'n-1',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
    }).toString()}`;
    const done = await signInThroughPage(new CookieJar(), url);
    return new URL(done.headers.get('location') ?? '').searchParams.get('code') ?? '';
  };
  const exchange = (code: string, extra: Record<string, string> = {}) =>
    post({
      grant_type: 'authorization_code',
      client_id: t.clientId,
      code,
      redirect_uri: CALLBACK,
      code_verifier: VERIFIER,
      ...extra,
    });

  it('exchanges a code for tokens that carry the granted scopes, the nonce and at_hash', async () => {
    const res = await exchange(await newCode());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, string | number>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const access = claimsOf(String(body.access_token));
    expect(access).toMatchObject({
      token_use: 'access',
      scope: 'openid email aws.cognito.signin.user.admin',
      version: 2,
      client_id: t.clientId,
      username: 'ada',
    });
    const id = claimsOf(String(body.id_token));
    expect(id).toMatchObject({ token_use: 'id', aud: t.clientId, nonce: 'n-1', email: 'ada@example.com' });
    const atHash = createHash('sha256')
      .update(String(body.access_token))
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(id.at_hash).toBe(atHash);
    expect(String(body.refresh_token).split('.')).toHaveLength(5);
  });

  it('gives no ID token to a grant without openid', async () => {
    const body = (await (await exchange(await newCode('aws.cognito.signin.user.admin'))).json()) as Record<
      string,
      unknown
    >;
    expect(body.id_token).toBeUndefined();
    expect(body.access_token).toBeDefined();
  });

  it.each([
    [
      'a second exchange of the code',
      async (code: string) => {
        await exchange(code);
        return exchange(code);
      },
    ],
    ['a wrong PKCE verifier', (code: string) => exchange(code, { code_verifier: `${VERIFIER}x` })],
    ['no PKCE verifier', (code: string) => exchange(code, { code_verifier: '' })],
    [
      'another redirect URI',
      (code: string) => exchange(code, { redirect_uri: 'http://localhost:5173/other' }),
    ],
    ['an unknown code', () => exchange('00000000-0000-0000-0000-000000000000')],
  ])('refuses %s with invalid_grant', async (_case, attempt) => {
    const res = await attempt(await newCode());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_grant' });
  });

  it('refuses a code after its five minutes', async () => {
    const code = await newCode();
    t.h.clock.now += 5 * 60_000 + 1;
    try {
      expect(await (await exchange(code)).json()).toEqual({ error: 'invalid_grant' });
    } finally {
      t.h.clock.now -= 5 * 60_000 + 1;
    }
  });

  it('refreshes with the session’s scopes, and refuses the refresh token once revoked', async () => {
    const first = (await (await exchange(await newCode())).json()) as Record<string, string>;
    const refreshed = await post({
      grant_type: 'refresh_token',
      client_id: t.clientId,
      refresh_token: first.refresh_token ?? '',
    });
    expect(refreshed.status).toBe(200);
    const body = (await refreshed.json()) as Record<string, string>;
    expect(body.refresh_token).toBeUndefined();
    expect(claimsOf(body.access_token ?? '').scope).toBe('openid email aws.cognito.signin.user.admin');
    expect(body.id_token).toBeDefined();
    const revoked = await fetch(`${t.base}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: first.refresh_token ?? '', client_id: t.clientId }).toString(),
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toBe('');
    const after = await post({
      grant_type: 'refresh_token',
      client_id: t.clientId,
      refresh_token: first.refresh_token ?? '',
    });
    expect(await after.json()).toEqual({ error: 'invalid_grant' });
  });

  it('mints a client-credentials token for a confidential client, by HTTP Basic or the form', async () => {
    const { clientId, clientSecret = '' } = await t.newClient({
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: ['gatehouse-api/stats.read', 'gatehouse-api/notes.read'],
    });
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    const res = await post(
      { grant_type: 'client_credentials', scope: 'gatehouse-api/stats.read' },
      { authorization: basic },
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    const claims = claimsOf(String(body.access_token));
    expect(claims).toMatchObject({
      sub: clientId,
      client_id: clientId,
      token_use: 'access',
      scope: 'gatehouse-api/stats.read',
      version: 2,
    });
    expect(claims.jti).toBeDefined();
    expect(claims.username).toBeUndefined();
    const all = await post({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    });
    expect(claimsOf(String(((await all.json()) as Record<string, unknown>).access_token)).scope).toBe(
      'gatehouse-api/stats.read gatehouse-api/notes.read',
    );
    const wrong = await post({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: 'nope',
    });
    expect(await wrong.json()).toEqual({ error: 'invalid_client' });
    const foreign = await post(
      { grant_type: 'client_credentials', scope: 'gatehouse-api/notes.write' },
      { authorization: basic },
    );
    expect(await foreign.json()).toEqual({ error: 'invalid_scope' });
  });

  it.each([
    ['a JSON body', { 'content-type': 'application/json' }, '{}', 'invalid_request'],
    ['no grant type', {}, 'client_id=CLIENT', 'invalid_request'],
    ['an unknown grant type', {}, 'grant_type=password&client_id=CLIENT', 'unsupported_grant_type'],
    [
      'an unknown client',
      {},
      'grant_type=authorization_code&client_id=nosuchclient&code=x&redirect_uri=y',
      'invalid_client',
    ],
    [
      'client credentials for a public client',
      {},
      'grant_type=client_credentials&client_id=CLIENT',
      'unauthorized_client',
    ],
  ])('answers %s with 400 %s', async (_case, headers, body, error) => {
    const res = await fetch(`${t.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: body.replace('CLIENT', t.clientId),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error });
  });

  it('refuses the code of a user disabled since signing in with invalid_grant', async () => {
    const code = await newCode();
    await t.h.sdk.send(new AdminDisableUserCommand({ UserPoolId: t.poolId, Username: 'ada' }));
    try {
      const res = await exchange(code);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_grant' });
    } finally {
      await t.h.sdk.send(new AdminEnableUserCommand({ UserPoolId: t.poolId, Username: 'ada' }));
    }
  });

  it('makes a confidential client prove its secret for a code, by HTTP Basic or the form', async () => {
    const { clientId, clientSecret = '' } = await t.newClient({
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: [CALLBACK],
    });
    const codeFor = async () => {
      const url = `${t.base}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK })}`;
      const done = await signInThroughPage(new CookieJar(), url);
      return new URL(done.headers.get('location') ?? '').searchParams.get('code') ?? '';
    };
    const grant = { grant_type: 'authorization_code', redirect_uri: CALLBACK };
    const without = await post({ ...grant, client_id: clientId, code: await codeFor() });
    expect(await without.json()).toEqual({ error: 'invalid_client' });
    const basic = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
    expect((await post({ ...grant, code: await codeFor() }, { authorization: basic })).status).toBe(200);
    const form = await post({
      ...grant,
      client_id: clientId,
      client_secret: clientSecret,
      code: await codeFor(),
    });
    expect(form.status).toBe(200);
    const both = await post(
      { ...grant, client_secret: clientSecret, code: await codeFor() },
      { authorization: basic },
    );
    expect(await both.json()).toEqual({ error: 'invalid_request' });
  });
});
