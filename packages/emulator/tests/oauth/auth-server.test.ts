import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { type OAuthHarness, useOAuthHarness } from './oauth-test-harness.js';

/** A GET with a chosen Host header (fetch does not let one set it). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startAuthServer', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });

  it('serves each domain under its path at http://localhost:<port>', () => {
    expect(t.auth.url).toBe(`http://localhost:${t.auth.port}`);
    expect(t.h.service.hostedAuth.publicUrl).toBe(t.auth.url);
  });

  it('refuses a Host that does not name this machine (DNS rebinding)', async () => {
    expect(await getWithHost(`${t.base}/login`, 'evil.example')).toBe(403);
    expect(await getWithHost(`http://127.0.0.1:${t.auth.port}/`, `localhost:${t.auth.port}`)).toBe(200);
  });

  it.each(['/nosuchdomain/oauth2/authorize', '/DOMAIN/oauth2/nothing', '/DOMAIN'])(
    'answers 404 for %s',
    async (path) => {
      const res = await fetch(`${t.auth.url}${path.replace('DOMAIN', t.domain)}`);
      expect(res.status).toBe(404);
    },
  );

  it('lets a web app call the token endpoint across origins, but not the pages', async () => {
    const preflight = await fetch(`${t.base}/oauth2/token`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const page = await fetch(`${t.base}/login`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173' },
    });
    expect(page.status).toBe(403);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lists the domain’s endpoints in the pool’s discovery document, with the issuer unchanged', async () => {
    const doc = (await (
      await fetch(`${t.h.server.url}/${t.poolId}/.well-known/openid-configuration`)
    ).json()) as Record<string, string>;
    expect(doc).toMatchObject({
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${t.poolId}`,
      authorization_endpoint: `${t.base}/oauth2/authorize`,
      token_endpoint: `${t.base}/oauth2/token`,
      userinfo_endpoint: `${t.base}/oauth2/userInfo`,
      revocation_endpoint: `${t.base}/oauth2/revoke`,
      jwks_uri: `${t.h.server.url}/${t.poolId}/.well-known/jwks.json`,
    });
  });
});
