import { countFailedSignIn, isLockedOut, type LockoutState, lockoutForgottenAt } from './sign-in-lockout.js';

/** The codes whose wrong guesses are counted. */
export type CodePurpose = 'signUp' | 'forgotPassword';

interface Entry extends LockoutState {
  codeFailures: Record<CodePurpose, number>;
  lastCodeFailureAt: number;
  /** When the entry may be dropped: nothing in it changes an answer after this. */
  expiresAt: number;
}

/** How long wrong code guesses are remembered: the life of a password-reset code, as for a real user's code. */
const CODE_FAILURES_KEPT_MS = 3600_000;

/** Entries kept at most (each is a few hundred bytes): a flood of made-up names cannot grow memory past this. */
export const UNKNOWN_USER_LEDGER_CAPACITY = 10_000;

/**
 * What a client that hides user existence (PreventUserExistenceErrors ENABLED) remembers about names that match
 * no user: failed sign-ins and lockout, and wrong confirmation codes, exactly as a user's record would hold
 * them, so an unknown name is locked out and hits the code-attempt limit when an existing user would.
 *
 * Keyed by pool and a digest of the typed name (see UserDirectory.unknownUserKey). Bounded twice: an entry is dropped once
 * its lockout and quiet time are over, and past {@link UNKNOWN_USER_LEDGER_CAPACITY} entries the least
 * recently used half goes first. An evicted name merely starts again from zero, which reveals nothing.
 */
export class UnknownUserLedger {
  // Two generations instead of a strict LRU list: names in use live in `recent`; when it is half full it
  // becomes `older` and the previous `older` is dropped whole. A name used again moves back to `recent`.
  // Every step is O(1) (no walk over deleted slots), and at most `capacity` entries are ever held.
  private recent = new Map<string, Entry>();
  private older = new Map<string, Entry>();

  constructor(
    private readonly now: () => number,
    readonly capacity = UNKNOWN_USER_LEDGER_CAPACITY,
  ) {}

  get size(): number {
    return this.recent.size + this.older.size;
  }

  isLockedOut(poolId: string, key: string): boolean {
    const entry = this.find(poolId, key);
    return entry !== undefined && isLockedOut(entry, this.now());
  }

  recordFailedSignIn(poolId: string, key: string): void {
    const entry = this.use(poolId, key);
    countFailedSignIn(entry, this.now());
    this.refresh(entry);
  }

  codeFailures(poolId: string, key: string, purpose: CodePurpose): number {
    return this.find(poolId, key)?.codeFailures[purpose] ?? 0;
  }

  recordCodeFailure(poolId: string, key: string, purpose: CodePurpose): void {
    const entry = this.use(poolId, key);
    entry.codeFailures[purpose]++;
    entry.lastCodeFailureAt = this.now();
    this.refresh(entry);
  }

  /** A (simulated) new code was sent: its wrong guesses start from zero, as a real user's new code does. */
  resetCodeFailures(poolId: string, key: string, purpose: CodePurpose): void {
    const entry = this.find(poolId, key);
    if (entry !== undefined) entry.codeFailures[purpose] = 0;
  }

  private id(poolId: string, key: string): string {
    return `${poolId}\u0000${key}`;
  }

  /** The live entry, or undefined (an expired one is dropped). */
  private find(poolId: string, key: string): Entry | undefined {
    const id = this.id(poolId, key);
    const entry = this.recent.get(id) ?? this.older.get(id);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.recent.delete(id);
      this.older.delete(id);
      return undefined;
    }
    return entry;
  }

  /** The entry to change, created if needed, marked most recently used; evicts past capacity. */
  private use(poolId: string, key: string): Entry {
    const id = this.id(poolId, key);
    const entry = this.find(poolId, key) ?? {
      failedSignIns: 0,
      lastFailedSignInAt: 0,
      lockedUntil: 0,
      codeFailures: { signUp: 0, forgotPassword: 0 },
      lastCodeFailureAt: 0,
      expiresAt: 0,
    };
    if (!this.recent.has(id)) {
      this.older.delete(id);
      if (this.recent.size >= Math.ceil(this.capacity / 2)) {
        this.older = this.recent;
        this.recent = new Map();
      }
      this.recent.set(id, entry);
    }
    return entry;
  }

  private refresh(entry: Entry): void {
    entry.expiresAt = Math.max(lockoutForgottenAt(entry), entry.lastCodeFailureAt + CODE_FAILURES_KEPT_MS);
  }
}
