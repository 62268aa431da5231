import { randomBytes } from 'node:crypto';
import type { HostedUser } from '../cognito/hosted-auth.js';
import { LruCache } from '../shared/lru-cache.js';

/** AWS's managed login session cookie lasts one hour. */
export const SESSION_LIFETIME_MS = 60 * 60_000;

/** Sessions kept at most (one per browser that signed in within the hour); beyond it the oldest is dropped. */
export const MAX_SESSIONS = 5_000;

/** The cookie that names a session (AWS's managed login names its own `cognito`). */
export const SESSION_COOKIE = 'cognito';

/**
 * Managed login sessions: a random id in an HttpOnly cookie, the signed-in user kept here, so that a later
 * authorize within the hour skips the form. In memory only: a restart signs everyone out of the pages (their
 * tokens stay valid).
 */
export class LoginSessions {
  readonly #sessions: LruCache<string, HostedUser>;

  constructor(now: () => number, maxEntries = MAX_SESSIONS) {
    this.#sessions = new LruCache({ maxEntries, ttlMs: SESSION_LIFETIME_MS, now });
  }

  start(user: HostedUser): string {
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, user);
    return id;
  }

  /** The session's user if it is alive and of `poolId`. */
  find(id: string | undefined, poolId: string): HostedUser | undefined {
    if (id === undefined) return undefined;
    const user = this.#sessions.get(id);
    return user?.poolId === poolId ? user : undefined;
  }

  end(id: string | undefined): void {
    if (id !== undefined) this.#sessions.delete(id);
  }
}
