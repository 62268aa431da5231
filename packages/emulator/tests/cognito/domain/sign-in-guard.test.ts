import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addClient, addPool, addUser, type DomainFixture, errorOf, openDomain } from './domain-fixture.js';

describe('SignInGuard', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  it('locks a user out from the fifth failure, for doubling times', async () => {
    const pool = await addPool(d.services);
    const client = addClient(d.services, pool);
    const user = addUser(d.services, pool, 'alice');
    for (let i = 0; i < 4; i++) d.services.signIn.recordFailure(pool, user);
    expect(errorOf(() => d.services.signIn.checkAllowed(client, user))).toBe('accepted');
    d.services.signIn.recordFailure(pool, user);
    expect(user.lockedUntil).toBe(d.clock.now + 1000);
    expect(errorOf(() => d.services.signIn.checkAllowed(client, user))).toBe(
      'NotAuthorizedException: Password attempts exceeded',
    );
    d.clock.now += 1000;
    d.services.signIn.recordFailure(pool, user);
    expect(user.lockedUntil).toBe(d.clock.now + 2000);
    expect(d.services.users.byUsername(pool, 'alice')?.failedSignIns).toBe(6);
  });

  it('forgets failures after fifteen quiet minutes', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    for (let i = 0; i < 4; i++) d.services.signIn.recordFailure(pool, user);
    d.clock.now += 15 * 60_000 + 1;
    d.services.signIn.recordFailure(pool, user);
    expect(user.failedSignIns).toBe(1);
  });

  it('forgets failures after a success', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    for (let i = 0; i < 5; i++) d.services.signIn.recordFailure(pool, user);
    d.services.signIn.recordSuccess(pool, user);
    expect(d.services.users.byUsername(pool, 'alice')).toMatchObject({ failedSignIns: 0, lockedUntil: 0 });
  });

  it.each([
    ['LEGACY', 'NotAuthorizedException: User is disabled.'],
    ['ENABLED', 'accepted'],
  ] as const)(
    'with existence errors %s, refuses a disabled user before the password: %s',
    async (mode, expected) => {
      const pool = await addPool(d.services);
      const client = addClient(d.services, pool, { PreventUserExistenceErrors: mode });
      const user = addUser(d.services, pool, 'alice');
      user.enabled = false;
      expect(errorOf(() => d.services.signIn.checkAllowed(client, user))).toBe(expected);
      expect(errorOf(() => d.services.signIn.checkAfterProof(user))).toBe(
        'NotAuthorizedException: User is disabled.',
      );
    },
  );

  it.each([
    ['UNCONFIRMED', 'UserNotConfirmedException: User is not confirmed.'],
    ['RESET_REQUIRED', 'PasswordResetRequiredException: Password reset required for the user'],
  ] as const)('refuses a %s user', async (status, expected) => {
    const pool = await addPool(d.services);
    const client = addClient(d.services, pool);
    const user = addUser(d.services, pool, 'alice');
    user.status = status;
    expect(errorOf(() => d.services.signIn.checkAllowed(client, user))).toBe(expected);
  });

  it('refuses an expired temporary password once it is proven', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    user.status = 'FORCE_CHANGE_PASSWORD';
    user.temporaryPasswordExpiresAt = d.clock.now;
    expect(errorOf(() => d.services.signIn.checkAfterProof(user))).toBe(
      'NotAuthorizedException: Temporary password has expired and must be reset by an administrator.',
    );
  });
});
