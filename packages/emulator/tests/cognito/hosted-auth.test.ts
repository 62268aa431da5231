import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  type OAuthHarness,
  signInThroughPage,
  useOAuthHarness,
} from '../oauth/oauth-test-harness.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** A PreTokenGeneration trigger of `version` that records its events and adds a scope and a claim. */
function recordingTrigger(version: 'V2_0' | 'V3_0') {
  const events: Record<string, unknown>[] = [];
  return {
    events,
    pool: { LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: version, LambdaArn: arn('ptg') } } },
    service: {
      invokeTrigger: async (_arn: string, event: Record<string, unknown>) => {
        events.push(structuredClone(event));
        return {
          ...event,
          response: {
            claimsAndScopeOverrideDetails: {
              accessTokenGeneration: {
                scopesToAdd: ['gatehouse-api/extra'],
                claimsToAddOrOverride: { tenant: 't1' },
              },
            },
          },
        };
      },
    },
  };
}

async function clientCredentials(t: OAuthHarness): Promise<Record<string, unknown>> {
  const { clientId, clientSecret = '' } = await t.newClient({
    GenerateSecret: true,
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['client_credentials'],
    AllowedOAuthScopes: ['gatehouse-api/stats.read'],
  });
  const res = await fetch(`${t.base}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }),
  });
  return claimsOf(String(((await res.json()) as Record<string, unknown>).access_token));
}

describe('HostedAuth with a V2 PreTokenGeneration trigger', () => {
  let t: OAuthHarness;
  const trigger = recordingTrigger('V2_0');
  useOAuthHarness(
    (started) => {
      t = started;
    },
    { service: trigger.service, pool: trigger.pool },
  );

  it('runs it as TokenGeneration_HostedAuth with the granted scopes, for the code grant', async () => {
    const url = `${t.base}/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: t.clientId,
      redirect_uri: CALLBACK,
      scope: 'openid email',
    })}`;
    const code = new URL(
      (await signInThroughPage(new CookieJar(), url)).headers.get('location') ?? '',
    ).searchParams.get('code');
    trigger.events.length = 0;
    const res = await fetch(`${t.base}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: t.clientId,
        code: code ?? '',
        redirect_uri: CALLBACK,
      }),
    });
    const access = claimsOf(String(((await res.json()) as Record<string, unknown>).access_token));
    expect(trigger.events.map((e) => e.triggerSource)).toEqual(['TokenGeneration_HostedAuth']);
    expect((trigger.events[0]?.request as Record<string, unknown> | undefined)?.scopes).toEqual([
      'openid',
      'email',
    ]);
    expect(access.scope).toBe('openid email gatehouse-api/extra');
  });

  it('does not run it for the client credentials grant (only V3 triggers see machine-to-machine tokens)', async () => {
    trigger.events.length = 0;
    const claims = await clientCredentials(t);
    expect(trigger.events).toEqual([]);
    expect(claims.scope).toBe('gatehouse-api/stats.read');
  });
});

describe('HostedAuth with a V3 PreTokenGeneration trigger', () => {
  let t: OAuthHarness;
  const trigger = recordingTrigger('V3_0');
  useOAuthHarness(
    (started) => {
      t = started;
    },
    { service: trigger.service, pool: trigger.pool },
  );

  it('runs it as TokenGeneration_ClientCredentials and applies its scopes and claims', async () => {
    trigger.events.length = 0;
    const claims = await clientCredentials(t);
    expect(trigger.events.map((e) => e.triggerSource)).toEqual(['TokenGeneration_ClientCredentials']);
    expect((trigger.events[0]?.request as Record<string, unknown> | undefined)?.scopes).toEqual([
      'gatehouse-api/stats.read',
    ]);
    expect(claims).toMatchObject({ scope: 'gatehouse-api/stats.read gatehouse-api/extra', tenant: 't1' });
    expect(claims.sub).toBe(claims.client_id);
  });
});

describe('HostedAuth with a PreTokenGeneration trigger that fails', () => {
  let t: OAuthHarness;
  useOAuthHarness(
    (started) => {
      t = started;
    },
    {
      service: {
        invokeTrigger: async () => {
          throw new Error('no tokens today');
        },
      },
      pool: { LambdaConfig: { PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('ptg') } } },
    },
  );

  it('sends server_error back to the app of an implicit grant', async () => {
    const { clientId } = await t.newClient({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['implicit'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: [CALLBACK],
    });
    const url = `${t.base}/oauth2/authorize?${new URLSearchParams({
      response_type: 'token',
      client_id: clientId,
      redirect_uri: CALLBACK,
      state: 'f1',
    })}`;
    const done = await signInThroughPage(new CookieJar(), url);
    expect(done.status).toBe(302);
    const back = new URL(done.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('server_error');
    expect(back.searchParams.get('state')).toBe('f1');
  });
});
