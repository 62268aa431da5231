import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserPool } from '../../../src/cognito/cognito-types.js';
import { applyAttributeUpdates } from '../../../src/cognito/domain/attribute-updates.js';
import { addPool, addUser, type DomainFixture, errorOf, openDomain } from './domain-fixture.js';

describe('applyAttributeUpdates', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  /** A verified user of a pool set up with `overrides`, and their record as saved. */
  async function verifiedUser(overrides: Partial<UserPool> = {}) {
    const pool = await addPool(d.services, overrides);
    const user = addUser(d.services, pool, 'alice', { email: 'old@example.com', email_verified: 'true' });
    const saved = () => d.services.users.byUsername(pool, 'alice')?.attributes;
    return { pool, user, saved };
  }

  it.each<[string, string[] | undefined, number]>([
    ['sends a code when the pool verifies email', ['email'], 1],
    ['sends no code when the pool does not verify email', [], 0],
  ])('marks a changed email unverified and %s', async (_name, auto, codes) => {
    const { pool, user, saved } = await verifiedUser(
      auto === undefined ? {} : { AutoVerifiedAttributes: auto },
    );
    const deliveries = applyAttributeUpdates(d.services, pool, user, { email: 'new@example.com' });
    expect(saved()).toMatchObject({ email: 'new@example.com', email_verified: 'false' });
    expect(deliveries).toHaveLength(codes);
    expect(d.outbox.list({ userPoolId: pool.Id }).map((m) => m.destination)).toEqual(
      codes === 1 ? ['new@example.com'] : [],
    );
  });

  it('keeps a verified flag the same request sets', async () => {
    const { pool, user, saved } = await verifiedUser({ AutoVerifiedAttributes: ['email'] });
    const deliveries = applyAttributeUpdates(d.services, pool, user, {
      email: 'new@example.com',
      email_verified: 'true',
    });
    expect(saved()).toMatchObject({ email: 'new@example.com', email_verified: 'true' });
    expect(deliveries).toEqual([]);
  });

  it('deletes an attribute given an empty value, with its verified flag', async () => {
    const { pool, user, saved } = await verifiedUser();
    applyAttributeUpdates(d.services, pool, user, { email: '' });
    expect(saved()).not.toHaveProperty('email');
    expect(saved()).not.toHaveProperty('email_verified');
  });

  it('sends no code when told not to (attribute deletes)', async () => {
    const { pool, user } = await verifiedUser({ AutoVerifiedAttributes: ['email'] });
    expect(applyAttributeUpdates(d.services, pool, user, { email: 'new@example.com' }, false)).toEqual([]);
    expect(d.outbox.list({ userPoolId: pool.Id })).toEqual([]);
  });

  it.each<[string, Record<string, string>, Record<string, string>, boolean]>([
    [
      'holds a new verified email until it is verified',
      {},
      { email: 'old@example.com', email_verified: 'true' },
      true,
    ],
    [
      'does not hold a change that sets the verified flag itself',
      { email_verified: 'true' },
      { email: 'new@example.com', email_verified: 'true' },
      false,
    ],
  ])('with AttributesRequireVerificationBeforeUpdate, %s', async (_name, extra, attributes, held) => {
    const { pool, user, saved } = await verifiedUser({
      AutoVerifiedAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    applyAttributeUpdates(d.services, pool, user, { email: 'new@example.com', ...extra });
    expect(saved()).toMatchObject(attributes);
    const stored = d.services.users.byUsername(pool, 'alice');
    expect(stored && d.services.codes.pending(stored, { verify: 'email' })?.pendingValue).toBe(
      held ? 'new@example.com' : undefined,
    );
  });

  it('does not hold a change of an email that was never verified', async () => {
    const pool = await addPool(d.services, {
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
    });
    const user = addUser(d.services, pool, 'alice', { email: 'old@example.com', email_verified: 'false' });
    applyAttributeUpdates(d.services, pool, user, { email: 'new@example.com' });
    expect(d.services.users.byUsername(pool, 'alice')?.attributes.email).toBe('new@example.com');
  });

  it('refuses an email username another user has', async () => {
    const pool = await addPool(d.services, { UsernameAttributes: ['email'] });
    addUser(d.services, pool, 'uuid-bob', { email: 'bob@example.com' });
    const alice = addUser(d.services, pool, 'uuid-alice', { email: 'alice@example.com' });
    expect(errorOf(() => applyAttributeUpdates(d.services, pool, alice, { email: 'bob@example.com' }))).toBe(
      'AliasExistsException: An account with the given email already exists.',
    );
  });
});
