import { randomBytes } from 'node:crypto';
import type { CognitoContext } from './cognito-context.js';
import { invalidParameter } from './cognito-error.js';
import {
  ALNUM,
  type CognitoOperation,
  epochSeconds,
  operation,
  paginate,
  randomString,
} from './cognito-operation.js';
import type { PasswordPolicy, UserPool } from './cognito-types.js';
import { Fields } from './input-validation.js';
import { DEFAULT_PASSWORD_POLICY } from './password-policy.js';
import { buildCustomAttributes, buildSchema, describeSchema } from './pool-schema.js';
import { generateSigningKey } from './signing-keys.js';

const poolSettings = {
  UserAttributeUpdateSettings: { type: 'object' },
  // Kept as given and echoed by DescribeUserPool (see POOL_PASSTHROUGH); listed so they are not dropped.
  SmsVerificationMessage: { type: 'string', min: 6, max: 140 },
  EmailVerificationMessage: { type: 'string', min: 6, max: 20000 },
  EmailVerificationSubject: { type: 'string', min: 1, max: 140 },
  SmsAuthenticationMessage: { type: 'string', min: 6, max: 140 },
  UserPoolTier: { type: 'string', enum: ['LITE', 'ESSENTIALS', 'PLUS'] },
  VerificationMessageTemplate: { type: 'object' },
  DeviceConfiguration: { type: 'object' },
  EmailConfiguration: { type: 'object' },
  SmsConfiguration: { type: 'object' },
  UserPoolAddOns: { type: 'object' },
  AccountRecoverySetting: { type: 'object' },
  Policies: { type: 'object' },
  LambdaConfig: { type: 'object' },
  AutoVerifiedAttributes: { type: 'stringList', enum: ['phone_number', 'email'] },
  MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
  DeletionProtection: { type: 'string', enum: ['ACTIVE', 'INACTIVE'] },
  AdminCreateUserConfig: { type: 'object' },
  UserPoolTags: { type: 'map' },
} as const;

/** Members of CreateUserPool that only creation takes (changing them means a new pool on AWS). */
const creationOnlySettings = {
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
  update: [...new Set([...Object.keys(poolSettings), ...POOL_PASSTHROUGH])] as readonly string[],
  create: [
    ...new Set([...Object.keys(poolSettings), ...POOL_PASSTHROUGH, ...Object.keys(creationOnlySettings)]),
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

/**
 * `UserAttributeUpdateSettings`: which of email and phone_number keep their old value until a new one is
 * verified. AWS's default (also what UpdateUserPool without it resets to) is an empty list.
 */
function attributeUpdateSettings(given: unknown): NonNullable<UserPool['UserAttributeUpdateSettings']> {
  const list = (given as { AttributesRequireVerificationBeforeUpdate?: unknown } | undefined)
    ?.AttributesRequireVerificationBeforeUpdate;
  if (list === undefined || list === null) return { AttributesRequireVerificationBeforeUpdate: [] };
  if (!Array.isArray(list) || list.some((v) => v !== 'email' && v !== 'phone_number')) {
    throw invalidParameter(
      "1 validation error detected: Value at 'userAttributeUpdateSettings.attributesRequireVerificationBeforeUpdate' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [phone_number, email]]",
    );
  }
  return { AttributesRequireVerificationBeforeUpdate: [...new Set(list as ('email' | 'phone_number')[])] };
}

function applySettings(pool: UserPool, input: Record<string, unknown>): void {
  pool.UserAttributeUpdateSettings = attributeUpdateSettings(input.UserAttributeUpdateSettings);
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

function describePool(ctx: CognitoContext, pool: UserPool): Record<string, unknown> {
  const { FakeSaltKey: _secret, Passthrough, CreationDate, LastModifiedDate, ...rest } = pool;
  return {
    ...Passthrough,
    ...rest,
    SchemaAttributes: describeSchema(pool.SchemaAttributes),
    UserAttributeUpdateSettings: pool.UserAttributeUpdateSettings ?? {
      AttributesRequireVerificationBeforeUpdate: [],
    },
    EstimatedNumberOfUsers: ctx.store.countUsers(pool.Id),
    CreationDate: epochSeconds(CreationDate),
    LastModifiedDate: epochSeconds(LastModifiedDate),
  };
}

const createUserPool = operation(
  'sigv4',
  {
    PoolName: { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ },
    ...poolSettings,
    ...creationOnlySettings,
  },
  async (ctx, input) => {
    if (input.AliasAttributes?.length && input.UsernameAttributes?.length) {
      throw invalidParameter(
        'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.',
      );
    }
    const now = ctx.now();
    const id = `${ctx.options.region}_${randomString(ALNUM, 9)}`;
    const caseSensitive = input.UsernameConfiguration?.CaseSensitive;
    const pool: UserPool = {
      Id: id,
      Name: input.PoolName,
      Arn: ctx.poolArn(id),
      Policies: { PasswordPolicy: DEFAULT_PASSWORD_POLICY },
      LambdaConfig: {},
      ...(input.UsernameAttributes?.length ? { UsernameAttributes: input.UsernameAttributes } : {}),
      ...(input.AliasAttributes?.length ? { AliasAttributes: input.AliasAttributes } : {}),
      ...(typeof caseSensitive === 'boolean'
        ? { UsernameConfiguration: { CaseSensitive: caseSensitive } }
        : {}),
      SchemaAttributes: buildSchema(input.Schema),
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
      MfaConfiguration: 'OFF',
      DeletionProtection: 'INACTIVE',
      UserPoolTags: {},
      CreationDate: now,
      LastModifiedDate: now,
      Passthrough: {},
      FakeSaltKey: randomBytes(32).toString('hex'),
    };
    applySettings(pool, input);
    // Keys are made per pool on creation and live only in this install's store.
    const keys = await Promise.all([generateSigningKey('id'), generateSigningKey('access')]);
    ctx.store.insertPool(pool, keys);
    return { UserPool: describePool(ctx, pool) };
  },
);

const describeUserPool = operation('sigv4', { UserPoolId: Fields.userPoolId }, (ctx, input) => ({
  UserPool: describePool(ctx, ctx.requirePool(input.UserPoolId)),
}));

const listUserPools = operation(
  'sigv4',
  { MaxResults: { type: 'integer', required: true, min: 1, max: 60 }, NextToken: Fields.nextToken },
  (ctx, input) => {
    const { page, next } = paginate(ctx.store.listPools(), input.MaxResults, input.NextToken);
    return {
      UserPools: page.map((p) => ({
        Id: p.Id,
        Name: p.Name,
        LambdaConfig: p.LambdaConfig,
        CreationDate: epochSeconds(p.CreationDate),
        LastModifiedDate: epochSeconds(p.LastModifiedDate),
      })),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  },
);

/** UpdateUserPool resets every setting it is not given to its default, as AWS's does. */
const updateUserPool = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, ...poolSettings },
  (ctx, input) => {
    const pool = ctx.requirePool(input.UserPoolId);
    applySettings(pool, input);
    pool.LastModifiedDate = ctx.now();
    ctx.store.updatePool(pool);
    return {};
  },
);

const deleteUserPool = operation('sigv4', { UserPoolId: Fields.userPoolId }, (ctx, input) => {
  const pool = ctx.requirePool(input.UserPoolId);
  if (pool.DeletionProtection === 'ACTIVE') {
    throw invalidParameter(
      'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.',
    );
  }
  ctx.store.deletePool(pool.Id);
  ctx.forgetPool(pool.Id);
  return {};
});

const addCustomAttributes = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, CustomAttributes: { type: 'list', required: true, max: 25 } },
  (ctx, input) => {
    const pool = ctx.requirePool(input.UserPoolId);
    if (input.CustomAttributes.length === 0) {
      throw invalidParameter(
        "1 validation error detected: Value '[]' at 'customAttributes' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    const added = buildCustomAttributes(input.CustomAttributes);
    for (const a of added) {
      if (pool.SchemaAttributes.some((existing) => existing.Name === a.Name)) {
        throw invalidParameter(`Existing attribute already has name ${a.Name}.`);
      }
    }
    pool.SchemaAttributes.push(...added);
    pool.LastModifiedDate = ctx.now();
    ctx.store.updatePool(pool);
    return {};
  },
);

// The stack's provisioner takes both member lists from here.
export { USER_POOL_CLIENT_MEMBERS } from './client-operations.js';

/** User pool management (app clients and groups have their own modules). */
export const poolOperations: Record<string, CognitoOperation> = {
  CreateUserPool: createUserPool,
  DescribeUserPool: describeUserPool,
  ListUserPools: listUserPools,
  UpdateUserPool: updateUserPool,
  DeleteUserPool: deleteUserPool,
  AddCustomAttributes: addCustomAttributes,
};
