import type { UserPool, UserRecord } from '../cognito-types.js';
import type { Services } from '../services.js';
import type { DeliveryDetails } from './code-delivery.js';

/**
 * Applies attribute changes and saves the user: an empty value deletes; a changed email or phone number
 * becomes unverified and, when the pool auto-verifies it, a code is sent. Email/phone usernames must stay
 * unique.
 */
export function applyAttributeUpdates(
  s: Pick<Services, 'users' | 'codes' | 'delivery'>,
  pool: UserPool,
  user: UserRecord,
  updates: Record<string, string>,
): DeliveryDetails[] {
  const changedChannels: ('email' | 'phone_number')[] = [];
  for (const [name, value] of Object.entries(updates)) {
    const before = user.attributes[name];
    if (value === '') delete user.attributes[name];
    else user.attributes[name] = value;
    if (
      (name === 'email' || name === 'phone_number') &&
      before !== value &&
      updates[`${name}_verified`] === undefined
    ) {
      if (value === '') delete user.attributes[`${name}_verified`];
      else {
        user.attributes[`${name}_verified`] = 'false';
        changedChannels.push(name);
      }
    }
  }
  s.users.assertUsernameAttributesFree(pool, user, updates);
  s.users.save(pool, user);
  const deliveries: DeliveryDetails[] = [];
  for (const attr of changedChannels) {
    if (!(pool.AutoVerifiedAttributes ?? []).includes(attr)) continue;
    const code = s.codes.issue(pool, user, { verify: attr }, attr);
    deliveries.push(s.delivery.deliver(pool, user, 'VerifyUserAttribute', attr, { code: code.code }));
  }
  return deliveries;
}
