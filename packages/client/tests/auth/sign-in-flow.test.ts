import { describe, expect, it } from 'vitest';
import {
  authErrorFrom,
  ChallengeSessionExpiredError,
  CodeMismatchError,
  ExpiredCodeError,
  NotAuthorizedError,
  TooManyAttemptsError,
} from '../../src/auth/auth-errors.js';
import { createBrowserClient } from '../../src/client/create-browser-client.js';
import type { CognitoTransport } from '../../src/cognito/cognito-transport.js';
import {
  InvalidInputError,
  NoPendingChallengeError,
  UnsupportedChallengeError,
} from '../../src/errors/client-error.js';
import { EMAIL_OTP_CODE, FakeCognito } from '../support/fake-cognito.js';
import { testClient, testConfig, transports } from '../support/test-client.js';
import { newTotpSecret, totpCode } from '../support/totp.js';

/** A fake whose clock the test moves, and a user with a verified, enabled authenticator app. */
function cognitoWithTotpUser() {
  let now = Date.parse('2026-11-30T12:00:00Z');
  const cognito = new FakeCognito({ now: () => now });
  const user = cognito.addUser('ana@example.com', 'Password-123');
  user.totpSecret = newTotpSecret();
  user.totpEnabled = true;
  return {
    cognito,
    user,
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    code: () => totpCode(user.totpSecret ?? '', now),
  };
}

describe.each(transports)('sign-in steps over the %s transport', (kind) => {
  it.each(['srp', 'password'] as const)(
    'asks for the authenticator code after the password (%s) and signs in with it',
    async (flow) => {
      const { cognito, user, code, now } = cognitoWithTotpUser();
      const client = testClient(kind, cognito, { now });

      expect(await client.signIn({ username: 'ana@example.com', password: 'Password-123', flow })).toEqual({
        status: 'totp-required',
      });
      expect(await client.getCurrentUser()).toBeNull();
      const result = await client.confirmSignIn({ code: code() });

      expect(result).toMatchObject({ status: 'signed-in', user: { email: 'ana@example.com' } });
      const answer = cognito.calls.at(-1);
      expect(answer?.operation).toBe('RespondToAuthChallenge');
      expect(answer?.body).toMatchObject({
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ChallengeResponses: { USERNAME: user.username, SOFTWARE_TOKEN_MFA_CODE: code() },
        Session: expect.stringMatching(/^session-/),
      });
    },
  );

  it('keeps the challenge after a wrong code so that the user can try again', async () => {
    const { cognito, code, now } = cognitoWithTotpUser();
    const client = testClient(kind, cognito, { now });
    await client.signIn({ username: 'ana@example.com', password: 'Password-123' });

    const error = await client.confirmSignIn({ code: '000000' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CodeMismatchError);
    expect(error).toMatchObject({ code: 'CODE_MISMATCH', cognitoType: 'CodeMismatchException' });
    expect((await client.confirmSignIn({ code: code() })).status).toBe('signed-in');
  });

  it('reports an expired challenge session and forgets the sign-in', async () => {
    const { cognito, code, now, advance } = cognitoWithTotpUser();
    const client = testClient(kind, cognito, { now });
    await client.signIn({ username: 'ana@example.com', password: 'Password-123' });
    advance(4 * 60_000);

    const error = await client.confirmSignIn({ code: code() }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ChallengeSessionExpiredError);
    expect(error).toMatchObject({
      code: 'CHALLENGE_SESSION_EXPIRED',
      message: 'Invalid session for the user, session is expired.',
    });
    await expect(client.confirmSignIn({ code: code() })).rejects.toBeInstanceOf(NoPendingChallengeError);
  });

  it('sets up an authenticator app inside the sign-in when the pool requires MFA', async () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    const cognito = new FakeCognito({ mfa: 'ON', now: () => now });
    cognito.addUser('bo@example.com', 'Password-123');
    const client = testClient(kind, cognito);

    const step = await client.signIn({ username: 'bo@example.com', password: 'Password-123' });
    if (step.status !== 'totp-setup-required') throw new Error(`unexpected step ${step.status}`);
    expect(step.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(step.otpauthUri).toBe(
      `otpauth://totp/Gatehouse:bo%40example.com?secret=${step.secret}&issuer=Gatehouse`,
    );
    const associate = cognito.calls.find((c) => c.operation === 'AssociateSoftwareToken');
    expect(associate?.body).toEqual({ Session: expect.stringMatching(/^session-/) });

    await expect(client.confirmSignIn({ code: '000000' })).rejects.toMatchObject({
      name: 'CodeMismatchError',
      cognitoType: 'EnableSoftwareTokenMFAException',
    });
    const result = await client.confirmSignIn({ code: totpCode(step.secret, now), deviceName: 'Phone' });

    expect(result.status).toBe('signed-in');
    const verify = cognito.calls.filter((c) => c.operation === 'VerifySoftwareToken').at(-1);
    // The verification uses the session AssociateSoftwareToken handed out, not the sign-in's first one.
    expect(verify?.body).toMatchObject({
      FriendlyDeviceName: 'Phone',
      Session: expect.stringMatching(/^session-/),
    });
    expect(verify?.body.Session).not.toBe(associate?.body.Session);
    const answer = cognito.calls.at(-1);
    expect(answer?.body).toMatchObject({
      ChallengeName: 'MFA_SETUP',
      ChallengeResponses: { USERNAME: expect.any(String) },
    });
    expect(answer?.body.Session).not.toBe(associate?.body.Session);
  });

  it('signs in with an emailed code (USER_AUTH, EMAIL_OTP preferred)', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('cy@example.com', 'Password-123');
    const client = testClient(kind, cognito);

    const step = await client.signInWithEmailCode({ email: 'cy@example.com' });

    expect(step).toEqual({ status: 'email-otp-sent', destination: 'a***@e***' });
    expect(cognito.calls.at(-1)?.body).toMatchObject({
      AuthFlow: 'USER_AUTH',
      AuthParameters: { USERNAME: 'cy@example.com', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
    });
    await expect(client.confirmSignIn({ code: '00000000' })).rejects.toBeInstanceOf(CodeMismatchError);
    expect(await client.confirmSignIn({ code: EMAIL_OTP_CODE })).toMatchObject({
      status: 'signed-in',
      user: { email: 'cy@example.com' },
    });
    expect(cognito.calls.at(-1)?.body).toMatchObject({
      ChallengeName: 'EMAIL_OTP',
      ChallengeResponses: { EMAIL_OTP_CODE },
    });
  });

  it('asks for the authenticator code after the email code when the user has one', async () => {
    const { cognito, code, now } = cognitoWithTotpUser();
    const client = testClient(kind, cognito, { now });

    await client.signInWithEmailCode({ email: 'ana@example.com' });

    expect(await client.confirmSignIn({ code: EMAIL_OTP_CODE })).toEqual({ status: 'totp-required' });
    expect((await client.confirmSignIn({ code: code() })).status).toBe('signed-in');
  });

  it.each(['PASSWORD', 'PASSWORD_SRP'] as const)(
    'offers the other first factors when email codes are not possible, and signs in with %s',
    async (answer) => {
      const cognito = new FakeCognito();
      const user = cognito.addUser('dee@example.com', 'Password-123');
      user.emailOtp = false;
      const client = testClient(kind, cognito);

      const step = await client.signInWithEmailCode({ email: 'dee@example.com' });
      expect(step).toEqual({ status: 'select-challenge', options: ['PASSWORD', 'PASSWORD_SRP'] });
      await expect(client.selectChallenge(answer)).rejects.toBeInstanceOf(InvalidInputError);
      const result = await client.selectChallenge(answer, { password: 'Password-123' });

      expect(result.status).toBe('signed-in');
      const selection = cognito.calls.find(
        (c) => c.operation === 'RespondToAuthChallenge' && c.body.ChallengeName === 'SELECT_CHALLENGE',
      );
      expect(selection?.body.ChallengeResponses).toMatchObject({
        USERNAME: user.username,
        ANSWER: answer,
      });
      const sentPassword = cognito.calls.some((c) => JSON.stringify(c.body).includes('Password-123'));
      expect(sentPassword).toBe(answer === 'PASSWORD');
    },
  );

  it('rejects a wrong password given with a selected PASSWORD challenge', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('dee@example.com', 'Password-123').emailOtp = false;
    const client = testClient(kind, cognito);
    await client.signInWithEmailCode({ email: 'dee@example.com' });

    await expect(client.selectChallenge('PASSWORD', { password: 'wrong' })).rejects.toBeInstanceOf(
      NotAuthorizedError,
    );
    await expect(client.selectChallenge('PASSWORD', { password: 'Password-123' })).rejects.toBeInstanceOf(
      NoPendingChallengeError,
    );
  });

  it('answers SELECT_MFA_TYPE through selectChallenge', async () => {
    const { cognito, user, code, now } = cognitoWithTotpUser();
    user.selectMfa = true;
    const client = testClient(kind, cognito, { now });

    const step = await client.signIn({ username: 'ana@example.com', password: 'Password-123' });
    expect(step).toEqual({ status: 'select-challenge', options: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
    expect(await client.selectChallenge('SOFTWARE_TOKEN_MFA')).toEqual({ status: 'totp-required' });
    expect(cognito.calls.at(-1)?.body).toMatchObject({
      ChallengeName: 'SELECT_MFA_TYPE',
      ChallengeResponses: { ANSWER: 'SOFTWARE_TOKEN_MFA' },
    });
    expect((await client.confirmSignIn({ code: code() })).status).toBe('signed-in');
  });

  it('names the step a sign-in waits for when another one is called', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('eve@example.com', 'Temp-Password-1', { mustChangePassword: true });
    const client = testClient(kind, cognito);

    await expect(client.confirmSignIn({ code: '123456' })).rejects.toThrow(
      'There is no sign-in waiting for a code',
    );
    await client.signIn({ username: 'eve@example.com', password: 'Temp-Password-1' });
    await expect(client.confirmSignIn({ code: '123456' })).rejects.toThrow(
      'The sign-in waits for NEW_PASSWORD_REQUIRED, which completeNewPassword answers, not a code',
    );
    await expect(client.selectChallenge('EMAIL_OTP')).rejects.toBeInstanceOf(NoPendingChallengeError);
  });
});

describe('a challenge the client does not answer', () => {
  it.each(['SMS_MFA', 'WEB_AUTHN', 'CUSTOM_CHALLENGE'])(
    'rejects %s with UnsupportedChallengeError',
    async (name) => {
      const cognito: CognitoTransport = {
        send: async () => ({ ChallengeName: name, Session: 's', ChallengeParameters: {} }) as never,
      };
      const client = createBrowserClient(testConfig, { cognito });

      const error = await client
        .signIn({ username: 'a@example.com', password: 'p', flow: 'password' })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(UnsupportedChallengeError);
      expect(error).toMatchObject({ challengeName: name });
    },
  );
});

describe('a refused code answer', () => {
  it.each([
    ['ExpiredCodeException', 'Invalid code provided, please request a code again.', ExpiredCodeError, true],
    ['CodeMismatchException', 'Invalid code received for user', CodeMismatchError, true],
    ['TooManyFailedAttemptsException', 'Too many failed attempts.', TooManyAttemptsError, true],
    [
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
      ChallengeSessionExpiredError,
      false,
    ],
    ['NotAuthorizedException', 'Invalid session for the user.', ChallengeSessionExpiredError, false],
  ])(
    'turns %s (%s) into %s; the sign-in can still be answered: %s',
    async (type, message, ErrorClass, kept) => {
      const answers: (() => unknown)[] = [
        () => ({ ChallengeName: 'EMAIL_OTP', Session: 's1', ChallengeParameters: {} }),
        () => {
          throw authErrorFrom(type, message);
        },
      ];
      const cognito: CognitoTransport = { send: async () => (answers.shift() ?? (() => ({})))() as never };
      const client = createBrowserClient(testConfig, { cognito });
      await client.signInWithEmailCode({ email: 'a@example.com' });

      const error = await client.confirmSignIn({ code: '12345678' }).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ cognitoType: type, message });
      const next = await client.confirmSignIn({ code: '12345678' }).catch((e: unknown) => e);
      expect(next instanceof NoPendingChallengeError).toBe(!kept);
    },
  );
});
