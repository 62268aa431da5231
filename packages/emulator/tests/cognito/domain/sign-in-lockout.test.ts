import { describe, expect, it } from 'vitest';
import {
  clearFailedSignIns,
  countFailedSignIn,
  isLockedOut,
  LOCKOUT_RESET_MS,
  type LockoutState,
} from '../../../src/cognito/domain/sign-in-lockout.js';

const fresh = (): LockoutState => ({ failedSignIns: 0, lastFailedSignInAt: 0, lockedUntil: 0 });

describe('sign-in lockout', () => {
  it.each([
    [4, 0],
    [5, 1],
    [6, 2],
    [8, 8],
    [15, 900],
    [30, 900],
  ])('after %i failures in a row the lockout lasts %i s', (failures, seconds) => {
    const state = fresh();
    const now = 1_000_000;
    for (let i = 0; i < failures; i++) countFailedSignIn(state, now);
    expect(state.lockedUntil === 0 ? 0 : (state.lockedUntil - now) / 1000).toBe(seconds);
    expect(isLockedOut(state, now)).toBe(seconds > 0);
    expect(isLockedOut(state, now + seconds * 1000)).toBe(false);
  });

  it('forgets failures after the quiet time that follows the end of the lockout', () => {
    const state = fresh();
    for (let i = 0; i < 15; i++) countFailedSignIn(state, 0);
    countFailedSignIn(state, 900_000 + LOCKOUT_RESET_MS - 1);
    expect(state.failedSignIns).toBe(16);
    countFailedSignIn(state, state.lockedUntil + LOCKOUT_RESET_MS + 1);
    expect(state.failedSignIns).toBe(1);
  });

  it('says whether a success had anything to clear', () => {
    const state = fresh();
    expect(clearFailedSignIns(state)).toBe(false);
    countFailedSignIn(state, 5);
    expect(clearFailedSignIns(state)).toBe(true);
    expect(state).toEqual(fresh());
  });
});
