import { describe, expect, it } from 'vitest';
import {
  CodeMismatchError,
  NotAuthorizedError,
  PasswordPolicyError,
  UserNotConfirmedError,
  UsernameExistsError,
} from '../../src/auth/auth-errors.js';
import { NoPendingChallengeError, NotSignedInError } from '../../src/errors/client-error.js';
import type { SessionChange } from '../../src/session/session-manager.js';
import { FakeCognito } from '../support/fake-cognito.js';
import { testClient, transports } from '../support/test-client.js';

describe.each(transports)('auth over the %s transport', (kind) => {
  it('signs up, confirms with the code and signs in with SRP without sending the password', async () => {
    const cognito = new FakeCognito();
    const client = testClient(kind, cognito);

    const signUp = await client.signUp({
      email: 'ana@example.com',
      password: 'Correct-Horse-1',
      attributes: { name: 'Ana' },
    });
    expect(signUp).toMatchObject({
      userConfirmed: false,
      codeDelivery: { medium: 'EMAIL', attributeName: 'email' },
    });
    expect(cognito.calls[0]?.body).toMatchObject({
      Username: 'ana@example.com',
      UserAttributes: [
        { Name: 'email', Value: 'ana@example.com' },
        { Name: 'name', Value: 'Ana' },
      ],
    });

    await expect(
      client.signIn({ username: 'ana@example.com', password: 'Correct-Horse-1' }),
    ).rejects.toBeInstanceOf(UserNotConfirmedError);
    await client.confirmSignUp({ username: 'ana@example.com', code: '123456' });
    const result = await client.signIn({ username: 'ana@example.com', password: 'Correct-Horse-1' });

    expect(result).toMatchObject({
      status: 'signed-in',
      user: { email: 'ana@example.com', sub: signUp.userSub },
    });
    expect(cognito.calls.map((c) => c.operation)).toContain('RespondToAuthChallenge');
    const initiate = cognito.calls.filter((c) => c.operation === 'InitiateAuth').at(-1);
    expect(initiate?.body).toMatchObject({ AuthFlow: 'USER_SRP_AUTH' });
    for (const call of cognito.calls.filter((c) => c.operation !== 'SignUp')) {
      expect(JSON.stringify(call.body)).not.toContain('Correct-Horse-1');
    }
    expect(await client.getCurrentUser()).toMatchObject({
      email: 'ana@example.com',
      emailVerified: true,
      groups: [],
    });
  });

  it('signs in with the password flow when asked', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('bo@example.com', 'Password-123');
    const client = testClient(kind, cognito);

    const result = await client.signIn({
      username: 'bo@example.com',
      password: 'Password-123',
      flow: 'password',
    });

    expect(result.status).toBe('signed-in');
    expect(cognito.calls.at(-1)?.body).toMatchObject({ AuthFlow: 'USER_PASSWORD_AUTH' });
  });

  it.each(['srp', 'password'] as const)(
    'rejects a wrong password (%s) with NotAuthorizedError and Cognito’s reason',
    async (flow) => {
      const cognito = new FakeCognito();
      cognito.addUser('cy@example.com', 'Password-123');
      const client = testClient(kind, cognito);

      const error = await client
        .signIn({ username: 'cy@example.com', password: 'wrong-one', flow })
        .catch((e) => e);

      expect(error).toBeInstanceOf(NotAuthorizedError);
      expect(error).toMatchObject({
        code: 'NOT_AUTHORIZED',
        cognitoType: 'NotAuthorizedException',
        message: 'Incorrect username or password.',
      });
      expect(await client.getCurrentUser()).toBeNull();
    },
  );

  it('maps sign-up refusals to typed errors', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('dee@example.com', 'Password-123');
    const client = testClient(kind, cognito);

    await expect(
      client.signUp({ email: 'dee@example.com', password: 'Password-123' }),
    ).rejects.toBeInstanceOf(UsernameExistsError);
    await expect(client.signUp({ email: 'new@example.com', password: 'short' })).rejects.toMatchObject({
      name: 'PasswordPolicyError',
      message: 'Password did not conform with policy: Password not long enough',
    });
    await expect(client.signUp({ email: 'new@example.com', password: 'short' })).rejects.toBeInstanceOf(
      PasswordPolicyError,
    );
  });

  it('completes a NEW_PASSWORD_REQUIRED sign-in with the required attributes', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('eve@example.com', 'Temp-Password-1', { mustChangePassword: true });
    const client = testClient(kind, cognito);

    await expect(client.completeNewPassword({ newPassword: 'x' })).rejects.toBeInstanceOf(
      NoPendingChallengeError,
    );
    const first = await client.signIn({ username: 'eve@example.com', password: 'Temp-Password-1' });
    expect(first).toEqual({
      status: 'new-password-required',
      requiredAttributes: ['name'],
      userAttributes: { email: 'eve@example.com' },
    });
    const second = await client.completeNewPassword({
      newPassword: 'New-Password-2',
      attributes: { name: 'Eve' },
    });

    expect(second.status).toBe('signed-in');
    expect(cognito.calls.at(-1)?.body).toMatchObject({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ChallengeResponses: { NEW_PASSWORD: 'New-Password-2', 'userAttributes.name': 'Eve' },
    });
    await client.signOut();
    expect((await client.signIn({ username: 'eve@example.com', password: 'New-Password-2' })).status).toBe(
      'signed-in',
    );
  });

  it('revokes the refresh token on sign-out and tells the listeners', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('flo@example.com', 'Password-123');
    const client = testClient(kind, cognito);
    const changes: SessionChange['type'][] = [];
    const stop = client.onSessionChange((change) => changes.push(change.type));
    await client.signIn({ username: 'flo@example.com', password: 'Password-123' });

    await client.signOut();

    const revoke = cognito.calls.find((c) => c.operation === 'RevokeToken');
    expect(revoke?.body).toMatchObject({ ClientId: 'testclient123' });
    expect(cognito.revokedRefreshTokens.has(String(revoke?.body.Token))).toBe(true);
    expect(changes).toEqual(['signed-in', 'signed-out']);
    expect(await client.getCurrentUser()).toBeNull();
    stop();
    await client.signOut();
    expect(cognito.count('RevokeToken')).toBe(1);
  });

  it('signs out everywhere with { global: true }', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('gus@example.com', 'Password-123');
    const client = testClient(kind, cognito);
    await client.signIn({ username: 'gus@example.com', password: 'Password-123' });

    await client.signOut({ global: true });

    expect(cognito.count('GlobalSignOut')).toBe(1);
    expect(cognito.count('RevokeToken')).toBe(0);
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('resets a forgotten password with the code', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('hal@example.com', 'Password-123');
    const client = testClient(kind, cognito);

    expect(await client.forgotPassword({ username: 'hal@example.com' })).toMatchObject({ medium: 'EMAIL' });
    await expect(
      client.confirmForgotPassword({
        username: 'hal@example.com',
        code: '000000',
        newPassword: 'Other-Password-9',
      }),
    ).rejects.toBeInstanceOf(CodeMismatchError);
    await client.confirmForgotPassword({
      username: 'hal@example.com',
      code: '654321',
      newPassword: 'Other-Password-9',
    });

    expect((await client.signIn({ username: 'hal@example.com', password: 'Other-Password-9' })).status).toBe(
      'signed-in',
    );
  });

  it('changes the password of the signed-in user with the access token', async () => {
    const cognito = new FakeCognito();
    cognito.addUser('ivy@example.com', 'Password-123');
    const client = testClient(kind, cognito);
    await expect(client.changePassword({ oldPassword: 'a', newPassword: 'b' })).rejects.toBeInstanceOf(
      NotSignedInError,
    );
    await client.signIn({ username: 'ivy@example.com', password: 'Password-123' });

    await client.changePassword({ oldPassword: 'Password-123', newPassword: 'Password-456' });

    expect(cognito.calls.at(-1)?.body.AccessToken).toEqual(expect.stringMatching(/^ey/));
    await client.signOut();
    expect((await client.signIn({ username: 'ivy@example.com', password: 'Password-456' })).status).toBe(
      'signed-in',
    );
  });
});
