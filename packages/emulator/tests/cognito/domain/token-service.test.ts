import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addClient, addPool, addUser, type DomainFixture, errorOf, openDomain } from './domain-fixture.js';

describe('TokenService', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  async function signedIn(overrides: { EnableTokenRevocation?: boolean } = {}) {
    const pool = await addPool(d.services);
    const client = addClient(d.services, pool, overrides);
    const user = addUser(d.services, pool, 'alice');
    const tokens = await d.services.tokens.mint({
      pool,
      client,
      user,
      triggerSource: 'TokenGeneration_Authentication',
      issueRefreshToken: true,
    });
    return { pool, client, user, tokens };
  }

  it('authenticates the access token it minted', async () => {
    const { tokens } = await signedIn();
    const who = d.services.tokens.authenticate(tokens.AccessToken);
    expect(who.user.username).toBe('alice');
    expect(who.claims.token_use).toBe('access');
  });

  it('refuses an ID token where an access token is due', async () => {
    const { tokens } = await signedIn();
    expect(errorOf(() => d.services.tokens.authenticate(tokens.IdToken))).toBe(
      'NotAuthorizedException: Invalid Access Token',
    );
  });

  it('refuses an expired access token', async () => {
    const { tokens } = await signedIn();
    d.clock.now += 3601_000;
    expect(errorOf(() => d.services.tokens.authenticate(tokens.AccessToken))).toBe(
      'NotAuthorizedException: Access Token has expired',
    );
  });

  it('stores refresh tokens only by hash and finds them by the token', async () => {
    const { tokens } = await signedIn();
    const token = tokens.RefreshToken ?? '';
    const record = d.services.tokens.findRefreshToken(token);
    expect(record?.username).toBe('alice');
    expect(record?.hash).not.toContain(token.slice(0, 20));
  });

  it('revokes the session of a refresh token, and with it its access tokens', async () => {
    const { tokens } = await signedIn();
    const record = d.services.tokens.findRefreshToken(tokens.RefreshToken ?? '');
    d.services.tokens.revokeSession(record?.originJti ?? '');
    expect(errorOf(() => d.services.tokens.authenticate(tokens.AccessToken))).toBe(
      'NotAuthorizedException: Access Token has been revoked',
    );
  });

  it('revokes tokens without origin_jti issued before a global sign-out', async () => {
    const { pool, user, tokens } = await signedIn({ EnableTokenRevocation: false });
    d.clock.now += 2000;
    d.services.tokens.signOutEverywhere(pool, user);
    expect(errorOf(() => d.services.tokens.authenticate(tokens.AccessToken))).toBe(
      'NotAuthorizedException: Access Token has been revoked',
    );
  });

  it('refuses the token of a disabled user', async () => {
    const { pool, user, tokens } = await signedIn();
    user.enabled = false;
    d.services.users.save(pool, user);
    expect(errorOf(() => d.services.tokens.authenticate(tokens.AccessToken))).toBe(
      'NotAuthorizedException: User is disabled.',
    );
  });
});
