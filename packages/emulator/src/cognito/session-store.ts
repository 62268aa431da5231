import { randomBytes } from 'node:crypto';

/** An entry with an expiry, kept in memory only: challenge state lives for minutes, like Cognito's sessions. */
interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * One-time challenge state (SRP exchanges, NEW_PASSWORD_REQUIRED sessions) keyed by an opaque random string.
 * Each key can be taken once; expired entries are dropped as new ones arrive, so memory stays flat under load.
 */
export class SessionStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly now: () => number) {}

  /** Stores `value` until `ttlMs` from now and returns its key. */
  put(value: T, ttlMs: number, keyBytes = 96): string {
    this.prune();
    const key = randomBytes(keyBytes).toString('base64');
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
    return key;
  }

  /** Removes and returns the entry, or says why it cannot. */
  take(key: string): { ok: true; value: T } | { ok: false; reason: 'unknown' | 'expired' } {
    const entry = this.entries.get(key);
    if (entry === undefined) return { ok: false, reason: 'unknown' };
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, value: entry.value };
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    // Entries are inserted in time order; lifetimes differ per client, so scan a bounded prefix.
    let scanned = 0;
    for (const [key, entry] of this.entries) {
      if (++scanned > 64) break;
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}
