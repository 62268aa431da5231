/** How an {@link LruCache} is bounded. */
export interface LruCacheOptions {
  /** Entries kept at most; setting one more drops the least recently used. At least 1. */
  maxEntries: number;
  /** Default lifetime of an entry in ms (none: entries live until evicted). `set` may give its own. */
  ttlMs?: number;
  /** Clock in ms, for the lifetimes. Default `Date.now`. */
  now?: () => number;
}

interface Slot<V> {
  value: V;
  /** ms; `Infinity` for an entry without a lifetime. */
  expiresAt: number;
}

/** Expired entries looked at (from the least recently used end) on each `set`, so a sweep stays O(1). */
const SWEEP_PER_SET = 8;

/**
 * A `Map` bounded in size and, optionally, in time: the emulator's one answer to "every cache or table that
 * grows with input is bounded". A `Map` keeps insertion order, so re-inserting an entry on use makes the
 * first key the least recently used one, which is the one dropped when the cache is full.
 *
 * Expired entries are never returned; they are dropped when read and, a few at a time, on each `set`.
 */
export class LruCache<K, V> {
  readonly #slots = new Map<K, Slot<V>>();
  readonly #maxEntries: number;
  readonly #ttlMs: number | undefined;
  readonly #now: () => number;

  constructor(options: LruCacheOptions) {
    if (!Number.isInteger(options.maxEntries) || options.maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${options.maxEntries}`);
    }
    this.#maxEntries = options.maxEntries;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  get maxEntries(): number {
    return this.#maxEntries;
  }

  /** Entries held, expired ones not yet swept included. */
  get size(): number {
    return this.#slots.size;
  }

  /** The value, marking it as recently used; undefined when absent or expired. */
  get(key: K): V | undefined {
    const slot = this.#slots.get(key);
    if (slot === undefined) return undefined;
    this.#slots.delete(key);
    if (slot.expiresAt <= this.#now()) return undefined;
    this.#slots.set(key, slot);
    return slot.value;
  }

  /** The value and its expiry without marking it as used or dropping it when expired. */
  peek(key: K): { value: V; expiresAt: number } | undefined {
    const slot = this.#slots.get(key);
    return slot === undefined ? undefined : { value: slot.value, expiresAt: slot.expiresAt };
  }

  has(key: K): boolean {
    const slot = this.#slots.get(key);
    return slot !== undefined && slot.expiresAt > this.#now();
  }

  /**
   * Stores `value` as the most recently used entry, dropping the least recently used one if the cache is full.
   * @param ttlMs this entry's lifetime; default the cache's (none: until evicted)
   */
  set(key: K, value: V, ttlMs: number | undefined = this.#ttlMs): this {
    const now = this.#now();
    this.#slots.delete(key);
    this.#sweep(now);
    while (this.#slots.size >= this.#maxEntries) {
      const oldest = this.#slots.keys().next();
      if (oldest.done) break;
      this.#slots.delete(oldest.value);
    }
    this.#slots.set(key, { value, expiresAt: ttlMs === undefined ? Number.POSITIVE_INFINITY : now + ttlMs });
    return this;
  }

  delete(key: K): boolean {
    return this.#slots.delete(key);
  }

  clear(): void {
    this.#slots.clear();
  }

  /** Drops expired entries among the least recently used few. */
  #sweep(now: number): void {
    let looked = 0;
    for (const [key, slot] of this.#slots) {
      if (++looked > SWEEP_PER_SET) break;
      if (slot.expiresAt <= now) this.#slots.delete(key);
    }
  }
}
