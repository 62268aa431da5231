import {
  AdminGetUserCommand,
  GetUserCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignUp, fetchAuthSession, getCurrentUser, signIn, signOut, signUp } from 'aws-amplify/auth';
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
      await createConfirmedUser(h, poolId, 'henry', [
        { Name: 'email', Value: 'henry@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]);
      // Watches which operations the server dispatched (the calls still run).
      calls = vi.spyOn(h.service, 'call');
      Amplify.configure({
        Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId, userPoolEndpoint: h.server.url } },
      });
      cognitoUserPoolsTokenProvider.setKeyValueStorage(storage);
    },
    // Only SRP and refresh are allowed, so a password sent any other way would be refused.
    { client: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } },
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

  const signInHenry = async () => {
    await expect(signIn({ username: 'henry', password: STRONG_PASSWORD })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
  };

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
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', attributeName: 'email' },
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

    await expect(signIn({ username: 'grace', password: STRONG_PASSWORD })).resolves.toMatchObject({
      isSignedIn: true,
    });
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'grace', userId: up.userId });
    expect(operations()).toEqual([
      'SignUp',
      'InitiateAuth USER_SRP_AUTH',
      'ConfirmSignUp',
      'AdminGetUser',
      'InitiateAuth USER_SRP_AUTH',
      'RespondToAuthChallenge PASSWORD_VERIFIER',
    ]);
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
});
