import { randomUUID } from 'node:crypto';
import { invalidParameter } from '../cognito-error.js';
import type { UserPool, UserRecord } from '../cognito-types.js';
import { isEmailAddress, type WrittenAttribute } from '../user-attributes.js';

const PHONE = /^\+[0-9]{4,15}$/;

/**
 * Works out the immutable username of a new user. With `UsernameAttributes` the typed name is an email or
 * phone number that becomes that attribute, and the username is a UUID (equal to `sub`), as on AWS.
 */
export function resolveNewUsername(
  pool: UserPool,
  typed: string,
  attributes: Record<string, string>,
): { username: string; sub: string } {
  const sub = randomUUID();
  const ua = pool.UsernameAttributes ?? [];
  if (ua.length > 0) {
    if (ua.includes('email') && isEmailAddress(typed)) attributes.email = typed;
    else if (ua.includes('phone_number') && PHONE.test(typed)) attributes.phone_number = typed;
    else if (ua.length === 2) throw invalidParameter('Username should be either an email or a phone number.');
    else if (ua[0] === 'email') throw invalidParameter('Username should be an email.');
    else throw invalidParameter('Username should be a phone number.');
    return { username: sub, sub };
  }
  const aliases = pool.AliasAttributes ?? [];
  if (aliases.includes('email') && isEmailAddress(typed)) {
    throw invalidParameter(
      'Username cannot be of email format, since user pool is configured for email alias.',
    );
  }
  if (aliases.includes('phone_number') && PHONE.test(typed)) {
    throw invalidParameter(
      'Username cannot be of phone number format, since user pool is configured for phone number alias.',
    );
  }
  return { username: typed, sub };
}

/** A user record as created by SignUp or AdminCreateUser: no codes, no failed sign-ins, created `now`. */
export function newUserRecord(
  pool: UserPool,
  now: number,
  fields: Pick<UserRecord, 'username' | 'sub' | 'status' | 'attributes'> &
    Partial<Pick<UserRecord, 'credential' | 'temporaryPasswordExpiresAt'>>,
): UserRecord {
  return {
    poolId: pool.Id,
    enabled: true,
    ...fields,
    codes: {},
    failedSignIns: 0,
    lastFailedSignInAt: 0,
    lockedUntil: 0,
    createdAt: now,
    modifiedAt: now,
  };
}

/** A name → value map of `[{Name, Value}]` (ValidationData and similar lists). */
export function pairsToMap(pairs: readonly WrittenAttribute[] | undefined): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map((p) => [p.Name ?? '', p.Value ?? '']));
}
