import { describe, expect, it } from 'vitest';
import { CognitoException } from '../../../src/cognito/cognito-error.js';
import type { UserPoolClient } from '../../../src/cognito/cognito-types.js';
import {
  applyClientSettings,
  type ClientSettingsInput,
} from '../../../src/cognito/domain/client-settings.js';
import { clientSettings } from '../../../src/cognito/domain/settings-specs.js';
import { validateInput } from '../../../src/cognito/input-validation.js';

function apply(input: unknown): UserPoolClient | string {
  const client = { Passthrough: {} } as unknown as UserPoolClient;
  try {
    applyClientSettings(client, validateInput(input, clientSettings) as ClientSettingsInput);
  } catch (err) {
    if (err instanceof CognitoException) return `${err.name}: ${err.message}`;
    throw err;
  }
  return client;
}

describe('client settings', () => {
  it.each([
    [
      { TokenValidityUnits: { AccessToken: 'weeks' } },
      "InvalidParameterException: 1 validation error detected: Value 'weeks' at 'tokenValidityUnits.accessToken' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]",
    ],
    [
      { RefreshTokenRotation: {} },
      "InvalidParameterException: 1 validation error detected: Value null at 'refreshTokenRotation.feature' failed to satisfy constraint: Member must not be null",
    ],
    [
      { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 61 } },
      "InvalidParameterException: 1 validation error detected: Value '61' at 'refreshTokenRotation.retryGracePeriodSeconds' failed to satisfy constraint: Member must have value less than or equal to 60",
    ],
    [
      { AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } },
      'InvalidParameterException: Invalid range for token validity: AccessTokenValidity must be between 5 minutes and 1 day.',
    ],
  ])('refuses %j', (input, expected) => {
    expect(apply(input)).toBe(expected);
  });

  it('sets AWS defaults for what is not given', () => {
    expect(apply({})).toMatchObject({
      RefreshTokenValidity: 30,
      PreventUserExistenceErrors: 'LEGACY',
      EnableTokenRevocation: true,
      AuthSessionValidity: 3,
    });
  });

  it('keeps rotation and the settings it only echoes, but not the OAuth settings', () => {
    const client = apply({
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      AnalyticsConfiguration: { ApplicationId: 'app' },
      CallbackURLs: ['https://app.example/cb'],
    });
    expect(client).toMatchObject({
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
      Passthrough: { AnalyticsConfiguration: { ApplicationId: 'app' } },
    });
    // The OAuth settings are the client's own members, set by applyClientOAuth.
    expect((client as UserPoolClient).Passthrough).not.toHaveProperty('CallbackURLs');
  });
});
