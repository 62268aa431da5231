import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Access,
  ApiScopes,
  accessRuleFor,
  accessScopes,
  apiContract,
  COGNITO_USER_ADMIN_SCOPE,
  defineRoute,
  principalKindsOf,
  type RouteAccess,
} from '../../src/index.js';

const ADMIN = COGNITO_USER_ADMIN_SCOPE;

describe('the access rules of the API contract', () => {
  it.each([
    ['me.get', apiContract.me.get.access, [ADMIN, 'openid'], ['user']],
    ['notes.list', apiContract.notes.list.access, [ADMIN, ApiScopes.notesRead], ['user']],
    ['notes.get', apiContract.notes.get.access, [ADMIN, ApiScopes.notesRead], ['user']],
    ['notes.create', apiContract.notes.create.access, [ADMIN, ApiScopes.notesWrite], ['user']],
    ['notes.update', apiContract.notes.update.access, [ADMIN, ApiScopes.notesWrite], ['user']],
    ['notes.delete', apiContract.notes.delete.access, [ADMIN, ApiScopes.notesWrite], ['user']],
    ['admin.stats', apiContract.admin.stats.access, [ADMIN, ApiScopes.statsRead], ['user', 'service']],
    ['system.health', apiContract.system.health.access, [], []],
  ] as const)('%s admits %j and serves %j', (_name, access: RouteAccess, scopes, kinds) => {
    expect(accessScopes(access)).toEqual(scopes);
    expect(principalKindsOf(access)).toEqual(kinds);
  });

  it('admits admin-group users with the Cognito scope, and services with stats.read only', () => {
    const access = apiContract.admin.stats.access;
    expect(accessRuleFor(access, 'user')).toEqual({ scopes: [ADMIN], groups: ['admin'] });
    expect(accessRuleFor(access, 'service')).toEqual({ scopes: [ApiScopes.statsRead] });
  });

  it('names the custom scopes after the resource server', () => {
    expect(ApiScopes).toEqual({
      notesRead: 'gatehouse-api/notes.read',
      notesWrite: 'gatehouse-api/notes.write',
      statsRead: 'gatehouse-api/stats.read',
    });
  });
});

describe('Access', () => {
  it('keeps the shorthand for signed-in users and groups', () => {
    expect(Access.signedIn).toEqual({ kind: 'protected', users: { scopes: [ADMIN] } });
    expect(Access.groups('ops')).toEqual({ kind: 'protected', users: { scopes: [ADMIN], groups: ['ops'] } });
  });

  it('gives a public route no scopes and no principal kinds', () => {
    expect(accessRuleFor(Access.public, 'user')).toBeUndefined();
    expect(accessScopes(Access.public)).toEqual([]);
  });

  it('lists a scope both kinds accept once', () => {
    const access = Access.protected({ users: { scopes: ['a', 'b'] }, services: { scopes: ['b', 'c'] } });
    expect(accessScopes(access)).toEqual(['a', 'b', 'c']);
  });
});

describe('defineRoute access checks', () => {
  const route = (access: unknown) => () =>
    defineRoute({
      name: 'x.get',
      method: 'GET',
      path: '/x',
      summary: 's',
      access: access as RouteAccess,
      successStatus: 200,
      responses: { 200: z.object({}) },
    });

  it.each([
    ['no principal kind', { kind: 'protected' }, /must serve users, services or both/],
    ['users without scopes', { kind: 'protected', users: { scopes: [] } }, /users need at least one scope/],
    ['a service scope with a space', { kind: 'protected', services: { scopes: ['a b'] } }, /services need/],
    ['an empty group list', { kind: 'protected', users: { scopes: ['a'], groups: [] } }, /empty group list/],
  ])('refuses %s', (_what, access, message) => {
    expect(route(access)).toThrow(message);
  });

  it('accepts a route for services only', () => {
    expect(route(Access.protected({ services: { scopes: ['r/s'] } }))).not.toThrow();
  });
});
