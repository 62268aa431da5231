import { inputDictionary } from './input-dictionary.js';

/** The request as the gateway received it, before it becomes a proxy event. */
export interface IncomingRequest {
  httpMethod: string;
  /** Header name/value pairs in the client's casing and order (Node's `rawHeaders`, paired). */
  rawHeaders: [string, string][];
  /** Path after the stage, as sent (still percent-encoded): `/notes/abc`. */
  path: string;
  /** The raw query string without `?` ('' when absent). */
  rawQuery: string;
  body: Buffer;
  sourceIp: string;
  /** The local port the request came in on (for `X-Forwarded-Port`). */
  localPort: number;
}

/** What the matched route contributes to the event. */
export interface RouteContext {
  apiId: string;
  stage: string;
  deploymentId: string;
  resourceId: string;
  resourcePath: string;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  accountId: string;
  requestId: string;
  /** ms since the epoch. */
  requestTimeEpoch: number;
  /** `requestContext.authorizer.claims`, all strings; absent for methods without a Cognito authorizer. */
  claims: Record<string, string> | undefined;
  binaryMediaTypes: string[];
}

/** AWS's REST (payload v1) Lambda proxy event. */
export interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string> | null;
  multiValueHeaders: Record<string, string[]> | null;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  requestContext: Record<string, unknown>;
  body: string | null;
  isBase64Encoded: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const pad = (n: number) => String(n).padStart(2, '0');

/** `requestContext.requestTime` as API Gateway writes it: `17/Jun/2024:15:00:26 +0000`. */
export function requestTimeString(epochMs: number): string {
  const d = new Date(epochMs);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${time} +0000`;
}

/** Whether a content type is one of the API's `BinaryMediaTypes` (`image/png`, `image/*`, `*\/*`). */
export function isBinaryMediaType(contentType: string | undefined, binaryMediaTypes: string[]): boolean {
  if (contentType === undefined || binaryMediaTypes.length === 0) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  const [major] = type.split('/');
  return binaryMediaTypes.some((t) => {
    const want = t.trim().toLowerCase();
    return want === '*/*' || want === type || (want.endsWith('/*') && want.slice(0, -2) === major);
  });
}

function nullIfEmpty<T extends object>(o: T): T | null {
  return Object.keys(o).length === 0 ? null : o;
}

function decodeQueryPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/**
 * Query string → single-value (last wins) and multi-value maps, as the v1 event carries them. Both are
 * null-prototype objects: a parameter may be called `toString` or `__proto__`.
 */
export function parseQuery(rawQuery: string): {
  single: Record<string, string>;
  multi: Record<string, string[]>;
} {
  const single = inputDictionary<string>();
  const multi = inputDictionary<string[]>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeQueryPart(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decodeQueryPart(pair.slice(eq + 1));
    single[key] = value;
    const list = multi[key];
    if (list) list.push(value);
    else multi[key] = [value];
  }
  return { single, multi };
}

/**
 * Builds the REST v1 proxy event for a request: headers in the client's casing (`headers` keeps the last
 * value of a repeated header, `multiValueHeaders` all of them), the `X-Forwarded-*` headers API Gateway adds,
 * query parameters single and multi, `null` for empty maps, a `requestContext` shaped like a captured AWS
 * event, and the body as text — base64 with `isBase64Encoded: true` only for the API's binary media types.
 *
 * `requestContext.domainName` is the `Host` the request used (the local address), so a Lambda that builds
 * links from it points back at the local gateway.
 */
export function buildProxyEvent(req: IncomingRequest, route: RouteContext): ProxyEvent {
  const headers = inputDictionary<string>();
  const multiValueHeaders = inputDictionary<string[]>();
  const canonical = new Map<string, string>();
  const add = (name: string, value: string) => {
    const lower = name.toLowerCase();
    const key = canonical.get(lower) ?? name;
    canonical.set(lower, key);
    headers[key] = value;
    const list = multiValueHeaders[key];
    if (list) list.push(value);
    else multiValueHeaders[key] = [value];
  };
  for (const [name, value] of req.rawHeaders) add(name, value);
  if (!canonical.has('x-forwarded-for')) add('X-Forwarded-For', req.sourceIp);
  if (!canonical.has('x-forwarded-port')) add('X-Forwarded-Port', String(req.localPort));
  if (!canonical.has('x-forwarded-proto')) add('X-Forwarded-Proto', 'http');

  const header = (lower: string) => {
    const key = canonical.get(lower);
    return key === undefined ? undefined : headers[key];
  };
  const query = parseQuery(req.rawQuery);
  const binary = isBinaryMediaType(header('content-type'), route.binaryMediaTypes);
  const body =
    req.body.length === 0 ? null : binary ? req.body.toString('base64') : req.body.toString('utf8');
  const host = header('host') ?? '127.0.0.1';
  const stagePath = `/${route.stage}${req.path}`;

  const requestContext: Record<string, unknown> = {
    resourceId: route.resourceId,
    resourcePath: route.resourcePath,
    httpMethod: req.httpMethod,
    // Derived from the request id: unique per request without another call into the random source.
    extendedRequestId: `${Buffer.from(route.requestId.replace(/-/g, '').slice(0, 16), 'hex').toString('base64').slice(0, 14)}=`,
    requestTime: requestTimeString(route.requestTimeEpoch),
    path: stagePath,
    accountId: route.accountId,
    protocol: 'HTTP/1.1',
    stage: route.stage,
    domainPrefix: host.split('.')[0]!.split(':')[0]!,
    requestTimeEpoch: route.requestTimeEpoch,
    requestId: route.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: req.sourceIp,
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: header('user-agent') ?? null,
      user: null,
    },
    domainName: host,
    deploymentId: route.deploymentId,
    apiId: route.apiId,
  };
  if (route.claims) requestContext.authorizer = { claims: route.claims };

  return {
    resource: route.resourcePath,
    path: req.path,
    httpMethod: req.httpMethod,
    headers: nullIfEmpty(headers),
    multiValueHeaders: nullIfEmpty(multiValueHeaders),
    queryStringParameters: nullIfEmpty(query.single),
    multiValueQueryStringParameters: nullIfEmpty(query.multi),
    pathParameters: nullIfEmpty(route.pathParameters),
    stageVariables: nullIfEmpty(route.stageVariables),
    requestContext,
    body,
    isBase64Encoded: binary && body !== null,
  };
}
