import type { ServiceConfig } from './service-config.js';
import type { UnknownUserLedger } from './unknown-user-ledger.js';
import type { UserDirectory } from './user-directory.js';

/**
 * What the rules that count a user's attempts (codes, sign-ins) need: saving the user, the clock, and the
 * ledger that counts the same attempts for names that match no user.
 */
export interface UserRulesDeps {
  users: Pick<UserDirectory, 'save' | 'unknownUserKey'>;
  config: Pick<ServiceConfig, 'now'>;
  unknown: UnknownUserLedger;
}
