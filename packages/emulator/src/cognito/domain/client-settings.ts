import type { UpdateUserPoolClientRequest } from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from '../cognito-error.js';
import type { UserPoolClient } from '../cognito-types.js';
import { CLIENT_PASSTHROUGH } from './settings-specs.js';

/** The settings of CreateUserPoolClient/UpdateUserPoolClient, in the SDK's shape (checked against `clientSettings`). */
export type ClientSettingsInput = Omit<UpdateUserPoolClientRequest, 'UserPoolId' | 'ClientId' | 'ClientName'>;

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
          // The spec requires Feature; the SDK types it as optional.
          Feature: rotation.Feature === 'ENABLED' ? 'ENABLED' : 'DISABLED',
          ...(rotation.RetryGracePeriodSeconds === undefined
            ? {}
            : { RetryGracePeriodSeconds: rotation.RetryGracePeriodSeconds }),
        },
  );
  const passthrough: Record<string, unknown> = {};
  for (const k of CLIENT_PASSTHROUGH) if (input[k] !== undefined) passthrough[k] = input[k];
  client.Passthrough = passthrough;
}
