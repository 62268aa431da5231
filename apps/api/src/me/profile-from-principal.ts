import { ADMIN_GROUP, type Profile } from '@org/contracts';
import type { UserPrincipal } from '../auth/principal.js';

/**
 * The caller's profile as `GET /me` returns it. `role` is the trigger's claim; tokens issued before
 * the trigger existed (or by a pool without it) fall back to the same rule the trigger applies.
 */
export function profileFromPrincipal(principal: UserPrincipal): Profile {
  return {
    sub: principal.sub,
    username: principal.username,
    email: principal.email,
    groups: [...principal.groups],
    displayName: principal.displayName,
    role: principal.roleClaim ?? (principal.groups.includes(ADMIN_GROUP) ? 'admin' : 'member'),
  };
}
