import { randomBytes, randomInt } from 'node:crypto';
import type { CognitoContext } from './cognito-context.js';
import { CognitoException, invalidParameter, resourceNotFound } from './cognito-error.js';
import { type CognitoOperation, epochSeconds, operation, paginate } from './cognito-operation.js';
import type { PasswordPolicy, TimeUnit, UserGroup, UserPool, UserPoolClient } from './cognito-types.js';
import { Fields } from './input-validation.js';
import { DEFAULT_PASSWORD_POLICY } from './password-policy.js';
import { buildCustomAttributes, buildSchema, describeSchema } from './pool-schema.js';
import { generateSigningKey } from './signing-keys.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

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

const AUTH_FLOWS = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
] as const;

const clientSettings = {
  RefreshTokenValidity: { type: 'integer', min: 0, max: 315360000 },
  AccessTokenValidity: { type: 'integer', min: 1, max: 86400 },
  IdTokenValidity: { type: 'integer', min: 1, max: 86400 },
  TokenValidityUnits: { type: 'object' },
  ReadAttributes: { type: 'stringList' },
  WriteAttributes: { type: 'stringList' },
  ExplicitAuthFlows: { type: 'stringList', enum: AUTH_FLOWS },
  PreventUserExistenceErrors: { type: 'string', enum: ['LEGACY', 'ENABLED'] },
  EnableTokenRevocation: { type: 'boolean' },
  AuthSessionValidity: { type: 'integer', min: 3, max: 15 },
  RefreshTokenRotation: { type: 'object' },
  // Kept as given and echoed by DescribeUserPoolClient (see CLIENT_PASSTHROUGH); listed so they are not dropped.
  SupportedIdentityProviders: { type: 'stringList' },
  CallbackURLs: { type: 'stringList' },
  LogoutURLs: { type: 'stringList' },
  DefaultRedirectURI: { type: 'string', min: 1, max: 1024 },
  AllowedOAuthFlows: { type: 'stringList', enum: ['code', 'implicit', 'client_credentials'] },
  AllowedOAuthScopes: { type: 'stringList' },
  AllowedOAuthFlowsUserPoolClient: { type: 'boolean' },
  AnalyticsConfiguration: { type: 'object' },
  EnablePropagateAdditionalUserContextData: { type: 'boolean' },
} as const;

const CLIENT_PASSTHROUGH = [
  'SupportedIdentityProviders',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'AllowedOAuthFlowsUserPoolClient',
  'AnalyticsConfiguration',
  'EnablePropagateAdditionalUserContextData',
] as const;

/**
 * The settings members of UpdateUserPoolClient (and CreateUserPoolClient, which also takes
 * `GenerateSecret`), besides the pool and client ids: what a provisioner copies from a template.
 */
export const USER_POOL_CLIENT_MEMBERS = {
  update: [
    ...new Set(['ClientName', ...Object.keys(clientSettings), ...CLIENT_PASSTHROUGH]),
  ] as readonly string[],
  create: [
    ...new Set(['ClientName', ...Object.keys(clientSettings), ...CLIENT_PASSTHROUGH, 'GenerateSecret']),
  ] as readonly string[],
} as const;

const UNITS = ['seconds', 'minutes', 'hours', 'days'];
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

function applyClientSettings(client: UserPoolClient, input: Record<string, unknown>): void {
  const units = (input.TokenValidityUnits ?? undefined) as Record<string, unknown> | undefined;
  for (const v of Object.values(units ?? {})) {
    if (typeof v !== 'string' || !UNITS.includes(v)) {
      throw invalidParameter(`Invalid token validity unit: ${String(v)}`);
    }
  }
  const seconds = (value: unknown, unit: unknown, fallbackUnit: string) =>
    typeof value === 'number' ? value * (UNIT_SECONDS[String(unit ?? fallbackUnit)] ?? 0) : undefined;
  const access = seconds(input.AccessTokenValidity, units?.AccessToken, 'hours');
  const id = seconds(input.IdTokenValidity, units?.IdToken, 'hours');
  const refreshValue =
    typeof input.RefreshTokenValidity === 'number' && input.RefreshTokenValidity > 0
      ? input.RefreshTokenValidity
      : 30;
  const refreshUnit =
    typeof input.RefreshTokenValidity === 'number' && input.RefreshTokenValidity > 0
      ? units?.RefreshToken
      : 'days';
  const refresh = seconds(refreshValue, refreshUnit, 'days') ?? 0;
  for (const [name, v] of [
    ['AccessTokenValidity', access],
    ['IdTokenValidity', id],
  ] as const) {
    if (v !== undefined && (v < 300 || v > 86400)) {
      throw invalidParameter(
        `Invalid range for token validity: ${name} must be between 5 minutes and 1 day.`,
      );
    }
    if (v !== undefined && v > refresh) {
      throw invalidParameter(
        `Invalid range for token validity: ${name} must not exceed RefreshTokenValidity.`,
      );
    }
  }
  if (refresh < 3600 || refresh > 315360000) {
    throw invalidParameter(
      'Invalid range for token validity: RefreshTokenValidity must be between 60 minutes and 10 years.',
    );
  }
  const rotation = input.RefreshTokenRotation as Record<string, unknown> | undefined;
  if (rotation !== undefined) {
    const grace = rotation.RetryGracePeriodSeconds;
    if (rotation.Feature !== 'ENABLED' && rotation.Feature !== 'DISABLED') {
      throw invalidParameter(
        "1 validation error detected: Value at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]",
      );
    }
    if (grace !== undefined && (typeof grace !== 'number' || grace < 0 || grace > 60)) {
      throw invalidParameter(
        "1 validation error detected: Value at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value between 0 and 60",
      );
    }
  }
  const flows = input.ExplicitAuthFlows as string[] | undefined;
  if (flows?.some((f) => f.startsWith('ALLOW_')) && flows.some((f) => !f.startsWith('ALLOW_'))) {
    throw invalidParameter('ExplicitAuthFlows cannot mix ALLOW_ and legacy values.');
  }
  const set = <K extends keyof UserPoolClient>(key: K, value: UserPoolClient[K] | undefined) => {
    if (value === undefined) delete client[key];
    else client[key] = value;
  };
  set('AccessTokenValidity', input.AccessTokenValidity as number | undefined);
  set('IdTokenValidity', input.IdTokenValidity as number | undefined);
  client.RefreshTokenValidity = refreshValue;
  set(
    'TokenValidityUnits',
    units === undefined
      ? undefined
      : (units as { AccessToken?: TimeUnit; IdToken?: TimeUnit; RefreshToken?: TimeUnit }),
  );
  set('ExplicitAuthFlows', flows);
  set('ReadAttributes', input.ReadAttributes as string[] | undefined);
  set('WriteAttributes', input.WriteAttributes as string[] | undefined);
  client.PreventUserExistenceErrors =
    (input.PreventUserExistenceErrors as 'ENABLED' | 'LEGACY' | undefined) ?? 'LEGACY';
  client.EnableTokenRevocation = input.EnableTokenRevocation !== false;
  client.AuthSessionValidity = (input.AuthSessionValidity as number | undefined) ?? 3;
  set(
    'RefreshTokenRotation',
    rotation === undefined
      ? undefined
      : {
          Feature: rotation.Feature as 'ENABLED' | 'DISABLED',
          ...(typeof rotation.RetryGracePeriodSeconds === 'number'
            ? { RetryGracePeriodSeconds: rotation.RetryGracePeriodSeconds }
            : {}),
        },
  );
  const passthrough: Record<string, unknown> = {};
  for (const k of CLIENT_PASSTHROUGH) if (input[k] !== undefined) passthrough[k] = input[k];
  client.Passthrough = passthrough;
}

function describeClient(client: UserPoolClient): Record<string, unknown> {
  const { Passthrough, CreationDate, LastModifiedDate, ...rest } = client;
  return {
    ...Passthrough,
    ...rest,
    CreationDate: epochSeconds(CreationDate),
    LastModifiedDate: epochSeconds(LastModifiedDate),
  };
}

const clientName = { type: 'string', required: true, min: 1, max: 128, pattern: /^[\w\s+=,.@-]+$/ } as const;

const createUserPoolClient = operation(
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    ClientName: clientName,
    GenerateSecret: { type: 'boolean' },
    ...clientSettings,
  },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    const now = ctx.now();
    const client: UserPoolClient = {
      UserPoolId: input.UserPoolId,
      ClientName: input.ClientName,
      ClientId: randomString(LOWER_ALNUM, 26),
      ...(input.GenerateSecret === true ? { ClientSecret: randomString(LOWER_ALNUM, 51) } : {}),
      RefreshTokenValidity: 30,
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
      CreationDate: now,
      LastModifiedDate: now,
      Passthrough: {},
    };
    applyClientSettings(client, input);
    ctx.store.insertClient(client);
    return { UserPoolClient: describeClient(client) };
  },
);

const describeUserPoolClient = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, ClientId: Fields.clientId },
  (ctx, input) => ({
    UserPoolClient: describeClient(ctx.requireClient(input.ClientId, input.UserPoolId).client),
  }),
);

const listUserPoolClients = operation(
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    MaxResults: { type: 'integer', min: 1, max: 60 },
    NextToken: Fields.nextToken,
  },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    const { page, next } = paginate(
      ctx.store.listClients(input.UserPoolId),
      input.MaxResults,
      input.NextToken,
    );
    return {
      UserPoolClients: page.map((c) => ({
        ClientId: c.ClientId,
        UserPoolId: c.UserPoolId,
        ClientName: c.ClientName,
      })),
      ...(next === undefined ? {} : { NextToken: next }),
    };
  },
);

/** UpdateUserPoolClient resets every setting it is not given to its default, as AWS's does; the secret stays. */
const updateUserPoolClient = operation(
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    ClientId: Fields.clientId,
    ClientName: { ...clientName, required: false },
    ...clientSettings,
  },
  (ctx, input) => {
    const { client } = ctx.requireClient(input.ClientId, input.UserPoolId);
    applyClientSettings(client, input);
    if (input.ClientName !== undefined) client.ClientName = input.ClientName;
    client.LastModifiedDate = ctx.now();
    ctx.store.updateClient(client);
    return { UserPoolClient: describeClient(client) };
  },
);

const deleteUserPoolClient = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, ClientId: Fields.clientId },
  (ctx, input) => {
    ctx.requireClient(input.ClientId, input.UserPoolId);
    ctx.store.deleteClient(input.ClientId);
    return {};
  },
);

function describeGroup(g: UserGroup): Record<string, unknown> {
  return {
    ...g,
    CreationDate: epochSeconds(g.CreationDate),
    LastModifiedDate: epochSeconds(g.LastModifiedDate),
  };
}

/** The group, or `ResourceNotFoundException: Group not found.` */
export function requireGroup(ctx: CognitoContext, poolId: string, name: string): UserGroup {
  const group = ctx.store.getGroup(poolId, name);
  if (group === undefined) throw resourceNotFound('Group not found.');
  return group;
}

const groupSettings = {
  Description: { type: 'string', max: 2048 },
  RoleArn: { type: 'string', min: 20, max: 2048 },
  Precedence: { type: 'integer', min: 0, max: 2147483647 },
} as const;

const createGroup = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, GroupName: Fields.groupName, ...groupSettings },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    const now = ctx.now();
    const group: UserGroup = {
      GroupName: input.GroupName,
      UserPoolId: input.UserPoolId,
      ...(input.Description === undefined ? {} : { Description: input.Description }),
      ...(input.RoleArn === undefined ? {} : { RoleArn: input.RoleArn }),
      ...(input.Precedence === undefined ? {} : { Precedence: input.Precedence }),
      CreationDate: now,
      LastModifiedDate: now,
    };
    if (!ctx.store.insertGroup(group)) {
      throw new CognitoException(
        'GroupExistsException',
        `A group with the name ${input.GroupName} already exists.`,
      );
    }
    return { Group: describeGroup(group) };
  },
);

const updateGroup = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, GroupName: Fields.groupName, ...groupSettings },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    const group = requireGroup(ctx, input.UserPoolId, input.GroupName);
    if (input.Description !== undefined) group.Description = input.Description;
    if (input.RoleArn !== undefined) group.RoleArn = input.RoleArn;
    if (input.Precedence !== undefined) group.Precedence = input.Precedence;
    group.LastModifiedDate = ctx.now();
    ctx.store.updateGroup(group);
    return { Group: describeGroup(group) };
  },
);

const getGroup = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, GroupName: Fields.groupName },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    return { Group: describeGroup(requireGroup(ctx, input.UserPoolId, input.GroupName)) };
  },
);

const listGroups = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, Limit: Fields.limit60, NextToken: Fields.nextToken },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    const { page, next } = paginate(ctx.store.listGroups(input.UserPoolId), input.Limit, input.NextToken);
    return { Groups: page.map(describeGroup), ...(next === undefined ? {} : { NextToken: next }) };
  },
);

const deleteGroup = operation(
  'sigv4',
  { UserPoolId: Fields.userPoolId, GroupName: Fields.groupName },
  (ctx, input) => {
    ctx.requirePool(input.UserPoolId);
    requireGroup(ctx, input.UserPoolId, input.GroupName);
    ctx.store.deleteGroup(input.UserPoolId, input.GroupName);
    return {};
  },
);

/** Pool, app-client and group management. */
export const poolOperations: Record<string, CognitoOperation> = {
  CreateUserPool: createUserPool,
  DescribeUserPool: describeUserPool,
  ListUserPools: listUserPools,
  UpdateUserPool: updateUserPool,
  DeleteUserPool: deleteUserPool,
  AddCustomAttributes: addCustomAttributes,
  CreateUserPoolClient: createUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  UpdateUserPoolClient: updateUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  CreateGroup: createGroup,
  GetGroup: getGroup,
  UpdateGroup: updateGroup,
  ListGroups: listGroups,
  DeleteGroup: deleteGroup,
};
