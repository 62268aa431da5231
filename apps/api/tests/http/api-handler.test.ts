import { Access, defineContract, defineRoute, ErrorResponses } from '@org/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ForbiddenError } from '../../src/errors/api-error.js';
import { INTERNAL_ERROR_MESSAGE } from '../../src/errors/error-response.js';
import { createApiHandler } from '../../src/http/api-handler.js';
import type { RouteHandlers } from '../../src/http/route-handlers.js';
import { capturedLogger } from '../support/log-capture.js';
import {
  accessClaims,
  type EventOptions,
  lambdaContext,
  proxyEvent,
  serviceClaims,
} from '../support/proxy-event.js';

const errors = ErrorResponses;
const ItemSchema = z.object({ itemId: z.string(), name: z.string(), by: z.string() });

const testContract = defineContract({
  system: {
    ping: defineRoute({
      name: 'system.ping',
      method: 'GET',
      path: '/ping',
      summary: 'public',
      access: Access.public,
      successStatus: 200,
      responses: { 200: z.object({ pong: z.literal(true) }), 500: errors[500] },
    }),
  },
  items: {
    put: defineRoute({
      name: 'items.put',
      method: 'PUT',
      path: '/items/{itemId}',
      summary: 'signed in, params and body',
      access: Access.signedIn,
      params: z.object({ itemId: z.string().regex(/^[a-z]+$/, 'must be lower-case letters') }),
      body: z.strictObject({ name: z.string().min(1, 'must not be empty') }),
      successStatus: 200,
      responses: {
        200: ItemSchema,
        400: errors[400],
        401: errors[401],
        413: errors[413],
        415: errors[415],
        500: errors[500],
      },
    }),
    offContract: defineRoute({
      name: 'items.offContract',
      method: 'GET',
      path: '/items/off-contract',
      summary: 'answers a body its route does not declare',
      access: Access.public,
      successStatus: 200,
      responses: { 200: ItemSchema, 500: errors[500] },
    }),
    crash: defineRoute({
      name: 'items.crash',
      method: 'GET',
      path: '/items/crash',
      summary: 'throws',
      access: Access.public,
      successStatus: 200,
      responses: { 200: ItemSchema, 500: errors[500] },
    }),
  },
  admin: {
    secret: defineRoute({
      name: 'admin.secret',
      method: 'GET',
      path: '/admin/secret',
      summary: 'admins only',
      access: Access.groups('admin'),
      successStatus: 200,
      responses: { 200: z.object({ ok: z.boolean() }), 401: errors[401], 403: errors[403], 500: errors[500] },
    }),
  },
});

const calls: string[] = [];
const handlers: RouteHandlers<typeof testContract> = {
  system: { ping: async () => ({ status: 200, body: { pong: true } }) },
  items: {
    put: async ({ params, body, principal }) => {
      calls.push('items.put');
      return { status: 200, body: { itemId: params.itemId, name: body.name, by: principal.sub } };
    },
    offContract: async () => ({ status: 200, body: JSON.parse('{"itemId":1}') }),
    crash: async () => {
      throw new Error('connection to db failed: password=hunter2');
    },
  },
  admin: { secret: async () => ({ status: 200, body: { ok: true } }) },
};

function setup(options: { devMode?: boolean; origins?: string[] } = {}) {
  const log = capturedLogger();
  const handler = createApiHandler({
    contract: testContract,
    handlers,
    corsAllowedOrigins: options.origins ?? ['https://app.example.com'],
    devMode: options.devMode ?? true,
    logger: log.logger,
  });
  const call = async (event: EventOptions) => {
    const result = await handler(proxyEvent(event), lambdaContext());
    return { ...result, json: result.body ? JSON.parse(result.body) : undefined };
  };
  return { call, ...log };
}

const alice = accessClaims({ sub: 'alice-sub', username: 'alice' });
const admin = accessClaims({ sub: 'root-sub', groups: ['ops', 'admin'] });
const put = (overrides: Partial<EventOptions> = {}): EventOptions => ({
  method: 'PUT',
  path: '/items/abc',
  resource: '/items/{itemId}',
  pathParameters: { itemId: 'abc' },
  headers: { 'Content-Type': 'application/json' },
  body: '{"name":"box"}',
  claims: alice,
  ...overrides,
});

afterEach(() => {
  vi.restoreAllMocks();
  calls.length = 0;
});

describe('createApiHandler', () => {
  it('serves a public route as JSON', async () => {
    const { call } = setup();
    const response = await call({ method: 'GET', path: '/ping' });
    expect(response).toMatchObject({ statusCode: 200, json: { pong: true } });
    expect(response.headers?.['Content-Type']).toBe('application/json; charset=utf-8');
  });

  it('gives a protected route the caller from the authorizer claims', async () => {
    const { call } = setup();
    expect(await call(put())).toMatchObject({
      statusCode: 200,
      json: { itemId: 'abc', name: 'box', by: 'alice-sub' },
    });
  });

  it('refuses a protected route invoked without claims with 401 and never runs it', async () => {
    const { call } = setup();
    const response = await call(put({ claims: undefined }));
    expect(response).toMatchObject({
      statusCode: 401,
      json: {
        error: 'Unauthorized',
        message: 'Unauthorized',
        requestId: 'e56434a3-4f5b-4c6d-8e7f-9a0b1c2d3e4f',
      },
    });
    expect(calls).toEqual([]);
  });

  it('refuses malformed claims with 401 before validating input', async () => {
    const { call } = setup();
    const response = await call(put({ claims: { ...alice, token_use: 'id' }, body: 'nonsense' }));
    expect(response.statusCode).toBe(401);
  });

  it.each([
    ['no groups', alice, 403],
    ['the admin group among others', admin, 200],
  ])('answers a group route for a caller with %s with %i', async (_what, claims, status) => {
    const { call } = setup();
    const response = await call({ method: 'GET', path: '/admin/secret', claims });
    expect(response.statusCode).toBe(status);
    if (status === 403)
      expect(response.json).toMatchObject({ error: 'Forbidden', message: expect.stringContaining('admin') });
  });

  it('refuses a service token on a route for users with a 403 envelope and never runs the route', async () => {
    const { call, lines } = setup();
    const response = await call(put({ claims: serviceClaims('svc1234567890abcdefghijkl') }));
    expect(response).toMatchObject({
      statusCode: 403,
      json: {
        error: 'Forbidden',
        message: expect.stringContaining('users only'),
        requestId: expect.any(String),
      },
    });
    expect(calls).toEqual([]);
    expect(lines().find((l) => l.message === 'request refused')).toMatchObject({
      serviceClientId: 'svc1234567890abcdefghijkl',
    });
  });

  it('refuses a user token without any of the route’s scopes with 403', async () => {
    const { call } = setup();
    const response = await call(put({ claims: { ...alice, scope: 'openid email' } }));
    expect(response).toMatchObject({ statusCode: 403, json: { error: 'Forbidden' } });
    expect(calls).toEqual([]);
  });

  it('lists every invalid field in a 400', async () => {
    const { call } = setup();
    const response = await call(
      put({ path: '/items/ABC', pathParameters: { itemId: 'ABC' }, body: '{"name":"","x":1}' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json.details).toEqual([
      { path: 'params.itemId', reason: 'must be lower-case letters' },
      { path: 'body.name', reason: 'must not be empty' },
      { path: 'body.x', reason: 'is not allowed' },
    ]);
  });

  it.each([
    ['a body that is not JSON', put({ body: '{"name":' }), 400, 'BadRequest'],
    [
      'a body over the size limit',
      put({ body: JSON.stringify({ name: 'x'.repeat(70_000) }) }),
      413,
      'PayloadTooLarge',
    ],
    [
      'a body that is not declared JSON',
      put({ headers: { 'Content-Type': 'text/plain' } }),
      415,
      'UnsupportedMediaType',
    ],
    ['an unknown path', { method: 'GET', path: '/nowhere' }, 404, 'NotFound'],
    ['a method the path lacks', { method: 'DELETE', path: '/ping' }, 404, 'NotFound'],
  ])('answers %s with %i', async (_what, event, status, type) => {
    const { call } = setup();
    const response = await call(event);
    expect(response.statusCode).toBe(status);
    expect(response.json).toMatchObject({ error: type, requestId: expect.any(String) });
  });

  it('answers an unexpected error with a generic 500 and logs it with the request id', async () => {
    const { call, lines } = setup();
    const response = await call({ method: 'GET', path: '/items/crash', requestId: 'req-crash' });
    expect(response).toMatchObject({
      statusCode: 500,
      json: { error: 'InternalServerError', message: INTERNAL_ERROR_MESSAGE, requestId: 'req-crash' },
    });
    expect(response.body).not.toContain('hunter2');
    const logged = lines().find((l) => l.level === 'ERROR');
    expect(logged).toMatchObject({ requestId: 'req-crash', route: 'items.crash' });
    expect(JSON.stringify(logged)).toContain('hunter2');
  });

  it('turns a body off the contract into a 500 in development mode', async () => {
    const { call, lines } = setup({ devMode: true });
    expect((await call({ method: 'GET', path: '/items/off-contract' })).statusCode).toBe(500);
    expect(JSON.stringify(lines())).toContain('off contract');
  });

  it('does not check responses outside development mode', async () => {
    const { call } = setup({ devMode: false });
    expect(await call({ method: 'GET', path: '/items/off-contract' })).toMatchObject({
      statusCode: 200,
      json: { itemId: 1 },
    });
  });

  it.each([
    ['a listed origin', ['https://app.example.com'], 'https://app.example.com', 'https://app.example.com'],
    ['an unlisted origin', ['https://app.example.com'], 'https://evil.example.com', undefined],
    ['any origin under *', ['*'], 'https://evil.example.com', '*'],
  ])('sets CORS headers for %s', async (_what, origins, origin, allowed) => {
    const { call } = setup({ origins });
    for (const event of [
      { method: 'GET', path: '/ping' },
      put({ claims: undefined }),
      { method: 'GET', path: '/x' },
    ]) {
      const response = await call({ ...event, headers: { ...event.headers, origin } });
      expect(response.headers?.['Access-Control-Allow-Origin']).toBe(allowed);
    }
  });

  it('answers a CORS preflight that reaches it', async () => {
    const { call } = setup();
    const response = await call({
      method: 'OPTIONS',
      path: '/items/abc',
      headers: { Origin: 'https://app.example.com' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': 'https://app.example.com',
      'Access-Control-Allow-Methods': 'PUT,OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization,Content-Type,Idempotency-Key',
    });
  });

  it('logs JSON lines with the request id and route, and never the token', async () => {
    const { call, lines, text } = setup();
    const token = 'eyJraWQiOiJabllaL0p2a1JPaGk3WEFPcUh6THRNIn0.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    await call(
      put({
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        requestId: 'req-7',
      }),
    );
    await call(put({ headers: { Authorization: `Bearer ${token}` }, requestId: 'req-8' }));
    expect(lines().length).toBeGreaterThanOrEqual(2);
    for (const line of lines())
      expect(line).toMatchObject({ requestId: expect.stringMatching(/^req-[78]$/), route: 'items.put' });
    expect(text()).not.toContain(token);
    expect(text()).not.toContain('eyJ');
  });

  it('uses the Lambda request id when the event has none', async () => {
    const { logger } = capturedLogger();
    const handler = createApiHandler({
      contract: testContract,
      handlers,
      corsAllowedOrigins: ['*'],
      devMode: true,
      logger,
    });
    const event = proxyEvent({ method: 'GET', path: '/nowhere' });
    const response = await handler(
      { ...event, requestContext: { ...event.requestContext, requestId: undefined as unknown as string } },
      lambdaContext(),
    );
    expect(JSON.parse(response.body).requestId).toBe('c6af9ac6-7b61-11e6-9a41-93e812345678');
  });

  it.each([
    ['an empty object', {}],
    ['null', null],
    ['a string', 'GET /ping'],
    ['fields of the wrong types', { httpMethod: 7, path: ['/ping'], headers: 'x', requestContext: 'y' }],
    [
      'a request id that is not a string',
      { httpMethod: 'GET', path: '/x', requestContext: { requestId: 42 } },
    ],
  ])('answers a malformed event (%s) with an error response instead of throwing', async (_what, event) => {
    const { logger } = capturedLogger();
    const handler = createApiHandler({
      contract: testContract,
      handlers,
      corsAllowedOrigins: ['*'],
      devMode: true,
      logger,
    });
    const response = await handler(event as never, lambdaContext());
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({
      error: 'NotFound',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    });
  });

  it('refuses to build without a handler for every route', () => {
    const { logger } = capturedLogger();
    const incomplete = { ...handlers, admin: {} } as unknown as typeof handlers;
    expect(() =>
      createApiHandler({
        contract: testContract,
        handlers: incomplete,
        corsAllowedOrigins: ['*'],
        devMode: false,
        logger,
      }),
    ).toThrow('No handler for route admin.secret');
  });

  it('maps errors thrown by handlers through the same envelope', async () => {
    const { logger } = capturedLogger();
    const handler = createApiHandler({
      contract: testContract,
      handlers: {
        ...handlers,
        admin: {
          secret: async () => {
            throw new ForbiddenError('Not today');
          },
        },
      },
      corsAllowedOrigins: ['*'],
      devMode: true,
      logger,
    });
    const response = await handler(proxyEvent({ method: 'GET', path: '/admin/secret', claims: admin }));
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'Forbidden', message: 'Not today' });
  });
});

describe('names that are Object.prototype properties', () => {
  // Built with JSON.parse, as the runtime hands the event over: `__proto__` is then an own key.
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'serves a request whose query, headers, path parameters and claims include %s',
    async (name) => {
      const { call } = setup();
      const field = (value: unknown) =>
        JSON.parse(`{${JSON.stringify(name)}:${JSON.stringify(value)}}`) as Record<string, string>;
      const response = await call(
        put({
          headers: { 'Content-Type': 'application/json', ...field('x') },
          pathParameters: { itemId: 'abc', ...field('x') },
          query: field('x'),
          claims: { ...alice, ...field('x') },
        }),
      );
      expect(response.statusCode).toBe(200);
      const ping = await call({ method: 'GET', path: '/ping', query: field(''), headers: field('') });
      expect(ping.statusCode).toBe(200);
    },
  );
});
