import { describe, expect, it } from 'vitest';
import type { UserPool } from '../../../src/cognito/cognito-types.js';
import { newUserRecord, pairsToMap, resolveNewUsername } from '../../../src/cognito/domain/new-user.js';
import { errorOf } from './domain-fixture.js';

function pool(overrides: Partial<UserPool> = {}): UserPool {
  return { Id: 'us-east-1_newuser', ...overrides } as UserPool;
}

describe('resolveNewUsername', () => {
  it('keeps the typed name as the username of a pool without username attributes', () => {
    const attributes: Record<string, string> = {};
    const { username, sub } = resolveNewUsername(pool(), 'alice', attributes);
    expect(username).toBe('alice');
    expect(sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(attributes).toEqual({});
  });

  it.each<[string[], string, Record<string, string>]>([
    [['email'], 'a@example.com', { email: 'a@example.com' }],
    [['phone_number'], '+15555550100', { phone_number: '+15555550100' }],
    [['email', 'phone_number'], '+15555550100', { phone_number: '+15555550100' }],
    [['email', 'phone_number'], 'a@example.com', { email: 'a@example.com' }],
  ])('with UsernameAttributes %j makes %s an attribute and the username the sub', (ua, typed, expected) => {
    const attributes: Record<string, string> = {};
    const { username, sub } = resolveNewUsername(pool({ UsernameAttributes: ua }), typed, attributes);
    expect(username).toBe(sub);
    expect(attributes).toEqual(expected);
  });

  it.each<[Partial<UserPool>, string, string]>([
    [{ UsernameAttributes: ['email'] }, 'alice', 'Username should be an email.'],
    [{ UsernameAttributes: ['phone_number'] }, 'alice', 'Username should be a phone number.'],
    [
      { UsernameAttributes: ['email', 'phone_number'] },
      'alice',
      'Username should be either an email or a phone number.',
    ],
    [
      { AliasAttributes: ['email'] },
      'a@example.com',
      'Username cannot be of email format, since user pool is configured for email alias.',
    ],
    [
      { AliasAttributes: ['phone_number'] },
      '+15555550100',
      'Username cannot be of phone number format, since user pool is configured for phone number alias.',
    ],
  ])('refuses in pool %j the name %s', (overrides, typed, message) => {
    expect(errorOf(() => resolveNewUsername(pool(overrides), typed, {}))).toBe(
      `InvalidParameterException: ${message}`,
    );
  });

  it('accepts an email-shaped name in a pool whose alias is only the phone number', () => {
    expect(
      resolveNewUsername(pool({ AliasAttributes: ['phone_number'] }), 'a@example.com', {}).username,
    ).toBe('a@example.com');
  });
});

describe('newUserRecord', () => {
  it('starts enabled, with no codes and no failed sign-ins, created and modified now', () => {
    const user = newUserRecord(pool(), 1234, {
      username: 'alice',
      sub: 'sub-1',
      status: 'UNCONFIRMED',
      attributes: { email: 'a@example.com' },
    });
    expect(user).toEqual({
      poolId: 'us-east-1_newuser',
      enabled: true,
      username: 'alice',
      sub: 'sub-1',
      status: 'UNCONFIRMED',
      attributes: { email: 'a@example.com' },
      codes: {},
      failedSignIns: 0,
      lastFailedSignInAt: 0,
      lockedUntil: 0,
      createdAt: 1234,
      modifiedAt: 1234,
    });
  });
});

describe('pairsToMap', () => {
  it.each<[Parameters<typeof pairsToMap>[0], Record<string, string>]>([
    [undefined, {}],
    [[], {}],
    [[{ Name: 'a', Value: '1' }, { Name: 'b' }], { a: '1', b: '' }],
    [
      [
        { Name: 'a', Value: '1' },
        { Name: 'a', Value: '2' },
      ],
      { a: '2' },
    ],
  ])('maps %j to %j', (pairs, expected) => {
    expect(pairsToMap(pairs)).toEqual(expected);
  });
});
