import {
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkPassword, SrpClient, verifyClaimSignature } from '../../src/cognito/srp.js';
import {
  createConfirmedUser,
  type Harness,
  STRONG_PASSWORD,
  srpChallenge,
  usePoolHarness,
} from './cognito-test-harness.js';

// The password checks are wrapped (not replaced) so a test can see that an attempt for a user who does not
// exist does the same work as one for a user who does: timing must not tell them apart either.
vi.mock('../../src/cognito/srp.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/cognito/srp.js')>();
  return {
    ...actual,
    checkPassword: vi.fn(actual.checkPassword),
    verifyClaimSignature: vi.fn(actual.verifyClaimSignature),
  };
});

const INCORRECT = { name: 'NotAuthorizedException', message: 'Incorrect username or password.' };
const WRONG = 'Wr0ng-Password!';

describe('a client with PreventUserExistenceErrors ENABLED', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  const preAuthEvents: Record<string, unknown>[] = [];
  const poolName = () => poolId.split('_')[1] ?? '';

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await createConfirmedUser(h, poolId, 'known');
      await createConfirmedUser(h, poolId, 'disabled');
      await h.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'disabled' }));
    },
    {
      service: {
        // The host's Lambda runtime is the edge we do not own: record the PreAuthentication events.
        invokeTrigger: async (_arn, event) => {
          preAuthEvents.push(structuredClone(event));
          return event;
        },
      },
      pool: {
        LambdaConfig: { PreAuthentication: 'arn:aws:lambda:us-east-1:000000000000:function:pre-auth' },
      },
      client: { PreventUserExistenceErrors: 'ENABLED' },
    },
  );
  beforeEach(() => {
    // Past any lockout the wrong passwords of earlier tests started.
    h.clock.now += 20 * 60_000;
    preAuthEvents.length = 0;
    vi.mocked(checkPassword).mockClear();
    vi.mocked(verifyClaimSignature).mockClear();
  });

  const passwordSignIn = (
    flow: 'USER_PASSWORD_AUTH' | 'ADMIN_USER_PASSWORD_AUTH',
    username: string,
    password: string,
  ) =>
    flow === 'USER_PASSWORD_AUTH'
      ? h.sdk.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: flow,
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        )
      : h.sdk.send(
          new AdminInitiateAuthCommand({
            UserPoolId: poolId,
            ClientId: clientId,
            AuthFlow: flow,
            AuthParameters: { USERNAME: username, PASSWORD: password },
          }),
        );

  async function srpSignIn(username: string, password: string) {
    const client = new SrpClient(poolName());
    const params = await srpChallenge(h, clientId, username, client);
    return h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: client.respond(params, password),
      }),
    );
  }

  it.each(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH'] as const)(
    '%s answers an unknown user, a wrong password and a disabled user’s wrong password alike',
    async (flow) => {
      for (const username of ['nobody', 'known', 'disabled']) {
        await expect(passwordSignIn(flow, username, WRONG)).rejects.toMatchObject(INCORRECT);
      }
    },
  );

  it('tells a disabled user so only once the password is right', async () => {
    await expect(passwordSignIn('USER_PASSWORD_AUTH', 'disabled', STRONG_PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    await expect(srpSignIn('disabled', STRONG_PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
  });

  it('USER_SRP_AUTH challenges a disabled user and answers a wrong proof as for an unknown one', async () => {
    for (const username of ['nobody', 'known', 'disabled']) {
      await expect(srpSignIn(username, WRONG)).rejects.toMatchObject(INCORRECT);
    }
  });

  it('checks a password for an unknown user as for a known one', async () => {
    await expect(passwordSignIn('USER_PASSWORD_AUTH', 'known', WRONG)).rejects.toMatchObject(INCORRECT);
    const known = vi.mocked(checkPassword).mock.calls.length;
    await expect(passwordSignIn('USER_PASSWORD_AUTH', 'nobody', WRONG)).rejects.toMatchObject(INCORRECT);
    expect(known).toBe(1);
    expect(vi.mocked(checkPassword).mock.calls.length - known).toBe(known);
  });

  it('checks an SRP proof for an unknown user as for a known one', async () => {
    await expect(srpSignIn('known', WRONG)).rejects.toMatchObject(INCORRECT);
    const known = vi.mocked(verifyClaimSignature).mock.calls.length;
    await expect(srpSignIn('nobody', WRONG)).rejects.toMatchObject(INCORRECT);
    expect(known).toBe(1);
    expect(vi.mocked(verifyClaimSignature).mock.calls.length - known).toBe(known);
  });

  it.each([
    ['USER_PASSWORD_AUTH', () => passwordSignIn('USER_PASSWORD_AUTH', 'nobody', WRONG)],
    ['USER_SRP_AUTH', () => srpSignIn('nobody', WRONG)],
  ])('%s runs PreAuthentication for an unknown user with userNotFound, as AWS does', async (_, attempt) => {
    await expect(attempt()).rejects.toMatchObject(INCORRECT);
    expect(preAuthEvents).toHaveLength(1);
    expect(preAuthEvents[0]).toMatchObject({
      triggerSource: 'PreAuthentication_Authentication',
      userName: 'nobody',
      request: { userAttributes: {}, userNotFound: true },
    });
  });

  it('runs PreAuthentication for a known user with userNotFound false', async () => {
    await expect(passwordSignIn('USER_PASSWORD_AUTH', 'known', WRONG)).rejects.toMatchObject(INCORRECT);
    expect(preAuthEvents[0]).toMatchObject({ userName: 'known', request: { userNotFound: false } });
  });
});

describe('a client with PreventUserExistenceErrors ENABLED: lockout and code limits', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  const LOCKED = { name: 'NotAuthorizedException', message: 'Password attempts exceeded' };
  const MISMATCH = { name: 'CodeMismatchException' };
  const LIMIT = {
    name: 'LimitExceededException',
    message: 'Attempt limit exceeded, please try after some time.',
  };
  let n = 0;

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
    },
    { client: { PreventUserExistenceErrors: 'ENABLED' } },
  );
  beforeEach(() => {
    h.clock.now += 20 * 60_000;
    n++;
  });

  /** A fresh existing user (with a verified email, so a reset code can be sent) or a fresh unknown name. */
  async function subject(kind: 'existing' | 'unknown'): Promise<string> {
    const name = `${kind}-${n}`;
    if (kind === 'existing') {
      await createConfirmedUser(h, poolId, name, [
        { Name: 'email', Value: `${name}@example.com` },
        { Name: 'email_verified', Value: 'true' },
      ]);
    }
    return name;
  }

  const passwordAttempt = (username: string, password: string) =>
    h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );

  async function srpAttempt(username: string, password: string) {
    const client = new SrpClient(poolId.split('_')[1] ?? '');
    const params = await srpChallenge(h, clientId, username, client);
    return h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: client.respond(params, password),
      }),
    );
  }

  it.each([
    ['USER_PASSWORD_AUTH', 'existing'],
    ['USER_PASSWORD_AUTH', 'unknown'],
    ['USER_SRP_AUTH', 'existing'],
    ['USER_SRP_AUTH', 'unknown'],
  ] as const)('%s locks out an %s name after 5 failures, alike', async (flow, kind) => {
    const username = await subject(kind);
    const attempt = flow === 'USER_PASSWORD_AUTH' ? passwordAttempt : srpAttempt;
    for (let i = 0; i < 5; i++) await expect(attempt(username, WRONG)).rejects.toMatchObject(INCORRECT);
    await expect(attempt(username, WRONG)).rejects.toMatchObject(LOCKED);
    // The lockout (1 s after the fifth failure) ends, and the count goes on from there.
    h.clock.now += 1_001;
    await expect(attempt(username, WRONG)).rejects.toMatchObject(INCORRECT);
    await expect(attempt(username, WRONG)).rejects.toMatchObject(LOCKED);
  });

  it('refuses the right password of a locked-out user as it refuses a locked-out unknown name', async () => {
    const existing = await subject('existing');
    for (let i = 0; i < 5; i++) await expect(passwordAttempt(existing, WRONG)).rejects.toThrow();
    await expect(passwordAttempt(existing, STRONG_PASSWORD)).rejects.toMatchObject(LOCKED);
    h.clock.now += 20 * 60_000;
    await expect(passwordAttempt(existing, STRONG_PASSWORD)).resolves.toHaveProperty('AuthenticationResult');
  });

  it.each(['existing', 'unknown'] as const)(
    'challenges a locked-out %s name in the first SRP step and tells the lockout only after the proof',
    async (kind) => {
      const username = await subject(kind);
      for (let i = 0; i < 5; i++) await expect(passwordAttempt(username, WRONG)).rejects.toThrow();
      const client = new SrpClient(poolId.split('_')[1] ?? '');
      const params = await srpChallenge(h, clientId, username, client);
      expect(params.SRP_B).toMatch(/^[0-9a-f]+$/);
      await expect(
        h.sdk.send(
          new RespondToAuthChallengeCommand({
            ClientId: clientId,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: client.respond(params, STRONG_PASSWORD),
          }),
        ),
      ).rejects.toMatchObject(LOCKED);
    },
  );

  it.each(['existing', 'unknown'] as const)(
    'ConfirmForgotPassword answers LimitExceededException after 5 wrong codes for an %s name',
    async (kind) => {
      const username = await subject(kind);
      await h.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
      const confirm = () =>
        h.sdk.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username: username,
            ConfirmationCode: 'not-the-code',
            Password: STRONG_PASSWORD,
          }),
        );
      for (let i = 0; i < 5; i++) await expect(confirm()).rejects.toMatchObject(MISMATCH);
      await expect(confirm()).rejects.toMatchObject(LIMIT);
      // A new code restarts the count, for both.
      await h.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: username }));
      await expect(confirm()).rejects.toMatchObject(MISMATCH);
    },
  );

  it.each(['unconfirmed', 'unknown'] as const)(
    'ConfirmSignUp answers LimitExceededException after 5 wrong codes for an %s name',
    async (kind) => {
      const username = `${kind}-${n}`;
      if (kind === 'unconfirmed') {
        await h.sdk.send(
          new SignUpCommand({
            ClientId: clientId,
            Username: username,
            Password: STRONG_PASSWORD,
            UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
          }),
        );
      }
      const confirm = () =>
        h.sdk.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: username, ConfirmationCode: '000000x' }),
        );
      for (let i = 0; i < 5; i++) await expect(confirm()).rejects.toMatchObject(MISMATCH);
      await expect(confirm()).rejects.toMatchObject(LIMIT);
    },
  );
});

describe('a case-insensitive pool whose client hides user existence', () => {
  let h: Harness;
  let clientId: string;

  usePoolHarness(
    (t) => {
      ({ h, clientId } = t);
    },
    {
      pool: { UsernameConfiguration: { CaseSensitive: false } },
      client: { PreventUserExistenceErrors: 'ENABLED' },
    },
  );

  it('locks out an unknown name however it is capitalised, as it would a user', async () => {
    const attempt = (username: string) =>
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: WRONG },
        }),
      );
    for (const name of ['Ghost', 'GHOST', 'ghost', 'gHost', 'GhOsT']) {
      await expect(attempt(name)).rejects.toMatchObject(INCORRECT);
    }
    await expect(attempt('ghost')).rejects.toMatchObject({ message: 'Password attempts exceeded' });
    await expect(attempt('ghost2')).rejects.toMatchObject(INCORRECT);
  });
});

describe('a client with PreventUserExistenceErrors LEGACY', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;

  usePoolHarness(async (t) => {
    ({ h, poolId, clientId } = t);
    await createConfirmedUser(h, poolId, 'disabled');
    await h.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'disabled' }));
  });

  it.each([
    ['an unknown user', 'nobody', { name: 'UserNotFoundException', message: 'User does not exist.' }],
    ['a disabled user, whatever the password', 'disabled', { message: 'User is disabled.' }],
  ])('names %s', async (_, username, error) => {
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: WRONG },
        }),
      ),
    ).rejects.toMatchObject(error);
  });
});
