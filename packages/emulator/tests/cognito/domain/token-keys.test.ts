import { afterEach, describe, expect, it } from 'vitest';
import { CognitoStore } from '../../../src/cognito/cognito-store.js';
import type { ServiceConfig } from '../../../src/cognito/domain/service-config.js';
import { TokenKeys } from '../../../src/cognito/domain/token-keys.js';
import { generateSigningKey } from '../../../src/cognito/signing-keys.js';
import { silentLogger } from '../../../src/logger.js';

const stores: CognitoStore[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A store with one pool (and its two keys), and the token keys over it. */
async function keysOf(issuer: ServiceConfig['issuer']): Promise<{ keys: TokenKeys; store: CognitoStore }> {
  const store = new CognitoStore(':memory:');
  stores.push(store);
  store.insertPool(
    { Id: 'eu-west-1_keys' } as Parameters<CognitoStore['insertPool']>[0],
    await Promise.all([generateSigningKey('id'), generateSigningKey('access')]),
  );
  const config: ServiceConfig = {
    region: 'eu-west-1',
    accountId: '000000000000',
    issuer,
    log: silentLogger,
    now: () => 0,
  };
  return { keys: new TokenKeys(store, config), store };
}

describe('TokenKeys', () => {
  it('names the AWS issuer of the pool’s region', async () => {
    const { keys } = await keysOf('aws');
    expect(keys.issuer('eu-west-1_keys')).toBe('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_keys');
  });

  it('names the local server as issuer once it knows its URL, and refuses before', async () => {
    const { keys } = await keysOf('local');
    expect(() => keys.issuer('eu-west-1_keys')).toThrow('issuer "local" needs the server URL');
    keys.publicUrl = 'http://127.0.0.1:9229/';
    expect(keys.issuer('eu-west-1_keys')).toBe('http://127.0.0.1:9229/eu-west-1_keys');
  });

  it('loads a pool’s id and access keys once, each with its own kid', async () => {
    const { keys } = await keysOf('aws');
    const loaded = keys.signingKeys('eu-west-1_keys');
    expect(keys.signingKeys('eu-west-1_keys')).toBe(loaded);
    expect(keys.signingKey('eu-west-1_keys', 'id').kid).not.toBe(
      keys.signingKey('eu-west-1_keys', 'access').kid,
    );
  });

  it('keeps one access verifier per pool, and makes a new one when the local issuer changes', async () => {
    const { keys } = await keysOf('local');
    keys.publicUrl = 'http://127.0.0.1:9229';
    const first = keys.accessVerifier('eu-west-1_keys');
    expect(keys.accessVerifier('eu-west-1_keys')).toBe(first);
    keys.publicUrl = 'http://127.0.0.1:9339';
    const second = keys.accessVerifier('eu-west-1_keys');
    expect(second).not.toBe(first);
    expect(second.issuer).toBe('http://127.0.0.1:9339/eu-west-1_keys');
  });

  it('forgets a deleted pool’s keys, so they are not served from the cache', async () => {
    const { keys, store } = await keysOf('aws');
    expect(keys.signingKeys('eu-west-1_keys')).toHaveLength(2);
    store.deletePool('eu-west-1_keys');
    keys.forgetPool('eu-west-1_keys');
    expect(keys.signingKeys('eu-west-1_keys')).toEqual([]);
    expect(() => keys.signingKey('eu-west-1_keys', 'id')).toThrow(
      'pool eu-west-1_keys has no id signing key',
    );
  });
});
