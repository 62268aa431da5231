import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoStore } from '../../src/cognito/cognito-store.js';
import type { UserPool } from '../../src/cognito/cognito-types.js';

/** A pool row the domain table can refer to (its other members do not matter here). */
function pool(id: string): UserPool {
  return { Id: id } as UserPool;
}

describe('OAuthStore', () => {
  let store: CognitoStore;
  beforeEach(() => {
    store = new CognitoStore(':memory:');
    store.insertPool(pool('us-east-1_PoolA'), []);
    store.insertPool(pool('us-east-1_PoolB'), []);
  });
  afterEach(() => store.close());

  const domain = (poolId: string, name: string) => ({ UserPoolId: poolId, Domain: name, CreationDate: 1 });

  it('keeps one domain a pool and each name once', () => {
    expect(store.oauth.insertDomain(domain('us-east-1_PoolA', 'a-domain'))).toBe(true);
    expect(store.oauth.insertDomain(domain('us-east-1_PoolB', 'a-domain'))).toBe(false);
    expect(store.oauth.insertDomain(domain('us-east-1_PoolA', 'another'))).toBe(false);
    expect(store.oauth.domainOfPool('us-east-1_PoolA')?.Domain).toBe('a-domain');
    expect(store.oauth.getDomain('a-domain')?.UserPoolId).toBe('us-east-1_PoolA');
  });

  it('forgets a deleted pool’s domain', () => {
    store.oauth.insertDomain(domain('us-east-1_PoolA', 'a-domain'));
    store.deletePool('us-east-1_PoolA');
    expect(store.oauth.getDomain('a-domain')).toBeUndefined();
  });

  it('keeps a grant’s scopes until its session expires', () => {
    store.oauth.insertGrant('jti-1', 'us-east-1_PoolA', ['openid', 'gatehouse-api/notes.read'], 1_000);
    expect(store.oauth.grantScopes('jti-1')).toEqual(['openid', 'gatehouse-api/notes.read']);
    store.pruneRefreshTokens(999);
    expect(store.oauth.grantScopes('jti-1')).toBeDefined();
    store.pruneRefreshTokens(1_001);
    expect(store.oauth.grantScopes('jti-1')).toBeUndefined();
  });
});
