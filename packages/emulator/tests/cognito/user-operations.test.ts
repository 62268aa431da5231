import { createHmac } from 'node:crypto';
import {
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RevokeTokenCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  createPoolAndClient,
  type Harness,
  passwordSignIn,
  rawCall,
  STRONG_PASSWORD,
  startHarness,
  usePoolHarness,
} from './cognito-test-harness.js';

const NEW_PASSWORD = 'N3w-Passw0rd!!';

describe('operations of a signed-in user', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  const verified = (name: string) => [
    { Name: 'email', Value: `${name}@example.com` },
    { Name: 'email_verified', Value: 'true' },
  ];

  usePoolHarness(
    (t) => {
      ({ h, poolId, clientId } = t);
    },
    { pool: { AliasAttributes: ['email'] } },
  );

  it('GetUser returns the username and attributes, sub included', async () => {
    await createConfirmedUser(h, poolId, 'uma', verified('uma'));
    const t = await passwordSignIn(h, clientId, 'uma');
    const me = await h.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }));
    expect(me.Username).toBe('uma');
    expect(me.UserAttributes?.map((a) => a.Name)).toEqual(['sub', 'email', 'email_verified']);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'VerifyUserAttribute answers an attribute named %s, which has no code, as an expired code, not a 500',
    async (name) => {
      const username = `vua-${name.replace(/_/g, '')}`;
      await createConfirmedUser(h, poolId, username, verified(username));
      const t = await passwordSignIn(h, clientId, username);
      // With a code pending for email, the user's codes are a map that a name like `constructor` must not reach into.
      await h.sdk.send(
        new GetUserAttributeVerificationCodeCommand({ AccessToken: t.AccessToken, AttributeName: 'email' }),
      );
      await expect(
        h.sdk.send(
          new VerifyUserAttributeCommand({ AccessToken: t.AccessToken, AttributeName: name, Code: '123456' }),
        ),
      ).rejects.toMatchObject({ name: 'ExpiredCodeException', $metadata: { httpStatusCode: 400 } });
    },
  );

  it('GetUser and AdminGetUser leave out UserMFASettingList for a user without MFA, as AWS does', async () => {
    await createConfirmedUser(h, poolId, 'umi', verified('umi'));
    const t = await passwordSignIn(h, clientId, 'umi');
    const me = await h.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }));
    const admin = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'umi' }));
    expect(me).not.toHaveProperty('UserMFASettingList');
    expect(admin).not.toHaveProperty('UserMFASettingList');
    expect(me.UserMFASettingList).toBeUndefined();
    expect(admin.UserMFASettingList).toBeUndefined();
  });

  it.each([
    ['garbage', 'not-a-jwt', 'Invalid Access Token'],
    ['a token with a forged signature', 'FORGE', 'Invalid Access Token'],
  ])('GetUser refuses %s', async (_what, token, message) => {
    let accessToken = token;
    if (token === 'FORGE') {
      await createConfirmedUser(h, poolId, 'vic', verified('vic'));
      const t = await passwordSignIn(h, clientId, 'vic');
      const [a, b] = t.AccessToken.split('.');
      accessToken = `${a}.${b}.${Buffer.from('forged').toString('base64url')}`;
    }
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: accessToken }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message,
    });
  });

  it('UpdateUserAttributes changes attributes and re-verifies a new email with a code', async () => {
    await createConfirmedUser(h, poolId, 'wes', verified('wes'));
    const t = await passwordSignIn(h, clientId, 'wes');
    const out = await h.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: t.AccessToken,
        UserAttributes: [
          { Name: 'name', Value: 'Wes' },
          { Name: 'email', Value: 'wes2@example.com' },
        ],
      }),
    );
    expect(out.CodeDeliveryDetailsList).toEqual([
      { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'w***@e***' },
    ]);
    let user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'wes' }));
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'name', Value: 'Wes' },
        { Name: 'email', Value: 'wes2@example.com' },
        { Name: 'email_verified', Value: 'false' },
      ]),
    );
    const code = h.service.outbox.latest(poolId, 'wes')?.code ?? '';
    await expect(
      h.sdk.send(
        new VerifyUserAttributeCommand({
          AccessToken: t.AccessToken,
          AttributeName: 'email',
          Code: code === '000000' ? '111111' : '000000',
        }),
      ),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await h.sdk.send(
      new VerifyUserAttributeCommand({ AccessToken: t.AccessToken, AttributeName: 'email', Code: code }),
    );
    user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'wes' }));
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
  });

  it('UpdateUserAttributes refuses what a user may not write', async () => {
    await createConfirmedUser(h, poolId, 'xena', verified('xena'));
    const t = await passwordSignIn(h, clientId, 'xena');
    await expect(
      h.sdk.send(
        new UpdateUserAttributesCommand({
          AccessToken: t.AccessToken,
          UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'A client attempted to write unauthorized attribute',
    });
    await expect(
      h.sdk.send(
        new UpdateUserAttributesCommand({
          AccessToken: t.AccessToken,
          UserAttributes: [{ Name: 'sub', Value: 'x' }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('GetUserAttributeVerificationCode sends a new code', async () => {
    await createConfirmedUser(h, poolId, 'yara', verified('yara'));
    const t = await passwordSignIn(h, clientId, 'yara');
    const out = await h.sdk.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: t.AccessToken, AttributeName: 'email' }),
    );
    expect(out.CodeDeliveryDetails?.AttributeName).toBe('email');
    expect(h.service.outbox.latest(poolId, 'yara')).toMatchObject({
      kind: 'VerifyUserAttribute',
      attributeName: 'email',
    });
  });

  it('ChangePassword needs the previous password and then only the new one works', async () => {
    await createConfirmedUser(h, poolId, 'zack', verified('zack'));
    const t = await passwordSignIn(h, clientId, 'zack');
    await expect(
      h.sdk.send(
        new ChangePasswordCommand({
          AccessToken: t.AccessToken,
          PreviousPassword: 'Wr0ng-Passw0rd',
          ProposedPassword: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    await expect(
      h.sdk.send(
        new ChangePasswordCommand({
          AccessToken: t.AccessToken,
          PreviousPassword: STRONG_PASSWORD,
          ProposedPassword: 'weak',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await h.sdk.send(
      new ChangePasswordCommand({
        AccessToken: t.AccessToken,
        PreviousPassword: STRONG_PASSWORD,
        ProposedPassword: NEW_PASSWORD,
      }),
    );
    await expect(passwordSignIn(h, clientId, 'zack')).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await expect(passwordSignIn(h, clientId, 'zack', NEW_PASSWORD)).resolves.toMatchObject({
      TokenType: 'Bearer',
    });
  });

  it('ForgotPassword and ConfirmForgotPassword reset the password with a code that expires after an hour', async () => {
    await createConfirmedUser(h, poolId, 'abby', verified('abby'));
    const sent = await h.sdk.send(
      new ForgotPasswordCommand({ ClientId: clientId, Username: 'abby@example.com' }),
    );
    expect(sent.CodeDeliveryDetails).toMatchObject({ DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = h.service.outbox.latest(poolId, 'abby')?.code ?? '';
    await expect(
      h.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'abby',
          ConfirmationCode: code,
          Password: 'weak',
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await h.sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'abby',
        ConfirmationCode: code,
        Password: NEW_PASSWORD,
      }),
    );
    await expect(passwordSignIn(h, clientId, 'abby', NEW_PASSWORD)).resolves.toMatchObject({
      TokenType: 'Bearer',
    });

    await h.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'abby' }));
    const late = h.service.outbox.latest(poolId, 'abby')?.code ?? '';
    h.clock.now += 3600_000 + 1000;
    await expect(
      h.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'abby',
          ConfirmationCode: late,
          Password: STRONG_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExpiredCodeException' });
  });

  it('ConfirmForgotPassword without a requested code answers ExpiredCodeException', async () => {
    await createConfirmedUser(h, poolId, 'bo', verified('bo'));
    await expect(
      h.sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: clientId,
          Username: 'bo',
          ConfirmationCode: '123456',
          Password: NEW_PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('ForgotPassword refuses a user without a verified channel', async () => {
    await createConfirmedUser(h, poolId, 'cy');
    await expect(
      h.sdk.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'cy' })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Cannot reset password for the user as there is no registered/verified email or phone_number',
    });
  });

  it('AdminResetUserPassword requires a reset before the next sign-in', async () => {
    await createConfirmedUser(h, poolId, 'dee', verified('dee'));
    await h.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'dee' }));
    await expect(passwordSignIn(h, clientId, 'dee')).rejects.toMatchObject({
      name: 'PasswordResetRequiredException',
    });
    const message = h.service.outbox.latest(poolId, 'dee');
    expect(message?.kind).toBe('AdminResetUserPassword');
    await h.sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: clientId,
        Username: 'dee',
        ConfirmationCode: message?.code ?? '',
        Password: NEW_PASSWORD,
      }),
    );
    await expect(passwordSignIn(h, clientId, 'dee', NEW_PASSWORD)).resolves.toMatchObject({
      TokenType: 'Bearer',
    });
  });

  it('GlobalSignOut revokes every refresh token and access token of the user', async () => {
    await createConfirmedUser(h, poolId, 'eve', verified('eve'));
    const a = await passwordSignIn(h, clientId, 'eve');
    const b = await passwordSignIn(h, clientId, 'eve');
    await h.sdk.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken }));
    for (const t of [a, b]) {
      await expect(h.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }))).rejects.toMatchObject({
        message: 'Access Token has been revoked',
      });
      await expect(
        h.sdk.send(
          new InitiateAuthCommand({
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: t.RefreshToken },
          }),
        ),
      ).rejects.toMatchObject({ message: 'Refresh Token has been revoked' });
    }
    const fresh = await passwordSignIn(h, clientId, 'eve');
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).resolves.toMatchObject({
      Username: 'eve',
    });
  });

  it('RevokeToken revokes one session only, and refuses access tokens', async () => {
    await createConfirmedUser(h, poolId, 'fay', verified('fay'));
    const a = await passwordSignIn(h, clientId, 'fay');
    const b = await passwordSignIn(h, clientId, 'fay');
    await h.sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: a.RefreshToken }));
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: a.AccessToken }))).rejects.toMatchObject({
      message: 'Access Token has been revoked',
    });
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: b.AccessToken }))).resolves.toMatchObject({
      Username: 'fay',
    });
    await expect(
      h.sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: b.AccessToken })),
    ).rejects.toMatchObject({
      name: 'UnsupportedTokenTypeException',
    });
    const other = await createPoolAndClient(h);
    await expect(
      h.sdk.send(new RevokeTokenCommand({ ClientId: other.clientId, Token: b.RefreshToken })),
    ).rejects.toMatchObject({
      name: 'UnauthorizedException',
    });
  });

  it('DeleteUser removes the user and their sessions', async () => {
    await createConfirmedUser(h, poolId, 'gus', verified('gus'));
    const t = await passwordSignIn(h, clientId, 'gus');
    await h.sdk.send(new DeleteUserCommand({ AccessToken: t.AccessToken }));
    await expect(
      h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'gus' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    await expect(h.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }))).rejects.toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          AuthParameters: { REFRESH_TOKEN: t.RefreshToken },
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('never echoes tokens or passwords in error bodies', async () => {
    const res = await rawCall(
      h,
      'InitiateAuth',
      JSON.stringify({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'uma', PASSWORD: 'S3cret-Leak!' },
      }),
    );
    expect(JSON.stringify(res.json)).not.toContain('S3cret-Leak!');
  });
});

describe('clients without token revocation', () => {
  it('issue tokens without origin_jti, which GlobalSignOut still revokes for Cognito operations', async () => {
    const h = await startHarness();
    try {
      const { poolId, clientId } = await createPoolAndClient(h, {}, { EnableTokenRevocation: false });
      await createConfirmedUser(h, poolId, 'hugo');
      const t = await passwordSignIn(h, clientId, 'hugo');
      expect(
        JSON.parse(Buffer.from(t.AccessToken.split('.')[1] ?? '', 'base64url').toString()),
      ).not.toHaveProperty('origin_jti');
      await expect(
        h.sdk.send(new RevokeTokenCommand({ ClientId: clientId, Token: t.RefreshToken })),
      ).rejects.toMatchObject({
        name: 'UnsupportedOperationException',
      });
      h.clock.now += 1000;
      await h.sdk.send(new GlobalSignOutCommand({ AccessToken: t.AccessToken }));
      await expect(h.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken }))).rejects.toMatchObject({
        message: 'Access Token has been revoked',
      });
      const fresh = await passwordSignIn(h, clientId, 'hugo');
      await expect(h.sdk.send(new GetUserCommand({ AccessToken: fresh.AccessToken }))).resolves.toMatchObject(
        { Username: 'hugo' },
      );
    } finally {
      await h.close();
    }
  });
});

describe('password recovery with PreventUserExistenceErrors', () => {
  it('answers unknown and disabled users like real ones', async () => {
    const h = await startHarness();
    try {
      const { clientId, clientSecret } = await createPoolAndClient(
        h,
        {},
        { PreventUserExistenceErrors: 'ENABLED', GenerateSecret: true },
      );
      const hash = (u: string) =>
        createHmac('sha256', clientSecret ?? '')
          .update(u + clientId)
          .digest('base64');
      const out = await h.sdk.send(
        new ForgotPasswordCommand({ ClientId: clientId, Username: 'ghost', SecretHash: hash('ghost') }),
      );
      expect(out.CodeDeliveryDetails?.DeliveryMedium).toBeDefined();
      await expect(
        h.sdk.send(
          new ConfirmForgotPasswordCommand({
            ClientId: clientId,
            Username: 'ghost',
            SecretHash: hash('ghost'),
            ConfirmationCode: '123456',
            Password: NEW_PASSWORD,
          }),
        ),
      ).rejects.toMatchObject({ name: 'CodeMismatchException' });
    } finally {
      await h.close();
    }
  });
});
