import {
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  DeleteResourceServerCommand,
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

describe('app clients’ OAuth settings', () => {
  let h: Harness;
  let poolId: string;
  useHarness(async (started) => {
    h = started;
    poolId = (await h.sdk.send(new CreateUserPoolCommand({ PoolName: 'oauth-rules' }))).UserPool?.Id ?? '';
    await h.sdk.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'gatehouse-api',
        Name: 'Gatehouse API',
        Scopes: [
          { ScopeName: 'notes.read', ScopeDescription: 'Read notes' },
          { ScopeName: 'stats.read', ScopeDescription: 'Read statistics' },
        ],
      }),
    );
  });

  const web = {
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code' as const],
    AllowedOAuthScopes: ['openid', 'aws.cognito.signin.user.admin', 'gatehouse-api/notes.read'],
    CallbackURLs: ['http://localhost:5173/'],
    LogoutURLs: ['http://localhost:5173/'],
    DefaultRedirectURI: 'http://localhost:5173/',
    SupportedIdentityProviders: ['COGNITO'],
  };
  const service = {
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials' as const],
    AllowedOAuthScopes: ['gatehouse-api/stats.read'],
  };
  const create = (settings: Partial<CreateUserPoolClientCommandInput>) =>
    h.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ...settings }));
  const describeClient = async (clientId: string) =>
    (await h.sdk.send(new DescribeUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId })))
      .UserPoolClient;

  it('keeps a web client’s settings, with a resource server’s scope, and describes them', async () => {
    const created = await create(web);
    expect(created.UserPoolClient).toMatchObject(web);
    expect(await describeClient(created.UserPoolClient?.ClientId ?? '')).toMatchObject(web);
  });

  it('keeps a confidential client’s client_credentials flow with a custom scope', async () => {
    const created = await create(service);
    const { GenerateSecret: _, ...settings } = service;
    expect(await describeClient(created.UserPoolClient?.ClientId ?? '')).toMatchObject(settings);
  });

  it('describes a client without OAuth settings with AllowedOAuthFlowsUserPoolClient false', async () => {
    const created = await create({});
    const described = await describeClient(created.UserPoolClient?.ClientId ?? '');
    expect(described?.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(described).not.toHaveProperty('AllowedOAuthFlows');
    expect(described).not.toHaveProperty('CallbackURLs');
  });

  it.each([
    [
      'a scope no resource server defines',
      { ...web, AllowedOAuthScopes: ['openid', 'gatehouse-api/notes.delete'] },
      'ScopeDoesNotExistException',
      'Invalid scope requested: gatehouse-api/notes.delete',
    ],
    [
      'client_credentials without a secret',
      { ...service, GenerateSecret: false },
      'InvalidOAuthFlowException',
      'client_credentials flow can not be selected if client does not have a client secret.',
    ],
    [
      'client_credentials with a standard scope',
      { ...service, AllowedOAuthScopes: ['openid'] },
      'InvalidOAuthFlowException',
      'openid is not supported with client_credentials flow',
    ],
    [
      'a callback URL over plain http to another host',
      { ...web, CallbackURLs: ['http://app.example/'], DefaultRedirectURI: undefined },
      'InvalidParameterException',
      'http://app.example/ cannot use the HTTP protocol.',
    ],
    [
      'a default redirect URI that is not a callback URL',
      { ...web, DefaultRedirectURI: 'https://app.example/' },
      'InvalidParameterException',
      'DefaultRedirectURI https://app.example/ must be in CallbackURLs.',
    ],
    [
      'OAuth allowed without flows',
      { ...web, AllowedOAuthFlows: [] },
      'InvalidParameterException',
      'AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    ],
    [
      'an identity provider the pool does not have',
      { ...web, SupportedIdentityProviders: ['Google'] },
      'InvalidParameterException',
      'The provider Google does not exist for User Pool',
    ],
    [
      'a callback URL longer than AWS allows',
      { ...web, CallbackURLs: [`https://app.example/${'a'.repeat(1010)}`], DefaultRedirectURI: undefined },
      'InvalidParameterException',
      "at 'callbackURLs' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 1024]",
    ],
    [
      'more callback URLs than AWS allows',
      {
        ...web,
        CallbackURLs: Array.from({ length: 101 }, (_, i) => `https://app.example/${i}`),
        DefaultRedirectURI: undefined,
      },
      'InvalidParameterException',
      "at 'callbackURLs' failed to satisfy constraint: Member must have length less than or equal to 100",
    ],
  ] as [string, Partial<CreateUserPoolClientCommandInput>, string, string][])(
    'refuses %s',
    async (_case, settings, name, message) => {
      const error = await create(settings).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(error?.name).toBe(name);
      expect(error?.message).toContain(message);
    },
  );

  it('refuses to add client_credentials to a client without a secret, and keeps its settings', async () => {
    const clientId = (await create(web)).UserPoolClient?.ClientId ?? '';
    const { GenerateSecret: _, ...settings } = service;
    await expect(
      h.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId, ...settings })),
    ).rejects.toMatchObject({ name: 'InvalidOAuthFlowException' });
    expect(await describeClient(clientId)).toMatchObject(web);
  });

  it('resets the OAuth settings an update leaves out, as UpdateUserPoolClient resets every setting', async () => {
    const clientId = (await create(web)).UserPoolClient?.ClientId ?? '';
    await h.sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    const described = await describeClient(clientId);
    expect(described?.AllowedOAuthFlowsUserPoolClient).toBe(false);
    expect(described).not.toHaveProperty('AllowedOAuthScopes');
  });

  it('refuses a resource server’s scopes once the server is deleted, and clients keep what they had', async () => {
    await h.sdk.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'reports-api',
        Name: 'Reports',
        Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read reports' }],
      }),
    );
    const settings = { ...web, AllowedOAuthScopes: ['openid', 'reports-api/read'] };
    const clientId = (await create(settings)).UserPoolClient?.ClientId ?? '';
    await h.sdk.send(new DeleteResourceServerCommand({ UserPoolId: poolId, Identifier: 'reports-api' }));
    expect((await describeClient(clientId))?.AllowedOAuthScopes).toEqual(['openid', 'reports-api/read']);
    await expect(create(settings)).rejects.toMatchObject({ name: 'ScopeDoesNotExistException' });
  });
});
