import { describe, expect, it } from 'vitest';
import {
  localStorageAdapter,
  memoryStorage,
  type WebStorageLike,
} from '../../src/storage/session-storage.js';

/** A Web Storage stand-in: browsers are an edge this package does not own. */
function webStorage(): WebStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

describe.each([
  { name: 'memoryStorage', make: () => memoryStorage() },
  { name: 'localStorageAdapter', make: () => localStorageAdapter(webStorage()) },
])('$name', ({ make }) => {
  it('stores, reads and removes values by key', async () => {
    const storage = make();
    expect(await storage.getItem('a')).toBeNull();
    await storage.setItem('a', 'one');
    await storage.setItem('b', 'two');
    await storage.removeItem('a');
    expect(await storage.getItem('a')).toBeNull();
    expect(await storage.getItem('b')).toBe('two');
  });
});

describe('localStorageAdapter', () => {
  it('writes through to the given Web Storage', () => {
    const web = webStorage();
    localStorageAdapter(web).setItem('k', 'v');
    expect(web.items.get('k')).toBe('v');
  });

  it('uses globalThis.localStorage when none is given, and says so when there is none', () => {
    const adapter = localStorageAdapter();
    expect(() => adapter.getItem('k')).toThrow('localStorage is not available');
    const web = webStorage();
    (globalThis as { localStorage?: WebStorageLike }).localStorage = web;
    try {
      adapter.setItem('k', 'v');
      expect(web.items.get('k')).toBe('v');
    } finally {
      delete (globalThis as { localStorage?: WebStorageLike }).localStorage;
    }
  });
});
