import { type FieldIssue, MAX_REQUEST_BODY_BYTES, type RouteDefinition } from '@org/contracts';
import type { z } from 'zod';
import { BadRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors/api-error.js';

/** The raw parts of a request, as the router extracted them from the proxy event. */
export interface RawRequest {
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** Header names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly isBase64Encoded: boolean;
}

/** The validated inputs of a route (each `undefined` when the route declares no schema for it). */
export interface RouteInput {
  readonly params: unknown;
  readonly query: unknown;
  readonly headers: unknown;
  readonly body: unknown;
}

/**
 * `application/json` and the structured-syntax suffix `application/<subtype>+json` (RFC 6839:
 * `application/merge-patch+json`, `application/vnd.api+json`) are JSON; anything else is refused with 415.
 */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
/** JSON is UTF-8 (RFC 8259 §8.1); the only charset a body may declare. */
const UTF8_CHARSET = /^utf-?8$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Validates a request against its route's schemas.
 * @throws PayloadTooLargeError for a body over `MAX_REQUEST_BODY_BYTES`.
 * @throws UnsupportedMediaTypeError for a body that is not declared as JSON.
 * @throws BadRequestError listing every invalid field of params, query, headers and body at once.
 */
export function parseRouteInput(route: RouteDefinition, raw: RawRequest): RouteInput {
  const issues: FieldIssue[] = [];
  const params = validate('params', route.params, raw.params, issues);
  const query = validate('query', route.query, raw.query, issues);
  const headers = validate('headers', route.headers, raw.headers, issues);
  let body: unknown;
  if (route.body) {
    const json = readJsonBody(raw, issues);
    if (json.present) body = validate('body', route.body, json.value, issues);
  }
  if (issues.length > 0) {
    throw new BadRequestError(
      `The request is invalid: ${issues.map((i) => `${i.path} ${i.reason}`).join('; ')}`,
      { details: issues },
    );
  }
  return { params, query, headers, body };
}

function validate(
  prefix: string,
  schema: z.ZodType | undefined,
  value: unknown,
  issues: FieldIssue[],
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        issues.push({ path: fieldPath(prefix, [...issue.path, key]), reason: 'is not allowed' });
    } else {
      issues.push({ path: fieldPath(prefix, issue.path), reason: issue.message });
    }
  }
  return undefined;
}

/** `body.tags[1]`, `query.limit`, `body` for the whole value. */
function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    prefix,
  );
}

/**
 * A JSON media type, and no charset other than UTF-8: a body declared as UTF-16 or Latin-1 is refused
 * rather than decoded as UTF-8 into different text.
 */
function checkJsonContentType(contentType: string | undefined): void {
  const [type, ...parameters] = (contentType ?? '').split(';');
  const mediaType = type?.trim().toLowerCase() ?? '';
  if (!JSON_MEDIA_TYPE.test(mediaType)) {
    throw new UnsupportedMediaTypeError(
      `The body must be sent as Content-Type: application/json or application/*+json (got ${contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 100))})`,
    );
  }
  for (const parameter of parameters) {
    const eq = parameter.indexOf('=');
    if (parameter.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const charset = parameter
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (!UTF8_CHARSET.test(charset.toLowerCase())) {
      throw new UnsupportedMediaTypeError(
        `The body's charset ${charset.slice(0, 40).replace(/[^\w.:-]/g, '?')} is not supported; send JSON as UTF-8`,
      );
    }
  }
}

function readJsonBody(raw: RawRequest, issues: FieldIssue[]): { present: boolean; value?: unknown } {
  if (raw.body === null || raw.body.length === 0) {
    issues.push({ path: 'body', reason: 'is required (a JSON object)' });
    return { present: false };
  }
  const bytes = raw.isBase64Encoded ? Buffer.from(raw.body, 'base64') : Buffer.from(raw.body, 'utf8');
  if (bytes.byteLength > MAX_REQUEST_BODY_BYTES) {
    throw new PayloadTooLargeError(
      `The body is ${bytes.byteLength} bytes; the limit is ${MAX_REQUEST_BODY_BYTES} bytes`,
    );
  }
  checkJsonContentType(raw.headers['content-type']);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    issues.push({ path: 'body', reason: 'is not valid UTF-8' });
    return { present: false };
  }
  try {
    return { present: true, value: JSON.parse(text) };
  } catch {
    issues.push({ path: 'body', reason: 'is not valid JSON' });
    return { present: false };
  }
}
