import { AdminCreateUserCommand, AdminInitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { enrolTotp, nextCode, setPoolMfa } from '../cognito/mfa-test-support.js';
import {
  CookieJar,
  managedLoginPages,
  type OAuthHarness,
  STRONG_PASSWORD,
  submitForm,
  USERNAME,
  useOAuthHarness,
} from './oauth-test-harness.js';

describe('sign-in steps after the password', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const { pageUrl, open } = managedLoginPages(() => t);
  const sessionOf = (page: string) => /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';

  it('asks a user with a temporary password for their own, then goes back to the app', async () => {
    await t.h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: t.poolId,
        Username: 'temp',
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
      }),
    );
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const challenged = await submitForm(jar, pageUrl('login'), html, {
      username: 'temp',
      password: 'Temp-Passw0rd!',
    });
    const page = await challenged.text();
    expect(page).toContain('<label for="answer">New password</label>');
    const session = sessionOf(page);
    const done = await submitForm(jar, pageUrl('login'), page, {
      step: 'newPassword',
      session,
      answer: STRONG_PASSWORD,
    });
    expect(done.status).toBe(302);
    expect(new URL(done.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const replay = await submitForm(jar, pageUrl('login'), page, {
      step: 'newPassword',
      session,
      answer: STRONG_PASSWORD,
    });
    expect(await replay.text()).toContain('Invalid session for the user.');
  });

  it('asks a user with an authenticator app for its code, counts a wrong one, and signs in with the right one', async () => {
    await setPoolMfa(t.h, t.poolId, 'OPTIONAL');
    const { clientId } = await t.newClient({
      ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    const auth = await t.h.sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: t.poolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD: STRONG_PASSWORD },
      }),
    );
    const secret = await enrolTotp(t.h, auth.AuthenticationResult?.AccessToken ?? '');
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const challenged = await submitForm(jar, pageUrl('login'), html, {
      username: USERNAME,
      password: STRONG_PASSWORD,
    });
    const page = await challenged.text();
    expect(page).toContain('Enter the code from your authenticator app.');
    expect(page).toContain('<label for="answer">Code</label>');
    const step = { step: 'SOFTWARE_TOKEN_MFA', session: sessionOf(page) };
    const right = nextCode(t.h, secret);
    const wrong = await submitForm(jar, pageUrl('login'), page, {
      ...step,
      answer: right === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('Invalid code received for user');
    const done = await submitForm(jar, pageUrl('login'), page, { ...step, answer: right });
    expect(done.status).toBe(302);
    expect(new URL(done.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
  });
});
