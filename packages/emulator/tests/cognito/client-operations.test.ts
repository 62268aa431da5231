import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './cognito-test-harness.js';

describe('app clients', () => {
  let h: Harness;
  useHarness((started) => {
    h = started;
  });

  it('keeps a client’s OAuth settings and returns them from DescribeUserPoolClient', async () => {
    const pool = await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'oauth' }));
    const oauth = {
      SupportedIdentityProviders: ['COGNITO'],
      CallbackURLs: ['https://app.example/callback'],
      LogoutURLs: ['https://app.example/'],
      AllowedOAuthFlows: ['code' as const],
      AllowedOAuthScopes: ['openid', 'email'],
      AllowedOAuthFlowsUserPoolClient: true,
    };
    const created = await h.sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: pool.UserPool?.Id, ClientName: 'web', ...oauth }),
    );
    const described = await h.sdk.send(
      new DescribeUserPoolClientCommand({
        UserPoolId: pool.UserPool?.Id,
        ClientId: created.UserPoolClient?.ClientId,
      }),
    );
    expect(described.UserPoolClient).toMatchObject(oauth);
  });

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
});
