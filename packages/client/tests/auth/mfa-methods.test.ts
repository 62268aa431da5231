import { describe, expect, it } from 'vitest';
import { CodeMismatchError, SoftwareTokenMfaNotFoundError } from '../../src/auth/auth-errors.js';
import { NotSignedInError } from '../../src/errors/client-error.js';
import { FakeCognito } from '../support/fake-cognito.js';
import { testClient, transports } from '../support/test-client.js';
import { totpCode } from '../support/totp.js';

const NOW = Date.parse('2026-11-30T12:00:00Z');

async function signedIn(kind: (typeof transports)[number], options: { totpIssuer?: string } = {}) {
  const cognito = new FakeCognito({ now: () => NOW });
  cognito.addUser('ana@example.com', 'Password-123');
  const client = testClient(kind, cognito, { now: () => NOW, ...options });
  await client.signIn({ username: 'ana@example.com', password: 'Password-123', flow: 'password' });
  return { cognito, client };
}

describe.each(transports)('MFA settings over the %s transport', (kind) => {
  it('enrols an authenticator app, after which sign-in asks for its code', async () => {
    const { cognito, client } = await signedIn(kind);

    const { secret, otpauthUri } = await client.setUpTotp();
    expect(otpauthUri).toBe(`otpauth://totp/Gatehouse:ana%40example.com?secret=${secret}&issuer=Gatehouse`);
    expect(cognito.calls.at(-1)?.body).toEqual({ AccessToken: expect.stringMatching(/^ey/) });
    await client.verifyTotp({ code: totpCode(secret, NOW), deviceName: 'Phone' });
    expect(cognito.calls.at(-1)?.body).toMatchObject({
      UserCode: totpCode(secret, NOW),
      FriendlyDeviceName: 'Phone',
    });
    await client.setMfaPreference({ totp: 'preferred' });
    expect(cognito.calls.at(-1)?.body).toMatchObject({
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    await client.signOut();

    expect(await client.signIn({ username: 'ana@example.com', password: 'Password-123' })).toEqual({
      status: 'totp-required',
    });
    expect((await client.confirmSignIn({ code: totpCode(secret, NOW) })).status).toBe('signed-in');
  });

  it.each([
    ['enabled', { Enabled: true, PreferredMfa: false }],
    ['disabled', { Enabled: false, PreferredMfa: false }],
  ] as const)('sends the %s preference as Cognito’s settings', async (totp, settings) => {
    const { cognito, client } = await signedIn(kind);
    const { secret } = await client.setUpTotp();
    await client.verifyTotp({ code: totpCode(secret, NOW) });

    await client.setMfaPreference({ totp });

    expect(cognito.calls.at(-1)?.body.SoftwareTokenMfaSettings).toEqual(settings);
  });

  it('turns MFA off again so that sign-in needs only the password', async () => {
    const { client } = await signedIn(kind);
    const { secret } = await client.setUpTotp();
    await client.verifyTotp({ code: totpCode(secret, NOW) });
    await client.setMfaPreference({ totp: 'preferred' });
    await client.setMfaPreference({ totp: 'disabled' });
    await client.signOut();

    expect((await client.signIn({ username: 'ana@example.com', password: 'Password-123' })).status).toBe(
      'signed-in',
    );
  });

  it('refuses a wrong code and a preference before the app is verified', async () => {
    const { client } = await signedIn(kind);
    await client.setUpTotp();

    await expect(client.verifyTotp({ code: '000000' })).rejects.toBeInstanceOf(CodeMismatchError);
    const error = await client.setMfaPreference({ totp: 'preferred' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SoftwareTokenMfaNotFoundError);
    expect(error).toMatchObject({ code: 'TOTP_NOT_SET_UP' });
  });

  it('names the configured issuer, or the one given to setUpTotp', async () => {
    const { client } = await signedIn(kind, { totpIssuer: 'Acme Notes' });

    expect((await client.setUpTotp()).otpauthUri).toMatch(
      /^otpauth:\/\/totp\/Acme%20Notes:ana%40example\.com\?/,
    );
    expect((await client.setUpTotp({ issuer: 'Other' })).otpauthUri).toMatch(/&issuer=Other$/);
  });

  it('needs a signed-in user', async () => {
    const client = testClient(kind, new FakeCognito());

    await expect(client.setUpTotp()).rejects.toBeInstanceOf(NotSignedInError);
    await expect(client.verifyTotp({ code: '123456' })).rejects.toBeInstanceOf(NotSignedInError);
    await expect(client.setMfaPreference({ totp: 'enabled' })).rejects.toBeInstanceOf(NotSignedInError);
  });
});
