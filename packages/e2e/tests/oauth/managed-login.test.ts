import {
  configFromOutputs,
  createClient,
  InvalidScopeError,
  memoryStorage,
  type SessionStorage,
} from '@org/client';
import { describe, expect, it } from 'vitest';
import { callApi, signUpAndConfirm, type TestUser, useLocalStack } from '../support/local-stack.js';
import {
  authorizeUrl,
  codeFlowTokens,
  jwtClaims,
  ManagedLoginBrowser,
  pkcePair,
  readForm,
  tokenRequest,
} from '../support/managed-login-browser.js';

const env = useLocalStack();

/** The dev stage's callback and sign-out URL (the local web app), registered on the public client. */
const CALLBACK = 'http://localhost:5173/';

function domainUrl(): string {
  const url = env().outputs.UserPoolDomainUrl;
  if (url === undefined) throw new Error('the stack has no UserPoolDomainUrl output');
  return url;
}

/** A `Map`-backed storage, so a test can see what the client keeps across the redirect. */
function mapStorage(): SessionStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** The client in Node.js: `navigate` drives the managed login page as a browser would and keeps where it ended. */
function redirectClient(user: TestUser, browser = new ManagedLoginBrowser(domainUrl())) {
  const landed: string[] = [];
  const client = createClient(configFromOutputs(env().stack.outputs, { endpoints: env().stack.endpoints }), {
    storage: memoryStorage(),
    oauth: {
      redirectUri: CALLBACK,
      storage: mapStorage(),
      navigate: async (url) => {
        landed.push(await browser.signIn(url, user));
      },
    },
  });
  return { client, landed, browser };
}

/** Signs in through the page with code + PKCE (no client library) and exchanges the code. */
function codeFlow(user: TestUser, scope = 'openid email aws.cognito.signin.user.admin') {
  return codeFlowTokens({
    domainUrl: domainUrl(),
    clientId: env().outputs.UserPoolClientId,
    redirectUri: CALLBACK,
    user,
    scope,
  });
}

describe('managed login on the synthesized app (authorization code + PKCE)', () => {
  it('signs in with signInWithRedirect through the real sign-in form, then calls the API', async () => {
    const user = await signUpAndConfirm(env());
    const { client, landed, browser } = redirectClient(user);

    await client.signInWithRedirect();

    expect(landed).toHaveLength(1);
    const back = new URL(landed[0] ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('code')).toEqual(expect.any(String));
    expect(back.searchParams.get('state')).toEqual(expect.any(String));
    // The form was posted with its CSRF pair, and the sign-in left the managed login's session cookie.
    expect(browser.cookies.has('cognito')).toBe(true);

    const result = await client.handleRedirectCallback(back.href);
    expect(result).toMatchObject({ status: 'signed-in', user: { email: user.email } });
    expect(await client.me.get()).toMatchObject({ sub: user.sub, email: user.email });
    const note = await client.notes.create({ body: { title: 'From managed login' } });
    expect((await client.notes.list({})).items.map((n) => n.noteId)).toContain(note.noteId);

    // Within the session a second authorize goes straight back to the app, no form.
    const again = await browser.open(
      authorizeUrl(domainUrl(), {
        client_id: env().outputs.UserPoolClientId,
        redirect_uri: CALLBACK,
        scope: 'openid',
        state: 'again',
      }),
    );
    expect('left' in again && new URL(again.left).searchParams.get('state')).toBe('again');
  });

  it('serves a sign-in page whose form carries a CSRF field and refuses a post without it', async () => {
    const browser = new ManagedLoginBrowser(domainUrl());
    const opened = await browser.open(
      authorizeUrl(domainUrl(), { client_id: env().outputs.UserPoolClientId, redirect_uri: CALLBACK }),
    );
    if (!('page' in opened)) throw new Error(`authorize left for ${opened.left}`);
    const form = readForm(opened.page.html, opened.page.url);
    expect(form.hidden._csrf).toEqual(expect.any(String));
    expect(form.visible).toEqual(['username', 'password']);

    const forged = await browser.request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'x@example.com', password: 'whatever-password' }).toString(),
    });
    expect(forged.status).toBe(403);
  });

  /** Signs a new user in on the managed login page with PKCE; the token request that would redeem the code. */
  const codeGrantForNewUser = async () => {
    const user = await signUpAndConfirm(env());
    const pkce = pkcePair();
    const clientId = env().outputs.UserPoolClientId;
    const back = new URL(
      await new ManagedLoginBrowser(domainUrl()).signIn(
        authorizeUrl(domainUrl(), {
          client_id: clientId,
          redirect_uri: CALLBACK,
          code_challenge: pkce.challenge,
          code_challenge_method: 'S256',
        }),
        user,
      ),
    );
    return {
      grant_type: 'authorization_code',
      client_id: clientId,
      code: back.searchParams.get('code') ?? '',
      redirect_uri: CALLBACK,
      code_verifier: pkce.verifier,
    };
  };

  it('refuses a code used twice with invalid_grant', async () => {
    const form = await codeGrantForNewUser();

    expect((await tokenRequest(domainUrl(), form)).status).toBe(200);
    expect(await tokenRequest(domainUrl(), form)).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a code with the wrong PKCE verifier with invalid_grant', async () => {
    const form = await codeGrantForNewUser();

    expect(await tokenRequest(domainUrl(), { ...form, code_verifier: pkcePair().verifier })).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('shows an error page and never redirects for a redirect_uri the client does not register', async () => {
    const opened = await new ManagedLoginBrowser(domainUrl()).open(
      authorizeUrl(domainUrl(), {
        client_id: env().outputs.UserPoolClientId,
        redirect_uri: 'https://attacker.example/callback',
        state: 's',
      }),
    );

    expect('page' in opened).toBe(true);
    if (!('page' in opened)) return;
    expect(opened.page.status).toBe(400);
    expect(opened.page.html).toContain('redirect_mismatch');
    expect(opened.page.html).not.toContain('attacker.example');
  });

  it('sends invalid_scope back to the app for a scope the client may not ask for', async () => {
    const user = await signUpAndConfirm(env());
    const { client, landed } = redirectClient(user);

    // stats.read belongs to the service client only.
    await client.signInWithRedirect({ scopes: ['openid', 'gatehouse-api/stats.read'] });

    const back = new URL(landed[0] ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('error')).toBe('invalid_scope');
    expect(back.searchParams.get('code')).toBeNull();
    await expect(client.handleRedirectCallback(back.href)).rejects.toBeInstanceOf(InvalidScopeError);
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('refreshes through /oauth2/token and answers /oauth2/userInfo', async () => {
    const user = await signUpAndConfirm(env());
    const tokens = await codeFlow(user);
    expect(jwtClaims(tokens.accessToken).scope).toBe('openid email aws.cognito.signin.user.admin');

    const refreshed = await tokenRequest(domainUrl(), {
      grant_type: 'refresh_token',
      client_id: env().outputs.UserPoolClientId,
      refresh_token: tokens.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    const access = String(refreshed.body.access_token);
    // The refreshed token keeps the granted scopes, and the API takes it.
    expect(jwtClaims(access).scope).toBe('openid email aws.cognito.signin.user.admin');
    expect((await callApi(env(), 'me', { token: access })).json()).toMatchObject({ email: user.email });

    const info = await fetch(`${domainUrl()}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ sub: user.sub, email: user.email, email_verified: 'true' });
    const refused = await fetch(`${domainUrl()}/oauth2/userInfo`, {
      headers: { authorization: `Bearer ${tokens.idToken}` },
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a refresh token after /oauth2/revoke', async () => {
    const user = await signUpAndConfirm(env());
    const tokens = await codeFlow(user);
    const refresh = {
      grant_type: 'refresh_token',
      client_id: env().outputs.UserPoolClientId,
      refresh_token: tokens.refreshToken,
    };
    expect((await tokenRequest(domainUrl(), refresh)).status).toBe(200);

    const revoked = await fetch(`${domainUrl()}/oauth2/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refreshToken, client_id: env().outputs.UserPoolClientId }),
    });

    expect(revoked.status).toBe(200);
    expect(await tokenRequest(domainUrl(), refresh)).toEqual({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it('clears the session cookie at /logout, so the next authorize shows the form again', async () => {
    const user = await signUpAndConfirm(env());
    const { browser } = await codeFlow(user);
    const authorize = authorizeUrl(domainUrl(), {
      client_id: env().outputs.UserPoolClientId,
      redirect_uri: CALLBACK,
    });
    expect('left' in (await browser.open(authorize))).toBe(true);

    const out = await browser.open(
      `${domainUrl()}/logout?${new URLSearchParams({ client_id: env().outputs.UserPoolClientId, logout_uri: CALLBACK })}`,
    );

    expect(out).toEqual({ left: CALLBACK });
    expect(browser.cookies.has('cognito')).toBe(false);
    const next = await browser.open(authorize);
    expect('page' in next && new URL(next.page.url).pathname.endsWith('/login')).toBe(true);
  });
});
