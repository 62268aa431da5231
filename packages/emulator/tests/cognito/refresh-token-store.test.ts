import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoStore } from '../../src/cognito/cognito-store.js';
import type { RefreshTokenRecord, UserPool, UserPoolClient } from '../../src/cognito/cognito-types.js';

const POOL = 'us-east-1_Tokens';

function token(hash: string, originJti: string, username = 'ann'): RefreshTokenRecord {
  return {
    hash,
    poolId: POOL,
    clientId: 'client',
    username,
    originJti,
    authTime: 1,
    createdAt: 1,
    expiresAt: 1_000,
  };
}

describe('RefreshTokenStore', () => {
  let store: CognitoStore;
  beforeEach(() => {
    store = new CognitoStore(':memory:');
    store.insertPool({ Id: POOL } as UserPool, []);
    store.insertClient({ ClientId: 'client', UserPoolId: POOL } as UserPoolClient);
  });
  afterEach(() => store.close());

  it('reads back a token without revocation or rotation marks', () => {
    store.refreshTokens.insert(token('h1', 'o1'));
    expect(store.refreshTokens.get('h1')).toEqual(token('h1', 'o1'));
  });

  it('revokes every token of a session and keeps the first revocation time', () => {
    store.refreshTokens.insert(token('h1', 'o1'));
    store.refreshTokens.insert(token('h2', 'o1'));
    store.refreshTokens.insert(token('h3', 'o2'));
    store.refreshTokens.revokeOrigin('o1', 50);
    store.refreshTokens.revokeOrigin('o1', 60);
    expect(store.refreshTokens.isOriginRevoked('o1')).toBe(true);
    expect(store.refreshTokens.isOriginRevoked('o2')).toBe(false);
    expect(store.refreshTokens.get('h2')?.revokedAt).toBe(50);
  });

  it('revokes only the named user’s tokens', () => {
    store.refreshTokens.insert(token('h1', 'o1', 'ann'));
    store.refreshTokens.insert(token('h2', 'o2', 'bob'));
    store.refreshTokens.revokeUserTokens(POOL, 'ann', 70);
    expect(store.refreshTokens.isOriginRevoked('o1')).toBe(true);
    expect(store.refreshTokens.isOriginRevoked('o2')).toBe(false);
  });

  it('marks a token rotated once', () => {
    store.refreshTokens.insert(token('h1', 'o1'));
    store.refreshTokens.markRotated('h1', 5);
    store.refreshTokens.markRotated('h1', 9);
    expect(store.refreshTokens.get('h1')?.rotatedAt).toBe(5);
  });

  it('prunes only tokens that expired before now', () => {
    store.refreshTokens.insert(token('h1', 'o1'));
    expect(store.pruneRefreshTokens(1_000)).toBe(0);
    expect(store.pruneRefreshTokens(1_001)).toBe(1);
    expect(store.refreshTokens.get('h1')).toBeUndefined();
  });
});
