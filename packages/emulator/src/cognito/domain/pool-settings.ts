import type { PasswordPolicyType, UpdateUserPoolRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../cognito-error.js';
import type { PasswordPolicy, UserPool } from '../cognito-types.js';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy.js';
import { checkFirstAuthFactors } from './mfa-settings.js';
import { POOL_PASSTHROUGH } from './settings-specs.js';

/** The settings of CreateUserPool/UpdateUserPool, in the SDK's shape (checked against `poolSettings`). */
export type PoolSettingsInput = Omit<UpdateUserPoolRequest, 'UserPoolId' | 'PoolName'>;

/** The password policy a pool gets: what was given, AWS's defaults for the rest. */
function passwordPolicy(policies: PoolSettingsInput['Policies']): PasswordPolicy {
  const given: PasswordPolicyType = policies?.PasswordPolicy ?? {};
  // Without Policies a pool gets AWS's default policy; a given policy requires only what it names.
  const required = policies === undefined;
  return {
    MinimumLength: given.MinimumLength ?? DEFAULT_PASSWORD_POLICY.MinimumLength,
    RequireUppercase: given.RequireUppercase ?? required,
    RequireLowercase: given.RequireLowercase ?? required,
    RequireNumbers: given.RequireNumbers ?? required,
    RequireSymbols: given.RequireSymbols ?? required,
    TemporaryPasswordValidityDays: given.TemporaryPasswordValidityDays ?? 7,
  };
}

/** Trigger ARNs: every member but the three that are objects must be a Lambda ARN. */
function lambdaConfig(given: object | undefined): Record<string, unknown> {
  const config: Record<string, unknown> = { ...given };
  for (const [k, v] of Object.entries(config)) {
    if (k === 'PreTokenGenerationConfig' || k === 'CustomSMSSender' || k === 'CustomEmailSender') continue;
    if (typeof v !== 'string' || !v.startsWith('arn:')) {
      throw invalidParameter(
        `1 validation error detected: Value at 'lambdaConfig.${k.charAt(0).toLowerCase()}${k.slice(1)}' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[0-9]+)?`,
      );
    }
  }
  return config;
}

/** Sets every setting of a pool from CreateUserPool/UpdateUserPool input; what is not given returns to its default. */
export function applyPoolSettings(pool: UserPool, input: PoolSettingsInput): void {
  // AWS's default (also what UpdateUserPool without it resets to) is an empty list.
  const requireVerification =
    input.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
  pool.UserAttributeUpdateSettings = {
    AttributesRequireVerificationBeforeUpdate: [...new Set(requireVerification)],
  };
  const passthrough: Record<string, unknown> = {};
  for (const k of POOL_PASSTHROUGH) if (input[k] !== undefined) passthrough[k] = input[k];
  // Checked against the new settings (tier, email configuration), before anything is changed.
  const firstFactors = input.Policies?.SignInPolicy?.AllowedFirstAuthFactors;
  if (firstFactors !== undefined) checkFirstAuthFactors({ ...pool, Passthrough: passthrough }, firstFactors);
  pool.Policies = {
    PasswordPolicy: passwordPolicy(input.Policies),
    SignInPolicy: { AllowedFirstAuthFactors: [...new Set(firstFactors ?? ['PASSWORD'])] },
  };
  pool.LambdaConfig = lambdaConfig(input.LambdaConfig);
  if (input.AutoVerifiedAttributes !== undefined) pool.AutoVerifiedAttributes = input.AutoVerifiedAttributes;
  else delete pool.AutoVerifiedAttributes;
  pool.MfaConfiguration = input.MfaConfiguration ?? 'OFF';
  pool.DeletionProtection = input.DeletionProtection ?? 'INACTIVE';
  const { AllowAdminCreateUserOnly, UnusedAccountValidityDays, ...admin } = input.AdminCreateUserConfig ?? {};
  pool.AdminCreateUserConfig = {
    ...admin,
    AllowAdminCreateUserOnly: AllowAdminCreateUserOnly === true,
    ...(UnusedAccountValidityDays === undefined ? {} : { UnusedAccountValidityDays }),
  };
  if (input.UserPoolTags !== undefined) pool.UserPoolTags = input.UserPoolTags;
  pool.Passthrough = passthrough;
}
