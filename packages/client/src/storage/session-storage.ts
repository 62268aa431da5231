/**
 * Where the client keeps the session (tokens) between calls and, with a durable adapter, between runs.
 * Methods may be synchronous or return promises. Values are opaque strings.
 */
export interface SessionStorage {
  getItem(key: string): string | null | undefined | Promise<string | null | undefined>;
  setItem(key: string, value: string): void | Promise<void>;
  removeItem(key: string): void | Promise<void>;
}

/**
 * Keeps the session in memory only: it ends with the process or page. The default.
 *
 * @example
 * const client = createClient(config, { storage: memoryStorage() });
 */
export function memoryStorage(): SessionStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
    removeItem: (key) => {
      items.delete(key);
    },
  };
}

/** The part of the Web Storage API the adapter uses. */
export interface WebStorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Keeps the session in the browser's `localStorage` (or any Web Storage, e.g. `sessionStorage`), so it
 * survives reloads. Anything on the page can read `localStorage`; prefer memory storage where XSS is a concern.
 *
 * @example
 * const client = createClient(config, { storage: localStorageAdapter() });
 */
export function localStorageAdapter(storage?: WebStorageLike): SessionStorage {
  const target = (): WebStorageLike => {
    const store = storage ?? (globalThis as { localStorage?: WebStorageLike }).localStorage;
    if (!store) throw new TypeError('localStorage is not available in this runtime');
    return store;
  };
  return {
    getItem: (key) => target().getItem(key),
    setItem: (key, value) => target().setItem(key, value),
    removeItem: (key) => target().removeItem(key),
  };
}
