import {
  AdminAddUserToGroupCommand,
  AdminUserGlobalSignOutCommand,
  CreateGroupCommand,
  CreateResourceServerCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../src/apigateway/api-gateway.js';
import type { ApiGateway } from '../../src/apigateway/gateway-types.js';
import type { ProxyEvent } from '../../src/apigateway/proxy-event.js';
import { createMemoryLogger } from '../../src/logger.js';
import {
  createConfirmedUser,
  createPoolAndClient,
  type Harness,
  STRONG_PASSWORD,
  startHarness,
} from '../cognito/cognito-test-harness.js';
import { ACCOUNT, ADMIN_SCOPE, POOL_ARN, REGION, testApiResources } from './support/test-api.js';

// The gateway's authorizer against tokens minted by the real local Cognito service, for both issuer formats.
describe.each(['aws', 'local'] as const)('with Cognito tokens (issuer %s)', (issuer) => {
  let h: Harness;
  let gateway: ApiGateway;
  let url: string;
  let poolId: string;
  let clientId: string;

  const signIn = async (username: string) => {
    const out = await h.sdk.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: STRONG_PASSWORD },
      }),
    );
    return { access: out.AuthenticationResult!.AccessToken!, id: out.AuthenticationResult!.IdToken! };
  };
  const call = async (path: string, token: string) => {
    const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    h = await startHarness({ issuer });
    ({ poolId, clientId } = await createPoolAndClient(h));
    await h.sdk.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: 'admins' }));
    await createConfirmedUser(h, poolId, 'alice', [
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
    await h.sdk.send(
      new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: 'alice', GroupName: 'admins' }),
    );
    await h.sdk.send(
      new CreateResourceServerCommand({
        UserPoolId: poolId,
        Identifier: 'gatehouse-api',
        Name: 'gatehouse-api',
        Scopes: [
          { ScopeName: 'notes.read', ScopeDescription: 'Read notes' },
          { ScopeName: 'stats.read', ScopeDescription: 'Read statistics' },
        ],
      }),
    );
    gateway = createApiGateway({
      resources: testApiResources({
        scopedRoutes: [
          // A user's sign-in scope or a service's custom scope admits a caller (as Gatehouse's routes do).
          { path: 'reports', scopes: [ADMIN_SCOPE, 'gatehouse-api/notes.read'] },
          { path: 'stats', scopes: ['gatehouse-api/stats.read'] },
        ],
      }),
      invokeLambda: async (_arn, event) => ({
        ok: true,
        payload: { statusCode: 200, body: JSON.stringify(event) },
      }),
      // The test API's authorizer names one pool ARN: it stands for the pool made above.
      userPool: (arn) =>
        arn === POOL_ARN
          ? { userPoolId: poolId, issuer: h.service.issuer(poolId), jwks: h.service.jwks(poolId) }
          : undefined,
      region: REGION,
      accountId: ACCOUNT,
      log: createMemoryLogger(),
    });
    ({ url } = await gateway.listen(0));
  });
  afterAll(async () => {
    await gateway?.close();
    await h?.close();
  });

  it('lets an access token through a scoped method, with its claims as strings', async () => {
    const { access } = await signIn('alice');
    const res = await call('/prod/notes', access);
    expect(res.status).toBe(200);
    const claims = (JSON.parse(res.text) as ProxyEvent).requestContext.authorizer as {
      claims: Record<string, string>;
    };
    expect(claims.claims).toMatchObject({
      token_use: 'access',
      client_id: clientId,
      username: expect.any(String),
      scope: 'aws.cognito.signin.user.admin',
      'cognito:groups': 'admins',
      iss: h.service.issuer(poolId),
      exp: expect.stringMatching(/^[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}$/),
    });
  });

  it('lets an ID token through a method without scopes, and refuses the access token there', async () => {
    const { access, id } = await signIn('alice');
    expect((await call('/prod/me', id)).status).toBe(200);
    expect(await call('/prod/me', access)).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
    expect(await call('/prod/notes', id)).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
  });

  it('admits a user’s access token where one of the method’s scopes is its own, and nowhere else', async () => {
    const { access, id } = await signIn('alice');
    expect((await call('/prod/reports', access)).status).toBe(200);
    expect(await call('/prod/stats', access)).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
    expect(await call('/prod/reports', id)).toEqual({ status: 401, text: '{"message":"Unauthorized"}' });
  });

  it('refuses a token that expired, with the expiry message', async () => {
    h.clock.now = Date.now() - 2 * 60 * 60 * 1000;
    const { access } = await signIn('alice');
    h.clock.now = Date.now();
    expect(await call('/prod/notes', access)).toEqual({
      status: 401,
      text: '{"message":"The incoming token has expired"}',
    });
  });

  it('keeps accepting an access token after a global sign-out, as a JWT-only verifier does', async () => {
    // AWS: revoked tokens "will still be valid if they are verified using any JWT library"; the REST
    // authorizer verifies the JWT only, so it accepts them until they expire.
    const { access } = await signIn('alice');
    await h.sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: poolId, Username: 'alice' }));
    expect((await call('/prod/notes', access)).status).toBe(200);
  });
});
