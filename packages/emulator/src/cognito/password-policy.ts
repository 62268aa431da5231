import { CognitoException } from './cognito-error.js';
import type { PasswordPolicy } from './cognito-types.js';

/** The policy of a pool created without one (AWS's defaults). */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** The characters Cognito counts as symbols (its documented list, space included). */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');

/**
 * Throws `InvalidPasswordException` with AWS's message for the first rule `password` breaks, checked in
 * AWS's order: length, then lower case, upper case, digits, symbols.
 */
export function checkPasswordPolicy(policy: PasswordPolicy, password: string): void {
  const fail = (why: string) =>
    new CognitoException('InvalidPasswordException', `Password did not conform with policy: ${why}`);
  if ([...password].length < policy.MinimumLength) throw fail('Password not long enough');
  if (policy.RequireLowercase && !/[a-z]/.test(password))
    throw fail('Password must have lowercase characters');
  if (policy.RequireUppercase && !/[A-Z]/.test(password))
    throw fail('Password must have uppercase characters');
  if (policy.RequireNumbers && !/[0-9]/.test(password)) throw fail('Password must have numeric characters');
  if (policy.RequireSymbols && ![...password].some((c) => SYMBOLS.has(c))) {
    throw fail('Password must have symbol characters');
  }
}
