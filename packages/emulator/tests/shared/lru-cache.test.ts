import { describe, expect, it } from 'vitest';
import { LruCache } from '../../src/shared/lru-cache.js';

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('LruCache', () => {
  it('keeps its size at the limit when more entries than the limit are set', () => {
    const cache = new LruCache<string, number>({ maxEntries: 100 });
    for (let i = 0; i < 1_000; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(100);
    expect(cache.get('k999')).toBe(999);
    expect(cache.get('k899')).toBeUndefined();
  });

  it('drops the least recently used entry, not the oldest inserted', () => {
    const cache = new LruCache<string, number>({ maxEntries: 2 });
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
  });

  it('replaces an existing key without growing', () => {
    const cache = new LruCache<string, number>({ maxEntries: 2 });
    cache.set('a', 1).set('a', 2).set('b', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBe(2);
  });

  it('returns nothing once an entry has outlived the cache TTL', () => {
    const c = clock();
    const cache = new LruCache<string, number>({ maxEntries: 10, ttlMs: 1_000, now: c.now });
    cache.set('a', 1);
    c.advance(999);
    expect(cache.get('a')).toBe(1);
    c.advance(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('honours a per-entry TTL shorter than the default', () => {
    const c = clock();
    const cache = new LruCache<string, number>({ maxEntries: 10, ttlMs: 60_000, now: c.now });
    cache.set('short', 1, 10).set('long', 2);
    c.advance(10);
    expect(cache.has('short')).toBe(false);
    expect(cache.has('long')).toBe(true);
  });

  it('sweeps expired entries as new ones are set', () => {
    const c = clock();
    const cache = new LruCache<string, number>({ maxEntries: 1_000, ttlMs: 100, now: c.now });
    for (let i = 0; i < 8; i++) cache.set(`old${i}`, i);
    c.advance(100);
    cache.set('new', 1);
    expect(cache.size).toBe(1);
  });

  it('reports an expired entry through peek without dropping it', () => {
    const c = clock();
    const cache = new LruCache<string, number>({ maxEntries: 10, ttlMs: 5, now: c.now });
    cache.set('a', 1);
    c.advance(5);
    expect(cache.peek('a')).toEqual({ value: 1, expiresAt: 1_005 });
    expect(cache.size).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxEntries %s', (maxEntries) => {
    expect(() => new LruCache({ maxEntries })).toThrow(RangeError);
  });
});
