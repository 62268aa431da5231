import { invalidParameter } from '../cognito-error.js';
import type { TimeUnit, UserPoolClient } from '../cognito-types.js';

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

/** The settings members CreateUserPoolClient and UpdateUserPoolClient both take. */
export const clientSettings = {
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
  update: ['ClientName', ...Object.keys(clientSettings), ...CLIENT_PASSTHROUGH] as readonly string[],
  create: [
    'ClientName',
    ...Object.keys(clientSettings),
    ...CLIENT_PASSTHROUGH,
    'GenerateSecret',
  ] as readonly string[],
} as const;

const UNITS = ['seconds', 'minutes', 'hours', 'days'];
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Sets every setting of a client from its Create/Update input; what is not given returns to its default. */
export function applyClientSettings(client: UserPoolClient, input: Record<string, unknown>): void {
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
