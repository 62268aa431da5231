import {
  ChallengeSessionExpiredError,
  CodeMismatchError,
  configFromOutputs,
  createClient,
  type GatehouseClient,
} from '@org/client';
import { createClient as createBrowserClient } from '@org/client/browser';
import { totpCode } from '@org/emulator';
import { describe, expect, it } from 'vitest';
import { signUpAndConfirm, useLocalStack } from '../support/local-stack.js';

const env = useLocalStack();

function clientOf(entry: 'node' | 'browser'): GatehouseClient {
  const config = configFromOutputs(env().stack.outputs, { endpoints: env().stack.endpoints });
  return entry === 'node' ? createClient(config) : createBrowserClient(config);
}

/** The newest sign-in code the local Cognito "emailed" to a user. */
function emailedSignInCode(sub: string): string {
  const message = env()
    .stack.cognito.outbox.list({ userPoolId: env().outputs.UserPoolId })
    .filter((m) => m.kind === 'Authentication' && m.username === sub)
    .at(-1);
  if (message?.code === undefined) throw new Error(`No sign-in code in the outbox for ${sub}`);
  return message.code;
}

describe.each(['node', 'browser'] as const)('sign-in steps (%s entry) on the synthesized app', (entry) => {
  it('enrols an authenticator app, signs out, signs in with its code and uses the API', async () => {
    const user = await signUpAndConfirm(env());
    const client = clientOf(entry);
    await client.signIn({ username: user.email, password: user.password });

    const { secret, otpauthUri } = await client.setUpTotp();
    expect(otpauthUri).toBe(
      `otpauth://totp/Gatehouse:${encodeURIComponent(user.email)}?secret=${secret}&issuer=Gatehouse`,
    );
    await expect(client.verifyTotp({ code: '000000' })).rejects.toBeInstanceOf(CodeMismatchError);
    await client.verifyTotp({ code: totpCode(secret, Date.now()), deviceName: 'Phone' });
    await client.setMfaPreference({ totp: 'preferred' });
    await client.signOut();

    expect(await client.signIn({ username: user.email, password: user.password })).toEqual({
      status: 'totp-required',
    });
    await expect(client.confirmSignIn({ code: '000000' })).rejects.toBeInstanceOf(CodeMismatchError);
    // The next step's code: the one used to verify the app may not sign in again (RFC 6238 §5.2).
    const result = await client.confirmSignIn({ code: totpCode(secret, Date.now() + 30_000) });

    expect(result).toMatchObject({ status: 'signed-in', user: { email: user.email } });
    expect(await client.me.get()).toMatchObject({ email: user.email });
    await expect(client.confirmSignIn({ code: '123456' })).rejects.toThrow('There is no sign-in waiting');
  });

  it('signs in with a code from the outbox instead of a password, and uses the API', async () => {
    const user = await signUpAndConfirm(env());
    const client = clientOf(entry);

    const step = await client.signInWithEmailCode({ email: user.email });

    expect(step).toMatchObject({ status: 'email-otp-sent', destination: expect.stringContaining('@') });
    await expect(client.confirmSignIn({ code: '00000000' })).rejects.toBeInstanceOf(CodeMismatchError);
    const result = await client.confirmSignIn({ code: emailedSignInCode(user.sub) });
    expect(result).toMatchObject({ status: 'signed-in', user: { email: user.email } });
    expect(await client.me.get()).toMatchObject({ email: user.email });
  });

  it('ends the email-code sign-in after too many wrong codes', async () => {
    const user = await signUpAndConfirm(env());
    const client = clientOf(entry);
    await client.signInWithEmailCode({ email: user.email });

    const errors: unknown[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      errors.push(await client.confirmSignIn({ code: '00000000' }).catch((e: unknown) => e));
    }

    // Three wrong codes are allowed; the session is gone for the fourth, and the client forgets the sign-in.
    expect(errors.slice(0, 3).every((e) => e instanceof CodeMismatchError)).toBe(true);
    expect(errors[3]).toBeInstanceOf(ChallengeSessionExpiredError);
    await expect(client.confirmSignIn({ code: emailedSignInCode(user.sub) })).rejects.toThrow(
      'There is no sign-in waiting',
    );
  });
});
