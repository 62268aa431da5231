import { createHmac } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  type ExplicitAuthFlowsType,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  createPoolAndClient,
  type Harness,
  passwordSignIn,
  STRONG_PASSWORD,
  useHarness,
  usePoolHarness,
} from './cognito-test-harness.js';

describe('InitiateAuth and RespondToAuthChallenge', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;

  usePoolHarness(
    (t) => {
      ({ h, poolId, clientId } = t);
    },
    {
      pool: {
        Policies: {
          PasswordPolicy: { MinimumLength: 8, RequireNumbers: true, TemporaryPasswordValidityDays: 2 },
        },
        Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }],
      },
    },
  );

  const signIn = (USERNAME: string, PASSWORD: string, ClientId = clientId) =>
    h.sdk.send(
      new InitiateAuthCommand({
        ClientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME, PASSWORD },
      }),
    );

  it.each([
    [
      ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      'USER_PASSWORD_AUTH',
      'USER_PASSWORD_AUTH flow not enabled for this client',
    ],
    [
      ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      'USER_SRP_AUTH',
      'USER_SRP_AUTH flow not enabled for this client',
    ],
    [
      ['ALLOW_USER_PASSWORD_AUTH'],
      'REFRESH_TOKEN_AUTH',
      'REFRESH_TOKEN_AUTH flow not enabled for this client',
    ],
    [undefined, 'USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH flow not enabled for this client'],
    [undefined, 'ADMIN_USER_PASSWORD_AUTH', 'Initiate Auth method not supported.'],
  ])('with ExplicitAuthFlows %j refuses %s', async (flows, AuthFlow, message) => {
    const c = await h.sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'limited',
        ...(flows === undefined ? {} : { ExplicitAuthFlows: flows as ExplicitAuthFlowsType[] }),
      }),
    );
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: c.UserPoolClient?.ClientId,
          AuthFlow: AuthFlow as 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'u', PASSWORD: 'p', SRP_A: 'abc', REFRESH_TOKEN: 'x' },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it.each([
    [{ USERNAME: 'u' }, 'Missing required parameter PASSWORD'],
    [{ PASSWORD: 'p' }, 'Missing required parameter USERNAME'],
    [{}, 'Missing required parameter USERNAME'],
  ])('names a missing auth parameter in %j', async (AuthParameters, message) => {
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message });
  });

  it('locks a user out after 5 failures for 2^(n-5) seconds and resets after success', async () => {
    await createConfirmedUser(h, poolId, 'lena', [{ Name: 'name', Value: 'Lena' }]);
    const wrong = () => signIn('lena', 'Wrong-Passw0rd');
    for (let i = 1; i <= 5; i++) {
      await expect(wrong()).rejects.toMatchObject({ message: 'Incorrect username or password.' });
    }
    // Locked for 1 s: even the right password is refused.
    await expect(signIn('lena', STRONG_PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Password attempts exceeded',
    });
    h.clock.now += 1001;
    await expect(wrong()).rejects.toMatchObject({ message: 'Incorrect username or password.' }); // 6th: 2 s
    h.clock.now += 1999;
    await expect(signIn('lena', STRONG_PASSWORD)).rejects.toMatchObject({
      message: 'Password attempts exceeded',
    });
    h.clock.now += 2;
    await expect(wrong()).rejects.toMatchObject({ message: 'Incorrect username or password.' }); // 7th: 4 s
    h.clock.now += 3999;
    await expect(signIn('lena', STRONG_PASSWORD)).rejects.toMatchObject({
      message: 'Password attempts exceeded',
    });
    h.clock.now += 2;
    await expect(signIn('lena', STRONG_PASSWORD)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
    // The success reset the count: four more failures do not lock.
    for (let i = 0; i < 4; i++)
      await expect(wrong()).rejects.toMatchObject({ message: 'Incorrect username or password.' });
    await expect(signIn('lena', STRONG_PASSWORD)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
  });

  it('caps the lockout at about 15 minutes', async () => {
    await createConfirmedUser(h, poolId, 'lars', [{ Name: 'name', Value: 'Lars' }]);
    for (let i = 1; i <= 16; i++) {
      await expect(signIn('lars', 'Wrong-Passw0rd')).rejects.toMatchObject({
        message: 'Incorrect username or password.',
      });
      if (i < 16) h.clock.now += (i < 5 ? 0 : Math.min(2 ** (i - 5), 900) * 1000) + 1;
    }
    // The 16th failure locks for min(2^11, 900) seconds.
    h.clock.now += 899_000;
    await expect(signIn('lars', STRONG_PASSWORD)).rejects.toMatchObject({
      message: 'Password attempts exceeded',
    });
    h.clock.now += 1001;
    await expect(signIn('lars', STRONG_PASSWORD)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
  });

  it('forgets failed attempts after 15 quiet minutes', async () => {
    await createConfirmedUser(h, poolId, 'leo', [{ Name: 'name', Value: 'Leo' }]);
    for (let i = 0; i < 4; i++)
      await expect(signIn('leo', 'Wrong-Passw0rd')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    h.clock.now += 15 * 60_000 + 1;
    await expect(signIn('leo', 'Wrong-Passw0rd')).rejects.toMatchObject({
      message: 'Incorrect username or password.',
    });
    // Only one failure counted now, so no lockout.
    await expect(signIn('leo', STRONG_PASSWORD)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
  });

  it('refuses a disabled user, and signs them in again once enabled', async () => {
    await createConfirmedUser(h, poolId, 'mona', [{ Name: 'name', Value: 'Mona' }]);
    const tokens = await passwordSignIn(h, clientId, 'mona');
    await h.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'mona' }));
    await expect(signIn('mona', STRONG_PASSWORD)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await h.sdk.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'mona' }));
    await expect(signIn('mona', STRONG_PASSWORD)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
  });

  it('asks for a new password (and a missing required attribute) after an admin creates the user', async () => {
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'nina',
        UserAttributes: [{ Name: 'email', Value: 'nina@example.com' }],
        TemporaryPassword: 'Temp-Passw0rd',
        MessageAction: 'SUPPRESS',
      }),
    );
    const first = await signIn('nina', 'Temp-Passw0rd');
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(JSON.parse(first.ChallengeParameters?.requiredAttributes ?? '')).toEqual(['userAttributes.name']);
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe('nina');
    expect(JSON.parse(first.ChallengeParameters?.userAttributes ?? '')).toEqual({
      email: 'nina@example.com',
      email_verified: 'false',
      name: '',
    });
    await expect(
      h.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session,
          ChallengeResponses: { USERNAME: 'nina', NEW_PASSWORD: STRONG_PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: expect.stringContaining('name') });
    const again = await signIn('nina', 'Temp-Passw0rd');
    const done = await h.sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: again.Session,
        ChallengeResponses: {
          USERNAME: 'nina',
          NEW_PASSWORD: STRONG_PASSWORD,
          'userAttributes.name': 'Nina',
        },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeDefined();
    await expect(signIn('nina', 'Temp-Passw0rd')).rejects.toMatchObject({
      message: 'Incorrect username or password.',
    });
    await expect(signIn('nina', STRONG_PASSWORD)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
  });

  it('refuses an expired or made-up NEW_PASSWORD_REQUIRED session', async () => {
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'omar',
        TemporaryPassword: 'Temp-Passw0rd',
        UserAttributes: [{ Name: 'name', Value: 'Omar' }],
        MessageAction: 'SUPPRESS',
      }),
    );
    const first = await signIn('omar', 'Temp-Passw0rd');
    h.clock.now += 3 * 60_000 + 1;
    const respond = (Session: string) =>
      h.sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session,
          ChallengeResponses: { USERNAME: 'omar', NEW_PASSWORD: STRONG_PASSWORD },
        }),
      );
    await expect(respond(first.Session ?? '')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
    await expect(respond('x'.repeat(40))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('expires temporary passwords after TemporaryPasswordValidityDays', async () => {
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'pia',
        TemporaryPassword: 'Temp-Passw0rd',
        UserAttributes: [{ Name: 'name', Value: 'Pia' }],
        MessageAction: 'SUPPRESS',
      }),
    );
    h.clock.now += 2 * 86_400_000 + 1000;
    await expect(signIn('pia', 'Temp-Passw0rd')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Temporary password has expired and must be reset by an administrator.',
    });
    await h.sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: 'pia',
        Password: 'Temp-Passw0rd2',
        Permanent: false,
      }),
    );
    await expect(signIn('pia', 'Temp-Passw0rd2')).resolves.toMatchObject({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
    });
  });

  it('signs in with ADMIN_USER_PASSWORD_AUTH and answers challenges through the admin operation', async () => {
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'quinn',
        TemporaryPassword: 'Temp-Passw0rd',
        UserAttributes: [{ Name: 'name', Value: 'Q' }],
        MessageAction: 'SUPPRESS',
      }),
    );
    const first = await h.sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'quinn', PASSWORD: 'Temp-Passw0rd' },
      }),
    );
    const done = await h.sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'quinn', NEW_PASSWORD: STRONG_PASSWORD },
      }),
    );
    expect(done.AuthenticationResult?.IdToken).toBeDefined();
    await expect(
      h.sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH' as 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'quinn', PASSWORD: STRONG_PASSWORD },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('answers an unknown user per PreventUserExistenceErrors', async () => {
    await expect(signIn('nobody', STRONG_PASSWORD)).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    const hidden = await createPoolAndClient(
      h,
      {},
      { PreventUserExistenceErrors: 'ENABLED', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] },
    );
    await expect(signIn('nobody', STRONG_PASSWORD, hidden.clientId)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
  });

  it('refuses made-up and expired refresh tokens', async () => {
    const refresh = (token: string) =>
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: token },
        }),
      );
    await expect(refresh('eyJjdHkiOiJKV1QifQ.a.b.c.d')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    await createConfirmedUser(h, poolId, 'rex', [{ Name: 'name', Value: 'Rex' }]);
    const tokens = await passwordSignIn(h, clientId, 'rex');
    h.clock.now += 30 * 86_400_000 + 1000;
    await expect(refresh(tokens.RefreshToken)).rejects.toMatchObject({
      message: 'Refresh Token has expired',
    });
  });
});

describe('clients with a secret', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('requires SECRET_HASH on sign-in and refresh (hashed with the internal username for refresh)', async () => {
    const { poolId, clientId, clientSecret } = await createPoolAndClient(
      h,
      { UsernameAttributes: ['email'] },
      { GenerateSecret: true },
    );
    const hash = (name: string) =>
      createHmac('sha256', clientSecret ?? '')
        .update(name + clientId)
        .digest('base64');
    await createConfirmedUser(h, poolId, 'sue@example.com');
    const signIn = (params: Record<string, string>) =>
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'sue@example.com', PASSWORD: STRONG_PASSWORD, ...params },
        }),
      );
    await expect(signIn({})).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(signIn({ SECRET_HASH: hash('someone-else') })).rejects.toMatchObject({
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    const out = await signIn({ SECRET_HASH: hash('sue@example.com') });
    const sub = JSON.parse(
      Buffer.from(out.AuthenticationResult?.AccessToken?.split('.')[1] ?? '', 'base64url').toString(),
    ).sub as string;
    const refreshed = await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        AuthParameters: {
          REFRESH_TOKEN: out.AuthenticationResult?.RefreshToken ?? '',
          SECRET_HASH: hash(sub),
        },
      }),
    );
    expect(refreshed.AuthenticationResult?.AccessToken).toBeDefined();
    await expect(
      h.sdk.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: clientId,
          RefreshToken: out.AuthenticationResult?.RefreshToken ?? '',
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    await expect(
      h.sdk.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: clientId,
          ClientSecret: clientSecret,
          RefreshToken: out.AuthenticationResult?.RefreshToken ?? '',
        }),
      ),
    ).resolves.toMatchObject({ AuthenticationResult: expect.any(Object) });
  });
});

describe('refresh-token rotation', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('refuses a rotated-out refresh token at once when the grace period is 0', async () => {
    const { poolId, clientId } = await createPoolAndClient(
      h,
      {},
      { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } },
    );
    await createConfirmedUser(h, poolId, 'una');
    const first = await passwordSignIn(h, clientId, 'una');
    const rotate = (RefreshToken: string) =>
      h.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken }));
    await rotate(first.RefreshToken);
    await expect(rotate(first.RefreshToken)).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });
  });

  it('hands out a new refresh token and refuses the old one after the grace period', async () => {
    const { poolId, clientId } = await createPoolAndClient(
      h,
      {},
      { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 } },
    );
    await createConfirmedUser(h, poolId, 'tom');
    const first = await passwordSignIn(h, clientId, 'tom');
    const rotate = (RefreshToken: string) =>
      h.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: clientId, RefreshToken }));
    const second = await rotate(first.RefreshToken);
    expect(second.AuthenticationResult?.RefreshToken).toBeDefined();
    expect(second.AuthenticationResult?.RefreshToken).not.toBe(first.RefreshToken);
    h.clock.now += 5000;
    await expect(rotate(first.RefreshToken)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
    h.clock.now += 6000;
    await expect(rotate(first.RefreshToken)).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });
    await expect(rotate(second.AuthenticationResult?.RefreshToken ?? '')).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringContaining('GetTokensFromRefreshToken'),
    });
  });
});
