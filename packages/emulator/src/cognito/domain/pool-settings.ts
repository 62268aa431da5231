import { invalidParameter } from '../cognito-error.js';
import type { PasswordPolicy, UserPool } from '../cognito-types.js';
import type { ValidInput } from '../input-validation.js';
import { DEFAULT_PASSWORD_POLICY } from '../password-policy.js';

/** `PasswordPolicyType`, as the AWS model constrains it. */
const passwordPolicySpec = {
  MinimumLength: { type: 'integer', min: 6, max: 99 },
  RequireUppercase: { type: 'boolean' },
  RequireLowercase: { type: 'boolean' },
  RequireNumbers: { type: 'boolean' },
  RequireSymbols: { type: 'boolean' },
  PasswordHistorySize: { type: 'integer', min: 0, max: 24 },
  TemporaryPasswordValidityDays: { type: 'integer', min: 0, max: 365 },
} as const;

/** The settings members CreateUserPool and UpdateUserPool both take. */
export const poolSettings = {
  Policies: { type: 'object', members: { PasswordPolicy: { type: 'object', members: passwordPolicySpec } } },
  LambdaConfig: { type: 'object' },
  AutoVerifiedAttributes: { type: 'stringList', enum: ['phone_number', 'email'] },
  MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
  DeletionProtection: { type: 'string', enum: ['ACTIVE', 'INACTIVE'] },
  AdminCreateUserConfig: {
    type: 'object',
    members: {
      AllowAdminCreateUserOnly: { type: 'boolean' },
      UnusedAccountValidityDays: { type: 'integer', min: 0, max: 365 },
      InviteMessageTemplate: { type: 'object' },
    },
  },
  UserPoolTags: { type: 'map' },
  // Kept as given and echoed by DescribeUserPool (no behaviour of ours depends on them, except the
  // recovery order ForgotPassword follows).
  SmsVerificationMessage: { type: 'string', min: 6, max: 140 },
  EmailVerificationMessage: { type: 'string', min: 6, max: 20000 },
  EmailVerificationSubject: { type: 'string', min: 1, max: 140 },
  VerificationMessageTemplate: { type: 'object' },
  SmsAuthenticationMessage: { type: 'string', min: 6, max: 140 },
  UserAttributeUpdateSettings: { type: 'object' },
  DeviceConfiguration: { type: 'object' },
  EmailConfiguration: { type: 'object' },
  SmsConfiguration: { type: 'object' },
  UserPoolAddOns: { type: 'object' },
  AccountRecoverySetting: {
    type: 'object',
    members: { RecoveryMechanisms: { type: 'list', max: 2 } },
  },
  UserPoolTier: { type: 'string', enum: ['LITE', 'ESSENTIALS', 'PLUS'] },
} as const;

/** Members of CreateUserPool that only creation takes (changing them means a new pool on AWS). */
export const creationOnlySettings = {
  AliasAttributes: { type: 'stringList', enum: ['phone_number', 'email', 'preferred_username'] },
  UsernameAttributes: { type: 'stringList', enum: ['phone_number', 'email'] },
  UsernameConfiguration: { type: 'object', members: { CaseSensitive: { type: 'boolean', required: true } } },
  Schema: { type: 'list', max: 50 },
} as const;

/** Members kept as given and echoed by DescribeUserPool. */
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
] as const satisfies readonly (keyof typeof poolSettings)[];

/**
 * The settings members each pool operation takes, besides the pool id and name: what a provisioner copies
 * from a template into CreateUserPool and UpdateUserPool.
 */
export const USER_POOL_MEMBERS = {
  update: Object.keys(poolSettings) as readonly string[],
  create: [...Object.keys(poolSettings), ...Object.keys(creationOnlySettings)] as readonly string[],
} as const;

/** The checked settings of CreateUserPool/UpdateUserPool. */
export type PoolSettingsInput = ValidInput<typeof poolSettings>;

/** The password policy a pool gets: what was given, AWS's defaults for the rest. */
function passwordPolicy(policies: PoolSettingsInput['Policies']): PasswordPolicy {
  const given = policies?.PasswordPolicy ?? {};
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
function lambdaConfig(given: Record<string, unknown> | undefined): Record<string, unknown> {
  const config = { ...(given ?? {}) };
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
  pool.Policies = { PasswordPolicy: passwordPolicy(input.Policies) };
  pool.LambdaConfig = lambdaConfig(input.LambdaConfig);
  if (input.AutoVerifiedAttributes !== undefined) pool.AutoVerifiedAttributes = input.AutoVerifiedAttributes;
  else delete pool.AutoVerifiedAttributes;
  pool.MfaConfiguration = input.MfaConfiguration ?? 'OFF';
  pool.DeletionProtection = input.DeletionProtection ?? 'INACTIVE';
  const admin = input.AdminCreateUserConfig ?? {};
  pool.AdminCreateUserConfig = {
    ...admin,
    AllowAdminCreateUserOnly: admin.AllowAdminCreateUserOnly === true,
    ...(admin.UnusedAccountValidityDays === undefined
      ? {}
      : { UnusedAccountValidityDays: admin.UnusedAccountValidityDays }),
  };
  if (input.UserPoolTags !== undefined) pool.UserPoolTags = input.UserPoolTags;
  const passthrough: Record<string, unknown> = {};
  for (const k of POOL_PASSTHROUGH) if (input[k] !== undefined) passthrough[k] = input[k];
  pool.Passthrough = passthrough;
}
