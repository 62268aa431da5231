import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';
import { TokenBucket } from './token-bucket.js';

const THROTTLED: GatewayError = Object.freeze({ type: 'THROTTLED', message: 'Too Many Requests' });

/**
 * A stage's throttling (`MethodSettings` and the stage-wide rate and burst): a token bucket per method, as on
 * AWS, where stage-wide settings are per-method limits. Buckets outlive a redeployment, as AWS's do.
 */
export class StageThrottle {
  /** Keyed by API, stage, resource path and method; bounded by the template's methods and HTTP's verbs. */
  readonly #buckets = new Map<string, TokenBucket>();

  constructor(private readonly now: () => number) {}

  /** Takes a token for the matched method, or refuses with 429 `Too Many Requests`. */
  check(scope: RequestScope): GatewayError | undefined {
    const { api, stageModel: stage, resourcePath } = scope;
    if (!api || !stage || resourcePath === undefined || stage.throttling.length === 0) return undefined;
    const httpMethod = scope.httpMethod;
    // The most specific setting wins: this method, then this resource's `*`, then the stage-wide `/*`.
    const setting =
      stage.throttling.find((s) => s.resourcePath === resourcePath && s.httpMethod === httpMethod) ??
      stage.throttling.find((s) => s.resourcePath === resourcePath && s.httpMethod === '*') ??
      stage.throttling.find((s) => s.resourcePath === '*');
    if (!setting) return undefined;
    const rate = setting.rateLimit ?? 10_000;
    const burst = setting.burstLimit ?? Math.max(1, Math.ceil(rate));
    const key = `${api.id}/${stage.name}/${resourcePath}/${httpMethod}`;
    let bucket = this.#buckets.get(key);
    if (!bucket || bucket.rate !== rate || bucket.burst !== burst) {
      bucket = new TokenBucket(rate, burst, this.now());
      this.#buckets.set(key, bucket);
    }
    return bucket.take(this.now()) ? undefined : THROTTLED;
  }
}
