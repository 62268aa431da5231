import { describe, expect, it } from 'vitest';
import type { UserPool } from '../../../src/cognito/cognito-types.js';
import { newUserRecord } from '../../../src/cognito/domain/new-user.js';
import { parseUserFilter } from '../../../src/cognito/domain/user-filter.js';
import { errorOf } from './domain-fixture.js';

const pool = { Id: 'us-east-1_filter' } as UserPool;

const alice = newUserRecord(pool, 0, {
  username: 'alice',
  sub: 'sub-alice',
  status: 'CONFIRMED',
  attributes: { email: 'alice@example.com', given_name: 'Alice "Al"' },
});
const bob = {
  ...newUserRecord(pool, 0, {
    username: 'bob',
    sub: 'sub-bob',
    status: 'UNCONFIRMED',
    attributes: { email: 'bob@example.org' },
  }),
  enabled: false,
};

describe('parseUserFilter', () => {
  it.each<[string, string[]]>([
    ['username = "alice"', ['alice']],
    ['username ^= "b"', ['bob']],
    ['"email" ^= "alice@"', ['alice']],
    ['email = "nobody@example.com"', []],
    ['sub = "sub-bob"', ['bob']],
    ['cognito:user_status = "UNCONFIRMED"', ['bob']],
    ['status = "Disabled"', ['bob']],
    ['status = "Enabled"', ['alice']],
    // A user without the attribute matches neither an exact value nor a prefix.
    ['given_name ^= ""', ['alice']],
    // Backslash escapes a quote inside the value.
    ['given_name = "Alice \\"Al\\""', ['alice']],
    ['  email   =   "bob@example.org"  ', ['bob']],
  ])('selects the users %s matches', (filter, expected) => {
    const matches = parseUserFilter(filter);
    expect([alice, bob].filter(matches).map((u) => u.username)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['email', 'InvalidParameterException: Error while parsing filter.'],
    ['email = alice', 'InvalidParameterException: Error while parsing filter.'],
    ['email != "a"', 'InvalidParameterException: Error while parsing filter.'],
    // ListUsers cannot search custom attributes.
    ['custom:tier = "gold"', 'InvalidParameterException: Invalid search attribute: custom:tier'],
    ['address = "x"', 'InvalidParameterException: Invalid search attribute: address'],
    ['locale ^= "en"', 'InvalidParameterException: Invalid search attribute: locale'],
  ])('refuses %j with AWS’s message', (filter, message) => {
    expect(errorOf(() => parseUserFilter(filter))).toBe(message);
  });
});
