import type { AccessTokenSource } from '../api/route-caller.js';
import { requestTokens } from './token-endpoint.js';

export interface ClientCredentialsTokenOptions {
  readonly domainUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The scopes to ask for; none asks for every scope the app client allows. */
  readonly scopes: readonly string[];
  readonly fetch: typeof fetch;
  /** The clock in ms; `Date.now` by default. */
  readonly now: () => number;
  /** Renew this long before the token expires, in ms. */
  readonly renewMarginMs: number;
}

interface CachedToken {
  readonly accessToken: string;
  /** Device time (ms) from which the token is renewed. */
  readonly renewAt: number;
}

/**
 * A client-credentials access token for a service (OAuth 2.0 §4.4 at the user pool's `/oauth2/token`, the
 * client authenticated by HTTP Basic), cached until shortly before it expires and renewed by one request that
 * every concurrent caller shares. The expiry is counted from `expires_in` on the device's own clock, so a
 * device clock that is off does not matter.
 */
export class ClientCredentialsToken implements AccessTokenSource {
  readonly #options: ClientCredentialsTokenOptions;
  #cached: CachedToken | undefined;
  #renewing: Promise<CachedToken> | undefined;

  constructor(options: ClientCredentialsTokenOptions) {
    this.#options = options;
  }

  async accessToken({ rejected }: { readonly rejected?: string } = {}): Promise<string> {
    const cached = this.#cached;
    const stale = cached !== undefined && rejected !== undefined && rejected === cached.accessToken;
    if (cached && !stale && this.#options.now() < cached.renewAt) return cached.accessToken;
    return (await this.renew()).accessToken;
  }

  /**
   * Fetches a new token; concurrent callers share one request. Takes no abort signal: one caller giving up
   * must not cancel the renewal the others wait for.
   */
  renew(): Promise<CachedToken> {
    this.#renewing ??= this.#renew().finally(() => {
      this.#renewing = undefined;
    });
    return this.#renewing;
  }

  async #renew(): Promise<CachedToken> {
    const { domainUrl, clientId, clientSecret, scopes } = this.#options;
    const requestedAt = this.#options.now();
    const tokens = await requestTokens({
      domainUrl,
      fetch: this.#options.fetch,
      basic: { clientId, clientSecret },
      form: { grant_type: 'client_credentials', ...(scopes.length > 0 ? { scope: scopes.join(' ') } : {}) },
    });
    // Counted from when the request left, so the time it took only makes the renewal earlier. A margin longer
    // than half the lifetime would renew on every call; half the lifetime is then the margin.
    const lifetimeMs = tokens.expires_in * 1000;
    const renewAt = requestedAt + Math.max(lifetimeMs - this.#options.renewMarginMs, lifetimeMs / 2);
    const token: CachedToken = { accessToken: tokens.access_token, renewAt };
    this.#cached = token;
    return token;
  }
}
