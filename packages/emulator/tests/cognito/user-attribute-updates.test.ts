import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  decodeJwt,
  type Harness,
  passwordSignIn,
  usePoolHarness,
} from './cognito-test-harness.js';

describe('UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let n = 0;

  usePoolHarness(
    (t) => {
      ({ h, poolId, clientId } = t);
    },
    {
      pool: {
        AliasAttributes: ['email'],
        AutoVerifiedAttributes: ['email'],
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      },
    },
  );

  async function user(): Promise<{ username: string; old: string; fresh: string; accessToken: string }> {
    const username = `upd-${++n}`;
    const old = `${username}@old.example`;
    await createConfirmedUser(h, poolId, username, [
      { Name: 'email', Value: old },
      { Name: 'email_verified', Value: 'true' },
    ]);
    const { AccessToken } = await passwordSignIn(h, clientId, username);
    return { username, old, fresh: `${username}@new.example`, accessToken: AccessToken };
  }

  const emailOf = async (accessToken: string) => {
    const me = await h.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
    const get = (name: string) => me.UserAttributes?.find((a) => a.Name === name)?.Value;
    return { email: get('email'), verified: get('email_verified') };
  };

  it('is kept and returned by DescribeUserPool, and reset to none by an UpdateUserPool without it', async () => {
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(described.UserPool?.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: ['email'],
    });
    const other = await h.sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'plain',
        UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['phone_number'] },
      }),
    );
    const id = other.UserPool?.Id ?? '';
    expect(other.UserPool?.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate).toEqual([
      'phone_number',
    ]);
    await h.sdk.send(new UpdateUserPoolCommand({ UserPoolId: id }));
    const reset = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(reset.UserPool?.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: [],
    });
  });

  it('keeps the old email in force until the new one is verified with the code sent to it', async () => {
    const { username, old, fresh, accessToken } = await user();
    const out = await h.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: accessToken,
        UserAttributes: [{ Name: 'email', Value: fresh }],
      }),
    );
    expect(out.CodeDeliveryDetailsList).toEqual([
      { AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'u***@n***' },
    ]);
    const message = h.service.outbox.latest(poolId, username);
    expect(message).toMatchObject({ kind: 'VerifyUserAttribute', destination: fresh });

    // Until then: GetUser, the alias and the tokens all keep the old, verified address.
    expect(await emailOf(accessToken)).toEqual({ email: old, verified: 'true' });
    const tokens = await passwordSignIn(h, clientId, old);
    expect(decodeJwt(tokens.IdToken).payload).toMatchObject({ email: old, email_verified: true });
    await expect(passwordSignIn(h, clientId, fresh)).rejects.toMatchObject({ name: 'UserNotFoundException' });

    await expect(
      h.sdk.send(
        new VerifyUserAttributeCommand({ AccessToken: accessToken, AttributeName: 'email', Code: 'nope00' }),
      ),
    ).rejects.toMatchObject({ name: 'CodeMismatchException' });
    await h.sdk.send(
      new VerifyUserAttributeCommand({
        AccessToken: accessToken,
        AttributeName: 'email',
        Code: message?.code ?? '',
      }),
    );
    expect(await emailOf(accessToken)).toEqual({ email: fresh, verified: 'true' });
    await expect(passwordSignIn(h, clientId, fresh)).resolves.toHaveProperty('IdToken');
    await expect(passwordSignIn(h, clientId, old)).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('sends a requested new code to the address waiting for verification', async () => {
    const { username, old, fresh, accessToken } = await user();
    await h.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken: accessToken,
        UserAttributes: [{ Name: 'email', Value: fresh }],
      }),
    );
    await h.sdk.send(
      new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'email' }),
    );
    const message = h.service.outbox.latest(poolId, username);
    expect(message?.destination).toBe(fresh);
    expect(await emailOf(accessToken)).toEqual({ email: old, verified: 'true' });
    await h.sdk.send(
      new VerifyUserAttributeCommand({
        AccessToken: accessToken,
        AttributeName: 'email',
        Code: message?.code ?? '',
      }),
    );
    expect(await emailOf(accessToken)).toEqual({ email: fresh, verified: 'true' });
  });

  it('applies an administrator’s change at once when it also sets email_verified true', async () => {
    const { username, fresh } = await user();
    await h.sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: fresh },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    const got = await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
    expect(got.UserAttributes?.find((a) => a.Name === 'email')?.Value).toBe(fresh);
    await expect(passwordSignIn(h, clientId, fresh)).resolves.toHaveProperty('IdToken');
  });

  it('holds an administrator’s change that does not verify it, as a user’s', async () => {
    const { username, old, fresh, accessToken } = await user();
    await h.sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [{ Name: 'email', Value: fresh }],
      }),
    );
    expect(await emailOf(accessToken)).toEqual({ email: old, verified: 'true' });
  });
});

describe('a pool without AttributesRequireVerificationBeforeUpdate', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;

  usePoolHarness(
    (t) => {
      ({ h, poolId, clientId } = t);
    },
    { pool: { AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] } },
  );

  it('changes the email at once, unverified, and describes the setting as empty', async () => {
    await createConfirmedUser(h, poolId, 'plain', [
      { Name: 'email', Value: 'plain@old.example' },
      { Name: 'email_verified', Value: 'true' },
    ]);
    const { AccessToken } = await passwordSignIn(h, clientId, 'plain');
    await h.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: [{ Name: 'email', Value: 'plain@new.example' }],
      }),
    );
    const me = await h.sdk.send(new GetUserCommand({ AccessToken }));
    expect(me.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'plain@new.example' },
        { Name: 'email_verified', Value: 'false' },
      ]),
    );
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(described.UserPool?.UserAttributeUpdateSettings).toEqual({
      AttributesRequireVerificationBeforeUpdate: [],
    });
  });
});
