import { describe, expect, it } from 'vitest';
import { CognitoException } from '../../../src/cognito/cognito-error.js';
import type { UserPool } from '../../../src/cognito/cognito-types.js';
import { applyPoolSettings } from '../../../src/cognito/domain/pool-settings.js';
import { poolSettings, USER_POOL_MEMBERS } from '../../../src/cognito/domain/settings-specs.js';
import { validateInput } from '../../../src/cognito/input-validation.js';

function failure(input: unknown): string {
  try {
    validateInput(input, poolSettings);
  } catch (err) {
    if (err instanceof CognitoException) return `${err.name}: ${err.message}`;
    throw err;
  }
  return 'accepted';
}

function emptyPool(): UserPool {
  return { Passthrough: {}, UserPoolTags: {} } as unknown as UserPool;
}

describe('pool settings', () => {
  it.each([
    [
      { Policies: { PasswordPolicy: { MinimumLength: 5 } } },
      "InvalidParameterException: 1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    ],
    [
      { Policies: { PasswordPolicy: { TemporaryPasswordValidityDays: 400 } } },
      "InvalidParameterException: 1 validation error detected: Value '400' at 'policies.passwordPolicy.temporaryPasswordValidityDays' failed to satisfy constraint: Member must have value less than or equal to 365",
    ],
    [
      { Policies: { PasswordPolicy: { RequireSymbols: 'yes' } } },
      "SerializationException: Unexpected value type for 'policies.passwordPolicy.requireSymbols': expected a boolean",
    ],
    [
      { AdminCreateUserConfig: { UnusedAccountValidityDays: -1 } },
      "InvalidParameterException: 1 validation error detected: Value '-1' at 'adminCreateUserConfig.unusedAccountValidityDays' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ],
    [{ Policies: { PasswordPolicy: { MinimumLength: 8 } } }, 'accepted'],
  ])('checks nested members of %j by their lower-camel path', (input, expected) => {
    expect(failure(input)).toBe(expected);
  });

  it('keeps the given policy and defaults what it does not name', () => {
    const pool = emptyPool();
    applyPoolSettings(pool, { Policies: { PasswordPolicy: { MinimumLength: 12 } } });
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 12,
      RequireUppercase: false,
      RequireLowercase: false,
      RequireNumbers: false,
      RequireSymbols: false,
      TemporaryPasswordValidityDays: 7,
    });
  });

  it('keeps the members it only echoes, such as the account recovery order', () => {
    const pool = emptyPool();
    const recovery = { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }] };
    applyPoolSettings(pool, { AccountRecoverySetting: recovery, EmailVerificationSubject: 'Hi' });
    expect(pool.Passthrough).toEqual({ AccountRecoverySetting: recovery, EmailVerificationSubject: 'Hi' });
  });

  it('lists every member a provisioner may copy from a template', () => {
    expect(USER_POOL_MEMBERS.update).toContain('AccountRecoverySetting');
    expect(USER_POOL_MEMBERS.create).toContain('UsernameConfiguration');
    expect(USER_POOL_MEMBERS.update).not.toContain('UsernameConfiguration');
  });
});
