/**
 * The field specs of pool and app-client settings, as the AWS model constrains them, and the member lists a
 * stack provisioner copies from a template. Plain data, free of SDK types, so the package's public types
 * (which export the member lists) do not depend on the AWS SDK.
 */

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

/**
 * Pool settings kept as given and echoed by DescribeUserPool: no behaviour of ours depends on them, except the
 * recovery order ForgotPassword follows.
 */
const poolPassthroughSettings = {
  SmsVerificationMessage: { type: 'string', min: 6, max: 140 },
  EmailVerificationMessage: { type: 'string', min: 6, max: 20000 },
  EmailVerificationSubject: { type: 'string', min: 1, max: 140 },
  VerificationMessageTemplate: { type: 'object' },
  SmsAuthenticationMessage: { type: 'string', min: 6, max: 140 },
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

/** The settings members CreateUserPool and UpdateUserPool both take. */
export const poolSettings = {
  Policies: {
    type: 'object',
    members: {
      PasswordPolicy: { type: 'object', members: passwordPolicySpec },
      // The first factors of choice-based sign-in (USER_AUTH). SOFTWARE_TOKEN is in the model but AWS refuses it.
      SignInPolicy: {
        type: 'object',
        members: {
          AllowedFirstAuthFactors: {
            type: 'stringList',
            enum: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'],
          },
        },
      },
    },
  },
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
  // Which of email and phone_number keep their old value until a new one is verified.
  UserAttributeUpdateSettings: {
    type: 'object',
    members: {
      AttributesRequireVerificationBeforeUpdate: { type: 'stringList', enum: ['phone_number', 'email'] },
    },
  },
  ...poolPassthroughSettings,
} as const;

/** Members of CreateUserPool that only creation takes (changing them means a new pool on AWS). */
export const creationOnlySettings = {
  AliasAttributes: { type: 'stringList', enum: ['phone_number', 'email', 'preferred_username'] },
  UsernameAttributes: { type: 'stringList', enum: ['phone_number', 'email'] },
  UsernameConfiguration: { type: 'object', members: { CaseSensitive: { type: 'boolean', required: true } } },
  Schema: { type: 'list', max: 50 },
} as const;

/** Pool members kept as given and echoed by DescribeUserPool. */
export const POOL_PASSTHROUGH = Object.keys(
  poolPassthroughSettings,
) as readonly (keyof typeof poolPassthroughSettings)[];

/**
 * The settings members each pool operation takes, besides the pool id and name: what a provisioner copies
 * from a template into CreateUserPool and UpdateUserPool.
 */
export const USER_POOL_MEMBERS = {
  update: Object.keys(poolSettings) as readonly string[],
  create: [...Object.keys(poolSettings), ...Object.keys(creationOnlySettings)] as readonly string[],
} as const;

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

const timeUnit = { type: 'string', enum: ['seconds', 'minutes', 'hours', 'days'] } as const;

/** AWS's `RedirectUrlType`, `ScopeType` and `ProviderNameType`. */
const redirectUrl = { min: 1, max: 1024, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u } as const;
const scope = { min: 1, max: 256, pattern: /^[\x21\x23-\x5B\x5D-\x7E]+$/ } as const;
const providerName = { min: 1, max: 32, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}\p{Z}]+$/u } as const;

/** The OAuth 2.0 settings of the pool's domain, checked further by `applyClientOAuth` (client-oauth.ts). */
const clientOAuthSettings = {
  SupportedIdentityProviders: { type: 'stringList', item: providerName },
  CallbackURLs: { type: 'stringList', max: 100, item: redirectUrl },
  LogoutURLs: { type: 'stringList', max: 100, item: redirectUrl },
  DefaultRedirectURI: { type: 'string', ...redirectUrl },
  AllowedOAuthFlows: { type: 'stringList', max: 3, enum: ['code', 'implicit', 'client_credentials'] },
  AllowedOAuthScopes: { type: 'stringList', max: 50, item: scope },
  AllowedOAuthFlowsUserPoolClient: { type: 'boolean' },
} as const;

/** Client settings kept as given and echoed back. */
const clientPassthroughSettings = {
  AnalyticsConfiguration: { type: 'object' },
  EnablePropagateAdditionalUserContextData: { type: 'boolean' },
} as const;

/** The settings members CreateUserPoolClient and UpdateUserPoolClient both take. */
export const clientSettings = {
  RefreshTokenValidity: { type: 'integer', min: 0, max: 315360000 },
  AccessTokenValidity: { type: 'integer', min: 1, max: 86400 },
  IdTokenValidity: { type: 'integer', min: 1, max: 86400 },
  TokenValidityUnits: {
    type: 'object',
    members: { AccessToken: timeUnit, IdToken: timeUnit, RefreshToken: timeUnit },
  },
  ReadAttributes: { type: 'stringList' },
  WriteAttributes: { type: 'stringList' },
  ExplicitAuthFlows: { type: 'stringList', enum: AUTH_FLOWS },
  PreventUserExistenceErrors: { type: 'string', enum: ['LEGACY', 'ENABLED'] },
  EnableTokenRevocation: { type: 'boolean' },
  AuthSessionValidity: { type: 'integer', min: 3, max: 15 },
  RefreshTokenRotation: {
    type: 'object',
    members: {
      Feature: { type: 'string', required: true, enum: ['ENABLED', 'DISABLED'] },
      RetryGracePeriodSeconds: { type: 'integer', min: 0, max: 60 },
    },
  },
  ...clientOAuthSettings,
  ...clientPassthroughSettings,
} as const;

/** Client members kept as given and echoed by DescribeUserPoolClient. */
export const CLIENT_PASSTHROUGH = Object.keys(
  clientPassthroughSettings,
) as readonly (keyof typeof clientPassthroughSettings)[];

/**
 * The settings members of UpdateUserPoolClient (and CreateUserPoolClient, which also takes
 * `GenerateSecret`), besides the pool and client ids: what a provisioner copies from a template.
 */
export const USER_POOL_CLIENT_MEMBERS = {
  update: ['ClientName', ...Object.keys(clientSettings)] as readonly string[],
  create: ['ClientName', ...Object.keys(clientSettings), 'GenerateSecret'] as readonly string[],
} as const;
