import { randomBytes } from 'node:crypto';
import { LruCache } from '../shared/lru-cache.js';

/**
 * Challenge sessions kept at most per store. AWS documents no such limit; locally, every abandoned sign-in
 * (an SRP exchange started and never answered) holds its state for the session's lifetime (3–15 minutes), so
 * a burst of them must not grow the process without bound. This is far more sign-ins in flight than one
 * machine's development and tests make; beyond it the least recently created session is dropped, and
 * answering it is refused as an unknown session is.
 */
export const MAX_SESSIONS = 2_000;

/**
 * One-time challenge state (SRP exchanges, NEW_PASSWORD_REQUIRED sessions) keyed by an opaque random string,
 * kept in memory only: challenge state lives for minutes, like Cognito's sessions. Each key can be taken
 * once; expired entries are swept as new ones arrive, and at most {@link MAX_SESSIONS} are kept.
 */
export class SessionStore<T> {
  private readonly entries: LruCache<string, T>;

  constructor(
    private readonly now: () => number,
    maxEntries = MAX_SESSIONS,
  ) {
    this.entries = new LruCache({ maxEntries, now });
  }

  /** Stores `value` until `ttlMs` from now and returns its key. */
  put(value: T, ttlMs: number, keyBytes = 96): string {
    const key = randomBytes(keyBytes).toString('base64');
    this.entries.set(key, value, ttlMs);
    return key;
  }

  /**
   * Puts a taken entry back under its key until the time it was to expire (a challenge answered with a wrong
   * code may be answered again in the same session).
   */
  restore(key: string, value: T, expiresAt: number): void {
    const ttl = expiresAt - this.now();
    if (ttl > 0) this.entries.set(key, value, ttl);
  }

  /** Removes and returns the entry, or says why it cannot. */
  take(
    key: string,
  ): { ok: true; value: T; expiresAt: number } | { ok: false; reason: 'unknown' | 'expired' } {
    const entry = this.entries.peek(key);
    if (entry === undefined) return { ok: false, reason: 'unknown' };
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, value: entry.value, expiresAt: entry.expiresAt };
  }

  get size(): number {
    return this.entries.size;
  }
}
