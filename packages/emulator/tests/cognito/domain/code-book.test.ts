import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CognitoException } from '../../../src/cognito/cognito-error.js';
import { MAX_CODE_ATTEMPTS } from '../../../src/cognito/domain/code-book.js';
import { addPool, addUser, type DomainFixture, openDomain } from './domain-fixture.js';

function errorName(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof CognitoException) return err.name;
    throw err;
  }
  throw new Error('no error');
}

describe('CodeBook', () => {
  let d: DomainFixture;
  beforeEach(() => {
    d = openDomain();
  });
  afterEach(() => d.close());

  it('issues a six-digit code and saves it on the user', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    const code = d.services.codes.issue(pool, user, 'signUp', 'email');
    expect(code.code).toMatch(/^[0-9]{6}$/);
    expect(d.services.users.byUsername(pool, 'alice')?.codes.signUp?.code).toBe(code.code);
  });

  it('keeps verify codes per attribute', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    const email = d.services.codes.issue(pool, user, { verify: 'email' }, 'email');
    const phone = d.services.codes.issue(pool, user, { verify: 'phone_number' }, 'phone_number');
    const saved = d.services.users.byUsername(pool, 'alice');
    expect(saved?.codes.verify?.email?.code).toBe(email.code);
    expect(saved?.codes.verify?.phone_number?.code).toBe(phone.code);
  });

  it('saves a wrong guess itself, so the count survives without the caller saving', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    const { code } = d.services.codes.issue(pool, user, 'forgotPassword', 'email');
    const wrong = code === '000000' ? '111111' : '000000';
    expect(errorName(() => d.services.codes.match(pool, user, 'forgotPassword', wrong))).toBe(
      'CodeMismatchException',
    );
    expect(d.services.users.byUsername(pool, 'alice')?.codes.forgotPassword?.failedAttempts).toBe(1);
  });

  it('stops accepting even the right code after the attempt limit', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    const { code } = d.services.codes.issue(pool, user, 'signUp', 'email');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) {
      // Each attempt reads the user afresh, as an operation would.
      const fresh = d.services.users.byUsername(pool, 'alice');
      if (fresh === undefined) throw new Error('user vanished');
      expect(errorName(() => d.services.codes.match(pool, fresh, 'signUp', wrong))).toBe(
        'CodeMismatchException',
      );
    }
    const fresh = d.services.users.byUsername(pool, 'alice');
    if (fresh === undefined) throw new Error('user vanished');
    expect(errorName(() => d.services.codes.match(pool, fresh, 'signUp', code))).toBe(
      'LimitExceededException',
    );
  });

  it.each([
    ['signUp', 24 * 3600_000],
    ['forgotPassword', 3600_000],
  ] as const)('expires a %s code after its lifetime', async (purpose, lifetime) => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    const { code } = d.services.codes.issue(pool, user, purpose, 'email');
    d.clock.now += lifetime;
    expect(errorName(() => d.services.codes.match(pool, user, purpose, code))).toBe('ExpiredCodeException');
  });

  it('answers ExpiredCodeException when no code is pending', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    expect(errorName(() => d.services.codes.match(pool, user, 'signUp', '123456'))).toBe(
      'ExpiredCodeException',
    );
  });

  it('removes a matched code from the record and returns it', async () => {
    const pool = await addPool(d.services);
    const user = addUser(d.services, pool, 'alice');
    const issued = d.services.codes.issue(pool, user, { verify: 'email' }, 'email');
    const matched = d.services.codes.match(pool, user, { verify: 'email' }, issued.code);
    expect(matched.attributeName).toBe('email');
    expect(user.codes.verify?.email).toBeUndefined();
  });
});
