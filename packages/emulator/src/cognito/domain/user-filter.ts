import { invalidParameter } from '../cognito-error.js';
import type { UserRecord } from '../cognito-types.js';

/** Attributes ListUsers can filter on, as AWS documents them. */
const FILTERABLE = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

/** Parses `name = "value"` / `name ^= "prefix"` into a predicate. */
export function parseUserFilter(filter: string): (user: UserRecord) => boolean {
  const m = /^\s*"?([\w:]+)"?\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
  if (m === null) throw invalidParameter('Error while parsing filter.');
  const [, name = '', op, raw = ''] = m;
  if (!FILTERABLE.has(name)) throw invalidParameter(`Invalid search attribute: ${name}`);
  const value = raw.replace(/\\(.)/g, '$1');
  const read = (u: UserRecord): string | undefined => {
    if (name === 'username') return u.username;
    if (name === 'sub') return u.sub;
    if (name === 'cognito:user_status') return u.status;
    if (name === 'status') return u.enabled ? 'Enabled' : 'Disabled';
    return u.attributes[name];
  };
  return (u) => {
    const v = read(u);
    if (v === undefined) return false;
    return op === '=' ? v === value : v.startsWith(value);
  };
}
