import { accessRuleFor, type RouteAccess } from '@org/contracts';
import { ForbiddenError } from '../errors/api-error.js';
import type { Principal } from './principal.js';

/**
 * Checks a verified principal against a route's access rules, again after API Gateway (defence in
 * depth): the gateway admits a token carrying any one of the route's scopes, of any principal kind, so it
 * lets a service's token through wherever one of its scopes appears, and it knows nothing of groups.
 *
 * The caller is known, so every refusal is a 403 (RFC 6750 names a missing scope `insufficient_scope`,
 * answered with 403), in the API's error envelope.
 *
 * @throws ForbiddenError when the route does not serve the principal's kind, the token has none of that
 * kind's scopes, or a user is in none of the route's groups.
 */
export function authorizeRoute(access: RouteAccess, principal: Principal): void {
  if (access.kind === 'public') return;
  const rule = accessRuleFor(access, principal.kind);
  if (rule === undefined) {
    throw new ForbiddenError(
      principal.kind === 'service'
        ? 'This route serves users only; a service token cannot call it'
        : 'This route serves services only; a user token cannot call it',
    );
  }
  if (!rule.scopes.some((scope) => principal.scopes.includes(scope))) {
    throw new ForbiddenError(`This route needs a token with one of the scopes: ${rule.scopes.join(', ')}`);
  }
  if (principal.kind === 'user' && 'groups' in rule && rule.groups !== undefined) {
    const { groups } = rule;
    if (!principal.groups.some((g) => groups.includes(g))) {
      throw new ForbiddenError(`This route is for members of: ${groups.join(', ')}`);
    }
  }
}
