import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserPool, UserPoolClient, UserRecord } from '../../../src/cognito/cognito-types.js';
import { type ClientProof, refreshSession } from '../../../src/cognito/domain/refresh-flow.js';
import {
  addClient,
  addPool,
  addUser,
  type DomainFixture,
  openDomain,
  rejectionOf,
} from './domain-fixture.js';

const DAY_MS = 86_400_000;

describe('refreshSession', () => {
  let d: DomainFixture;
  let pool: UserPool;
  let user: UserRecord;
  beforeEach(async () => {
    d = openDomain();
    pool = await addPool(d.services);
    user = addUser(d.services, pool, 'alice');
  });
  afterEach(() => d.close());

  /** A refresh token minted for `user` through `client`, as a sign-in hands it out. */
  async function signIn(client: UserPoolClient): Promise<string> {
    const result = await d.services.tokens.mint({
      pool,
      client,
      user,
      triggerSource: 'TokenGeneration_Authentication',
      issueRefreshToken: true,
    });
    return result.RefreshToken ?? '';
  }

  function refresh(client: UserPoolClient, token: string, proof: ClientProof = { secretHash: undefined }) {
    return refreshSession(d.services, pool, client, token, proof, undefined);
  }

  it('answers new ID and access tokens, and no new refresh token without rotation', async () => {
    const client = addClient(d.services, pool);
    const result = await refresh(client, await signIn(client));
    expect(result.AccessToken).toBeTruthy();
    expect(result.IdToken).toBeTruthy();
    expect(result.RefreshToken).toBeUndefined();
  });

  // Each row changes the world after sign-in and names the token then presented.
  it.each<[string, (token: string) => string, string]>([
    ['an unknown token', (token) => `${token}x`, 'NotAuthorizedException: Invalid Refresh Token'],
    [
      'a revoked token',
      (token) => {
        const record = d.services.tokens.findRefreshToken(token);
        if (record) d.services.tokens.revokeSession(record.originJti);
        return token;
      },
      'NotAuthorizedException: Refresh Token has been revoked',
    ],
    [
      'an expired token',
      (token) => {
        d.clock.now += 31 * DAY_MS;
        return token;
      },
      'NotAuthorizedException: Refresh Token has expired',
    ],
    [
      'the token of a disabled user',
      (token) => {
        user.enabled = false;
        d.services.users.save(pool, user);
        return token;
      },
      'NotAuthorizedException: User is disabled.',
    ],
  ])('refuses %s', async (_name, presented, message) => {
    const client = addClient(d.services, pool);
    const token = presented(await signIn(client));
    expect(await rejectionOf(() => refresh(client, token))).toBe(message);
  });

  it('refuses a token another client was given', async () => {
    const client = addClient(d.services, pool);
    const other = addClient(d.services, pool);
    const token = await signIn(client);
    expect(await rejectionOf(() => refresh(other, token))).toBe(
      'NotAuthorizedException: Invalid Refresh Token',
    );
  });

  const notReceived = (id: string) =>
    `NotAuthorizedException: Client ${id} is configured for secret but secret was not received`;
  const unverified = (id: string) => `NotAuthorizedException: Unable to verify secret hash for client ${id}`;
  const hashOf = (c: UserPoolClient, name: string) =>
    createHmac('sha256', c.ClientSecret ?? '')
      .update(`${name}${c.ClientId}`)
      .digest('base64');

  it.each<[string, (client: UserPoolClient) => ClientProof, (clientId: string) => string]>([
    ['no secret hash', () => ({ secretHash: undefined }), notReceived],
    ['a wrong secret hash', () => ({ secretHash: 'AAAA' }), unverified],
    ['the secret hash of another name', (c) => ({ secretHash: hashOf(c, 'bob') }), unverified],
    ['a wrong client secret', () => ({ clientSecret: 'wrong' }), unverified],
    ['the secret hash of the username', (c) => ({ secretHash: hashOf(c, 'alice') }), () => 'accepted'],
    ['the client secret', (c) => ({ clientSecret: c.ClientSecret }), () => 'accepted'],
  ])('for a client with a secret, answers %s', async (_name, proofOf, expected) => {
    const client = addClient(d.services, pool, { ClientSecret: 'shh-its-a-secret' });
    const token = await signIn(client);
    expect(await rejectionOf(() => refresh(client, token, proofOf(client)))).toBe(expected(client.ClientId));
  });

  it.each<[number, number, string]>([
    [0, 0, 'RefreshTokenReuseException: Refresh token has already been used.'],
    [30, 10_000, 'accepted'],
    [30, 30_000, 'RefreshTokenReuseException: Refresh token has already been used.'],
  ])(
    'with rotation and a grace period of %i s, answers a reuse after %i ms with %s',
    async (grace, after, expected) => {
      const client = addClient(d.services, pool, {
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: grace },
      });
      const token = await signIn(client);
      const first = await refresh(client, token);
      expect(first.RefreshToken).toBeTruthy();
      expect(first.RefreshToken).not.toBe(token);
      d.clock.now += after;
      expect(await rejectionOf(() => refresh(client, token))).toBe(expected);
    },
  );
});
