import { describe, expect, it } from 'vitest';
import { readOAuthClient } from '../../src/oauth/oauth-client.js';
import { CALLBACK, type OAuthHarness, useOAuthHarness } from './oauth-test-harness.js';

describe('readOAuthClient', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });

  it('reads the OAuth members of the client’s description', async () => {
    expect(await readOAuthClient(t.h.service, t.poolId, t.clientId)).toEqual({
      poolId: t.poolId,
      clientId: t.clientId,
      oauthEnabled: true,
      flows: ['code'],
      scopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      callbackUrls: [CALLBACK],
      logoutUrls: [CALLBACK],
    });
  });

  it('reads a confidential client’s secret, and empty settings for a client without OAuth', async () => {
    const { clientId, clientSecret } = await t.newClient({ GenerateSecret: true });
    expect(await readOAuthClient(t.h.service, t.poolId, clientId)).toEqual({
      poolId: t.poolId,
      clientId,
      secret: clientSecret,
      oauthEnabled: false,
      flows: [],
      scopes: [],
      callbackUrls: [],
      logoutUrls: [],
    });
  });

  it.each([
    ['an unknown client', 'nosuchclient'],
    ['an id that is not one', 'not a client id!'],
  ])('answers undefined for %s', async (_case, clientId) => {
    expect(await readOAuthClient(t.h.service, t.poolId, clientId)).toBeUndefined();
  });
});
