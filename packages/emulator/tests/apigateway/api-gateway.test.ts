import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../src/apigateway/api-gateway.js';
import type { ApiGateway, GatewayUserPool } from '../../src/apigateway/gateway-types.js';
import type { ProxyEvent } from '../../src/apigateway/proxy-event.js';
import type { ResolvedResource } from '../../src/assembly/resolved-resource.js';
import type { LambdaInvokeResult } from '../../src/lambda/lambda-function.js';
import { createMemoryLogger } from '../../src/logger.js';
import { rawRequest } from './support/raw-http.js';
import {
  ACCOUNT,
  ADMIN_SCOPE,
  API_ID,
  awsIssuer,
  CLIENT_ID,
  cognitoClaims,
  makeKey,
  OTHER_POOL_ID,
  POOL_ARN,
  POOL_ID,
  REGION,
  signJwt,
  type TestApiOptions,
  type TestKey,
  testApiResources,
  testPool,
} from './support/test-api.js';

/** The functions behind the test API. Lambda itself is another part's concern; here it is the edge. */
async function fakeLambda(arn: string, event: unknown): Promise<LambdaInvokeResult> {
  const name = arn.split(':').pop();
  const e = event as ProxyEvent;
  if (name === 'echo') {
    return {
      ok: true,
      payload: {
        statusCode: e.path.startsWith('/files/created') ? '201' : 200,
        headers: { 'X-Fn': 'echo', 'Set-Cookie': 'ignored=1' },
        multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
        body: JSON.stringify(event),
      },
    };
  }
  // Never answers: only the integration timeout ends the request, however fast or slow the machine is.
  if (name === 'slow') return new Promise<never>(() => {});
  const kind = e.pathParameters?.kind;
  switch (kind) {
    case 'error':
      return { ok: false, kind: 'error', errorType: 'TypeError', errorMessage: 'boom' };
    case 'timeout':
      return {
        ok: false,
        kind: 'timeout',
        errorType: 'Sandbox.Timedout',
        errorMessage: 'Task timed out after 3.00 seconds',
      };
    case 'crash':
      return { ok: false, kind: 'crash', errorType: 'Runtime.ExitError', errorMessage: 'exited with 3' };
    case 'malformed':
      return { ok: true, payload: { statusCode: 200, body: { not: 'a string' } } };
    case 'nostatus':
      return { ok: true, payload: { body: 'hello' } };
    case 'undefined':
      return { ok: true, payload: undefined };
    case 'big':
      return { ok: true, payload: { statusCode: 200, body: 'x'.repeat(7 * 1024 * 1024) } };
    case 'rejects':
      throw new Error('runtime unavailable');
    case 'binary':
      return {
        ok: true,
        payload: {
          statusCode: 200,
          headers: { 'Content-Type': 'image/png' },
          body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]).toString('base64'),
          isBase64Encoded: true,
        },
      };
    default:
      return { ok: true, payload: { statusCode: 204 } };
  }
}

interface Harness {
  gateway: ApiGateway;
  url: string;
  log: ReturnType<typeof createMemoryLogger>;
  clock: { now: number };
  pools: Map<string, GatewayUserPool>;
}

async function startGateway(key: TestKey, apiOptions: TestApiOptions = {}): Promise<Harness> {
  const log = createMemoryLogger();
  const clock = { now: Date.now() };
  const pools = new Map<string, GatewayUserPool>([[POOL_ARN, testPool(POOL_ID, [key])]]);
  const gateway = createApiGateway({
    resources: testApiResources(apiOptions),
    invokeLambda: fakeLambda,
    userPool: (arn) => pools.get(arn),
    region: REGION,
    accountId: ACCOUNT,
    log,
    now: () => clock.now,
  });
  const { url } = await gateway.listen(0);
  return { gateway, url, log, clock, pools };
}

const key = makeKey();
const otherPoolKey = makeKey();
const strangerKey = makeKey();
let h: Harness;

beforeAll(async () => {
  h = await startGateway(key);
});
afterAll(async () => {
  await h.gateway.close();
});

const idToken = (overrides: Record<string, unknown> = {}) => signJwt(key, cognitoClaims('id', overrides));
const accessToken = (overrides: Record<string, unknown> = {}) =>
  signJwt(key, cognitoClaims('access', overrides));

async function call(path: string, init: RequestInit = {}, base = h.url) {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}
const eventOf = async (path: string, init: RequestInit = {}) => {
  const res = await call(path, init);
  expect(res.status).toBe(200);
  return res.json() as unknown as ProxyEvent;
};

describe('routing', () => {
  it.each([
    ['GET', '/prod/health', 200, '/health'],
    ['GET', '/prod/health/', 200, '/health'],
    ['POST', '/prod/files/a/b/c.txt', 200, '/files/{proxy+}'],
    ['DELETE', '/prod/files/x', 200, '/files/{proxy+}'],
  ])('%s %s reaches the resource', async (method, path, status, resource) => {
    const res = await call(path, { method });
    expect(res.status).toBe(status);
    expect((res.json() as unknown as ProxyEvent).resource).toBe(resource);
  });

  it.each([
    ['GET', '/prod/nothing-here'],
    ['DELETE', '/prod/health'],
    ['GET', '/prod/files'],
    ['GET', '/prod/'],
    ['GET', '/prod/notes/a/b'],
    ['GET', '/prod/%E0%A4%A/x'],
  ])('%s %s is 403 Missing Authentication Token', async (method, path) => {
    const res = await call(path, { method });
    expect(res.status).toBe(403);
    expect(res.text).toBe('{"message":"Missing Authentication Token"}');
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it.each(['/staging/health', '/%E0%A4%A/health', '/'])(
    'answers 403 Forbidden for %s (no such stage)',
    async (path) => {
      const res = await call(path);
      expect(res.status).toBe(403);
      expect(res.text).toBe('{"message":"Forbidden"}');
    },
  );

  it('prefers a literal segment to {param} and decodes path parameters', async () => {
    const token = `Bearer ${accessToken({ scope: `${ADMIN_SCOPE} notes/read` })}`;
    const latest = await eventOf('/prod/notes/latest', { headers: { Authorization: token } });
    expect(latest.resource).toBe('/notes/latest');
    expect(latest.pathParameters).toBeNull();
    const one = await eventOf('/prod/notes/n%201', { headers: { Authorization: token } });
    expect(one.resource).toBe('/notes/{noteId}');
    expect(one.pathParameters).toEqual({ noteId: 'n 1' });
  });

  it('also serves the API under /restapis/<id>/<stage>/_user_request_/', async () => {
    const event = await eventOf(`/restapis/${API_ID}/prod/_user_request_/health`);
    expect(event.resource).toBe('/health');
  });

  it('names the local URL of a stage', () => {
    expect(h.gateway.localUrl(API_ID, 'prod')).toBe(`${h.url}/prod/`);
    expect(() => h.gateway.localUrl(API_ID, 'nope')).toThrow(/No stage nope/);
  });
});

describe('the Lambda proxy event', () => {
  it('carries the request as AWS REST v1 does', async () => {
    const event = await eventOf('/prod/files/docs/a.txt?q=1&tag=x&tag=y&empty=', {
      method: 'PUT',
      headers: { 'X-Custom-Header': 'one', 'Content-Type': 'text/plain', 'User-Agent': 'gw-test' },
      body: 'hello body',
    });
    expect(event).toMatchObject({
      resource: '/files/{proxy+}',
      path: '/files/docs/a.txt',
      httpMethod: 'PUT',
      queryStringParameters: { q: '1', tag: 'y', empty: '' },
      multiValueQueryStringParameters: { q: ['1'], tag: ['x', 'y'], empty: [''] },
      pathParameters: { proxy: 'docs/a.txt' },
      stageVariables: { tier: 'test' },
      body: 'hello body',
      isBase64Encoded: false,
    });
    expect(event.headers?.['X-Custom-Header']).toBe('one');
    expect(event.multiValueHeaders?.['X-Custom-Header']).toEqual(['one']);
    expect(event.headers?.['X-Forwarded-For']).toBe('127.0.0.1');
    expect(event.requestContext).toMatchObject({
      resourcePath: '/files/{proxy+}',
      httpMethod: 'PUT',
      path: '/prod/files/docs/a.txt',
      stage: 'prod',
      accountId: ACCOUNT,
      apiId: API_ID,
      deploymentId: 'dep001',
      protocol: 'HTTP/1.1',
      identity: { sourceIp: '127.0.0.1', userAgent: 'gw-test' },
    });
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.requestTime).toMatch(
      /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/,
    );
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('uses null for absent query, path parameters and body', async () => {
    const event = await eventOf('/prod/health');
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.pathParameters).toBeNull();
    expect(event.body).toBeNull();
  });

  it('base64-encodes bodies of the binary media types', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    const event = await eventOf('/prod/files/up.png', {
      method: 'POST',
      headers: { 'Content-Type': 'image/png' },
      body: bytes,
    });
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body!, 'base64')).toEqual(bytes);
  });

  it('passes the verified claims as strings, exp and iat as Java date strings', async () => {
    const token = idToken({ iat: 1718636404, auth_time: 1718636404, exp: 4102444800 });
    const event = await eventOf('/prod/me', { headers: { Authorization: token } });
    const claims = (event.requestContext.authorizer as { claims: Record<string, string> }).claims;
    expect(claims).toMatchObject({
      sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
      aud: expect.any(String),
      token_use: 'id',
      iss: awsIssuer(POOL_ID),
      'cognito:username': 'alice',
      'cognito:groups': 'admin,editors',
      email_verified: 'true',
      auth_time: '1718636404',
      iat: 'Mon Jun 17 15:00:04 UTC 2024',
      exp: 'Fri Jan 01 00:00:00 UTC 2100',
    });
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
    // The header reaches the function unchanged.
    expect(event.headers?.Authorization).toBe(token);
  });
});

describe('the Cognito authorizer', () => {
  const tampered = () => {
    const [header, , signature] = accessToken().split('.');
    const forged = Buffer.from(JSON.stringify(cognitoClaims('access', { sub: 'someone-else' }))).toString(
      'base64url',
    );
    return `${header}.${forged}.${signature}`;
  };
  const expired = () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    return accessToken({ iat: past, auth_time: past, exp: past + 3600 });
  };

  it.each([
    ['an access token', () => `Bearer ${accessToken()}`, '/prod/notes'],
    ['an access token without "Bearer "', () => accessToken(), '/prod/notes'],
    [
      'an access token with one of several scopes',
      () => accessToken({ scope: 'openid notes/read' }),
      '/prod/notes/latest',
    ],
    [
      'a client-credentials token (no username, sub the client id) with the method scope',
      () => accessToken({ scope: 'notes/read', username: undefined, sub: CLIENT_ID, version: 2 }),
      '/prod/notes/latest',
    ],
    ['an ID token on a method without scopes', () => `Bearer ${idToken()}`, '/prod/me'],
  ])('accepts %s', async (_name, header, path) => {
    const res = await call(path, { headers: { Authorization: header() } });
    expect(res.status).toBe(200);
  });

  it.each([
    ['no Authorization header', () => undefined, '/prod/notes'],
    ['an empty header', () => '', '/prod/notes'],
    ['a malformed token', () => 'Bearer not.a.jwt', '/prod/notes'],
    ['a tampered token', tampered, '/prod/notes'],
    ['a token signed by an unknown key', () => signJwt(strangerKey, cognitoClaims('access')), '/prod/notes'],
    [
      'a token from another pool',
      () => signJwt(otherPoolKey, cognitoClaims('access', {}, OTHER_POOL_ID)),
      '/prod/notes',
    ],
    ['an ID token on a method with scopes', () => idToken(), '/prod/notes'],
    ['an access token on a method without scopes', () => accessToken(), '/prod/me'],
    ['an access token without the method scope', () => accessToken(), '/prod/notes/latest'],
    [
      'an unsigned token (alg none)',
      () => `${accessToken().split('.').slice(0, 2).join('.')}.`,
      '/prod/notes',
    ],
    ['a token with an unverifiable claim type', () => accessToken({ token_use: 'refresh' }), '/prod/notes'],
  ])('refuses %s with 401 Unauthorized', async (_name, header, path) => {
    const value = header();
    const res = await call(path, value === undefined ? {} : { headers: { Authorization: value } });
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"message":"Unauthorized"}');
    expect(res.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
  });

  it('refuses an expired token with "The incoming token has expired"', async () => {
    const res = await call('/prod/notes', { headers: { Authorization: `Bearer ${expired()}` } });
    expect(res.status).toBe(401);
    expect(res.text).toBe('{"message":"The incoming token has expired"}');
  });

  it('logs why a token was refused, never the token', async () => {
    const token = signJwt(otherPoolKey, cognitoClaims('access', {}, OTHER_POOL_ID));
    const before = h.log.entries.length;
    await call('/prod/notes', { headers: { Authorization: token } });
    const lines = h.log.entries.slice(before).map((e) => e.msg);
    expect(lines.some((l) => /refused the request: token issuer/.test(l))).toBe(true);
    for (const line of lines) expect(line).not.toContain(token.split('.')[2]!);
  });
});

describe('the authorizer result cache', () => {
  it.each([
    [300, 200, 401],
    [0, 401, 401],
  ])(
    'with a TTL of %i s a cached token is answered %i after a key rotation, then %i once the TTL is over',
    async (ttl, inTtl, afterTtl) => {
      const poolKey = makeKey();
      const g = await startGateway(poolKey, { ttlSeconds: ttl });
      try {
        const token = signJwt(poolKey, cognitoClaims('access'));
        const get = () => call('/prod/notes', { headers: { Authorization: token } }, g.url);
        expect((await get()).status).toBe(200);
        // The pool's keys change: only a cached result can still let the token through.
        g.pools.set(POOL_ARN, testPool(POOL_ID, [makeKey()]));
        expect((await get()).status).toBe(inTtl);
        g.clock.now += (ttl + 1) * 1000;
        expect((await get()).status).toBe(afterTtl);
      } finally {
        await g.gateway.close();
      }
    },
  );
});

describe('Lambda results', () => {
  it('sends status, headers and multi-value headers (which win over single ones)', async () => {
    const res = await fetch(`${h.url}/prod/files/created`);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-fn')).toBe('echo');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('decodes a base64 body', async () => {
    const res = await fetch(`${h.url}/prod/fail/binary`);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]));
  });

  it.each(['error', 'timeout', 'crash', 'malformed', 'nostatus', 'undefined', 'big', 'rejects'])(
    'answers 502 Internal server error when the function result is "%s", and keeps serving',
    async (kind) => {
      const res = await call(`/prod/fail/${kind}`);
      expect(res.status).toBe(502);
      expect(res.text).toBe('{"message": "Internal server error"}');
      expect((await call('/prod/health')).status).toBe(200);
    },
  );

  it('answers 504 when the integration timeout passes', async () => {
    const res = await call('/prod/fail');
    expect(res.status).toBe(504);
    expect(res.text).toBe('{"message":"Endpoint request timed out"}');
    expect((await call('/prod/health')).status).toBe(200);
  });

  it('refuses a request body over 10 MB with 413', async () => {
    const res = await call('/prod/files/x', { method: 'POST', body: Buffer.alloc(10 * 1024 * 1024 + 1, 97) });
    expect(res.status).toBe(413);
    expect(res.text).toBe('{"message":"Request Too Long"}');
  });

  it('refuses an event over Lambda 6 MB limit with 413', async () => {
    const res = await call('/prod/files/x', { method: 'POST', body: Buffer.alloc(7 * 1024 * 1024, 97) });
    expect(res.status).toBe(413);
  });
});

describe('MOCK integrations (CORS preflight)', () => {
  it.each([
    ['https://second.example', 'https://second.example'],
    ['https://first.example', 'https://first.example'],
    ['https://evil.example', 'https://first.example'],
  ])('answers a preflight from %s with Access-Control-Allow-Origin %s', async (origin, allowed) => {
    const res = await call('/prod/notes', { method: 'OPTIONS', headers: { Origin: origin } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-allow-methods')).toBe('OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD');
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.text).toBe('');
  });
});

describe('gateway responses', () => {
  let g: Harness;
  beforeAll(async () => {
    g = await startGateway(key, { gatewayResponses: true });
  });
  afterAll(async () => {
    await g.gateway.close();
  });

  it.each([
    ['an unknown route (DEFAULT_4XX)', '/prod/nowhere', 403],
    ['a failing function (DEFAULT_5XX)', '/prod/fail/error', 502],
  ])('add their CORS headers to %s', async (_name, path, status) => {
    const res = await call(path, {}, g.url);
    expect(res.status).toBe(status);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toBe('*');
  });

  it('use the specific type over DEFAULT_4XX, with its template and headers', async () => {
    const res = await call('/prod/notes', {}, g.url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const body = res.json();
    expect(body.error).toBe('Unauthorized');
    expect(body.id).toBe(res.headers.get('x-amzn-requestid'));
  });
});

describe('stage throttling', () => {
  it('answers 429 Too Many Requests once the burst is spent, until the bucket refills', async () => {
    const g = await startGateway(key, { throttle: { rate: 1, burst: 2 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await call('/prod/health', {}, g.url)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await call('/prod/health', {}, g.url);
      expect(refused.text).toBe('{"message":"Too Many Requests"}');
      // Each method has its own bucket.
      expect((await call('/prod/files/a', {}, g.url)).status).toBe(200);
      g.clock.now += 1000;
      expect((await call('/prod/health', {}, g.url)).status).toBe(200);
      expect((await call('/prod/health', {}, g.url)).status).toBe(429);
    } finally {
      await g.gateway.close();
    }
  });
});

describe('update', () => {
  it('serves changed resources without a restart', async () => {
    const g = await startGateway(key);
    try {
      expect((await call('/prod/health', {}, g.url)).status).toBe(200);
      g.gateway.update(testApiResources().filter((r) => r.logicalId !== 'HealthGet'));
      expect((await call('/prod/health', {}, g.url)).status).toBe(403);
    } finally {
      await g.gateway.close();
    }
  });
});

describe('a pool with a local issuer', () => {
  it('verifies tokens whose iss is the local Cognito URL, and still checks token use', async () => {
    const localKey = makeKey();
    const g = await startGateway(localKey);
    const issuer = `http://127.0.0.1:9229/${POOL_ID}`;
    g.pools.set(POOL_ARN, { ...testPool(POOL_ID, [localKey]), issuer });
    try {
      const get = (token: string) =>
        call('/prod/notes', { headers: { Authorization: `Bearer ${token}` } }, g.url);
      expect((await get(signJwt(localKey, cognitoClaims('access', { iss: issuer })))).status).toBe(200);
      expect((await get(signJwt(localKey, cognitoClaims('id', { iss: issuer })))).status).toBe(401);
      expect((await get(signJwt(localKey, cognitoClaims('access')))).status).toBe(401);
    } finally {
      await g.gateway.close();
    }
  });
});

describe('IdentityValidationExpression', () => {
  it.each([
    ['an ID token whose aud matches', CLIENT_ID, () => signJwt(key, cognitoClaims('id')), 200],
    [
      'an ID token of another client',
      CLIENT_ID,
      () => signJwt(key, cognitoClaims('id', { aud: 'otherclient' })),
      401,
    ],
    [
      'any token when the expression is not a valid pattern',
      '(',
      () => signJwt(key, cognitoClaims('id')),
      500,
    ],
  ])('answers %s with %i', async (_name, expression, token, status) => {
    const resources = testApiResources().map((r) =>
      r.type === 'AWS::ApiGateway::Authorizer'
        ? { ...r, properties: { ...r.properties, IdentityValidationExpression: expression } }
        : r,
    );
    const g = createApiGateway({
      resources,
      invokeLambda: fakeLambda,
      userPool: () => testPool(POOL_ID, [key]),
      region: REGION,
      accountId: ACCOUNT,
      log: createMemoryLogger(),
    });
    const { url } = await g.listen(0);
    try {
      const res = await call('/prod/me', { headers: { Authorization: token() } }, url);
      expect(res.status).toBe(status);
    } finally {
      await g.close();
    }
  });
});

describe('names that are Object.prototype properties', () => {
  const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

  it.each(names)('passes a query parameter named %s to the function', async (name) => {
    const event = await eventOf(`/prod/health?${name}&${name}=2`);
    expect(Object.getOwnPropertyDescriptor(event.queryStringParameters, name)?.value).toBe('2');
    expect(Object.getOwnPropertyDescriptor(event.multiValueQueryStringParameters, name)?.value).toEqual([
      '',
      '2',
    ]);
  });

  it.each(names)('passes a header named %s to the function', async (name) => {
    // Raw bytes: fetch drops a header named __proto__.
    const res = await rawRequest(h.url, 'GET /prod/health HTTP/1.1', [[name, 'x']]);
    expect(res.status).toBe(200);
    const event = JSON.parse(res.body) as ProxyEvent;
    expect(Object.getOwnPropertyDescriptor(event.headers, name)?.value).toBe('x');
    expect(Object.getOwnPropertyDescriptor(event.multiValueHeaders, name)?.value).toEqual(['x']);
  });

  it.each(names)('passes a path parameter whose value is %s', async (name) => {
    const event = await eventOf(`/prod/files/${name}`);
    expect(event.pathParameters).toEqual({ proxy: name });
  });

  it.each([
    ['/prod/notes?hasOwnProperty', 401, '{"message":"Unauthorized"}'],
    ['/prod/nope?toString', 403, '{"message":"Missing Authentication Token"}'],
    ['/nope?constructor', 403, '{"message":"Forbidden"}'],
    ['/prod/notes?__proto__=1', 401, '{"message":"Unauthorized"}'],
  ])('answers %s with %i', async (path, status, body) => {
    const res = await call(path);
    expect(res.status).toBe(status);
    expect(res.text).toBe(body);
  });

  it('refuses a header named toString on a protected route with 401, not 500', async () => {
    const res = await call('/prod/notes', { headers: [['toString', 'x']] });
    expect(res.status).toBe(401);
  });
});

/** Runs `use` against a gateway serving `resources`, then closes it. */
async function withGateway(resources: ResolvedResource[], use: (url: string) => Promise<void>) {
  const options = { invokeLambda: fakeLambda, region: REGION, accountId: ACCOUNT, log: createMemoryLogger() };
  const g = createApiGateway({ ...options, resources, userPool: () => testPool(POOL_ID, [key]) });
  try {
    await use((await g.listen(0)).url);
  } finally {
    await g.close();
  }
}

describe('gateway responses that read request values by an Object.prototype name', () => {
  it.each(['toString', 'constructor', '__proto__'])(
    'leave out a header mapped from an absent %s',
    async (name) => {
      const resources = testApiResources().concat({
        logicalId: 'GrMissing',
        type: 'AWS::ApiGateway::GatewayResponse',
        physicalId: 'gr-missing',
        properties: {
          RestApiId: API_ID,
          ResponseType: 'MISSING_AUTHENTICATION_TOKEN',
          ResponseParameters: {
            'gatewayresponse.header.X-Q': `method.request.querystring.${name}`,
            'gatewayresponse.header.X-H': `method.request.header.${name}`,
            'gatewayresponse.header.X-P': `method.request.path.${name}`,
            'gatewayresponse.header.X-S': `stageVariables.${name}`,
          },
        },
        attributes: {},
      });
      await withGateway(resources, async (url) => {
        const res = await call('/prod/nowhere', {}, url);
        expect(res.status).toBe(403);
        for (const h of ['x-q', 'x-h', 'x-p', 'x-s']) expect(res.headers.get(h)).toBeNull();
      });
    },
  );
});

describe('the header size limit', () => {
  // rawRequest sends `Host: 127.0.0.1:<port>` and `Connection: close` before the given headers.
  const fill = (total: number) => {
    const requestLine = 'GET /prod/notes HTTP/1.1';
    const host = `Host: ${new URL(h.url).host}`;
    const fixed = requestLine.length + 2 + host.length + 2 + 'Connection: close'.length + 2;
    const name = 'X-Filler';
    const value = 'v'.repeat(total - fixed - name.length - 4);
    return { requestLine, headers: [[name, value]] as [string, string][] };
  };

  it('lets through a request line and headers of exactly 10,240 bytes', async () => {
    const { requestLine, headers } = fill(10_240);
    const res = await rawRequest(h.url, requestLine, headers);
    expect(res.status).toBe(401);
  });

  it.each([10_241, 16 * 1024, 40 * 1024])(
    'answers %i bytes of request line and headers as AWS does, before the authorizer',
    async (total) => {
      const { requestLine, headers } = fill(total);
      const before = h.log.entries.length;
      const res = await rawRequest(h.url, requestLine, headers);
      expect(res.status).toBe(400);
      expect(res.body).toBe('HTTP header is larger than 10240 bytes.');
      expect(h.log.entries.slice(before).some((e) => /authorizer/.test(e.msg))).toBe(false);
    },
  );
});
