import { createHmac } from 'node:crypto';
import {
  AdminGetUserCommand,
  ConfirmSignUpCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createPoolAndClient,
  type Harness,
  passwordSignIn,
  STRONG_PASSWORD,
  useHarness,
  usePoolHarness,
} from './cognito-test-harness.js';

describe('SignUp, ConfirmSignUp, ResendConfirmationCode', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;

  usePoolHarness(
    (t) => {
      ({ h, poolId, clientId } = t);
    },
    {
      pool: {
        Schema: [
          { Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'plan', AttributeDataType: 'String', Mutable: true },
        ],
      },
    },
  );

  const signUp = (Username: string, extra: Record<string, unknown> = {}) =>
    h.sdk.send(
      new SignUpCommand({
        ClientId: clientId,
        Username,
        Password: STRONG_PASSWORD,
        UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
        ...extra,
      }),
    );

  it('creates an unconfirmed user and sends a 6-digit code to the outbox', async () => {
    const out = await signUp('ivan');
    expect(out.UserConfirmed).toBe(false);
    expect(out.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.CodeDeliveryDetails).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'i***@e***',
    });
    const message = h.service.outbox.latest(poolId, 'ivan');
    expect(message).toMatchObject({
      kind: 'SignUp',
      destination: 'ivan@example.com',
      deliveryMedium: 'EMAIL',
    });
    expect(message?.code).toMatch(/^\d{6}$/);
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'ivan' }));
    expect(user.UserStatus).toBe('UNCONFIRMED');
    await expect(passwordSignIn(h, clientId, 'ivan')).rejects.toMatchObject({
      name: 'UserNotConfirmedException',
      message: 'User is not confirmed.',
    });
  });

  it('confirms with the code, verifies the email, and then signs in', async () => {
    await signUp('judy');
    const code = h.service.outbox.latest(poolId, 'judy')?.code ?? '';
    await h.sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'judy', ConfirmationCode: code }),
    );
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'judy' }));
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    await expect(passwordSignIn(h, clientId, 'judy')).resolves.toMatchObject({ TokenType: 'Bearer' });
    await expect(
      h.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'judy', ConfirmationCode: code })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User cannot be confirmed. Current status is CONFIRMED',
    });
  });

  it('refuses a wrong code, then stops accepting guesses after 5', async () => {
    await signUp('kim');
    const code = h.service.outbox.latest(poolId, 'kim')?.code ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      await expect(
        h.sdk.send(
          new ConfirmSignUpCommand({ ClientId: clientId, Username: 'kim', ConfirmationCode: wrong }),
        ),
      ).rejects.toMatchObject({
        name: 'CodeMismatchException',
        message: 'Invalid verification code provided, please try again.',
      });
    }
    await expect(
      h.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'kim', ConfirmationCode: code })),
    ).rejects.toMatchObject({ name: 'LimitExceededException' });
    // A new code starts over.
    await h.sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'kim' }));
    const fresh = h.service.outbox.latest(poolId, 'kim');
    expect(fresh?.kind).toBe('ResendConfirmationCode');
    await h.sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'kim', ConfirmationCode: fresh?.code ?? '' }),
    );
  });

  it('expires confirmation codes after 24 hours', async () => {
    await signUp('liam');
    const code = h.service.outbox.latest(poolId, 'liam')?.code ?? '';
    h.clock.now += 24 * 3600_000 + 1000;
    await expect(
      h.sdk.send(new ConfirmSignUpCommand({ ClientId: clientId, Username: 'liam', ConfirmationCode: code })),
    ).rejects.toMatchObject({
      name: 'ExpiredCodeException',
      message: 'Invalid code provided, please request a code again.',
    });
  });

  it('refuses a taken username with UsernameExistsException', async () => {
    await signUp('mia');
    await expect(signUp('mia')).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'User already exists',
    });
  });

  it('lets exactly one of 50 concurrent sign-ups of one username succeed', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => signUp('race')));
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(49);
    for (const f of failed) expect((f.reason as Error).name).toBe('UsernameExistsException');
  });

  it.each([
    ['too short', 'Ab1!', 'Password did not conform with policy: Password not long enough'],
    [
      'no lower case',
      'ABCDEFG1!',
      'Password did not conform with policy: Password must have lowercase characters',
    ],
    [
      'no upper case',
      'abcdefg1!',
      'Password did not conform with policy: Password must have uppercase characters',
    ],
    ['no digit', 'Abcdefgh!', 'Password did not conform with policy: Password must have numeric characters'],
    ['no symbol', 'Abcdefgh1', 'Password did not conform with policy: Password must have symbol characters'],
  ])('refuses a password that is %s', async (_why, Password, message) => {
    await expect(signUp(`weak${Password.length}${message.length}`, { Password })).rejects.toMatchObject({
      name: 'InvalidPasswordException',
      message,
    });
  });

  it.each([
    [
      [{ Name: 'shoe_size', Value: '42' }],
      'InvalidParameterException',
      /shoe_size: Attribute does not exist in the schema/,
    ],
    [[{ Name: 'email', Value: 'not-an-email' }], 'InvalidParameterException', /Invalid email address format/],
    [
      [{ Name: 'email', Value: 'a\u001b]0;owned\u0007@example.com' }],
      'InvalidParameterException',
      /Invalid email address format/,
    ],
    [
      [{ Name: 'phone_number', Value: '555-1234' }],
      'InvalidParameterException',
      /Invalid phone number format/,
    ],
    [[{ Name: 'email_verified', Value: 'true' }], 'NotAuthorizedException', /unauthorized attribute/],
    [[], 'InvalidParameterException', /email: The attribute is required/],
  ])('refuses attributes %j', async (attrs, name, message) => {
    await expect(signUp('attrs', { UserAttributes: attrs })).rejects.toMatchObject({
      name,
      message: expect.stringMatching(message),
    });
  });

  it('stores custom attributes under custom:', async () => {
    await signUp('nora', {
      UserAttributes: [
        { Name: 'email', Value: 'nora@example.com' },
        { Name: 'custom:plan', Value: 'pro' },
      ],
    });
    const user = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nora' }));
    expect(user.UserAttributes).toContainEqual({ Name: 'custom:plan', Value: 'pro' });
  });

  it('answers UserNotFoundException for an unknown user (LEGACY)', async () => {
    await expect(
      h.sdk.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ghost', ConfirmationCode: '123456' }),
      ),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
    await expect(
      h.sdk.send(new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ghost' })),
    ).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
  });

  it('refuses an unknown client', async () => {
    await expect(
      h.sdk.send(new SignUpCommand({ ClientId: 'nosuchclient', Username: 'x', Password: STRONG_PASSWORD })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient does not exist.',
    });
  });
});

describe('sign-up variants', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('uses a UUID username when email is the username, and signs in by email', async () => {
    const { poolId, clientId } = await createPoolAndClient(h, { UsernameAttributes: ['email'] });
    const out = await h.sdk.send(
      new SignUpCommand({ ClientId: clientId, Username: 'olga@example.com', Password: STRONG_PASSWORD }),
    );
    const user = await h.sdk.send(
      new AdminGetUserCommand({ UserPoolId: poolId, Username: 'olga@example.com' }),
    );
    expect(user.Username).toBe(out.UserSub);
    expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'olga@example.com' });
    const code = h.service.outbox.latest(poolId, 'olga@example.com')?.code ?? '';
    expect(h.service.outbox.latest(poolId, out.UserSub ?? '')?.code).toBe(code);
    await h.sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'olga@example.com', ConfirmationCode: code }),
    );
    const tokens = await passwordSignIn(h, clientId, 'olga@example.com');
    expect(
      JSON.parse(Buffer.from(tokens.IdToken.split('.')[1] ?? '', 'base64url').toString())['cognito:username'],
    ).toBe(out.UserSub);
    await expect(
      h.sdk.send(
        new SignUpCommand({ ClientId: clientId, Username: 'olga@example.com', Password: STRONG_PASSWORD }),
      ),
    ).rejects.toMatchObject({
      name: 'UsernameExistsException',
      message: 'An account with the given email already exists.',
    });
    await expect(
      h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'plainname', Password: STRONG_PASSWORD })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Username should be an email.' });
  });

  it('treats usernames case-insensitively when the pool says so', async () => {
    const { clientId } = await createPoolAndClient(h, { UsernameConfiguration: { CaseSensitive: false } });
    await h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'Pat', Password: STRONG_PASSWORD }));
    await expect(
      h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'pat', Password: STRONG_PASSWORD })),
    ).rejects.toMatchObject({ name: 'UsernameExistsException' });
  });

  it('refuses an email-shaped username when email is an alias', async () => {
    const { clientId } = await createPoolAndClient(h, { AliasAttributes: ['email'] });
    await expect(
      h.sdk.send(
        new SignUpCommand({ ClientId: clientId, Username: 'q@example.com', Password: STRONG_PASSWORD }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: 'Username cannot be of email format, since user pool is configured for email alias.',
    });
  });

  it('moves a verified email alias only when ForceAliasCreation is set', async () => {
    const { clientId, poolId } = await createPoolAndClient(h, { AliasAttributes: ['email'] });
    for (const name of ['rita', 'rosa']) {
      await h.sdk.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: name,
          Password: STRONG_PASSWORD,
          UserAttributes: [{ Name: 'email', Value: 'shared@example.com' }],
        }),
      );
    }
    const codeOf = (u: string) => h.service.outbox.latest(poolId, u)?.code ?? '';
    await h.sdk.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: 'rita', ConfirmationCode: codeOf('rita') }),
    );
    await expect(
      h.sdk.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: 'rosa', ConfirmationCode: codeOf('rosa') }),
      ),
    ).rejects.toMatchObject({
      name: 'AliasExistsException',
      message: 'An account with the email already exists.',
    });
    await h.sdk.send(
      new ConfirmSignUpCommand({
        ClientId: clientId,
        Username: 'rosa',
        ConfirmationCode: codeOf('rosa'),
        ForceAliasCreation: true,
      }),
    );
    const rita = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'rita' }));
    expect(rita.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
    const tokens = await passwordSignIn(h, clientId, 'shared@example.com');
    expect(
      JSON.parse(Buffer.from(tokens.IdToken.split('.')[1] ?? '', 'base64url').toString())['cognito:username'],
    ).toBe('rosa');
  });

  it('refuses SignUp when only administrators may create users', async () => {
    const { clientId } = await createPoolAndClient(h, {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    await expect(
      h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'sam', Password: STRONG_PASSWORD })),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'SignUp is not permitted for this user pool',
    });
  });

  it('requires SECRET_HASH for a client with a secret', async () => {
    const { clientId, clientSecret } = await createPoolAndClient(h, {}, { GenerateSecret: true });
    const secretHash = createHmac('sha256', clientSecret ?? '')
      .update(`tess${clientId}`)
      .digest('base64');
    await expect(
      h.sdk.send(new SignUpCommand({ ClientId: clientId, Username: 'tess', Password: STRONG_PASSWORD })),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: expect.stringContaining(clientId) });
    await expect(
      h.sdk.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'tess',
          Password: STRONG_PASSWORD,
          SecretHash: 'd3Jvbmc=',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: `Unable to verify secret hash for client ${clientId}`,
    });
    await expect(
      h.sdk.send(
        new SignUpCommand({
          ClientId: clientId,
          Username: 'tess',
          Password: STRONG_PASSWORD,
          SecretHash: secretHash,
        }),
      ),
    ).resolves.toMatchObject({ UserConfirmed: false });
  });

  it('hides unknown users from ResendConfirmationCode with PreventUserExistenceErrors', async () => {
    const { clientId } = await createPoolAndClient(h, {}, { PreventUserExistenceErrors: 'ENABLED' });
    const out = await h.sdk.send(
      new ResendConfirmationCodeCommand({ ClientId: clientId, Username: 'ghost@example.com' }),
    );
    expect(out.CodeDeliveryDetails?.DeliveryMedium).toBe('EMAIL');
    await expect(
      h.sdk.send(
        new ConfirmSignUpCommand({ ClientId: clientId, Username: 'ghost', ConfirmationCode: '123456' }),
      ),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
  });
});
