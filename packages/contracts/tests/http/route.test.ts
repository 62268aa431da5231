import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Access,
  apiContract,
  defineContract,
  defineRoute,
  isProtected,
  listRoutes,
} from '../../src/index.js';

describe('apiContract', () => {
  const routes = listRoutes(apiContract);

  it('declares every route of the API once, by method and path', () => {
    expect(routes.map(({ route }) => `${route.method} ${route.path}`)).toEqual([
      'GET /health',
      'GET /me',
      'GET /notes',
      'POST /notes',
      'GET /notes/{noteId}',
      'PATCH /notes/{noteId}',
      'DELETE /notes/{noteId}',
      'GET /admin/stats',
    ]);
  });

  it('leaves only the health check public', () => {
    expect(routes.filter(({ route }) => !isProtected(route)).map(({ name }) => name)).toEqual([
      'system.health',
    ]);
  });

  it('restricts the admin statistics to the admin group, or to services', () => {
    expect(apiContract.admin.stats.access).toEqual({
      kind: 'protected',
      users: { scopes: ['aws.cognito.signin.user.admin'], groups: ['admin'] },
      services: { scopes: ['gatehouse-api/stats.read'] },
    });
  });

  it.each(routes.filter(({ route }) => isProtected(route)).map(({ name, route }) => [name, route] as const))(
    '%s documents the 401 of the authorizer and the 403 of the api',
    (_name, route) => {
      const unauthorized = route.responses[401];
      expect(unauthorized?.safeParse({ message: 'Unauthorized' }).success).toBe(true);
      const forbidden = route.responses[403];
      expect(forbidden?.safeParse({ error: 'Forbidden', message: 'x', requestId: 'r' }).success).toBe(true);
    },
  );

  it.each(routes.filter(({ route }) => route.body).map(({ name, route }) => [name, route] as const))(
    '%s documents 400, 413 and 415 for its body',
    (_name, route) => {
      expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
    },
  );

  it('answers a delete with an empty 204', () => {
    expect(apiContract.notes.delete.responses[204]).toBeNull();
  });
});

describe('defineRoute', () => {
  const base = {
    name: 'x.get',
    method: 'GET',
    summary: 's',
    access: Access.public,
    successStatus: 200,
    responses: { 200: z.object({}) },
  } as const;

  it('refuses a path placeholder without a params schema', () => {
    expect(() => defineRoute({ ...base, path: '/x/{id}' })).toThrow(/missing: id/);
  });

  it('refuses params that are not in the path', () => {
    expect(() => defineRoute({ ...base, path: '/x', params: z.object({ id: z.string() }) })).toThrow(
      /not in path: id/,
    );
  });

  it('refuses a success status without a response schema', () => {
    expect(() => defineRoute({ ...base, path: '/x', successStatus: 201 })).toThrow(/success status 201/);
  });
});

describe('defineContract', () => {
  const route = (name: string, path = '/x') =>
    defineRoute({
      name,
      method: 'GET',
      path,
      summary: 's',
      access: Access.signedIn,
      successStatus: 200,
      responses: { 200: z.object({}) },
    });

  it('refuses a route whose name is not its place in the contract', () => {
    expect(() => defineContract({ x: { get: route('x.list') } })).toThrow(/Route at x.get is named x.list/);
  });

  it('refuses two routes with the same method and path', () => {
    expect(() => defineContract({ x: { get: route('x.get'), list: route('x.list') } })).toThrow(
      /both declare GET \/x/,
    );
  });
});
