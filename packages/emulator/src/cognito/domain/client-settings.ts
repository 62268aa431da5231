import { invalidParameter } from '../cognito-error.js';
import type { UserPoolClient } from '../cognito-types.js';
import type { ValidInput } from '../input-validation.js';

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
  // Kept as given and echoed back (the OAuth settings, for the managed login pages).
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
] as const satisfies readonly (keyof typeof clientSettings)[];

/**
 * The settings members of UpdateUserPoolClient (and CreateUserPoolClient, which also takes
 * `GenerateSecret`), besides the pool and client ids: what a provisioner copies from a template.
 */
export const USER_POOL_CLIENT_MEMBERS = {
  update: ['ClientName', ...Object.keys(clientSettings)] as readonly string[],
  create: ['ClientName', ...Object.keys(clientSettings), 'GenerateSecret'] as readonly string[],
} as const;

/** The checked settings of CreateUserPoolClient/UpdateUserPoolClient. */
export type ClientSettingsInput = ValidInput<typeof clientSettings>;

const UNIT_SECONDS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;

/** Token lifetimes in seconds, checked against each other as AWS checks them. */
function checkLifetimes(input: ClientSettingsInput, refreshValue: number): void {
  const units = input.TokenValidityUnits;
  const seconds = (value: number | undefined, unit: keyof typeof UNIT_SECONDS) =>
    value === undefined ? undefined : value * UNIT_SECONDS[unit];
  const access = seconds(input.AccessTokenValidity, units?.AccessToken ?? 'hours');
  const id = seconds(input.IdTokenValidity, units?.IdToken ?? 'hours');
  // A refresh validity of 0 (or none) means AWS's default, 30 days, whatever unit is named.
  const refreshGiven = input.RefreshTokenValidity !== undefined && input.RefreshTokenValidity > 0;
  const refresh = refreshValue * UNIT_SECONDS[refreshGiven ? (units?.RefreshToken ?? 'days') : 'days'];
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
}

/** Sets every setting of a client from its Create/Update input; what is not given returns to its default. */
export function applyClientSettings(client: UserPoolClient, input: ClientSettingsInput): void {
  const refreshValue =
    input.RefreshTokenValidity !== undefined && input.RefreshTokenValidity > 0
      ? input.RefreshTokenValidity
      : 30;
  checkLifetimes(input, refreshValue);
  const flows = input.ExplicitAuthFlows;
  if (flows?.some((f) => f.startsWith('ALLOW_')) && flows.some((f) => !f.startsWith('ALLOW_'))) {
    throw invalidParameter('ExplicitAuthFlows cannot mix ALLOW_ and legacy values.');
  }
  const set = <K extends keyof UserPoolClient>(key: K, value: UserPoolClient[K] | undefined) => {
    if (value === undefined) delete client[key];
    else client[key] = value;
  };
  set('AccessTokenValidity', input.AccessTokenValidity);
  set('IdTokenValidity', input.IdTokenValidity);
  client.RefreshTokenValidity = refreshValue;
  set('TokenValidityUnits', input.TokenValidityUnits);
  set('ExplicitAuthFlows', flows);
  set('ReadAttributes', input.ReadAttributes);
  set('WriteAttributes', input.WriteAttributes);
  client.PreventUserExistenceErrors = input.PreventUserExistenceErrors ?? 'LEGACY';
  client.EnableTokenRevocation = input.EnableTokenRevocation !== false;
  client.AuthSessionValidity = input.AuthSessionValidity ?? 3;
  const rotation = input.RefreshTokenRotation;
  set(
    'RefreshTokenRotation',
    rotation === undefined
      ? undefined
      : {
          Feature: rotation.Feature,
          ...(rotation.RetryGracePeriodSeconds === undefined
            ? {}
            : { RetryGracePeriodSeconds: rotation.RetryGracePeriodSeconds }),
        },
  );
  const passthrough: Record<string, unknown> = {};
  for (const k of CLIENT_PASSTHROUGH) if (input[k] !== undefined) passthrough[k] = input[k];
  client.Passthrough = passthrough;
}
