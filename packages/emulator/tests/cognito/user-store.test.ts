import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoStore } from '../../src/cognito/cognito-store.js';
import type { UserGroup, UserPool, UserRecord } from '../../src/cognito/cognito-types.js';
import type { UserKeys } from '../../src/cognito/user-store.js';

const POOL = 'us-east-1_Users';

function user(username: string, email?: string): [UserRecord, UserKeys] {
  const record = { poolId: POOL, username, sub: `sub-${username}`, attributes: {} } as UserRecord;
  return [record, { usernameKey: username, emailKey: email ?? null, phoneKey: null, preferredKey: null }];
}

function group(GroupName: string, Precedence?: number): UserGroup {
  return {
    GroupName,
    UserPoolId: POOL,
    CreationDate: 1,
    LastModifiedDate: 1,
    ...(Precedence === undefined ? {} : { Precedence }),
  };
}

describe('UserStore', () => {
  let store: CognitoStore;
  beforeEach(() => {
    store = new CognitoStore(':memory:');
    store.insertPool({ Id: POOL } as UserPool, []);
  });
  afterEach(() => store.close());

  it('returns false when the username is taken', () => {
    expect(store.users.insert(...user('ann'))).toBe(true);
    expect(store.users.insert(...user('ann'))).toBe(false);
    expect(store.users.count(POOL)).toBe(1);
  });

  it('finds users by their email lookup key after an update moves it', () => {
    const [ann, keys] = user('ann', 'a@example.com');
    store.users.insert(ann, keys);
    expect(store.users.findBy(POOL, 'email', 'a@example.com').map((u) => u.username)).toEqual(['ann']);
    store.users.update(ann, { ...keys, emailKey: 'b@example.com' });
    expect(store.users.findBy(POOL, 'email', 'a@example.com')).toEqual([]);
    expect(store.users.findBy(POOL, 'email', 'b@example.com')).toHaveLength(1);
  });

  it('lists a user’s groups by precedence, then name, with groups of no precedence last', () => {
    store.users.insert(...user('ann'));
    for (const g of [group('zeta'), group('beta', 2), group('alpha', 2), group('first', 0)]) {
      store.groups.insert(g);
      store.users.addToGroup(POOL, 'ann', g.GroupName);
    }
    expect(store.users.groupsOf(POOL, 'ann').map((g) => g.GroupName)).toEqual([
      'first',
      'alpha',
      'beta',
      'zeta',
    ]);
    store.users.removeFromGroup(POOL, 'ann', 'zeta');
    expect(store.users.membersOf(POOL, 'zeta')).toEqual([]);
  });

  it('deletes a user with its memberships and refresh tokens', () => {
    store.users.insert(...user('ann'));
    store.groups.insert(group('staff'));
    store.users.addToGroup(POOL, 'ann', 'staff');
    store.insertClient({ ClientId: 'client', UserPoolId: POOL } as never);
    store.refreshTokens.insert({
      hash: 'h',
      poolId: POOL,
      clientId: 'client',
      username: 'ann',
      originJti: 'o',
      authTime: 1,
      createdAt: 1,
      expiresAt: 10,
    });
    store.users.delete(POOL, 'ann', 'ann');
    expect(store.users.get(POOL, 'ann')).toBeUndefined();
    expect(store.users.membersOf(POOL, 'staff')).toEqual([]);
    expect(store.refreshTokens.get('h')).toBeUndefined();
  });
});
