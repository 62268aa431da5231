/** Lambda's synchronous invocation payload limit (request and response), which caps proxy integrations. */
export const LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

/** A Lambda proxy result turned into an HTTP response. */
export type ProxyResult =
  | { ok: true; status: number; headers: [string, string][]; body: Buffer }
  | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const headerValue = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/**
 * Reads a Lambda's proxy result as API Gateway does: `statusCode` (a number, or a string of digits),
 * `headers` (single values), `multiValueHeaders` (arrays; for a header in both only these values are sent),
 * `body` (a string, base64 when `isBase64Encoded`). Anything else is a malformed result, which the gateway
 * answers with a 502. Keys other than these five are ignored.
 */
export function parseProxyResult(payload: unknown): ProxyResult {
  if (!isRecord(payload)) return { ok: false, reason: 'result is not an object' };
  const rawStatus = payload.statusCode;
  const status =
    typeof rawStatus === 'number'
      ? rawStatus
      : typeof rawStatus === 'string' && /^\d+$/.test(rawStatus)
        ? Number(rawStatus)
        : Number.NaN;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    return { ok: false, reason: `statusCode ${JSON.stringify(rawStatus)} is not an HTTP status` };
  }
  if (
    payload.isBase64Encoded !== undefined &&
    payload.isBase64Encoded !== null &&
    typeof payload.isBase64Encoded !== 'boolean'
  ) {
    return { ok: false, reason: 'isBase64Encoded is not a boolean' };
  }
  const body = payload.body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, reason: `body is a ${Array.isArray(body) ? 'array' : typeof body}, not a string` };
  }

  const multi = new Map<string, [string, string[]]>();
  if (payload.multiValueHeaders !== undefined && payload.multiValueHeaders !== null) {
    if (!isRecord(payload.multiValueHeaders))
      return { ok: false, reason: 'multiValueHeaders is not an object' };
    for (const [name, values] of Object.entries(payload.multiValueHeaders)) {
      if (!Array.isArray(values)) return { ok: false, reason: `multiValueHeaders.${name} is not an array` };
      const strings = values.map(headerValue);
      if (strings.some((s) => s === undefined))
        return { ok: false, reason: `multiValueHeaders.${name} has a non-scalar value` };
      multi.set(name.toLowerCase(), [name, strings as string[]]);
    }
  }
  const headers: [string, string][] = [];
  if (payload.headers !== undefined && payload.headers !== null) {
    if (!isRecord(payload.headers)) return { ok: false, reason: 'headers is not an object' };
    for (const [name, value] of Object.entries(payload.headers)) {
      const s = headerValue(value);
      if (s === undefined) return { ok: false, reason: `headers.${name} is not a string` };
      if (!multi.has(name.toLowerCase())) headers.push([name, s]);
    }
  }
  for (const [name, values] of multi.values()) for (const v of values) headers.push([name, v]);

  const text = typeof body === 'string' ? body : '';
  const bytes = payload.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  return { ok: true, status, headers, body: bytes };
}
