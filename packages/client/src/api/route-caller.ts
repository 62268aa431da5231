import { isProtected, type RouteDefinition } from '@org/contracts';
import { InvalidInputError, NetworkError, TimeoutError } from '../errors/client-error.js';
import { type ApiErrorBody, apiErrorFrom, UnexpectedResponseError } from './api-errors.js';

/** Retries of idempotent requests after a network error or a 5xx, with exponential backoff and full jitter. */
export interface RetryOptions {
  /** Extra attempts after the first; 0 turns retries off (the default). */
  readonly attempts: number;
  /** The first backoff's ceiling, in ms (default 100). */
  readonly baseDelayMs?: number;
  /** The cap of any backoff, in ms (default 2000). */
  readonly maxDelayMs?: number;
}

/** Per-call options of every route method. */
export interface CallOptions {
  /** Cancels the call; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Gives up after this many ms for the whole call, retries included, with a `TimeoutError`. */
  readonly timeoutMs?: number;
  /** Overrides the client's retry options for this call. */
  readonly retry?: RetryOptions;
}

/**
 * Where protected calls get their access token: the user's session, or a service's client-credentials token.
 * `rejected` is a token the API just refused with 401, which the source renews unless it already moved on.
 */
export interface AccessTokenSource {
  accessToken(options?: { readonly rejected?: string }): Promise<string>;
}

export interface RouteCallerDependencies {
  readonly apiUrl: string;
  readonly fetch: typeof fetch;
  readonly session: AccessTokenSource;
  readonly retry: RetryOptions;
  readonly timeoutMs: number | undefined;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'PUT', 'DELETE']);

type Input = Readonly<Record<string, unknown>>;

function pathWithParams(route: RouteDefinition, input: Input): string {
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = input[name];
    if ((typeof value !== 'string' && typeof value !== 'number') || String(value) === '') {
      throw new InvalidInputError(`${route.name}: path parameter ${name} is missing`);
    }
    return encodeURIComponent(String(value));
  });
}

function requestUrl(apiUrl: string, route: RouteDefinition, input: Input): string {
  const base = apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`;
  const url = new URL(pathWithParams(route, input).slice(1), base);
  for (const name of Object.keys(route.query?.shape ?? {})) {
    const value = input[name];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(name, String(item));
  }
  return url.toString();
}

function requestHeaders(input: Input): Record<string, string> {
  const headers: Record<string, string> = {};
  const given = input.headers;
  if (typeof given === 'object' && given !== null) {
    for (const [name, value] of Object.entries(given)) {
      if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
    }
  }
  return headers;
}

/**
 * GET, PUT and DELETE are idempotent; a POST or PATCH is retried only when it carries an
 * `idempotency-key`, which makes the API answer a repeat with the first result.
 */
function isIdempotent(route: RouteDefinition, headers: Record<string, string>): boolean {
  return IDEMPOTENT_METHODS.has(route.method) || headers['idempotency-key'] !== undefined;
}

function backoff(attempt: number, retry: RetryOptions): number {
  const ceiling = Math.min(retry.maxDelayMs ?? 2000, (retry.baseDelayMs ?? 100) * 2 ** attempt);
  return Math.random() * ceiling;
}

/**
 * Settles with `promise`, or rejects as soon as `signal` aborts: not every `fetch` (polyfills, test
 * doubles) stops reading a body when its signal aborts.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Frees a response whose body is not read. Not awaited: a cancel can wait on other readers of the body. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Reads a response by the one rule every route follows:
 * - the route's success status with a body matching its schema → the parsed body;
 * - a documented error status with a body matching its schema → the typed error for the status;
 * - anything else (an undocumented status, a body that breaks the contract, not JSON) →
 *   `UnexpectedResponseError` carrying the status.
 */
async function readResponse(
  route: RouteDefinition,
  response: Response,
  signal: AbortSignal | undefined,
): Promise<unknown> {
  const { status } = response;
  const text = await untilAborted(response.text(), signal);
  if (!(status in route.responses)) {
    throw new UnexpectedResponseError(status, `${route.name} does not document HTTP ${status}`);
  }
  const schema = route.responses[status];
  if (schema === null || schema === undefined) {
    if (text.trim() !== '')
      throw new UnexpectedResponseError(status, `${route.name} documents no body for HTTP ${status}`);
    if (status === route.successStatus) return undefined;
    throw new UnexpectedResponseError(status, `${route.name} answered HTTP ${status} without a body`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new UnexpectedResponseError(status, 'the body is not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'body'))].join(', ');
    throw new UnexpectedResponseError(status, `the body does not match the contract (${fields})`, {
      cause: parsed.error,
    });
  }
  if (status === route.successStatus) return parsed.data;
  const error = apiErrorFrom(status, parsed.data as ApiErrorBody);
  if (error) throw error;
  throw new UnexpectedResponseError(status, `${route.name} has no error class for HTTP ${status}`);
}

/**
 * Calls one route: builds the request from the flat input (path parameters and query fields by name,
 * `body`, `headers`), adds the access token to protected routes, retries idempotent requests when asked,
 * and refreshes the session and retries once when the API answers 401.
 */
export async function callRoute(
  route: RouteDefinition,
  input: Input,
  options: CallOptions,
  deps: RouteCallerDependencies,
): Promise<unknown> {
  const url = requestUrl(deps.apiUrl, route, input);
  const headers = requestHeaders(input);
  const hasBody = input.body !== undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  const body = hasBody ? JSON.stringify(input.body) : undefined;
  const needsToken = isProtected(route);
  const retry = options.retry ?? deps.retry;
  const idempotent = isIdempotent(route, headers);

  const timeoutMs = options.timeoutMs ?? deps.timeoutMs;
  const timeout = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const signals = [options.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const stopped = (): unknown =>
    timeout?.aborted && !options.signal?.aborted
      ? new TimeoutError(`${route.name} took longer than ${timeoutMs} ms`)
      : options.signal?.reason;

  let attempt = 0;
  let rejected: string | undefined;
  for (;;) {
    if (signal?.aborted) throw stopped();
    const token = needsToken
      ? await deps.session.accessToken(rejected === undefined ? {} : { rejected })
      : undefined;
    let response: Response;
    try {
      response = await deps.fetch(url, {
        method: route.method,
        headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
        ...(body === undefined ? {} : { body }),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw stopped();
      if (idempotent && attempt < retry.attempts) {
        await sleep(backoff(attempt++, retry), signal).catch(() => Promise.reject(stopped()));
        continue;
      }
      throw new NetworkError(`Could not reach the API for ${route.name}`, { cause });
    }
    // One refresh and one retry per call: a second 401 is final, so a broken session never loops.
    if (response.status === 401 && token !== undefined && rejected === undefined) {
      discard(response);
      rejected = token;
      continue;
    }
    if (response.status >= 500 && idempotent && attempt < retry.attempts) {
      discard(response);
      await sleep(backoff(attempt++, retry), signal).catch(() => Promise.reject(stopped()));
      continue;
    }
    try {
      return await readResponse(route, response, signal);
    } catch (error) {
      // Reading the body can be cut short by the same signal; report that as the abort, not as a bad body.
      if (signal?.aborted) throw stopped();
      throw error;
    }
  }
}
