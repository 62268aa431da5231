import { inputDictionary } from './input-dictionary.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A time in seconds written as Java's `Date.toString()` in UTC (`EEE MMM dd HH:mm:ss zzz yyyy`), which is how
 * API Gateway hands `exp` and `iat` to a Lambda: `Tue Jun 18 15:00:04 UTC 2024`.
 */
export function javaDateString(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

/** Claims whose numeric value API Gateway rewrites as a Java date string (others become decimal strings). */
const DATE_CLAIMS = new Set(['exp', 'iat']);

/**
 * Verified token claims as the REST API's Cognito authorizer puts them in `requestContext.authorizer.claims`:
 * every value a string. Numbers are decimal strings except `exp`/`iat` (Java date strings), booleans are
 * `"true"`/`"false"`, arrays (`cognito:groups`) are joined with commas — the best evidence for several
 * groups; one group is just its name — and objects are JSON. Null values are left out.
 */
export function toAuthorizerClaims(payload: Record<string, unknown>): Record<string, string> {
  // The payload is the caller's: a claim may be named `__proto__`.
  const claims = inputDictionary<string>();
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') claims[key] = value;
    else if (typeof value === 'number')
      claims[key] = DATE_CLAIMS.has(key) ? javaDateString(value) : String(value);
    else if (typeof value === 'boolean') claims[key] = value ? 'true' : 'false';
    else if (Array.isArray(value))
      claims[key] = value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
    else claims[key] = JSON.stringify(value);
  }
  return claims;
}
