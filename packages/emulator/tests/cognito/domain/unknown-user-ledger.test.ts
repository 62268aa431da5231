import { describe, expect, it } from 'vitest';
import { LOCKOUT_RESET_MS } from '../../../src/cognito/domain/sign-in-lockout.js';
import {
  UNKNOWN_USER_LEDGER_CAPACITY,
  UnknownUserLedger,
} from '../../../src/cognito/domain/unknown-user-ledger.js';

describe('UnknownUserLedger', () => {
  it('keeps at most its capacity of entries when a million distinct names fail to sign in', () => {
    const ledger = new UnknownUserLedger(() => 1_000_000);
    for (let i = 0; i < 1_000_000; i++) ledger.recordFailedSignIn('us-east-1_pool', `name-${i}`);
    expect(ledger.size).toBeLessThanOrEqual(UNKNOWN_USER_LEDGER_CAPACITY);
    expect(ledger.size).toBeGreaterThanOrEqual(UNKNOWN_USER_LEDGER_CAPACITY / 2);
    // The most recent names are the ones kept.
    for (let i = 0; i < 4; i++) ledger.recordFailedSignIn('us-east-1_pool', 'name-999999');
    expect(ledger.isLockedOut('us-east-1_pool', 'name-999999')).toBe(true);
  });

  it('evicts names not used since the last generation first', () => {
    const ledger = new UnknownUserLedger(() => 0, 4);
    for (const name of ['a', 'b', 'c', 'd', 'a', 'e']) ledger.recordCodeFailure('p', name, 'forgotPassword');
    // a and b went old when c arrived; a's return rotated again and dropped b with the old generation.
    expect(ledger.codeFailures('p', 'a', 'forgotPassword')).toBe(2);
    expect(ledger.codeFailures('p', 'b', 'forgotPassword')).toBe(0);
    expect(ledger.size).toBeLessThanOrEqual(4);
  });

  it('forgets a lockout after the quiet time, and drops the entry', () => {
    const clock = { now: 10_000_000 };
    const ledger = new UnknownUserLedger(() => clock.now);
    for (let i = 0; i < 5; i++) ledger.recordFailedSignIn('p', 'x');
    expect(ledger.isLockedOut('p', 'x')).toBe(true);
    clock.now += 1_001;
    expect(ledger.isLockedOut('p', 'x')).toBe(false);
    clock.now += LOCKOUT_RESET_MS + 3600_000;
    expect(ledger.codeFailures('p', 'x', 'signUp')).toBe(0);
    expect(ledger.size).toBe(0);
  });

  it('keeps pools apart', () => {
    const ledger = new UnknownUserLedger(() => 0);
    for (let i = 0; i < 5; i++) ledger.recordFailedSignIn('p1', 'x');
    expect(ledger.isLockedOut('p1', 'x')).toBe(true);
    expect(ledger.isLockedOut('p2', 'x')).toBe(false);
  });
});
