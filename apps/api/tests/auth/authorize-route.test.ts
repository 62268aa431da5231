import { Access } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { authorizeRoute } from '../../src/auth/authorize-route.js';
import { parsePrincipal } from '../../src/auth/principal.js';
import { ForbiddenError } from '../../src/errors/api-error.js';
import { accessClaims } from '../support/proxy-event.js';

const principal = (groups: string[], extra: Record<string, string> = {}) =>
  parsePrincipal(accessClaims({ sub: 'user-1', groups }, extra));

describe('authorizeRoute', () => {
  it.each([
    ['a signed-in route, no groups', Access.signedIn, []],
    ['an admin route, in admin', Access.groups('admin'), ['admin']],
    ['an admin route, in admin among others', Access.groups('admin'), ['readers', 'admin']],
    ['a route for two groups, in the second', Access.groups('admin', 'ops'), ['ops']],
  ])('allows %s', (_what, access, groups) => {
    expect(() => authorizeRoute(access, principal(groups))).not.toThrow();
  });

  it.each([
    ['no groups', []],
    ['other groups', ['readers', 'ops']],
    ['a group whose name only contains admin', ['administrators']],
    ['a different case', ['Admin']],
  ])('refuses an admin route with 403 for %s', (_what, groups) => {
    expect(() => authorizeRoute(Access.groups('admin'), principal(groups))).toThrow(ForbiddenError);
  });

  it('ignores a role claim that says admin: groups decide', () => {
    expect(() => authorizeRoute(Access.groups('admin'), principal([], { role: 'admin' }))).toThrow(
      ForbiddenError,
    );
  });
});
