import {
  AdminGetUserCommand,
  type ExplicitAuthFlowsType,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import {
  autoSignIn,
  confirmResetPassword,
  confirmSignUp,
  confirmUserAttribute,
  deleteUser,
  fetchAuthSession,
  fetchUserAttributes,
  getCurrentUser,
  resendSignUpCode,
  resetPassword,
  signIn,
  signOut,
  signUp,
  updatePassword,
  updateUserAttributes,
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import type { KeyValueStorageInterface } from 'aws-amplify/utils';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { CognitoService } from '../../src/cognito/index.js';
import {
  createConfirmedUser,
  decodeJwt,
  type Harness,
  STRONG_PASSWORD,
  usePoolHarness,
  verifiers,
} from './cognito-test-harness.js';

/**
 * Amplify's token store, kept in a Map so tests can read the refresh token Amplify holds (fetchAuthSession
 * never returns it). Amplify would otherwise fall back to its own in-memory storage in Node.
 */
class MapStorage implements KeyValueStorageInterface {
  readonly items = new Map<string, string>();
  async setItem(key: string, value: string): Promise<void> {
    this.items.set(key, value);
  }
  async getItem(key: string): Promise<string | null> {
    return this.items.get(key) ?? null;
  }
  async removeItem(key: string): Promise<void> {
    this.items.delete(key);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
  refreshToken(): string | undefined {
    for (const [key, value] of this.items) if (key.endsWith('.refreshToken')) return value;
    return undefined;
  }
}

// aws-amplify keeps one global configuration and one signed-in user per process: configured once for this
// file (in the harness's ready callback), and every test ends signed out.
describe('aws-amplify v6 Auth against the local Cognito', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let calls: MockInstance<CognitoService['call']>;
  const storage = new MapStorage();

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      // henry for the sign-in tests; the others each for one test that changes its user.
      for (const username of ['henry', 'ivy', 'jack', 'kate', 'liam']) {
        await createConfirmedUser(h, poolId, username, [
          { Name: 'email', Value: `${username}@example.com` },
          { Name: 'email_verified', Value: 'true' },
        ]);
      }
      // Watches which operations the server dispatched (the calls still run).
      calls = vi.spyOn(h.service, 'call');
      Amplify.configure({
        Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: h.server.url } },
      });
      cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
    },
    {
      pool: { AliasAttributes: ['email'] },
      // Only SRP and refresh are allowed, so a password sent any other way would be refused.
      client: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    },
  );

  beforeEach(() => {
    calls.mockClear();
  });
  afterEach(async () => {
    await signOut();
  });

  /** The operations the server ran since the test began, with the input members that name a flow. */
  const operations = () =>
    calls.mock.calls.map(([operation, input]) => {
      const i = input as { AuthFlow?: string; ChallengeName?: string };
      return [operation, i.AuthFlow ?? i.ChallengeName].filter((x) => x !== undefined).join(' ');
    });

  const signInAs = async (username: string, password = STRONG_PASSWORD) => {
    await expect(signIn({ username, password })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  };
  const signInHenry = () => signInAs('henry');

  it('signs up, asks for confirmation before sign-in, confirms with the sent code, then signs in', async () => {
    const up = await signUp({
      username: 'grace',
      password: STRONG_PASSWORD,
      options: { userAttributes: { email: 'grace@example.com' } },
    });
    expect(up).toMatchObject({
      isSignUpComplete: false,
      nextStep: {
        signUpStep: 'CONFIRM_SIGN_UP',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email', destination: 'g***@e***' },
      },
    });
    expect(up.userId).toMatch(/^[0-9a-f-]{36}$/);

    // Amplify turns UserNotConfirmedException into a next step rather than an error.
    await expect(signIn({ username: 'grace', password: STRONG_PASSWORD })).resolves.toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });

    const code = h.service.outbox.latest(poolId, 'grace')?.code;
    expect(code).toMatch(/^\d{6}$/);
    await expect(confirmSignUp({ username: 'grace', confirmationCode: code ?? '' })).resolves.toMatchObject({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'DONE' },
    });
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'grace' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });

    expect(operations()).toContain('ConfirmSignUp');

    calls.mockClear();
    await signInAs('grace');
    expect(operations()).toEqual(['InitiateAuth USER_SRP_AUTH', 'RespondToAuthChallenge PASSWORD_VERIFIER']);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'grace', userId: up.userId });
  });

  it('signs in with SRP: USER_SRP_AUTH, then the PASSWORD_VERIFIER challenge', async () => {
    await signInHenry();
    expect(operations()).toEqual(['InitiateAuth USER_SRP_AUTH', 'RespondToAuthChallenge PASSWORD_VERIFIER']);
    const srp = calls.mock.calls[1]?.[1] as { ChallengeResponses: Record<string, string> };
    expect(Object.keys(srp.ChallengeResponses).sort()).toEqual([
      'PASSWORD_CLAIM_SECRET_BLOCK',
      'PASSWORD_CLAIM_SIGNATURE',
      'TIMESTAMP',
      'USERNAME',
    ]);
  });

  it('is refused USER_PASSWORD_AUTH, which this client does not allow, so the default sign-in was SRP', async () => {
    await expect(
      signIn({
        username: 'henry',
        password: STRONG_PASSWORD,
        options: { authFlowType: 'USER_PASSWORD_AUTH' },
      }),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'USER_PASSWORD_AUTH flow not enabled for this client',
    });
    expect(operations()).toEqual(['InitiateAuth USER_PASSWORD_AUTH']);
  });

  it('fetchAuthSession gives Cognito ID and access tokens that verify against the pool keys', async () => {
    await signInHenry();
    const session = await fetchAuthSession();
    const idToken = session.tokens?.idToken?.toString() ?? '';
    const accessToken = session.tokens?.accessToken.toString() ?? '';
    const v = verifiers(h, poolId, clientId);
    const id = await v.id.verify(idToken);
    const access = await v.access.verify(accessToken);
    const iss = `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`;
    expect(id).toMatchObject({
      token_use: 'id',
      aud: clientId,
      iss,
      'cognito:username': 'henry',
      email: 'henry@example.com',
      email_verified: true,
    });
    expect(access).toMatchObject({
      token_use: 'access',
      client_id: clientId,
      iss,
      username: 'henry',
      scope: 'aws.cognito.signin.user.admin',
    });
    expect(access.sub).toBe(id.sub);
    expect(session.userSub).toBe(id.sub);
    // Amplify reads the payloads itself; they are the ones the server signed.
    expect(session.tokens?.idToken?.payload).toEqual(decodeJwt(idToken).payload);
    // No identity pool is configured, so there are no AWS credentials to fetch.
    expect(session.credentials).toBeUndefined();
  });

  it('getCurrentUser names the signed-in user by username and sub', async () => {
    await signInHenry();
    const sub = (await fetchAuthSession()).userSub;
    await expect(getCurrentUser()).resolves.toEqual({
      username: 'henry',
      userId: sub,
      signInDetails: { loginId: 'henry', authFlowType: 'USER_SRP_AUTH' },
    });
  });

  it('a forced refresh gets new tokens for the same session from GetTokensFromRefreshToken', async () => {
    await signInHenry();
    const before = (await fetchAuthSession()).tokens;
    h.clock.now += 60_000;
    calls.mockClear();
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens;
    expect(operations()).toEqual(['GetTokensFromRefreshToken']);

    const oldAccess = before?.accessToken.payload ?? {};
    const newAccess = after?.accessToken.payload ?? {};
    expect(after?.accessToken.toString()).not.toBe(before?.accessToken.toString());
    expect(after?.idToken?.toString()).not.toBe(before?.idToken?.toString());
    expect(newAccess.iat).toBe(Number(oldAccess.iat) + 60);
    expect(newAccess.jti).not.toBe(oldAccess.jti);
    expect(newAccess.origin_jti).toBe(oldAccess.origin_jti);
    expect(newAccess.sub).toBe(oldAccess.sub);
    const v = verifiers(h, poolId, clientId);
    await expect(v.access.verify(after?.accessToken.toString() ?? '')).resolves.toMatchObject({
      username: 'henry',
    });
    await expect(v.id.verify(after?.idToken?.toString() ?? '')).resolves.toMatchObject({
      'cognito:username': 'henry',
    });
  });

  it('refuses a wrong password with NotAuthorizedException and stays signed out', async () => {
    await expect(signIn({ username: 'henry', password: 'Wr0ng-Password!' })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    await expect(getCurrentUser()).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
  });

  it('signOut revokes the session: its refresh and access tokens are refused afterwards', async () => {
    await signInHenry();
    const accessToken = (await fetchAuthSession()).tokens?.accessToken.toString() ?? '';
    const refreshToken = storage.refreshToken() ?? '';
    expect(refreshToken).not.toBe('');
    calls.mockClear();

    await signOut();
    expect(operations()).toEqual(['RevokeToken']);
    expect(storage.refreshToken()).toBeUndefined();
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Access Token has been revoked',
    });
    await expect(getCurrentUser()).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
    expect((await fetchAuthSession()).tokens).toBeUndefined();
  });

  it('a global signOut signs the user out everywhere (GlobalSignOut)', async () => {
    await signInHenry();
    const refreshToken = storage.refreshToken() ?? '';
    calls.mockClear();

    await signOut({ global: true });
    expect(operations()).toEqual(['GlobalSignOut']);
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: refreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('signs in with a verified email alias; the user is still named by username', async () => {
    await signInAs('henry@example.com');
    await expect(getCurrentUser()).resolves.toMatchObject({
      username: 'henry',
      signInDetails: { loginId: 'henry@example.com', authFlowType: 'USER_SRP_AUTH' },
    });
  });

  it('signs in by itself after sign-up confirmation when autoSignIn is asked for', async () => {
    await signUp({
      username: 'mona',
      password: STRONG_PASSWORD,
      options: { userAttributes: { email: 'mona@example.com' }, autoSignIn: true },
    });
    await expect(resendSignUpCode({ username: 'mona' })).resolves.toMatchObject({
      deliveryMedium: 'EMAIL',
      attributeName: 'email',
    });
    expect(h.service.outbox.latest(poolId, 'mona')?.kind).toBe('ResendConfirmationCode');
    const code = h.service.outbox.latest(poolId, 'mona')?.code ?? '';
    await expect(confirmSignUp({ username: 'mona', confirmationCode: code })).resolves.toEqual({
      isSignUpComplete: true,
      nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' },
    });
    await expect(autoSignIn()).resolves.toMatchObject({ isSignedIn: true });
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'mona' });
  });

  it('fetchUserAttributes reads the signed-in user’s attributes (GetUser)', async () => {
    await signInHenry();
    const attributes = await fetchUserAttributes();
    expect(attributes).toMatchObject({ email: 'henry@example.com', email_verified: 'true' });
    expect(attributes.sub).toBe((await fetchAuthSession()).userSub);
    expect(operations()).toContain('GetUser');
  });

  it('updateUserAttributes asks to confirm a new email with a code, and confirmUserAttribute does', async () => {
    await signInAs('jack');
    const out = await updateUserAttributes({ userAttributes: { email: 'jack@example.org', name: 'Jack' } });
    expect(out.name).toEqual({ isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } });
    expect(out.email).toMatchObject({
      isUpdated: false,
      nextStep: {
        updateAttributeStep: 'CONFIRM_ATTRIBUTE_WITH_CODE',
        codeDeliveryDetails: { attributeName: 'email', deliveryMedium: 'EMAIL' },
      },
    });
    const sent = h.service.outbox.latest(poolId, 'jack');
    expect(sent).toMatchObject({ kind: 'VerifyUserAttribute', attributeName: 'email' });
    await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: sent?.code ?? '' });
    await expect(fetchUserAttributes()).resolves.toMatchObject({
      email: 'jack@example.org',
      email_verified: 'true',
      name: 'Jack',
    });
  });

  it('updatePassword changes the password (ChangePassword): only the new one signs in', async () => {
    const next = 'N3w-Password!';
    await signInAs('ivy');
    await updatePassword({ oldPassword: STRONG_PASSWORD, newPassword: next });
    expect(operations()).toContain('ChangePassword');
    await signOut();
    await expect(signIn({ username: 'ivy', password: STRONG_PASSWORD })).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await signInAs('ivy', next);
  });

  it('resetPassword and confirmResetPassword set a new password with the sent code', async () => {
    const next = 'R3set-Password!';
    await expect(resetPassword({ username: 'kate' })).resolves.toMatchObject({
      isPasswordReset: false,
      nextStep: {
        resetPasswordStep: 'CONFIRM_RESET_PASSWORD_WITH_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email' },
      },
    });
    const sent = h.service.outbox.latest(poolId, 'kate');
    expect(sent?.kind).toBe('ForgotPassword');
    await confirmResetPassword({ username: 'kate', confirmationCode: sent?.code ?? '', newPassword: next });
    expect(operations()).toEqual(['ForgotPassword', 'ConfirmForgotPassword']);
    await signInAs('kate', next);
  });

  it('deleteUser removes the signed-in user and signs out', async () => {
    await signInAs('liam');
    await deleteUser();
    expect(operations()).toContain('DeleteUser');
    await expect(
      h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'liam' })),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(getCurrentUser()).rejects.toMatchObject({ name: 'UserUnAuthenticatedException' });
  });

  it('with refresh token rotation, a forced refresh stores the new refresh token and sign-out revokes it', async () => {
    const settings = {
      UserPoolId: poolId,
      ClientId: clientId,
      ClientName: 'web',
      ExplicitAuthFlows: [
        'ALLOW_USER_SRP_AUTH',
        'ALLOW_REFRESH_TOKEN_AUTH',
      ] satisfies ExplicitAuthFlowsType[],
    };
    await h.sdk.send(
      new UpdateUserPoolClientCommand({
        ...settings,
        RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
      }),
    );
    try {
      await signInHenry();
      const first = storage.refreshToken() ?? '';
      await fetchAuthSession({ forceRefresh: true });
      const second = storage.refreshToken() ?? '';
      expect(second).not.toBe('');
      expect(second).not.toBe(first);
      // The rotated-out token no longer refreshes once the (zero) grace period has passed.
      h.clock.now += 1000;
      await expect(
        h.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: first })),
      ).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });

      await signOut();
      await expect(
        h.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken: second })),
      ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    } finally {
      await h.sdk.send(new UpdateUserPoolClientCommand(settings));
    }
  });
});
