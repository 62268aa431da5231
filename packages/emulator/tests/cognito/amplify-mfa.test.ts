import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  fetchMFAPreference,
  getCurrentUser,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import type { CognitoService } from '../../src/cognito/index.js';
import {
  createConfirmedUser,
  type Harness,
  STRONG_PASSWORD,
  usePoolHarness,
} from './cognito-test-harness.js';
import { EMAIL_CODE_POOL, nextCode, setPoolMfa } from './mfa-test-support.js';

const verified = (name: string) => [
  { Name: 'email', Value: `${name}@example.com` },
  { Name: 'email_verified', Value: 'true' },
];

// aws-amplify keeps one global configuration and one signed-in user per process: each describe configures it
// for its own pool (in its harness's ready callback), and every test ends signed out.
describe('aws-amplify v6: TOTP MFA and email one-time passwords against the local Cognito', () => {
  let h: Harness;
  let poolId: string;
  let calls: MockInstance<CognitoService['call']>;

  usePoolHarness(
    async (t) => {
      ({ h, poolId } = t);
      await setPoolMfa(h, poolId, 'OPTIONAL');
      for (const name of ['tara', 'otto', 'sam']) await createConfirmedUser(h, poolId, name, verified(name));
      calls = vi.spyOn(h.service, 'call');
      Amplify.configure({
        Auth: {
          Cognito: { userPoolId: poolId, userPoolClientId: t.clientId, userPoolEndpoint: h.server.url },
        },
      });
    },
    {
      pool: {
        ...EMAIL_CODE_POOL,
        Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
      },
      client: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_AUTH'] },
    },
  );

  beforeEach(() => {
    calls.mockClear();
  });
  afterEach(async () => {
    await signOut();
  });

  const operations = () =>
    calls.mock.calls.map(([operation, input]) => {
      const i = input as { AuthFlow?: string; ChallengeName?: string };
      return [operation, i.AuthFlow ?? i.ChallengeName].filter((x) => x !== undefined).join(' ');
    });

  it('setUpTOTP → verifyTOTPSetup → updateMFAPreference, then signIn asks for the TOTP code and confirmSignIn completes it', async () => {
    await expect(signIn({ username: 'tara', password: STRONG_PASSWORD })).resolves.toMatchObject({
      isSignedIn: true,
    });
    const setup = await setUpTOTP();
    expect(setup.sharedSecret).toMatch(/^[A-Z2-7]{52}$/);
    expect(setup.getSetupUri('Gatehouse').toString()).toContain(`secret=${setup.sharedSecret}`);
    await verifyTOTPSetup({
      code: nextCode(h, setup.sharedSecret),
      options: { friendlyDeviceName: 'phone' },
    });
    await updateMFAPreference({ totp: 'PREFERRED' });
    await expect(fetchMFAPreference()).resolves.toMatchObject({ preferred: 'TOTP', enabled: ['TOTP'] });
    expect(operations()).toEqual(
      expect.arrayContaining(['AssociateSoftwareToken', 'VerifySoftwareToken', 'SetUserMFAPreference']),
    );
    await signOut();

    calls.mockClear();
    await expect(signIn({ username: 'tara', password: STRONG_PASSWORD })).resolves.toEqual({
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
    });
    await expect(confirmSignIn({ challengeResponse: nextCode(h, setup.sharedSecret) })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(operations()).toEqual([
      'InitiateAuth USER_SRP_AUTH',
      'RespondToAuthChallenge PASSWORD_VERIFIER',
      'RespondToAuthChallenge SOFTWARE_TOKEN_MFA',
    ]);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'tara' });
  });

  it('gives a wrong TOTP code back as CodeMismatchException and lets the user type it again', async () => {
    await signIn({ username: 'sam', password: STRONG_PASSWORD });
    const setup = await setUpTOTP();
    await verifyTOTPSetup({ code: nextCode(h, setup.sharedSecret) });
    await updateMFAPreference({ totp: 'ENABLED' });
    await signOut();
    await signIn({ username: 'sam', password: STRONG_PASSWORD });
    const right = nextCode(h, setup.sharedSecret);
    await expect(
      confirmSignIn({ challengeResponse: right === '000000' ? '000001' : '000000' }),
    ).rejects.toMatchObject({
      name: 'CodeMismatchException',
    });
    await expect(confirmSignIn({ challengeResponse: right })).resolves.toMatchObject({ isSignedIn: true });
  });

  it("signIn with USER_AUTH and the preferred EMAIL_OTP, then confirmSignIn with the outbox's code", async () => {
    await expect(
      signIn({ username: 'otto', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } }),
    ).resolves.toEqual({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
        codeDeliveryDetails: { deliveryMedium: 'EMAIL', destination: 'o***@e***' },
      },
    });
    const code = h.service.outbox.latest(poolId, 'otto')?.code ?? '';
    expect(code).toMatch(/^\d{8}$/);
    await expect(confirmSignIn({ challengeResponse: code })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(operations()).toEqual(['InitiateAuth USER_AUTH', 'RespondToAuthChallenge EMAIL_OTP']);
    await expect(getCurrentUser()).resolves.toMatchObject({ username: 'otto' });
  });

  it('signIn with USER_AUTH and no preference offers the first factors; choosing EMAIL_OTP sends the code', async () => {
    const first = await signIn({ username: 'otto', options: { authFlowType: 'USER_AUTH' } });
    expect(first).toMatchObject({
      isSignedIn: false,
      nextStep: {
        signInStep: 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION',
        availableChallenges: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP'],
      },
    });
    await expect(confirmSignIn({ challengeResponse: 'EMAIL_OTP' })).resolves.toMatchObject({
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE' },
    });
    const code = h.service.outbox.latest(poolId, 'otto')?.code ?? '';
    await expect(confirmSignIn({ challengeResponse: code })).resolves.toMatchObject({ isSignedIn: true });
  });
});

describe('aws-amplify v6: setting up TOTP during sign-in when the pool requires MFA', () => {
  let h: Harness;
  let poolId: string;

  usePoolHarness(
    async (t) => {
      ({ h, poolId } = t);
      await setPoolMfa(h, poolId, 'ON');
      await createConfirmedUser(h, poolId, 'una', verified('una'));
      Amplify.configure({
        Auth: {
          Cognito: { userPoolId: poolId, userPoolClientId: t.clientId, userPoolEndpoint: h.server.url },
        },
      });
    },
    { client: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } },
  );

  afterEach(async () => {
    await signOut();
  });

  it('signIn answers CONTINUE_SIGN_IN_WITH_TOTP_SETUP with the secret; confirmSignIn with a code signs in', async () => {
    const out = await signIn({ username: 'una', password: STRONG_PASSWORD });
    expect(out).toMatchObject({
      isSignedIn: false,
      nextStep: { signInStep: 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP' },
    });
    const secret =
      out.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP'
        ? out.nextStep.totpSetupDetails.sharedSecret
        : '';
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    await expect(confirmSignIn({ challengeResponse: nextCode(h, secret) })).resolves.toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'una' }));
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });
});
