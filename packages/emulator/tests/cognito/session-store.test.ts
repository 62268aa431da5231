import { describe, expect, it } from 'vitest';
import { MAX_SESSIONS, SessionStore } from '../../src/cognito/session-store.js';

describe('SessionStore', () => {
  it('keeps at most its limit of sessions when more are started than the limit', () => {
    const store = new SessionStore<number>(() => 0);
    for (let i = 0; i < MAX_SESSIONS + 500; i++) store.put(i, 180_000, 16);
    expect(store.size).toBe(MAX_SESSIONS);
  });

  it('refuses the oldest session as unknown once the limit pushed it out', () => {
    const store = new SessionStore<string>(() => 0, 2);
    const first = store.put('first', 180_000);
    const second = store.put('second', 180_000);
    store.put('third', 180_000);
    expect(store.take(first)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.take(second)).toEqual({ ok: true, value: 'second', expiresAt: 180_000 });
  });

  it('hands a session out once only', () => {
    const store = new SessionStore<string>(() => 0);
    const key = store.put('state', 1000);
    expect(store.take(key)).toEqual({ ok: true, value: 'state', expiresAt: 1000 });
    expect(store.take(key)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('puts a taken session back until the time it was to expire, and not after', () => {
    let now = 0;
    const store = new SessionStore<string>(() => now);
    const key = store.put('state', 1000);
    const taken = store.take(key);
    if (!taken.ok) throw new Error('not taken');
    now = 400;
    store.restore(key, 'again', taken.expiresAt);
    now = 999;
    expect(store.take(key)).toEqual({ ok: true, value: 'again', expiresAt: 1000 });
    now = 1000;
    store.restore(key, 'late', 1000);
    expect(store.take(key)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('says a session expired once its lifetime is over', () => {
    let now = 0;
    const store = new SessionStore<string>(() => now);
    const key = store.put('state', 1000);
    now = 1000;
    expect(store.take(key)).toEqual({ ok: false, reason: 'expired' });
  });

  it('sweeps expired sessions as new ones start', () => {
    let now = 0;
    const store = new SessionStore<number>(() => now);
    for (let i = 0; i < 8; i++) store.put(i, 1000, 16);
    now = 1000;
    store.put(99, 1000, 16);
    expect(store.size).toBe(1);
  });
});
