import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  DescribeUserPoolCommand,
  GetUserAuthFactorsCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandInput,
  RespondToAuthChallengeCommand,
  type RespondToAuthChallengeCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { SrpClient } from '../../../src/cognito/index.js';
import {
  createConfirmedUser,
  type Harness,
  passwordSignIn,
  STRONG_PASSWORD,
  usePoolHarness,
} from '../cognito-test-harness.js';
import { EMAIL_CODE_POOL, enrolTotp, nextCode, setPoolMfa } from '../mfa-test-support.js';

const PASSWORDLESS_POOL: Partial<CreateUserPoolCommandInput> = {
  ...EMAIL_CODE_POOL,
  Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
};

const verified = (name: string) => [
  { Name: 'email', Value: `${name}@example.com` },
  { Name: 'email_verified', Value: 'true' },
];

describe("the pool's sign-in policy", () => {
  let h: Harness;
  usePoolHarness((t) => {
    ({ h } = t);
  });

  it('keeps AllowedFirstAuthFactors and answers it from DescribeUserPool (PASSWORD alone by default)', async () => {
    const plain = await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'plain' }));
    expect(plain.UserPool?.Policies?.SignInPolicy).toEqual({ AllowedFirstAuthFactors: ['PASSWORD'] });
    const created = await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'otp', ...PASSWORDLESS_POOL }));
    const described = await h.sdk.send(
      new DescribeUserPoolCommand({ UserPoolId: created.UserPool?.Id ?? '' }),
    );
    expect(described.UserPool?.Policies?.SignInPolicy).toEqual({
      AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'],
    });
  });

  it.each([
    [
      'SMS_OTP, not emulated',
      ['PASSWORD', 'SMS_OTP'],
      EMAIL_CODE_POOL,
      'InvalidParameterException',
      'SMS_OTP as a first authentication factor is not supported by this emulator.',
    ],
    [
      'WEB_AUTHN, not emulated',
      ['PASSWORD', 'WEB_AUTHN'],
      EMAIL_CODE_POOL,
      'InvalidParameterException',
      'WEB_AUTHN as a first authentication factor is not supported by this emulator.',
    ],
    [
      'a policy without PASSWORD',
      ['EMAIL_OTP'],
      EMAIL_CODE_POOL,
      'InvalidParameterException',
      'AllowedFirstAuthFactors must include PASSWORD.',
    ],
    [
      'EMAIL_OTP in the Lite tier',
      ['PASSWORD', 'EMAIL_OTP'],
      { ...EMAIL_CODE_POOL, UserPoolTier: 'LITE' },
      'FeatureUnavailableInTierException',
      'Sign-in with email one-time passwords is not available in the LITE tier; the user pool must be in the Essentials or Plus tier.',
    ],
    [
      'EMAIL_OTP without SES',
      ['PASSWORD', 'EMAIL_OTP'],
      { UserPoolTier: 'PLUS' },
      'InvalidParameterException',
      'Sign-in with email one-time passwords requires the user pool to send email with Amazon SES: set EmailConfiguration.EmailSendingAccount to DEVELOPER.',
    ],
  ])('refuses %s', async (_what, factors, pool, name, message) => {
    await expect(
      h.sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'refused',
          ...(pool as Partial<CreateUserPoolCommandInput>),
          Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors as ('PASSWORD' | 'EMAIL_OTP')[] } },
        }),
      ),
    ).rejects.toMatchObject({ name, message });
  });

  it('refuses USER_AUTH through a client without ALLOW_USER_AUTH', async () => {
    const pool = await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'noflow', ...PASSWORDLESS_POOL }));
    const client = await h.sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.UserPool?.Id ?? '', ClientName: 'web' }),
    );
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: client.UserPoolClient?.ClientId ?? '',
          AuthFlow: 'USER_AUTH',
          AuthParameters: { USERNAME: 'x' },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_AUTH flow not enabled for this client',
    });
  });
});

describe('choice-based sign-in (USER_AUTH)', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let hidingClientId: string;
  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      const hiding = await h.sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientName: 'hiding',
          ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
          PreventUserExistenceErrors: 'ENABLED',
        }),
      );
      hidingClientId = hiding.UserPoolClient?.ClientId ?? '';
      await setPoolMfa(h, poolId, 'OPTIONAL');
    },
    {
      pool: PASSWORDLESS_POOL,
      client: {
        ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        // Sessions of 15 minutes, so that an emailed code (3 minutes) can expire inside its session.
        AuthSessionValidity: 15,
      },
    },
  );

  const initiate = (params: Record<string, string>, client = clientId) =>
    h.sdk.send(new InitiateAuthCommand({ ClientId: client, AuthFlow: 'USER_AUTH', AuthParameters: params }));
  const respond = (input: Omit<RespondToAuthChallengeCommandInput, 'ClientId'>, client = clientId) =>
    h.sdk.send(new RespondToAuthChallengeCommand({ ClientId: client, ...input }));
  const emailCode = (username: string) => h.service.outbox.latest(poolId, username)?.code ?? '';

  it('offers the available first factors (SELECT_CHALLENGE) when none is preferred, then emails an eight-digit code', async () => {
    await createConfirmedUser(h, poolId, 'ana', verified('ana'));
    const select = await initiate({ USERNAME: 'ana' });
    expect(select).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
    });
    const otp = await respond({
      ChallengeName: 'SELECT_CHALLENGE',
      Session: select.Session,
      ChallengeResponses: { USERNAME: 'ana', ANSWER: 'EMAIL_OTP' },
    });
    expect(otp).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'a***@e***' },
    });
    expect(emailCode('ana')).toMatch(/^\d{8}$/);
    expect(h.service.outbox.latest(poolId, 'ana')).toMatchObject({
      kind: 'Authentication',
      deliveryMedium: 'EMAIL',
    });
    const done = await respond({
      ChallengeName: 'EMAIL_OTP',
      Session: otp.Session,
      ChallengeResponses: { USERNAME: 'ana', EMAIL_OTP_CODE: emailCode('ana') },
    });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('goes straight to the preferred EMAIL_OTP, refuses a wrong code, and takes the right one', async () => {
    await createConfirmedUser(h, poolId, 'ben', verified('ben'));
    const otp = await initiate({ USERNAME: 'ben', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(otp.ChallengeName).toBe('EMAIL_OTP');
    const code = emailCode('ben');
    const answer = (c: string) =>
      respond({
        ChallengeName: 'EMAIL_OTP',
        Session: otp.Session,
        ChallengeResponses: { USERNAME: 'ben', EMAIL_OTP_CODE: c },
      });
    await expect(answer(code === '00000000' ? '00000001' : '00000000')).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
    await expect(answer(code)).resolves.toHaveProperty('AuthenticationResult.IdToken');
  });

  it('refuses an emailed code after its three minutes', async () => {
    await createConfirmedUser(h, poolId, 'cy', verified('cy'));
    const otp = await initiate({ USERNAME: 'cy', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    h.clock.now += 3 * 60_000;
    await expect(
      respond({
        ChallengeName: 'EMAIL_OTP',
        Session: otp.Session,
        ChallengeResponses: { USERNAME: 'cy', EMAIL_OTP_CODE: emailCode('cy') },
      }),
    ).rejects.toMatchObject({ name: 'ExpiredCodeException' });
  });

  it('signs in with the preferred PASSWORD, and MFA follows for a user who has it', async () => {
    await createConfirmedUser(h, poolId, 'dot', verified('dot'));
    await expect(
      initiate({ USERNAME: 'dot', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: STRONG_PASSWORD }),
    ).resolves.toHaveProperty('AuthenticationResult.AccessToken');
    const secret = await enrolTotp(h, (await passwordSignIn(h, clientId, 'dot')).AccessToken);
    const mfa = await initiate({
      USERNAME: 'dot',
      PREFERRED_CHALLENGE: 'PASSWORD',
      PASSWORD: STRONG_PASSWORD,
    });
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await respond({
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: mfa.Session,
      ChallengeResponses: { USERNAME: 'dot', SOFTWARE_TOKEN_MFA_CODE: nextCode(h, secret) },
    });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('refuses a wrong password chosen through SELECT_CHALLENGE as the password flow does', async () => {
    await createConfirmedUser(h, poolId, 'eda', verified('eda'));
    const select = await initiate({ USERNAME: 'eda' });
    await expect(
      respond({
        ChallengeName: 'SELECT_CHALLENGE',
        Session: select.Session,
        ChallengeResponses: { USERNAME: 'eda', ANSWER: 'PASSWORD', PASSWORD: 'Wrong-Passw0rd!' },
      }),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });

  it('signs in with PASSWORD_SRP: the PASSWORD_VERIFIER challenge follows', async () => {
    await createConfirmedUser(h, poolId, 'fox', verified('fox'));
    const srp = new SrpClient(poolId.split('_')[1] ?? '');
    const verifier = await initiate({
      USERNAME: 'fox',
      PREFERRED_CHALLENGE: 'PASSWORD_SRP',
      SRP_A: srp.srpA,
    });
    expect(verifier.ChallengeName).toBe('PASSWORD_VERIFIER');
    const done = await respond({
      ChallengeName: 'PASSWORD_VERIFIER',
      Session: verifier.Session,
      ChallengeResponses: srp.respond(
        verifier.ChallengeParameters as {
          SALT: string;
          SRP_B: string;
          SECRET_BLOCK: string;
          USER_ID_FOR_SRP: string;
        },
        STRONG_PASSWORD,
      ),
    });
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('offers only the password to a user without a verified email, even when EMAIL_OTP is preferred', async () => {
    await createConfirmedUser(h, poolId, 'gia', [{ Name: 'email', Value: 'gia@example.com' }]);
    const select = await initiate({ USERNAME: 'gia', PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    expect(select).toMatchObject({
      ChallengeName: 'SELECT_CHALLENGE',
      AvailableChallenges: ['PASSWORD', 'PASSWORD_SRP'],
    });
    await expect(
      respond({
        ChallengeName: 'SELECT_CHALLENGE',
        Session: select.Session,
        ChallengeResponses: { USERNAME: 'gia', ANSWER: 'EMAIL_OTP' },
      }),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('answers an unknown name with UserNotFoundException, or, for a client that hides users, with a code nobody can type', async () => {
    await expect(initiate({ USERNAME: 'nobody', PREFERRED_CHALLENGE: 'EMAIL_OTP' })).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    const otp = await initiate(
      { USERNAME: 'nobody@example.com', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      hidingClientId,
    );
    expect(otp).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL' },
    });
    expect(h.service.outbox.latest(poolId, 'nobody@example.com')).toBeUndefined();
    await expect(
      respond(
        {
          ChallengeName: 'EMAIL_OTP',
          Session: otp.Session,
          ChallengeResponses: { USERNAME: 'nobody@example.com', EMAIL_OTP_CODE: '12345678' },
        },
        hidingClientId,
      ),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
  });

  it('GetUserAuthFactors lists the password and email one-time passwords', async () => {
    await createConfirmedUser(h, poolId, 'hal', verified('hal'));
    const { AccessToken } = await passwordSignIn(h, clientId, 'hal');
    const factors = await h.sdk.send(new GetUserAuthFactorsCommand({ AccessToken }));
    expect(factors).toEqual(
      expect.objectContaining({ Username: 'hal', ConfiguredUserAuthFactors: ['PASSWORD', 'EMAIL_OTP'] }),
    );
    expect(factors.UserMFASettingList).toBeUndefined();
  });

  it('requires USERNAME', async () => {
    await expect(
      initiate({} as InitiateAuthCommandInput['AuthParameters'] & Record<string, string>),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter USERNAME',
    });
  });
});
