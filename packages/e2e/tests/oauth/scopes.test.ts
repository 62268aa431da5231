import { DescribeUserPoolClientCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createServiceClient, UnauthorizedError } from '@org/client';
import { StatsSchema } from '@org/contracts';
import { describe, expect, it } from 'vitest';
import { callApi, signUpAndConfirm, useLocalStack } from '../support/local-stack.js';
import {
  codeFlowTokens,
  jwtClaims,
  type ManagedLoginBrowser,
  tokenRequest,
} from '../support/managed-login-browser.js';

const env = useLocalStack();

const CALLBACK = 'http://localhost:5173/';

function outputs() {
  const { UserPoolDomainUrl, ServiceClientId } = env().outputs;
  if (UserPoolDomainUrl === undefined || ServiceClientId === undefined) {
    throw new Error('the stack has no UserPoolDomainUrl or ServiceClientId output');
  }
  return { ...env().outputs, UserPoolDomainUrl, ServiceClientId };
}

/** The service client's secret, as an operator reads it: never an output, only `DescribeUserPoolClient`. */
async function serviceSecret(): Promise<string> {
  const { UserPoolClient } = await env().cognito.send(
    new DescribeUserPoolClientCommand({
      UserPoolId: outputs().UserPoolId,
      ClientId: outputs().ServiceClientId,
    }),
  );
  if (!UserPoolClient?.ClientSecret) throw new Error('the service client has no secret');
  return UserPoolClient.ClientSecret;
}

const UNAUTHORIZED = { status: 401, body: { message: 'Unauthorized' } };

async function apiAnswer(path: string, token: string, init: RequestInit = {}) {
  const res = await callApi(env(), path, { ...init, token });
  return { status: res.status, body: res.json() };
}

describe('scopes on the synthesized app', () => {
  it('lets a service read /admin/stats with a client-credentials token (createServiceClient)', async () => {
    const secret = await serviceSecret();
    expect(Object.values(env().stack.outputs).flatMap((o) => Object.values(o))).not.toContain(secret);
    const service = createServiceClient({
      apiUrl: outputs().ApiUrl,
      domainUrl: outputs().UserPoolDomainUrl,
      clientId: outputs().ServiceClientId,
      clientSecret: secret,
      scopes: ['gatehouse-api/stats.read'],
    });

    const stats = await service.admin.stats();

    expect(StatsSchema.safeParse(stats).success).toBe(true);
    // A service is no user: the gateway refuses it on a route no scope of its admits.
    await expect(service.me.get()).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('refuses a service token on /me at the gateway with 401 Unauthorized', async () => {
    const res = await tokenRequest(
      outputs().UserPoolDomainUrl,
      { grant_type: 'client_credentials', scope: 'gatehouse-api/stats.read' },
      { clientId: outputs().ServiceClientId, clientSecret: await serviceSecret() },
    );
    expect(res.status).toBe(200);
    const token = String(res.body.access_token);
    expect(jwtClaims(token)).toMatchObject({
      sub: outputs().ServiceClientId,
      client_id: outputs().ServiceClientId,
      scope: 'gatehouse-api/stats.read',
      token_use: 'access',
    });
    expect(jwtClaims(token).username).toBeUndefined();

    expect(await apiAnswer('me', token)).toEqual(UNAUTHORIZED);
    expect(await apiAnswer('notes', token)).toEqual(UNAUTHORIZED);
    expect((await apiAnswer('admin/stats', token)).status).toBe(200);
  });

  it('refuses the client-credentials grant with a wrong secret', async () => {
    const res = await tokenRequest(
      outputs().UserPoolDomainUrl,
      { grant_type: 'client_credentials', scope: 'gatehouse-api/stats.read' },
      { clientId: outputs().ServiceClientId, clientSecret: 'not-the-secret' },
    );

    expect(res).toEqual({ status: 400, body: { error: 'invalid_client' } });
  });

  // POST /notes admits aws.cognito.signin.user.admin or gatehouse-api/notes.write (the method's
  // AuthorizationScopes); a token with neither is refused by the authorizer: 401 {"message":"Unauthorized"}.
  it('lets a user token with only notes.read list notes but not create one', async () => {
    const user = await signUpAndConfirm(env());
    const sign = (scope: string, browser?: ManagedLoginBrowser) =>
      codeFlowTokens({
        ...(browser ? { browser } : {}),
        domainUrl: outputs().UserPoolDomainUrl,
        clientId: outputs().UserPoolClientId,
        redirectUri: CALLBACK,
        user,
        scope,
      });
    const reader = await sign('openid gatehouse-api/notes.read');
    expect(jwtClaims(reader.accessToken).scope).toBe('openid gatehouse-api/notes.read');
    const post = {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Scoped' }),
    };

    expect(await apiAnswer('notes', reader.accessToken, post)).toEqual(UNAUTHORIZED);
    expect(await apiAnswer('notes', reader.accessToken)).toMatchObject({ status: 200, body: { items: [] } });
    expect((await apiAnswer('me', reader.accessToken)).body).toMatchObject({ email: user.email });

    // With notes.write the same user may create; the note is then in the reader's list.
    const writer = await sign('openid gatehouse-api/notes.write', reader.browser);
    const created = await apiAnswer('notes', writer.accessToken, post);
    expect(created.status).toBe(201);
    expect(await apiAnswer('notes', reader.accessToken)).toMatchObject({
      status: 200,
      body: { items: [expect.objectContaining({ title: 'Scoped' })] },
    });
  });
});
