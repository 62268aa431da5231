import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newUserRecord } from '../../../src/cognito/domain/new-user.js';
import { addPool, addUser, type DomainFixture, errorOf, openDomain } from './domain-fixture.js';

describe('UserDirectory', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  it('finds users case-insensitively only in a case-insensitive pool', async () => {
    const strict = await addPool(d.services);
    const loose = await addPool(d.services, { UsernameConfiguration: { CaseSensitive: false } });
    addUser(d.services, strict, 'Alice');
    addUser(d.services, loose, 'Alice');
    expect(d.services.users.find(strict, 'alice')).toBeUndefined();
    expect(d.services.users.find(loose, 'ALICE')?.username).toBe('Alice');
  });

  it('finds a user by a verified alias and not by an unverified one', async () => {
    const pool = await addPool(d.services, { AliasAttributes: ['email'] });
    addUser(d.services, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    addUser(d.services, pool, 'bob', { email: 'b@example.com', email_verified: 'false' });
    expect(d.services.users.find(pool, 'a@example.com')?.username).toBe('alice');
    expect(d.services.users.find(pool, 'b@example.com')).toBeUndefined();
  });

  it('refuses a second user with a taken email username', async () => {
    const pool = await addPool(d.services, { UsernameAttributes: ['email'] });
    addUser(d.services, pool, 'uuid-1', { email: 'a@example.com' });
    const second = newUserRecord(pool, 0, {
      username: 'uuid-2',
      sub: 'uuid-2',
      status: 'CONFIRMED',
      attributes: { email: 'a@example.com' },
    });
    expect(errorOf(() => d.services.users.insert(pool, second))).toBe(
      'UsernameExistsException: An account with the given email already exists.',
    );
  });

  it('moves a verified alias to another user only when forced', async () => {
    const pool = await addPool(d.services, { AliasAttributes: ['email'] });
    addUser(d.services, pool, 'alice', { email: 'a@example.com', email_verified: 'true' });
    const bob = addUser(d.services, pool, 'bob', { email: 'a@example.com' });
    expect(errorOf(() => d.services.users.claimAlias(pool, bob, 'email', false))).toBe(
      'AliasExistsException: An account with the email already exists.',
    );
    d.services.users.transaction(() => {
      d.services.users.claimAlias(pool, bob, 'email', true);
      d.services.users.save(pool, bob);
    });
    expect(d.services.users.byUsername(pool, 'alice')?.attributes.email_verified).toBe('false');
    expect(d.services.users.find(pool, 'a@example.com')?.username).toBe('bob');
  });

  it('stamps the modification time when it saves', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    d.clock.now += 5000;
    d.services.users.save(pool, user);
    expect(d.services.users.byUsername(pool, 'alice')?.modifiedAt).toBe(d.clock.now);
  });

  it.each([
    [
      undefined,
      { email: 'a@x.io', email_verified: 'true', phone_number: '+15550100', phone_number_verified: 'true' },
      'phone_number',
    ],
    [[{ Name: 'verified_email', Priority: 1 }], { email: 'a@x.io', email_verified: 'true' }, 'email'],
    [undefined, { email: 'a@x.io', email_verified: 'false' }, undefined],
  ])('sends recovery codes by the pool order %j', async (mechanisms, attributes, expected) => {
    const pool = await addPool(d.services, {
      Passthrough:
        mechanisms === undefined ? {} : { AccountRecoverySetting: { RecoveryMechanisms: mechanisms } },
    });
    const user = addUser(d.services, pool, 'alice', attributes);
    expect(d.services.users.recoveryChannel(pool, user)).toBe(expected);
  });
});
