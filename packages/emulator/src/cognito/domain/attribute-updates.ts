import type { UserPool, UserRecord } from '../cognito-types.js';
import type { Services } from '../services.js';
import type { DeliveryDetails } from './code-delivery.js';

type Channel = 'email' | 'phone_number';

/**
 * The email / phone number changes a pool holds back until verified (`UserAttributeUpdateSettings.
 * AttributesRequireVerificationBeforeUpdate`): AWS "doesn't change the value of the attribute until your user
 * responds to the verification message", sending the code to the new address; the old value stays in
 * force (sign-in by it, tokens, GetUser). Not held: an administrator's change that sets the `*_verified` flag
 * true in the same request (AWS documents that as verifying it), and — our choice, AWS does not say — a change
 * of a value that was never verified, since nothing verified would be kept.
 */
function heldForVerification(
  pool: UserPool,
  user: UserRecord,
  updates: Record<string, string>,
): Map<Channel, string> {
  const held = new Map<Channel, string>();
  for (const attr of pool.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? []) {
    const value = updates[attr];
    if (value === undefined || value === '' || value === user.attributes[attr]) continue;
    if (updates[`${attr}_verified`] === 'true') continue;
    if (user.attributes[`${attr}_verified`] !== 'true') continue;
    held.set(attr, value);
  }
  return held;
}

/**
 * Applies attribute changes and saves the user: an empty value deletes (with the `*_verified` flag and any
 * code of a deleted email / phone number); a changed email or phone number becomes unverified and, when the
 * pool auto-verifies it, a code is sent — unless the pool holds the change until verified (see
 * {@link heldForVerification}). Email/phone usernames must stay unique. Returns the CodeDeliveryDetails of
 * the codes sent; `sendCodes: false` (deletes) sends none.
 */
export function applyAttributeUpdates(
  s: Pick<Services, 'users' | 'codes' | 'delivery'>,
  pool: UserPool,
  user: UserRecord,
  updates: Record<string, string>,
  sendCodes = true,
): DeliveryDetails[] {
  const changedChannels: Channel[] = [];
  const held = sendCodes ? heldForVerification(pool, user, updates) : new Map<Channel, string>();
  for (const [name, value] of Object.entries(updates)) {
    if (held.has(name as Channel)) continue;
    const before = user.attributes[name];
    if (value === '') delete user.attributes[name];
    else user.attributes[name] = value;
    if ((name === 'email' || name === 'phone_number') && before !== value) {
      // A code (or a held new value) for the old address means nothing any more.
      s.codes.clear(user, { verify: name });
      if (updates[`${name}_verified`] === undefined) {
        if (value === '') delete user.attributes[`${name}_verified`];
        else {
          user.attributes[`${name}_verified`] = 'false';
          changedChannels.push(name);
        }
      }
    }
  }
  s.users.assertUsernameAttributesFree(pool, user, updates);
  s.users.save(pool, user);
  const deliveries: DeliveryDetails[] = [];
  if (!sendCodes) return deliveries;
  for (const attr of changedChannels) {
    if (!(pool.AutoVerifiedAttributes ?? []).includes(attr)) continue;
    const code = s.codes.issue(pool, user, { verify: attr }, attr);
    deliveries.push(s.delivery.deliver(pool, user, 'VerifyUserAttribute', attr, { code: code.code }));
  }
  for (const [attr, value] of held) {
    const code = s.codes.issue(pool, user, { verify: attr }, attr, value);
    deliveries.push(s.delivery.deliver(pool, user, 'VerifyUserAttribute', attr, { code: code.code }, value));
  }
  return deliveries;
}
