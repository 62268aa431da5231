import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoStore } from '../../src/cognito/cognito-store.js';
import type { ResourceServer, UserPool } from '../../src/cognito/cognito-types.js';

const POOL = 'us-east-1_Keyed';

function server(Identifier: string, Name = Identifier): ResourceServer {
  return { UserPoolId: POOL, Identifier, Name } as ResourceServer;
}

describe('KeyedTable', () => {
  let store: CognitoStore;
  beforeEach(() => {
    store = new CognitoStore(':memory:');
    store.insertPool({ Id: POOL } as UserPool, []);
  });
  afterEach(() => store.close());

  it('returns false when a row of the same key is there, and keeps the first', () => {
    expect(store.resourceServers.insert(server('api', 'first'))).toBe(true);
    expect(store.resourceServers.insert(server('api', 'second'))).toBe(false);
    expect(store.resourceServers.get(POOL, 'api')?.Name).toBe('first');
  });

  it('lists a pool’s rows by the last key column, and updates and deletes by key', () => {
    for (const id of ['zeta', 'alpha', 'mid']) store.resourceServers.insert(server(id));
    expect(store.resourceServers.listInPool(POOL).map((s) => s.Identifier)).toEqual(['alpha', 'mid', 'zeta']);
    store.resourceServers.update(server('mid', 'renamed'));
    expect(store.resourceServers.get(POOL, 'mid')?.Name).toBe('renamed');
    store.resourceServers.delete(POOL, 'mid');
    expect(store.resourceServers.get(POOL, 'mid')).toBeUndefined();
    expect(store.resourceServers.listInPool('us-east-1_Other')).toEqual([]);
  });
});
