import type { GatehouseClient, SignInResult } from '@org/client';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../src/cli-error.js';
import { runCommand } from '../src/run-command.js';

/** A client whose sign-in stops at the given step; the CLI's other commands are not used here. */
function clientStoppingAt(step: SignInResult): GatehouseClient {
  return { signIn: async () => step } as unknown as GatehouseClient;
}

const context = { password: async () => 'Password-123', outboxCode: async () => '123456' };

describe('runCommand signin', () => {
  it.each([
    [{ status: 'totp-required' }, 'SIGN_IN_STEP_REQUIRED', /another step \(totp-required\)/],
    [{ status: 'email-otp-sent', destination: 'a***@e***' }, 'SIGN_IN_STEP_REQUIRED', /email-otp-sent/],
    [
      { status: 'new-password-required', requiredAttributes: [], userAttributes: {} },
      'NEW_PASSWORD_REQUIRED',
      /must set a new password first/,
    ],
  ] as const)('names the step a sign-in stopped at (%j)', async (step, code, message) => {
    const error = await runCommand(
      clientStoppingAt(step),
      { kind: 'signin', email: 'a@example.com' },
      context,
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(CliUsageError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });
});
