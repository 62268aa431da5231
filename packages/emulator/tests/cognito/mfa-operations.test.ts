import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AssociateSoftwareTokenCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  type SetUserPoolMfaConfigCommandInput,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../src/cognito/domain/totp.js';
import { createConfirmedUser, type Harness, passwordSignIn, usePoolHarness } from './cognito-test-harness.js';
import { EMAIL_CODE_POOL, enrolTotp, setPoolMfa } from './mfa-test-support.js';

const verified = (name: string) => [
  { Name: 'email', Value: `${name}@example.com` },
  { Name: 'email_verified', Value: 'true' },
];

describe('SetUserPoolMfaConfig and GetUserPoolMfaConfig', () => {
  let h: Harness;
  usePoolHarness((t) => {
    ({ h } = t);
  });

  const newPool = async (settings: Record<string, unknown> = {}) =>
    (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'mfa', ...settings }))).UserPool?.Id ?? '';

  it('answers OFF and TOTP off for a new pool', async () => {
    const poolId = await newPool();
    const got = await h.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(got).toMatchObject({ MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: false } });
    expect(got.EmailMfaConfiguration).toBeUndefined();
  });

  it('turns optional TOTP MFA on, answers the configuration, and DescribeUserPool tells MfaConfiguration', async () => {
    const poolId = await newPool();
    const set = await h.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );
    expect(set).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const got = await h.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(got).toMatchObject({
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(described.UserPool?.MfaConfiguration).toBe('OPTIONAL');
    expect(described.UserPool).not.toHaveProperty('MfaFactors');
  });

  it('turns email MFA on in an Essentials pool that sends email through SES', async () => {
    const poolId = await newPool(EMAIL_CODE_POOL);
    await h.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'ON',
        EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' },
      }),
    );
    const got = await h.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(got).toMatchObject({
      MfaConfiguration: 'ON',
      SoftwareTokenMfaConfiguration: { Enabled: false },
      EmailMfaConfiguration: { Subject: 'Your code', Message: 'Your code is {####}' },
    });
  });

  it.each<
    [string, Record<string, unknown>, Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>, string, string]
  >([
    [
      'MFA OFF with a factor',
      {},
      { MfaConfiguration: 'OFF', SoftwareTokenMfaConfiguration: { Enabled: true } },
      'InvalidParameterException',
      "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    ],
    [
      'MFA OPTIONAL with no factor',
      {},
      { MfaConfiguration: 'OPTIONAL' },
      'InvalidParameterException',
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    ],
    [
      'SMS MFA without an SMS configuration',
      {},
      { MfaConfiguration: 'ON', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code {####}' } },
      'InvalidParameterException',
      'SMS configuration is required to enable SMS MFA.',
    ],
    [
      'email MFA in the Lite tier',
      { ...EMAIL_CODE_POOL, UserPoolTier: 'LITE' },
      { MfaConfiguration: 'ON', EmailMfaConfiguration: {} },
      'FeatureUnavailableInTierException',
      'Email MFA is not available in the LITE tier; the user pool must be in the Essentials or Plus tier.',
    ],
    [
      "email MFA with Cognito's own email sender",
      { UserPoolTier: 'ESSENTIALS' },
      { MfaConfiguration: 'ON', EmailMfaConfiguration: {} },
      'InvalidParameterException',
      'Email MFA requires the user pool to send email with Amazon SES: set EmailConfiguration.EmailSendingAccount to DEVELOPER.',
    ],
  ])('refuses %s', async (_what, pool, config, name, message) => {
    const poolId = await newPool(pool);
    await expect(
      h.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...config })),
    ).rejects.toMatchObject({
      name,
      message,
    });
    const got = await h.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    expect(got.MfaConfiguration).toBe('OFF');
  });

  it('accepts SMS MFA with an SMS configuration', async () => {
    const poolId = await newPool();
    const sms = { SnsCallerArn: 'arn:aws:iam::000000000000:role/sms', ExternalId: 'x' };
    const set = await h.sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: poolId,
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: { SmsConfiguration: sms },
      }),
    );
    expect(set.SmsMfaConfiguration?.SmsConfiguration).toEqual(sms);
  });

  it('refuses an unknown pool and a wrong MfaConfiguration', async () => {
    await expect(
      h.sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_nothere' })),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
    const poolId = await newPool();
    await expect(
      h.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'MAYBE' as 'ON' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('mfaConfiguration'),
    });
  });
});

describe('software tokens and MFA preferences', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await setPoolMfa(h, poolId, 'OPTIONAL', { EmailMfaConfiguration: {} });
    },
    { pool: EMAIL_CODE_POOL },
  );

  const signedIn = async (name: string) => {
    await createConfirmedUser(h, poolId, name, verified(name));
    return (await passwordSignIn(h, clientId, name)).AccessToken;
  };

  it('associates a 52-character base32 secret with an access token, without a session', async () => {
    const token = await signedIn('ada');
    const out = await h.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    expect(out.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(out.Session).toBeUndefined();
  });

  it.each([
    ['neither an access token nor a session', {}],
    ['both an access token and a session', { Session: 'x'.repeat(40) }],
  ])('refuses AssociateSoftwareToken with %s', async (_what, extra) => {
    const token = await signedIn(`both-${Object.keys(extra).length}`);
    const input = Object.keys(extra).length === 0 ? {} : { AccessToken: token, ...extra };
    await expect(h.sdk.send(new AssociateSoftwareTokenCommand(input))).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Exactly one of AccessToken and Session must be provided.',
    });
  });

  it('verifies the code of the associated secret, and refuses a wrong one as AWS does', async () => {
    const token = await signedIn('ben');
    const { SecretCode } = await h.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    const secret = SecretCode ?? '';
    const right = totpCode(secret, h.clock.now);
    const wrong = right === '000000' ? '000001' : '000000';
    await expect(
      h.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: wrong })),
    ).rejects.toMatchObject({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    await expect(
      h.sdk.send(
        new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: right, FriendlyDeviceName: 'phone' }),
      ),
    ).resolves.toMatchObject({ Status: 'SUCCESS' });
    // Verified but not turned on: GetUser lists no MFA until SetUserMFAPreference.
    const me = await h.sdk.send(new GetUserCommand({ AccessToken: token }));
    expect(me.UserMFASettingList).toBeUndefined();
  });

  it('refuses VerifySoftwareToken before AssociateSoftwareToken, and a code that is not six digits', async () => {
    const token = await signedIn('cai');
    await expect(
      h.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: '123456' })),
    ).rejects.toMatchObject({ name: 'SoftwareTokenMFANotFoundException' });
    await expect(
      h.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: '12345' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining("'userCode' failed to satisfy constraint"),
    });
  });

  it('refuses TOTP as MFA before an authenticator is verified', async () => {
    const token = await signedIn('dan');
    await expect(
      h.sdk.send(
        new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    });
  });

  it('turns TOTP on as the preferred MFA: GetUser and AdminGetUser list it; turned off, the lists go', async () => {
    const token = await signedIn('eve');
    await enrolTotp(h, token);
    const me = await h.sdk.send(new GetUserCommand({ AccessToken: token }));
    expect(me).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
    const admin = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'eve' }));
    expect(admin).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
    await h.sdk.send(
      new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: false } }),
    );
    const after = await h.sdk.send(new GetUserCommand({ AccessToken: token }));
    expect(after.PreferredMfaSetting).toBeUndefined();
    expect(after.UserMFASettingList).toBeUndefined();
  });

  it('AdminSetUserMFAPreference turns email MFA on and makes it preferred beside TOTP', async () => {
    const token = await signedIn('fay');
    await enrolTotp(h, token);
    await h.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'fay',
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const admin = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'fay' }));
    expect(admin.PreferredMfaSetting).toBe('EMAIL_OTP');
    expect(admin.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
  });

  it('refuses SMS MFA, which is not emulated, and email MFA for a user without an email address', async () => {
    await createConfirmedUser(h, poolId, 'gus');
    await expect(
      h.sdk.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: 'gus',
          SMSMfaSettings: { Enabled: true },
        }),
      ),
    ).rejects.toMatchObject({ message: 'User does not have delivery config set to turn on SMS_MFA' });
    await expect(
      h.sdk.send(
        new AdminSetUserMFAPreferenceCommand({
          UserPoolId: poolId,
          Username: 'gus',
          EmailMfaSettings: { Enabled: true },
        }),
      ),
    ).rejects.toMatchObject({ message: 'User does not have delivery config set to turn on EMAIL_OTP' });
  });

  it('GetUserAuthFactors lists the MFA settings and the password as the only first factor here', async () => {
    const token = await signedIn('hal');
    await enrolTotp(h, token);
    const out = await h.sdk.send(new GetUserAuthFactorsCommand({ AccessToken: token }));
    expect(out).toMatchObject({
      Username: 'hal',
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      ConfiguredUserAuthFactors: ['PASSWORD'],
    });
  });

  it('refuses AssociateSoftwareToken in a pool that has not turned TOTP on', async () => {
    await h.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, MfaConfiguration: 'OFF' }));
    const token = await signedIn('ivy');
    await expect(h.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).rejects.toMatchObject(
      {
        name: 'SoftwareTokenMFANotFoundException',
        message: 'Software Token MFA has not been enabled by the userPool.',
      },
    );
    // VerifySoftwareToken is refused the same way.
    await expect(
      h.sdk.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: '123456' })),
    ).rejects.toMatchObject({ name: 'SoftwareTokenMFANotFoundException' });
    await setPoolMfa(h, poolId, 'OPTIONAL', { EmailMfaConfiguration: {} });
  });
});
