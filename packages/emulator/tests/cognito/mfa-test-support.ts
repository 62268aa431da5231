import {
  AssociateSoftwareTokenCommand,
  type CreateUserPoolCommandInput,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { totpCode } from '../../src/cognito/domain/totp.js';
import type { Harness } from './cognito-test-harness.js';

/** Pool settings that let email one-time passwords be used: the Essentials tier and email sent through SES. */
export const EMAIL_CODE_POOL: Pick<CreateUserPoolCommandInput, 'UserPoolTier' | 'EmailConfiguration'> = {
  UserPoolTier: 'ESSENTIALS',
  EmailConfiguration: {
    EmailSendingAccount: 'DEVELOPER',
    SourceArn: 'arn:aws:ses:us-east-1:000000000000:identity/example.com',
    From: 'no-reply@example.com',
  },
};

/** Turns MFA on in a pool: TOTP, and email MFA when asked. */
export async function setPoolMfa(
  h: Harness,
  poolId: string,
  mode: 'ON' | 'OPTIONAL',
  extra: Partial<SetUserPoolMfaConfigCommandInput> = {},
): Promise<void> {
  await h.sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: mode,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      ...extra,
    }),
  );
}

/**
 * The code of `secret` in the next 30-second step: the clock moves on a step first, so that a code is never
 * the one a previous step of the test already used.
 */
export function nextCode(h: Harness, secret: string): string {
  h.clock.now += 30_000;
  return totpCode(secret, h.clock.now);
}

/** Sets up an authenticator for a signed-in user and makes TOTP their preferred MFA; resolves to its secret. */
export async function enrolTotp(h: Harness, accessToken: string): Promise<string> {
  const { SecretCode } = await h.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const secret = SecretCode ?? '';
  await h.sdk.send(
    new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: nextCode(h, secret) }),
  );
  await h.sdk.send(
    new SetUserMFAPreferenceCommand({
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    }),
  );
  return secret;
}
