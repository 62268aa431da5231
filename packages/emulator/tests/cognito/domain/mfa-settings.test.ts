import { describe, expect, it } from 'vitest';
import type { UserMfa, UserPool, UserRecord } from '../../../src/cognito/cognito-types.js';
import {
  applyMfaPreference,
  checkFirstAuthFactors,
  signInFactors,
  userMfaView,
} from '../../../src/cognito/domain/mfa-settings.js';
import { errorOf } from './domain-fixture.js';

const SES = { EmailSendingAccount: 'DEVELOPER', SourceArn: 'arn:aws:ses:us-east-1:0:identity/x.com' };

function pool(
  mode: string,
  email = false,
  passthrough: Record<string, unknown> = { EmailConfiguration: SES },
) {
  return {
    MfaConfiguration: mode,
    MfaFactors: {
      SoftwareTokenMfaConfiguration: { Enabled: true },
      ...(email ? { EmailMfaConfiguration: {} } : {}),
    },
    Passthrough: passthrough,
    Policies: { PasswordPolicy: {} },
  } as unknown as UserPool;
}

function user(mfa?: UserMfa, email = 'u@example.com'): UserRecord {
  return {
    attributes: email === '' ? {} : { email },
    ...(mfa === undefined ? {} : { mfa }),
  } as unknown as UserRecord;
}

describe('signInFactors', () => {
  it.each<[string, UserPool, UserRecord, string[]]>([
    ['nothing when the pool has MFA off', pool('OFF', true), user({ enabled: ['SOFTWARE_TOKEN_MFA'] }), []],
    [
      'the factors the user turned on',
      pool('OPTIONAL', true),
      user({ enabled: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] }),
      ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
    ],
    ['no email MFA where the pool has none', pool('OPTIONAL'), user({ enabled: ['EMAIL_OTP'] }), []],
    [
      'no email MFA for a user without an address',
      pool('OPTIONAL', true),
      user({ enabled: ['EMAIL_OTP'] }, ''),
      [],
    ],
    [
      'nothing for an optional pool and a user who turned nothing on',
      pool('OPTIONAL', true),
      user({ enabled: [], totpSecret: 'A' }),
      [],
    ],
    [
      'a verified authenticator when MFA is required',
      pool('ON', true),
      user({ enabled: [], totpSecret: 'A' }),
      ['SOFTWARE_TOKEN_MFA'],
    ],
    [
      'the email address when MFA is required and the pool has email MFA',
      pool('ON', true),
      user(),
      ['EMAIL_OTP'],
    ],
    ['nothing (so: set up) when MFA is required and the user has nothing', pool('ON'), user(), []],
  ])('asks for %s', (_what, p, u, factors) => {
    expect(signInFactors(p, u)).toEqual(factors);
  });
});

describe('applyMfaPreference', () => {
  it('turns factors on, names the preferred one, and forgets the preference when that factor is turned off', () => {
    const p = pool('OPTIONAL', true);
    const u = user({ enabled: [], totpSecret: 'A' });
    applyMfaPreference(p, u, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    applyMfaPreference(p, u, { EmailMfaSettings: { Enabled: true } });
    expect(userMfaView(u)).toEqual({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'],
    });
    applyMfaPreference(p, u, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    expect(userMfaView(u).PreferredMfaSetting).toBe('EMAIL_OTP');
    applyMfaPreference(p, u, { EmailMfaSettings: { Enabled: false } });
    expect(userMfaView(u)).toEqual({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });
  });

  it.each([
    [
      'TOTP without a verified authenticator',
      user({ enabled: [] }),
      { SoftwareTokenMfaSettings: { Enabled: true } },
      'InvalidParameterException: User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    ],
    [
      'email MFA without an address',
      user({ enabled: [] }, ''),
      { EmailMfaSettings: { PreferredMfa: true } },
      'InvalidParameterException: User does not have delivery config set to turn on EMAIL_OTP',
    ],
    [
      'SMS MFA, not emulated',
      user(undefined, ''),
      { SMSMfaSettings: { Enabled: true } },
      'InvalidParameterException: User does not have delivery config set to turn on SMS_MFA',
    ],
  ])('refuses %s', (_what, u, input, error) => {
    expect(errorOf(() => applyMfaPreference(pool('OPTIONAL', true), u, input))).toBe(error);
  });

  it('lists nothing for a user who never set MFA up, nor for one who turned everything off', () => {
    expect(userMfaView(user())).toEqual({});
    expect(userMfaView(user({ enabled: [], totpSecret: 'A' }))).toEqual({});
  });
});

describe('checkFirstAuthFactors', () => {
  it.each<[string[], Record<string, unknown>, string]>([
    [['PASSWORD'], {}, 'accepted'],
    [['PASSWORD', 'EMAIL_OTP'], { EmailConfiguration: SES }, 'accepted'],
    [['PASSWORD', 'EMAIL_OTP'], { EmailConfiguration: SES, UserPoolTier: 'PLUS' }, 'accepted'],
    [
      ['EMAIL_OTP'],
      { EmailConfiguration: SES },
      'InvalidParameterException: AllowedFirstAuthFactors must include PASSWORD.',
    ],
    [
      ['PASSWORD', 'EMAIL_OTP'],
      { EmailConfiguration: SES, UserPoolTier: 'LITE' },
      'FeatureUnavailableInTierException: Sign-in with email one-time passwords is not available in the LITE tier; the user pool must be in the Essentials or Plus tier.',
    ],
    [
      ['PASSWORD', 'WEB_AUTHN'],
      {},
      'InvalidParameterException: WEB_AUTHN as a first authentication factor is not supported by this emulator.',
    ],
  ])('%j in a pool with %j: %s', (factors, passthrough, expected) => {
    expect(errorOf(() => checkFirstAuthFactors(pool('OFF', false, passthrough), factors))).toBe(expected);
  });
});
