import { invalidParameter } from '../cognito-error.js';
import type { PasswordPolicy, UserPool } from '../cognito-types.js';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy.js';

/** The settings members CreateUserPool and UpdateUserPool both take. */
export const poolSettings = {
  Policies: { type: 'object' },
  LambdaConfig: { type: 'object' },
  AutoVerifiedAttributes: { type: 'stringList', enum: ['phone_number', 'email'] },
  MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
  DeletionProtection: { type: 'string', enum: ['ACTIVE', 'INACTIVE'] },
  AdminCreateUserConfig: { type: 'object' },
  UserPoolTags: { type: 'map' },
} as const;

/** Members of CreateUserPool that only creation takes (changing them means a new pool on AWS). */
export const creationOnlySettings = {
  AliasAttributes: { type: 'stringList', enum: ['phone_number', 'email', 'preferred_username'] },
  UsernameAttributes: { type: 'stringList', enum: ['phone_number', 'email'] },
  UsernameConfiguration: { type: 'object' },
  Schema: { type: 'list', max: 50 },
} as const;

/** Members kept as given and echoed by DescribeUserPool (no behaviour of ours depends on them). */
const POOL_PASSTHROUGH = [
  'SmsVerificationMessage',
  'EmailVerificationMessage',
  'EmailVerificationSubject',
  'VerificationMessageTemplate',
  'SmsAuthenticationMessage',
  'UserAttributeUpdateSettings',
  'DeviceConfiguration',
  'EmailConfiguration',
  'SmsConfiguration',
  'UserPoolAddOns',
  'AccountRecoverySetting',
  'UserPoolTier',
] as const;

/**
 * The settings members each pool operation takes, besides the pool id and name: what a provisioner copies
 * from a template into CreateUserPool and UpdateUserPool.
 */
export const USER_POOL_MEMBERS = {
  update: [...Object.keys(poolSettings), ...POOL_PASSTHROUGH] as readonly string[],
  create: [
    ...Object.keys(poolSettings),
    ...POOL_PASSTHROUGH,
    ...Object.keys(creationOnlySettings),
  ] as readonly string[],
} as const;

function passwordPolicy(policies: Record<string, unknown> | undefined): PasswordPolicy {
  const given = (policies?.PasswordPolicy ?? {}) as Partial<Record<keyof PasswordPolicy, unknown>>;
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const policy: PasswordPolicy = {
    MinimumLength:
      typeof given.MinimumLength === 'number' ? given.MinimumLength : DEFAULT_PASSWORD_POLICY.MinimumLength,
    RequireUppercase: bool(given.RequireUppercase, policies === undefined),
    RequireLowercase: bool(given.RequireLowercase, policies === undefined),
    RequireNumbers: bool(given.RequireNumbers, policies === undefined),
    RequireSymbols: bool(given.RequireSymbols, policies === undefined),
    TemporaryPasswordValidityDays:
      typeof given.TemporaryPasswordValidityDays === 'number' ? given.TemporaryPasswordValidityDays : 7,
  };
  if (!Number.isInteger(policy.MinimumLength) || policy.MinimumLength < 6 || policy.MinimumLength > 99) {
    throw invalidParameter(
      `1 validation error detected: Value '${policy.MinimumLength}' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value between 6 and 99`,
    );
  }
  if (
    !Number.isInteger(policy.TemporaryPasswordValidityDays) ||
    policy.TemporaryPasswordValidityDays < 0 ||
    policy.TemporaryPasswordValidityDays > 365
  ) {
    throw invalidParameter(
      `1 validation error detected: Value '${policy.TemporaryPasswordValidityDays}' at 'policies.passwordPolicy.temporaryPasswordValidityDays' failed to satisfy constraint: Member must have value between 0 and 365`,
    );
  }
  return policy;
}

function lambdaConfig(given: Record<string, unknown> | undefined): Record<string, unknown> {
  const config = { ...(given ?? {}) };
  for (const [k, v] of Object.entries(config)) {
    if (k === 'PreTokenGenerationConfig' || k === 'CustomSMSSender' || k === 'CustomEmailSender') continue;
    if (typeof v !== 'string' || !v.startsWith('arn:')) {
      throw invalidParameter(
        `1 validation error detected: Value at 'lambdaConfig.${k}' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[0-9]+)?`,
      );
    }
  }
  return config;
}

/** Sets every setting of a pool from CreateUserPool/UpdateUserPool input; what is not given returns to its default. */
export function applyPoolSettings(pool: UserPool, input: Record<string, unknown>): void {
  pool.Policies = { PasswordPolicy: passwordPolicy(input.Policies as Record<string, unknown> | undefined) };
  pool.LambdaConfig = lambdaConfig(input.LambdaConfig as Record<string, unknown> | undefined);
  if (input.AutoVerifiedAttributes !== undefined)
    pool.AutoVerifiedAttributes = input.AutoVerifiedAttributes as string[];
  else delete pool.AutoVerifiedAttributes;
  pool.MfaConfiguration = (input.MfaConfiguration as string | undefined) ?? 'OFF';
  pool.DeletionProtection = (input.DeletionProtection as 'ACTIVE' | 'INACTIVE' | undefined) ?? 'INACTIVE';
  const admin = (input.AdminCreateUserConfig ?? {}) as Record<string, unknown>;
  pool.AdminCreateUserConfig = {
    ...admin,
    AllowAdminCreateUserOnly: admin.AllowAdminCreateUserOnly === true,
    ...(typeof admin.UnusedAccountValidityDays === 'number'
      ? { UnusedAccountValidityDays: admin.UnusedAccountValidityDays }
      : {}),
  };
  if (input.UserPoolTags !== undefined) pool.UserPoolTags = input.UserPoolTags as Record<string, string>;
  const passthrough: Record<string, unknown> = {};
  for (const k of POOL_PASSTHROUGH) if (input[k] !== undefined) passthrough[k] = input[k];
  pool.Passthrough = passthrough;
}
