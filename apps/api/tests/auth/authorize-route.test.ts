import { Access, ApiScopes, apiContract, COGNITO_USER_ADMIN_SCOPE, type RouteAccess } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { authorizeRoute } from '../../src/auth/authorize-route.js';
import { parsePrincipal } from '../../src/auth/principal.js';
import { ForbiddenError } from '../../src/errors/api-error.js';
import { accessClaims, serviceClaims } from '../support/proxy-event.js';

const user = (groups: string[] = [], scope = COGNITO_USER_ADMIN_SCOPE) =>
  parsePrincipal(accessClaims({ sub: 'user-1', groups }, { scope }));
const service = (scope: string = ApiScopes.statsRead) => parsePrincipal(serviceClaims(undefined, scope));

describe('authorizeRoute', () => {
  it.each([
    ['a signed-in route, no groups', Access.signedIn, []],
    ['an admin route, in admin', Access.groups('admin'), ['admin']],
    ['an admin route, in admin among others', Access.groups('admin'), ['readers', 'admin']],
    ['a route for two groups, in the second', Access.groups('admin', 'ops'), ['ops']],
  ])('allows %s', (_what, access, groups) => {
    expect(() => authorizeRoute(access, user(groups))).not.toThrow();
  });

  it.each([
    ['no groups', []],
    ['other groups', ['readers', 'ops']],
    ['a group whose name only contains admin', ['administrators']],
    ['a different case', ['Admin']],
  ])('refuses an admin route with 403 for %s', (_what, groups) => {
    expect(() => authorizeRoute(Access.groups('admin'), user(groups))).toThrow(ForbiddenError);
  });

  it('ignores a role claim that says admin: groups decide', () => {
    const principal = parsePrincipal(accessClaims({ sub: 'user-1' }, { role: 'admin' }));
    expect(() => authorizeRoute(Access.groups('admin'), principal)).toThrow(ForbiddenError);
  });

  const { me, notes, admin } = apiContract;
  const ADMIN = COGNITO_USER_ADMIN_SCOPE;
  // Every principal against the contract's own rules: what the gateway lets through is checked again here.
  it.each([
    ['a signed-in user reads /me', me.get.access, () => user(), true],
    ['a managed-login user with openid reads /me', me.get.access, () => user([], 'openid email'), true],
    ['a user with only notes.read reads /me', me.get.access, () => user([], ApiScopes.notesRead), false],
    ['a service reads /me', me.get.access, () => service(), false],
    ['a service with openid reads /me', me.get.access, () => service('openid'), false],
    ['a signed-in user lists notes', notes.list.access, () => user(), true],
    [
      'a user with notes.read lists notes',
      notes.list.access,
      () => user([], `openid ${ApiScopes.notesRead}`),
      true,
    ],
    ['a user with notes.write lists notes', notes.list.access, () => user([], ApiScopes.notesWrite), false],
    ['a service with notes.read lists notes', notes.list.access, () => service(ApiScopes.notesRead), false],
    [
      'a user with notes.write creates a note',
      notes.create.access,
      () => user([], ApiScopes.notesWrite),
      true,
    ],
    [
      'a user with notes.read creates a note',
      notes.create.access,
      () => user([], ApiScopes.notesRead),
      false,
    ],
    [
      'a user with notes.read deletes a note',
      notes.delete.access,
      () => user([], ApiScopes.notesRead),
      false,
    ],
    ['an admin-group user reads the stats', admin.stats.access, () => user(['admin']), true],
    ['a user outside admin reads the stats', admin.stats.access, () => user(['readers']), false],
    [
      'an admin-group user with only OAuth scopes reads the stats',
      admin.stats.access,
      () => user(['admin'], `openid ${ApiScopes.notesRead}`),
      false,
    ],
    ['a service with stats.read reads the stats', admin.stats.access, () => service(), true],
    [
      'a service without stats.read reads the stats',
      admin.stats.access,
      () => service(ApiScopes.notesRead),
      false,
    ],
    ['a service with the user scope reads the stats', admin.stats.access, () => service(ADMIN), false],
  ] as const)('%s: allowed %s', (_what, access: RouteAccess, principal, allowed) => {
    const check = () => authorizeRoute(access, principal());
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(ForbiddenError);
  });

  it.each([
    ['a service on a users-only route', Access.signedIn, () => service(), /serves users only/],
    [
      'a user on a services-only route',
      Access.protected({ services: { scopes: [ApiScopes.statsRead] } }),
      () => user(),
      /serves services only/,
    ],
    [
      'a token without the scope',
      Access.protected({ users: { scopes: [ApiScopes.notesWrite] } }),
      () => user(),
      /one of the scopes: gatehouse-api\/notes.write/,
    ],
    ['a user outside the group', Access.groups('admin'), () => user(), /members of: admin/],
  ] as const)('says why it refuses %s', (_what, access: RouteAccess, principal, message) => {
    expect(() => authorizeRoute(access, principal())).toThrow(message);
  });
});
