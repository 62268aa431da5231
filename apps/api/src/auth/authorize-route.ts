import type { RouteAccess } from '@org/contracts';
import { ForbiddenError } from '../errors/api-error.js';
import type { Principal } from './principal.js';

/**
 * Checks a signed-in principal against a route's access rule.
 * @throws ForbiddenError when the route is restricted to groups the caller is not in.
 */
export function authorizeRoute(access: RouteAccess, principal: Principal): void {
  if (access.kind !== 'groups') return;
  if (principal.groups.some((g) => access.groups.includes(g))) return;
  throw new ForbiddenError(`This route is for members of: ${access.groups.join(', ')}`);
}
