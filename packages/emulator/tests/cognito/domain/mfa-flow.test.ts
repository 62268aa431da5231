import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { totpCode } from '../../../src/cognito/domain/totp.js';
import { SrpClient } from '../../../src/cognito/index.js';
import {
  createConfirmedUser,
  createPoolAndClient,
  type Harness,
  passwordSignIn,
  STRONG_PASSWORD,
  srpChallenge,
  usePoolHarness,
} from '../cognito-test-harness.js';
import { EMAIL_CODE_POOL, enrolTotp, nextCode, setPoolMfa } from '../mfa-test-support.js';

const verified = (name: string) => [
  { Name: 'email', Value: `${name}@example.com` },
  { Name: 'email_verified', Value: 'true' },
];

/** A wrong six-digit code for `secret` now (never the right one by chance). */
function wrongCode(h: Harness, secret: string): string {
  return totpCode(secret, h.clock.now) === '000000' ? '000001' : '000000';
}

describe('the second factor after the password (pool MFA optional)', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await setPoolMfa(h, poolId, 'OPTIONAL', { EmailMfaConfiguration: {} });
    },
    // Sessions of 15 minutes, so that an emailed code (3 minutes) can expire inside its session.
    { pool: EMAIL_CODE_POOL, client: { AuthSessionValidity: 15 } },
  );

  /** A confirmed user with an enrolled authenticator; resolves to its secret. */
  const totpUser = async (name: string) => {
    await createConfirmedUser(h, poolId, name, verified(name));
    return enrolTotp(h, (await passwordSignIn(h, clientId, name)).AccessToken);
  };
  const start = (name: string): Promise<InitiateAuthCommandOutput> =>
    h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: name, PASSWORD: STRONG_PASSWORD },
      }),
    );
  const answerTotp = (name: string, session: string | undefined, code: string) =>
    h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: session,
        ChallengeResponses: { USERNAME: name, SOFTWARE_TOKEN_MFA_CODE: code },
      }),
    );

  it('signs a user without MFA in with the password alone', async () => {
    await createConfirmedUser(h, poolId, 'nomfa', verified('nomfa'));
    const out = await start('nomfa');
    expect(out.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('asks a TOTP user for SOFTWARE_TOKEN_MFA, refuses a wrong code, then takes the right one in the same session', async () => {
    const secret = await totpUser('amy');
    const challenge = await start('amy');
    expect(challenge).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA', ChallengeParameters: {} });
    expect(challenge.AuthenticationResult).toBeUndefined();
    await expect(answerTotp('amy', challenge.Session, wrongCode(h, secret))).rejects.toMatchObject({
      name: 'CodeMismatchException',
      message: 'Invalid code received for user',
    });
    const done = await answerTotp('amy', challenge.Session, nextCode(h, secret));
    expect(done.AuthenticationResult?.IdToken).toBeDefined();
    // The session is used up.
    await expect(answerTotp('amy', challenge.Session, nextCode(h, secret))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('refuses a code that already signed the user in, within its window', async () => {
    const secret = await totpUser('bob');
    const code = nextCode(h, secret);
    await answerTotp('bob', (await start('bob')).Session, code);
    await expect(answerTotp('bob', (await start('bob')).Session, code)).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
  });

  it('accepts the code of the step before or after, as a phone clock a little off gives', async () => {
    const secret = await totpUser('cat');
    h.clock.now += 90_000;
    const behind = totpCode(secret, h.clock.now - 30_000);
    await expect(answerTotp('cat', (await start('cat')).Session, behind)).resolves.toHaveProperty(
      'AuthenticationResult',
    );
    h.clock.now += 90_000;
    const old = totpCode(secret, h.clock.now - 60_000);
    await expect(answerTotp('cat', (await start('cat')).Session, old)).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
  });

  it('ends the session after three wrong codes', async () => {
    const secret = await totpUser('dee');
    const { Session } = await start('dee');
    for (let i = 0; i < 3; i++) {
      await expect(answerTotp('dee', Session, wrongCode(h, secret))).rejects.toMatchObject({
        name: 'CodeMismatchException',
      });
    }
    await expect(answerTotp('dee', Session, nextCode(h, secret))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it("refuses an answer after the client's AuthSessionValidity, as an expired session", async () => {
    const secret = await totpUser('eli');
    const { Session } = await start('eli');
    h.clock.now += 15 * 60_000 + 1;
    await expect(answerTotp('eli', Session, totpCode(secret, h.clock.now))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('asks for MFA after SRP, and AdminInitiateAuth with AdminRespondToAuthChallenge too', async () => {
    const secret = await totpUser('fin');
    const srp = new SrpClient(poolId.split('_')[1] ?? '');
    const params = await srpChallenge(h, clientId, 'fin', srp);
    const verifier = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: srp.respond(params, STRONG_PASSWORD),
      }),
    );
    expect(verifier.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    await expect(answerTotp('fin', verifier.Session, nextCode(h, secret))).resolves.toHaveProperty(
      'AuthenticationResult.AccessToken',
    );

    const admin = await h.sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'fin', PASSWORD: STRONG_PASSWORD },
      }),
    );
    expect(admin.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await h.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: admin.Session,
        ChallengeResponses: { USERNAME: 'fin', SOFTWARE_TOKEN_MFA_CODE: nextCode(h, secret) },
      }),
    );
    expect(done.AuthenticationResult?.RefreshToken).toBeDefined();
    // Refreshing needs no second factor.
    const refreshed = await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: { REFRESH_TOKEN: done.AuthenticationResult?.RefreshToken ?? '' },
      }),
    );
    expect(refreshed.ChallengeName).toBeUndefined();
    expect(refreshed.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('lets a user with TOTP and email MFA and no preference choose (SELECT_MFA_TYPE), then emails the code', async () => {
    await totpUser('gil');
    await h.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'gil',
        EmailMfaSettings: { Enabled: true },
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
      }),
    );
    const select = await start('gil');
    expect(select).toMatchObject({
      ChallengeName: 'SELECT_MFA_TYPE',
      ChallengeParameters: { MFAS_CAN_CHOOSE: '["SOFTWARE_TOKEN_MFA","EMAIL_OTP"]' },
    });
    const email = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SELECT_MFA_TYPE',
        Session: select.Session,
        ChallengeResponses: { USERNAME: 'gil', ANSWER: 'EMAIL_OTP' },
      }),
    );
    expect(email).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: 'g***@e***' },
    });
    const sent = h.service.outbox.latest(poolId, 'gil');
    expect(sent).toMatchObject({ kind: 'Authentication', destination: 'gil@example.com' });
    expect(sent?.code).toMatch(/^\d{6}$/);
    const done = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'EMAIL_OTP',
        Session: email.Session,
        ChallengeResponses: { USERNAME: 'gil', EMAIL_OTP_CODE: sent?.code ?? '' },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
  });

  it('refuses an emailed MFA code once its three minutes have passed', async () => {
    await createConfirmedUser(h, poolId, 'hoa', verified('hoa'));
    await h.sdk.send(
      new AdminSetUserMFAPreferenceCommand({
        UserPoolId: poolId,
        Username: 'hoa',
        EmailMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const challenge = await start('hoa');
    expect(challenge.ChallengeName).toBe('EMAIL_OTP');
    const code = h.service.outbox.latest(poolId, 'hoa')?.code ?? '';
    // Still inside the session (15 minutes), no longer inside the code's lifetime.
    h.clock.now += 3 * 60_000;
    await expect(
      h.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'EMAIL_OTP',
          Session: challenge.Session,
          ChallengeResponses: { USERNAME: 'hoa', EMAIL_OTP_CODE: code },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });
});

describe('MFA required (pool MFA ON)', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await setPoolMfa(h, poolId, 'ON');
    },
    { client: { AuthSessionValidity: 15 } },
  );

  const start = (name: string, password = STRONG_PASSWORD) =>
    h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: name, PASSWORD: password },
      }),
    );

  it('asks a user without MFA to set up an authenticator (MFA_SETUP), answered through the software-token operations', async () => {
    await createConfirmedUser(h, poolId, 'ivo');
    const setup = await start('ivo');
    expect(setup).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
    });
    const associated = await h.sdk.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    expect(associated.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(associated.Session).toBeDefined();
    expect(associated.Session).not.toBe(setup.Session);
    const secret = associated.SecretCode ?? '';
    await expect(
      h.sdk.send(
        new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongCode(h, secret) }),
      ),
    ).rejects.toMatchObject({ name: 'EnableSoftwareTokenMFAException' });
    const verifiedToken = await h.sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: nextCode(h, secret) }),
    );
    expect(verifiedToken.Status).toBe('SUCCESS');
    const done = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'MFA_SETUP',
        Session: verifiedToken.Session,
        ChallengeResponses: { USERNAME: 'ivo' },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ivo' }));
    expect(user).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
    // The next sign-in asks for the code.
    expect((await start('ivo')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('refuses MFA_SETUP answered before an authenticator is verified', async () => {
    await createConfirmedUser(h, poolId, 'jon');
    const setup = await start('jon');
    const associated = await h.sdk.send(new AssociateSoftwareTokenCommand({ Session: setup.Session }));
    await expect(
      h.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'MFA_SETUP',
          Session: associated.Session,
          ChallengeResponses: { USERNAME: 'jon' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
  });

  it('emails a code to a user without MFA when the required MFA includes email', async () => {
    const other = await createPoolAndClient(h, EMAIL_CODE_POOL);
    await setPoolMfa(h, other.poolId, 'ON', { EmailMfaConfiguration: {} });
    await createConfirmedUser(h, other.poolId, 'lea', [{ Name: 'email', Value: 'lea@example.com' }]);
    const out = await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: other.clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'lea', PASSWORD: STRONG_PASSWORD },
      }),
    );
    expect(out).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeParameters: { CODE_DELIVERY_DESTINATION: 'l***@e***' },
    });
    expect(h.service.outbox.latest(other.poolId, 'lea')?.code).toMatch(/^\d{6}$/);
  });

  it('answers MFAMethodNotFoundException when the required MFA is SMS alone, which is not emulated', async () => {
    const other = await createPoolAndClient(h, {
      SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::0:role/sms' },
    });
    await setPoolMfa(h, other.poolId, 'ON', {
      SoftwareTokenMfaConfiguration: { Enabled: false },
      SmsMfaConfiguration: {},
    });
    await createConfirmedUser(h, other.poolId, 'max');
    await expect(passwordSignIn(h, other.clientId, 'max')).rejects.toMatchObject({
      name: 'MFAMethodNotFoundException',
    });
  });

  it('continues from NEW_PASSWORD_REQUIRED into MFA_SETUP', async () => {
    await createConfirmedUser(h, poolId, 'kim');
    await h.sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: 'kim',
        Password: 'Temp-Passw0rd!',
        Permanent: false,
      }),
    );
    const challenge = await start('kim', 'Temp-Passw0rd!');
    expect(challenge.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const next = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: challenge.Session,
        ChallengeResponses: { USERNAME: 'kim', NEW_PASSWORD: STRONG_PASSWORD },
      }),
    );
    expect(next.ChallengeName).toBe('MFA_SETUP');
  });
});
