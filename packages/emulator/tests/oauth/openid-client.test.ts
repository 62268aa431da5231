import * as oidc from 'openid-client';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  type OAuthHarness,
  signInThroughPage,
  useOAuthHarness,
} from './oauth-test-harness.js';

/**
 * A standard OpenID Connect client (openid-client 6) against the local Cognito: discovery, the authorization
 * code flow with PKCE through the real sign-in form, userinfo, refresh and revocation. The pool's issuer is the
 * local server's URL here, since discovery requires the document's issuer to be the URL it was fetched from.
 */
describe('openid-client against the local Cognito', () => {
  let t: OAuthHarness;
  useOAuthHarness(
    (started) => {
      t = started;
    },
    { service: { issuer: 'local' } },
  );

  it('discovers, signs in with PKCE through the form, reads userinfo, refreshes and revokes', async () => {
    const issuer = new URL(`${t.h.server.url}/${t.poolId}`);
    const config = await oidc.discovery(issuer, t.clientId, undefined, oidc.None(), {
      execute: [oidc.allowInsecureRequests],
    });
    expect(config.serverMetadata().token_endpoint).toBe(`${t.base}/oauth2/token`);

    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    const back = await signInThroughPage(new CookieJar(), url.href);
    expect(back.status).toBe(302);

    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.headers.get('location') ?? ''), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ iss: issuer.href, aud: t.clientId, nonce, email: 'ada@example.com' });
    expect(claims?.at_hash).toBeDefined();

    const info = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub ?? '');
    expect(info).toMatchObject({ email: 'ada@example.com', username: 'ada' });

    const refreshToken = tokens.refresh_token ?? '';
    const refreshed = await oidc.refreshTokenGrant(config, refreshToken);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()?.sub).toBe(claims?.sub);

    await oidc.tokenRevocation(config, refreshToken);
    const refused = await oidc.refreshTokenGrant(config, refreshToken).then(
      () => undefined,
      (err: unknown) => err as { error?: string },
    );
    expect(refused?.error).toBe('invalid_grant');
  });
});
