import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  createPoolAndClient,
  type Harness,
  STRONG_PASSWORD,
  usePoolHarness,
} from './cognito-test-harness.js';
import { nextCode, setPoolMfa } from './mfa-test-support.js';

/** What `authenticateUser` ended with: a session, or the challenge callback it called. */
type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'totpRequired'; challengeName: string }
  | { kind: 'mfaSetup'; challengeName: string };

function authenticate(user: CognitoUser, password: string): Promise<Outcome> {
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: user.getUsername(), Password: password }), {
      onSuccess: (session) => resolve({ kind: 'success', session }),
      onFailure: reject,
      totpRequired: (challengeName) => resolve({ kind: 'totpRequired', challengeName }),
      mfaSetup: (challengeName) => resolve({ kind: 'mfaSetup', challengeName }),
    }),
  );
}

function associate(user: CognitoUser): Promise<string> {
  return new Promise((resolve, reject) =>
    user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject }),
  );
}

function verify(user: CognitoUser, code: string): Promise<unknown> {
  return new Promise((resolve, reject) =>
    user.verifySoftwareToken(code, 'phone', { onSuccess: resolve, onFailure: reject }),
  );
}

function sendTotp(user: CognitoUser, code: string): Promise<CognitoUserSession> {
  return new Promise((resolve, reject) =>
    user.sendMFACode(code, { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA'),
  );
}

describe('amazon-cognito-identity-js: TOTP MFA', () => {
  let h: Harness;
  let optionalPool: CognitoUserPool;
  let requiredPool: CognitoUserPool;

  usePoolHarness(async (t) => {
    ({ h } = t);
    await setPoolMfa(h, t.poolId, 'OPTIONAL');
    await createConfirmedUser(h, t.poolId, 'nina');
    optionalPool = new CognitoUserPool({
      UserPoolId: t.poolId,
      ClientId: t.clientId,
      endpoint: h.server.url,
    });
    const required = await createPoolAndClient(h);
    await setPoolMfa(h, required.poolId, 'ON');
    await createConfirmedUser(h, required.poolId, 'omar');
    requiredPool = new CognitoUserPool({
      UserPoolId: required.poolId,
      ClientId: required.clientId,
      endpoint: h.server.url,
    });
  });

  it('enrols an authenticator, then sign-in calls totpRequired and sendMFACode(…, SOFTWARE_TOKEN_MFA) completes it', async () => {
    const user = new CognitoUser({ Username: 'nina', Pool: optionalPool });
    expect(await authenticate(user, STRONG_PASSWORD)).toMatchObject({ kind: 'success' });
    const secret = await associate(user);
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    await expect(verify(user, nextCode(h, secret))).resolves.toMatchObject({ Status: 'SUCCESS' });
    await new Promise<void>((resolve, reject) =>
      user.setUserMfaPreference(null, { Enabled: true, PreferredMfa: true }, (err) =>
        err ? reject(err) : resolve(),
      ),
    );

    const again = new CognitoUser({ Username: 'nina', Pool: optionalPool });
    expect(await authenticate(again, STRONG_PASSWORD)).toEqual({
      kind: 'totpRequired',
      challengeName: 'SOFTWARE_TOKEN_MFA',
    });
    const session = await sendTotp(again, nextCode(h, secret));
    expect(session.isValid()).toBe(true);
    expect(session.getIdToken().payload['cognito:username']).toBe('nina');
  });

  it('sets up an authenticator in the MFA_SETUP challenge: mfaSetup, associateSoftwareToken, verifySoftwareToken', async () => {
    const user = new CognitoUser({ Username: 'omar', Pool: requiredPool });
    expect(await authenticate(user, STRONG_PASSWORD)).toEqual({
      kind: 'mfaSetup',
      challengeName: 'MFA_SETUP',
    });
    const secret = await associate(user);
    const session = (await verify(user, nextCode(h, secret))) as CognitoUserSession;
    expect(session.isValid()).toBe(true);

    const again = new CognitoUser({ Username: 'omar', Pool: requiredPool });
    expect(await authenticate(again, STRONG_PASSWORD)).toMatchObject({ kind: 'totpRequired' });
    await expect(sendTotp(again, nextCode(h, secret))).resolves.toHaveProperty('idToken');
  });
});
