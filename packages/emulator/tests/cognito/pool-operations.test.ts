import {
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteGroupCommand,
  DeleteUserPoolClientCommand,
  DeleteUserPoolCommand,
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  GetGroupCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  UpdateUserPoolClientCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './cognito-test-harness.js';

describe('user pools, clients and groups', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('echoes the settings it keeps as given, such as the recovery order and callback URLs', async () => {
    const recovery = { RecoveryMechanisms: [{ Name: 'verified_email' as const, Priority: 1 }] };
    const created = await h.sdk.send(
      new CreateUserPoolCommand({ PoolName: 'echo', AccountRecoverySetting: recovery }),
    );
    const poolId = created.UserPool?.Id ?? '';
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    expect(described.UserPool?.AccountRecoverySetting).toEqual(recovery);
    const client = await h.sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'web',
        CallbackURLs: ['https://app.example/cb'],
      }),
    );
    expect(client.UserPoolClient?.CallbackURLs).toEqual(['https://app.example/cb']);
  });

  it('creates a pool with an AWS-shaped id and ARN, and describes it', async () => {
    const created = await h.sdk.send(
      new CreateUserPoolCommand({
        PoolName: 'app',
        Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
        Schema: [{ Name: 'tenant', AttributeDataType: 'String', Mutable: true }],
        UserPoolTags: { team: 'gate' },
      }),
    );
    const id = created.UserPool?.Id ?? '';
    expect(id).toMatch(/^us-east-1_[A-Za-z0-9]{9}$/);
    expect(created.UserPool?.Arn).toBe(`arn:aws:cognito-idp:us-east-1:000000000000:userpool/${id}`);
    const described = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(described.UserPool?.Policies?.PasswordPolicy).toMatchObject({
      MinimumLength: 10,
      RequireSymbols: false,
    });
    expect(described.UserPool?.SchemaAttributes?.map((a) => a.Name)).toContain('custom:tenant');
    expect(described.UserPool?.UserPoolTags).toEqual({ team: 'gate' });
    expect(described.UserPool?.CreationDate).toBeInstanceOf(Date);
    expect(described.UserPool?.EstimatedNumberOfUsers).toBe(0);
  });

  it('updates a pool, resetting what is not given, as AWS does', async () => {
    const id = (
      await h.sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'upd',
          MfaConfiguration: 'OFF',
          AutoVerifiedAttributes: ['email'],
        }),
      )
    ).UserPool?.Id;
    await h.sdk.send(
      new UpdateUserPoolCommand({ UserPoolId: id, Policies: { PasswordPolicy: { MinimumLength: 12 } } }),
    );
    const d = await h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }));
    expect(d.UserPool?.Policies?.PasswordPolicy?.MinimumLength).toBe(12);
    expect(d.UserPool?.AutoVerifiedAttributes).toBeUndefined();
  });

  it('lists pools page by page', async () => {
    for (const name of ['p1', 'p2', 'p3']) await h.sdk.send(new CreateUserPoolCommand({ PoolName: name }));
    const first = await h.sdk.send(new ListUserPoolsCommand({ MaxResults: 2 }));
    expect(first.UserPools).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const rest = await h.sdk.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: first.NextToken }));
    expect((rest.UserPools ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it('respects deletion protection', async () => {
    const id = (
      await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'keep', DeletionProtection: 'ACTIVE' }))
    ).UserPool?.Id;
    await expect(h.sdk.send(new DeleteUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: 'InvalidParameterException',
    });
    await h.sdk.send(new UpdateUserPoolCommand({ UserPoolId: id, DeletionProtection: 'INACTIVE' }));
    await h.sdk.send(new DeleteUserPoolCommand({ UserPoolId: id }));
    await expect(h.sdk.send(new DescribeUserPoolCommand({ UserPoolId: id }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('refuses both alias and username attributes', async () => {
    await expect(
      h.sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'x',
          AliasAttributes: ['email'],
          UsernameAttributes: ['email'],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it.each([[{ MinimumLength: 5 }], [{ MinimumLength: 100 }], [{ TemporaryPasswordValidityDays: 400 }]])(
    'refuses the password policy %j',
    async (PasswordPolicy) => {
      await expect(
        h.sdk.send(new CreateUserPoolCommand({ PoolName: 'x', Policies: { PasswordPolicy } })),
      ).rejects.toMatchObject({
        name: 'InvalidParameterException',
      });
    },
  );

  it('creates, describes, lists, updates and deletes clients', async () => {
    const poolId = (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'clients' }))).UserPool?.Id ?? '';
    const c = await h.sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'spa',
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const clientId = c.UserPoolClient?.ClientId ?? '';
    expect(clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(c.UserPoolClient?.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
    expect(c.UserPoolClient).toMatchObject({
      RefreshTokenValidity: 30,
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'LEGACY',
      AuthSessionValidity: 3,
    });
    const d = await h.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    expect(d.UserPoolClient?.ClientName).toBe('spa');
    const list = await h.sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }));
    expect(list.UserPoolClients).toEqual([{ ClientId: clientId, UserPoolId: poolId, ClientName: 'spa' }]);
    const u = await h.sdk.send(
      new UpdateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientId: clientId,
        ClientName: 'spa2',
        PreventUserExistenceErrors: 'ENABLED',
      }),
    );
    expect(u.UserPoolClient).toMatchObject({
      ClientName: 'spa2',
      PreventUserExistenceErrors: 'ENABLED',
      ClientSecret: c.UserPoolClient?.ClientSecret,
    });
    expect(u.UserPoolClient?.ExplicitAuthFlows).toBeUndefined();
    await h.sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    await expect(
      h.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `User pool client ${clientId} does not exist.`,
    });
  });

  it.each([
    [{ AccessTokenValidity: 4, TokenValidityUnits: { AccessToken: 'minutes' } }],
    [{ IdTokenValidity: 2, TokenValidityUnits: { IdToken: 'days' } }],
    [{ RefreshTokenValidity: 30, TokenValidityUnits: { RefreshToken: 'minutes' } }],
    [
      {
        AccessTokenValidity: 24,
        RefreshTokenValidity: 60,
        TokenValidityUnits: { AccessToken: 'hours', RefreshToken: 'minutes' },
      },
    ],
    [{ AuthSessionValidity: 2 }],
    [{ ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] }],
  ])('refuses client settings %j', async (settings) => {
    const poolId =
      (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'bad-clients' }))).UserPool?.Id ?? '';
    await expect(
      h.sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ...(settings as object) }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('creates, gets, lists and deletes groups', async () => {
    const poolId = (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'groups' }))).UserPool?.Id ?? '';
    for (const g of ['a', 'b', 'c'])
      await h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: g, Precedence: 1 }));
    await expect(
      h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'a' })),
    ).rejects.toMatchObject({
      name: 'GroupExistsException',
      message: 'A group with the name a already exists.',
    });
    expect(
      (await h.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'b' }))).Group,
    ).toMatchObject({ GroupName: 'b', Precedence: 1 });
    const page = await h.sdk.send(new ListGroupsCommand({ UserPoolId: poolId, Limit: 2 }));
    expect(page.Groups?.map((g) => g.GroupName)).toEqual(['a', 'b']);
    const rest = await h.sdk.send(
      new ListGroupsCommand({ UserPoolId: poolId, Limit: 2, NextToken: page.NextToken }),
    );
    expect(rest.Groups?.map((g) => g.GroupName)).toEqual(['c']);
    expect(rest.NextToken).toBeUndefined();
    await h.sdk.send(new DeleteGroupCommand({ UserPoolId: poolId, GroupName: 'a' }));
    await expect(
      h.sdk.send(new GetGroupCommand({ UserPoolId: poolId, GroupName: 'a' })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Group not found.',
    });
  });
});
