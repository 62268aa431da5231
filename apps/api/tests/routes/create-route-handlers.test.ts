import { apiContract, listRoutes, type RouteDefinition } from '@org/contracts';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ApiHandler, createApiHandler } from '../../src/http/api-handler.js';
import { checkResponse } from '../../src/http/check-response.js';
import { NoteRepository } from '../../src/notes/note-repository.js';
import { createRouteHandlers } from '../../src/routes/create-route-handlers.js';
import { type LocalTable, startLocalTable } from '../support/local-table.js';
import { capturedLogger } from '../support/log-capture.js';
import {
  accessClaims,
  type EventOptions,
  lambdaContext,
  proxyEvent,
  serviceClaims,
} from '../support/proxy-event.js';

let table: LocalTable;
let api: ApiHandler;
let users = 0;

beforeAll(async () => {
  table = await startLocalTable();
});

afterAll(async () => {
  await table.close();
});

beforeEach(() => {
  api = handler();
});

afterEach(() => {
  vi.restoreAllMocks();
});

function handler(): ApiHandler {
  const { logger } = capturedLogger();
  return createApiHandler({
    contract: apiContract,
    handlers: createRouteHandlers({
      notes: new NoteRepository({ client: table.client, tableName: table.tableName }),
      version: '1.2.3',
    }),
    corsAllowedOrigins: ['http://localhost:5173'],
    devMode: true,
    logger,
  });
}

const routeOf = (method: string, resource: string): RouteDefinition => {
  const found = listRoutes(apiContract).find((r) => r.route.method === method && r.route.path === resource);
  if (!found) throw new Error(`no route ${method} ${resource}`);
  return found.route;
};

/** Calls the handler as API Gateway would and checks the answer against the route's contract. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies after checking them against the contract
async function call(event: EventOptions): Promise<APIGatewayProxyResult & { json: any }> {
  const result = await api(proxyEvent(event), lambdaContext());
  const json = result.body ? JSON.parse(result.body) : undefined;
  checkResponse(routeOf(event.method, event.resource ?? event.path), result.statusCode, json);
  return { ...result, json };
}

const user = (groups: string[] = []) => {
  const sub = `0000${++users}-aaaa-bbbb-cccc-${Date.now().toString(16)}`;
  return { sub, claims: accessClaims({ sub, username: `user${users}`, groups }) };
};
const json = { 'Content-Type': 'application/json' };
const create = (claims: Record<string, string>, body: unknown, headers: Record<string, string> = {}) =>
  call({
    method: 'POST',
    path: '/notes',
    claims,
    headers: { ...json, ...headers },
    body: JSON.stringify(body),
  });
const onNote = (method: string, noteId: string, claims: Record<string, string> | undefined, body?: unknown) =>
  call({
    method,
    path: `/notes/${noteId}`,
    resource: '/notes/{noteId}',
    pathParameters: { noteId },
    claims,
    headers: body === undefined ? {} : json,
    body: body === undefined ? null : JSON.stringify(body),
  });
const list = (claims: Record<string, string>, query?: Record<string, string>) =>
  call({ method: 'GET', path: '/notes', claims, query });

describe('the Gatehouse API on dynalite', () => {
  it('reports health without a token', async () => {
    expect(await call({ method: 'GET', path: '/health' })).toMatchObject({
      statusCode: 200,
      json: { status: 'ok', version: '1.2.3' },
    });
  });

  it('returns the profile from the access-token claims the trigger added', async () => {
    const { sub, claims } = user(['admin']);
    const response = await call({
      method: 'GET',
      path: '/me',
      claims: { ...claims, email: 'ada@example.com', display_name: 'Ada', role: 'admin' },
    });
    expect(response.json).toEqual({
      sub,
      username: claims.username,
      email: 'ada@example.com',
      groups: ['admin'],
      displayName: 'Ada',
      role: 'admin',
    });
  });

  it.each([
    [['admin'], 'admin'],
    [['readers'], 'member'],
    [[], 'member'],
  ])('derives the role from groups %j when the token has no role claim', async (groups, role) => {
    const { claims } = user(groups);
    expect((await call({ method: 'GET', path: '/me', claims })).json).toMatchObject({
      role,
      email: null,
      displayName: null,
    });
  });

  it.each([
    ['GET', '/me'],
    ['GET', '/notes'],
    ['POST', '/notes'],
    ['GET', '/admin/stats'],
  ])('refuses %s %s without authorizer claims with 401', async (method, path) => {
    const response = await call({ method, path, headers: json, body: '{"title":"x"}' });
    expect(response).toMatchObject({ statusCode: 401, json: { error: 'Unauthorized' } });
  });

  it('creates, reads, updates and deletes a note', async () => {
    const { claims } = user();
    const created = await create(claims, { title: ' Shopping ', body: 'milk', tags: ['home'] });
    expect(created).toMatchObject({ statusCode: 201, json: { title: 'Shopping', version: 1 } });
    const { noteId } = created.json;

    expect((await onNote('GET', noteId, claims)).json).toEqual(created.json);

    const updated = await onNote('PATCH', noteId, claims, { body: 'milk, eggs', expectedVersion: 1 });
    expect(updated).toMatchObject({
      statusCode: 200,
      json: { body: 'milk, eggs', title: 'Shopping', version: 2 },
    });

    const stale = await onNote('PATCH', noteId, claims, { body: 'bread', expectedVersion: 1 });
    expect(stale).toMatchObject({ statusCode: 409, json: { error: 'Conflict' } });

    const deleted = await onNote('DELETE', noteId, claims);
    expect(deleted).toMatchObject({ statusCode: 204, body: '' });
    expect((await onNote('GET', noteId, claims)).statusCode).toBe(404);
  });

  it('pages through the notes newest first', async () => {
    const { claims } = user();
    for (let i = 0; i < 5; i++) await create(claims, { title: `n${i}` });
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(claims, { limit: '2', ...(cursor ? { cursor } : {}) });
      expect(page.statusCode).toBe(200);
      titles.push(...page.json.items.map((n: { title: string }) => n.title));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(titles).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);
  });

  it('keeps each user to their own notes: another user’s note is a 404', async () => {
    const owner = user();
    const intruder = user();
    const { json: note } = await create(owner.claims, { title: 'secret' });
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { title: 'mine now', expectedVersion: 1 }],
      ['DELETE', undefined],
    ] as const) {
      expect((await onNote(method, note.noteId, intruder.claims, body)).statusCode).toBe(404);
    }
    expect((await list(intruder.claims)).json.items).toEqual([]);
    expect((await onNote('GET', note.noteId, owner.claims)).json).toEqual(note);
  });

  it('refuses another user’s cursor with 400 naming query.cursor', async () => {
    const owner = user();
    const intruder = user();
    for (let i = 0; i < 3; i++) await create(owner.claims, { title: `o${i}` });
    const { nextCursor } = (await list(owner.claims, { limit: '1' })).json;
    const response = await list(intruder.claims, { cursor: nextCursor });
    expect(response).toMatchObject({ statusCode: 400, json: { details: [{ path: 'query.cursor' }] } });
  });

  it('answers a repeated Idempotency-Key with the first note', async () => {
    const { claims } = user();
    const first = await create(claims, { title: 'pay rent' }, { 'Idempotency-Key': 'rent-2024-06' });
    const again = await create(claims, { title: 'pay rent' }, { 'Idempotency-Key': 'rent-2024-06' });
    expect(again).toMatchObject({ statusCode: 201, json: first.json });
    expect((await list(claims)).json.items).toHaveLength(1);
  });

  it('lists every invalid field of a create in one 400', async () => {
    const { claims } = user();
    const response = await create(claims, { title: '', tags: Array(11).fill('t'), extra: true });
    expect(response.statusCode).toBe(400);
    expect(response.json.details.map((d: { path: string }) => d.path)).toEqual([
      'body.title',
      'body.tags',
      'body.extra',
    ]);
  });

  it('refuses a note id that is not a ULID with 400', async () => {
    const { claims } = user();
    const response = await onNote('GET', '../../STATS', claims);
    expect(response).toMatchObject({ statusCode: 400, json: { details: [{ path: 'params.noteId' }] } });
  });

  it('answers /admin/stats for admins only, with running totals', async () => {
    const member = user(['readers']);
    const admin = user(['admin']);
    expect((await call({ method: 'GET', path: '/admin/stats', claims: member.claims })).statusCode).toBe(403);
    const before = (await call({ method: 'GET', path: '/admin/stats', claims: admin.claims })).json;
    await create(member.claims, { title: 'one' });
    await create(member.claims, { title: 'two' });
    const after = await call({ method: 'GET', path: '/admin/stats', claims: admin.claims });
    expect(after).toMatchObject({
      statusCode: 200,
      json: { users: before.users + 1, notes: before.notes + 2 },
    });
  });

  it('answers /admin/stats for a service with gatehouse-api/stats.read', async () => {
    const response = await call({ method: 'GET', path: '/admin/stats', claims: serviceClaims() });
    expect(response).toMatchObject({
      statusCode: 200,
      json: { users: expect.any(Number), notes: expect.any(Number) },
    });
  });

  it.each([
    ['GET', '/me'],
    ['GET', '/notes'],
    ['POST', '/notes'],
  ])('refuses a service token on %s %s with a 403 envelope', async (method, path) => {
    const claims = serviceClaims(undefined, 'gatehouse-api/stats.read gatehouse-api/notes.read openid');
    const response = await call({ method, path, claims, headers: json, body: '{"title":"x"}' });
    expect(response).toMatchObject({
      statusCode: 403,
      json: { error: 'Forbidden', message: expect.stringContaining('users only') },
    });
  });

  it('lets a managed-login user with notes.read list notes but not create one', async () => {
    const { claims } = user();
    const reader = { ...claims, scope: 'openid gatehouse-api/notes.read', version: '2' };
    expect((await list(reader)).statusCode).toBe(200);
    expect(await create(reader, { title: 'no' })).toMatchObject({
      statusCode: 403,
      json: { error: 'Forbidden', message: expect.stringContaining('gatehouse-api/notes.write') },
    });
    const writer = { ...claims, scope: 'openid gatehouse-api/notes.write', version: '2' };
    expect((await create(writer, { title: 'yes' })).statusCode).toBe(201);
  });

  it('serves /me to a managed-login user whose token carries openid', async () => {
    const { sub, claims } = user();
    const response = await call({ method: 'GET', path: '/me', claims: { ...claims, scope: 'openid' } });
    expect(response).toMatchObject({ statusCode: 200, json: { sub } });
  });

  it('sets CORS headers on success and error responses for a configured origin', async () => {
    const headers = { Origin: 'http://localhost:5173' };
    for (const event of [
      { method: 'GET', path: '/health', headers },
      { method: 'GET', path: '/me', headers },
    ]) {
      expect((await call(event)).headers).toMatchObject({
        'Access-Control-Allow-Origin': 'http://localhost:5173',
      });
    }
  });
});
