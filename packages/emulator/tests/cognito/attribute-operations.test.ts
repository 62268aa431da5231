import {
  AddCustomAttributesCommand,
  AdminDeleteUserAttributesCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  DeleteUserAttributesCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createConfirmedUser,
  decodeJwt,
  type Harness,
  passwordSignIn,
  usePoolHarness,
} from './cognito-test-harness.js';

const SCHEMA_ERROR = (name: string, why: string) => ({
  name: 'InvalidParameterException',
  message: `Attributes did not conform to the schema: ${name}: ${why}`,
});

describe('DeleteUserAttributes and AdminDeleteUserAttributes', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  let n = 0;

  usePoolHarness(
    async (t) => {
      ({ h, poolId, clientId } = t);
      await h.sdk.send(
        new AddCustomAttributesCommand({
          UserPoolId: poolId,
          CustomAttributes: [{ Name: 'badge', AttributeDataType: 'String', Mutable: false }],
        }),
      );
    },
    {
      pool: {
        AliasAttributes: ['email'],
        Schema: [
          { Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true },
          { Name: 'team', AttributeDataType: 'String', Mutable: true },
        ],
      },
    },
  );

  /** A fresh user with a verified email, a name, a custom team and an immutable badge, signed in. */
  async function user(): Promise<{ username: string; accessToken: string }> {
    const username = `del-${++n}`;
    await createConfirmedUser(h, poolId, username, [
      { Name: 'name', Value: 'Del' },
      { Name: 'email', Value: `${username}@example.com` },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'custom:team', Value: 'blue' },
      { Name: 'custom:badge', Value: 'b-1' },
      { Name: 'locale', Value: 'fr' },
    ]);
    const { AccessToken } = await passwordSignIn(h, clientId, username);
    return { username, accessToken: AccessToken };
  }

  const attributes = async (username: string) =>
    Object.fromEntries(
      (
        await h.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }))
      ).UserAttributes?.map((a) => [a.Name, a.Value]) ?? [],
    );

  it('deletes a user’s own attributes and ignores names they have no value for', async () => {
    const { username, accessToken } = await user();
    await expect(
      h.sdk.send(
        new DeleteUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributeNames: ['locale', 'custom:team', 'nickname'],
        }),
      ),
    ).resolves.toBeDefined();
    const after = await attributes(username);
    expect(after).not.toHaveProperty('locale');
    expect(after).not.toHaveProperty('custom:team');
    expect(after).toMatchObject({ name: 'Del', 'custom:badge': 'b-1' });
    const me = await h.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
    expect(me.UserAttributes?.map((a) => a.Name)).not.toContain('locale');
  });

  it('deletes email with its verification flag, so the email no longer signs in as an alias', async () => {
    const { username, accessToken } = await user();
    await h.sdk.send(
      new DeleteUserAttributesCommand({ AccessToken: accessToken, UserAttributeNames: ['email'] }),
    );
    const after = await attributes(username);
    expect(after).not.toHaveProperty('email');
    expect(after).not.toHaveProperty('email_verified');
    await expect(passwordSignIn(h, clientId, `${username}@example.com`)).rejects.toMatchObject({
      name: 'UserNotFoundException',
    });
    const { IdToken } = await passwordSignIn(h, clientId, username);
    expect(decodeJwt(IdToken).payload).not.toHaveProperty('email_verified');
  });

  type Refusal = [string, string[], Record<string, unknown>];
  const refusals: Refusal[] = [
    ['a required attribute', ['name'], SCHEMA_ERROR('name', 'The attribute is required')],
    [
      'an attribute outside the schema',
      ['custom:nope'],
      SCHEMA_ERROR('custom:nope', 'Attribute does not exist in the schema.'),
    ],
    ['sub', ['sub'], SCHEMA_ERROR('sub', 'Attribute cannot be updated. (changing an immutable attribute)')],
    [
      'a set immutable attribute',
      ['custom:badge'],
      SCHEMA_ERROR('custom:badge', 'Attribute cannot be updated. (changing an immutable attribute)'),
    ],
    [
      'a verification flag',
      ['email_verified'],
      { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' },
    ],
    ['a name past 32 characters', ['x'.repeat(33)], { name: 'InvalidParameterException' }],
    ...['__proto__', 'constructor', 'toString'].map(
      (name): Refusal => [
        `the name ${name}`,
        [name],
        SCHEMA_ERROR(name, 'Attribute does not exist in the schema.'),
      ],
    ),
  ];
  it.each(refusals)('DeleteUserAttributes refuses %s and changes nothing', async (_, names, error) => {
    const { username, accessToken } = await user();
    const before = await attributes(username);
    await expect(
      h.sdk.send(
        new DeleteUserAttributesCommand({
          AccessToken: accessToken,
          UserAttributeNames: [...names, 'locale'],
        }),
      ),
    ).rejects.toMatchObject(error);
    expect(await attributes(username)).toEqual(before);
  });

  it('lets an administrator delete a verification flag, but not a required attribute', async () => {
    const { username } = await user();
    await h.sdk.send(
      new AdminDeleteUserAttributesCommand({
        UserPoolId: poolId,
        Username: username,
        UserAttributeNames: ['email_verified'],
      }),
    );
    const after = await attributes(username);
    expect(after).toHaveProperty('email');
    expect(after).not.toHaveProperty('email_verified');
    await expect(
      h.sdk.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: poolId,
          Username: username,
          UserAttributeNames: ['name'],
        }),
      ),
    ).rejects.toMatchObject(SCHEMA_ERROR('name', 'The attribute is required'));
  });

  it('AdminDeleteUserAttributes names an unknown user', async () => {
    await expect(
      h.sdk.send(
        new AdminDeleteUserAttributesCommand({
          UserPoolId: poolId,
          Username: 'ghost',
          UserAttributeNames: ['locale'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('DeleteUserAttributes refuses an access token that is not one', async () => {
    await expect(
      h.sdk.send(
        new DeleteUserAttributesCommand({ AccessToken: 'not.a.token', UserAttributeNames: ['locale'] }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('keeps the sign-in working after deletes', async () => {
    const { username, accessToken } = await user();
    await h.sdk.send(
      new DeleteUserAttributesCommand({ AccessToken: accessToken, UserAttributeNames: ['locale'] }),
    );
    await expect(
      h.sdk.send(
        new InitiateAuthCommand({
          ClientId: clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: username, PASSWORD: 'Corr3ct-Horse!' },
        }),
      ),
    ).resolves.toHaveProperty('AuthenticationResult');
  });
});

describe('attributes named like members of Object.prototype', () => {
  let h: Harness;
  let poolId: string;
  let clientId: string;
  const NAMES = ['__proto__', 'constructor', 'toString'];

  usePoolHarness((t) => {
    ({ h, poolId, clientId } = t);
  });

  it('stores custom:__proto__, custom:constructor and custom:toString like any custom attribute', async () => {
    await h.sdk.send(
      new AddCustomAttributesCommand({
        UserPoolId: poolId,
        CustomAttributes: NAMES.map((Name) => ({ Name, AttributeDataType: 'String', Mutable: true })),
      }),
    );
    await createConfirmedUser(h, poolId, 'odd');
    const { AccessToken } = await passwordSignIn(h, clientId, 'odd');
    await h.sdk.send(
      new UpdateUserAttributesCommand({
        AccessToken,
        UserAttributes: NAMES.map((name) => ({ Name: `custom:${name}`, Value: `v-${name}` })),
      }),
    );
    const me = await h.sdk.send(new GetUserCommand({ AccessToken }));
    for (const name of NAMES) {
      expect(me.UserAttributes).toContainEqual({ Name: `custom:${name}`, Value: `v-${name}` });
    }
    const { IdToken } = await passwordSignIn(h, clientId, 'odd');
    expect(decodeJwt(IdToken).payload).toMatchObject({
      'custom:__proto__': 'v-__proto__',
      'custom:toString': 'v-toString',
    });
    await h.sdk.send(
      new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: NAMES.map((n) => `custom:${n}`) }),
    );
    const after = await h.sdk.send(new GetUserCommand({ AccessToken }));
    expect(after.UserAttributes?.map((a) => a.Name)).toEqual(['sub']);
  });

  it.each(NAMES)('refuses to write an attribute named %s, as one outside the schema', async (name) => {
    await createConfirmedUser(h, poolId, `odd-${name.replace(/_/g, '')}`);
    const { AccessToken } = await passwordSignIn(h, clientId, `odd-${name.replace(/_/g, '')}`);
    await expect(
      h.sdk.send(
        new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: name, Value: 'x' }] }),
      ),
    ).rejects.toMatchObject(SCHEMA_ERROR(name, 'Attribute does not exist in the schema.'));
    await expect(
      h.sdk.send(
        new AdminUpdateUserAttributesCommand({
          UserPoolId: poolId,
          Username: `odd-${name.replace(/_/g, '')}`,
          UserAttributes: [{ Name: name, Value: 'x' }],
        }),
      ),
    ).rejects.toMatchObject(SCHEMA_ERROR(name, 'Attribute does not exist in the schema.'));
  });
});
