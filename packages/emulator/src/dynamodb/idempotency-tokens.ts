import { createHash } from 'node:crypto';

/** How long DynamoDB honours a `ClientRequestToken` after the request that used it completed. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000;
/** Tokens remembered at most; the oldest go first. The SDK sends a fresh token with every call. */
export const MAX_REMEMBERED_TOKENS = 10_000;

export interface IdempotencyTokensOptions {
  /** Injected for tests; defaults to the system clock. */
  now?: () => number;
  windowMs?: number;
  maxTokens?: number;
}

interface Remembered {
  fingerprint: string;
  answer: Record<string, unknown>;
  expiresAt: number;
}

/** What a token says about a request: nothing yet, a replay of an earlier answer, or a misuse. */
export type TokenLookup =
  | { kind: 'new' }
  | { kind: 'replay'; answer: Record<string, unknown> }
  | { kind: 'mismatch' };

/**
 * The `ClientRequestToken`s of completed transactions: the same token with the same request within
 * the window gets the first answer again without applying anything; the same token with another
 * request is a mismatch. Only requests fingerprinted alike count as the same (the token itself is
 * left out of the fingerprint). Bounded in time (the window) and in count (the oldest are forgotten).
 */
export class IdempotencyTokens {
  readonly #tokens = new Map<string, Remembered>();
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #maxTokens: number;

  constructor(options: IdempotencyTokensOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#windowMs = options.windowMs ?? IDEMPOTENCY_WINDOW_MS;
    this.#maxTokens = options.maxTokens ?? MAX_REMEMBERED_TOKENS;
  }

  /** A digest of the request without its token, so a retried request matches its first sending. */
  static fingerprint(request: Record<string, unknown>): string {
    const { ClientRequestToken: _token, ...rest } = request;
    return createHash('sha256').update(canonicalJson(rest)).digest('base64');
  }

  lookup(token: string, fingerprint: string): TokenLookup {
    this.#expire();
    const remembered = this.#tokens.get(token);
    if (remembered === undefined) return { kind: 'new' };
    return remembered.fingerprint === fingerprint
      ? { kind: 'replay', answer: remembered.answer }
      : { kind: 'mismatch' };
  }

  remember(token: string, fingerprint: string, answer: Record<string, unknown>): void {
    this.#tokens.delete(token);
    this.#tokens.set(token, { fingerprint, answer, expiresAt: this.#now() + this.#windowMs });
    while (this.#tokens.size > this.#maxTokens) {
      const oldest = this.#tokens.keys().next();
      if (oldest.done) break;
      this.#tokens.delete(oldest.value);
    }
  }

  /** Tokens remembered now (for tests and diagnostics). */
  get size(): number {
    this.#expire();
    return this.#tokens.size;
  }

  #expire(): void {
    // Every entry lives the same time from its insertion, so the Map's order is expiry order.
    const now = this.#now();
    for (const [token, remembered] of this.#tokens) {
      if (remembered.expiresAt > now) break;
      this.#tokens.delete(token);
    }
  }
}

/** JSON with object keys sorted, so two equal requests give the same text whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
