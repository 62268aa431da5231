import { describe, expect, it } from 'vitest';
import type { ApiGatewayOptions } from '../../src/apigateway/gateway-types.js';
import { integrateRequest } from '../../src/apigateway/integrate-request.js';
import type { LambdaProxyEnvironment } from '../../src/apigateway/lambda-proxy-integration.js';
import { locateStage } from '../../src/apigateway/locate-stage.js';
import { matchRoute } from '../../src/apigateway/match-route.js';
import type { ProxyEvent } from '../../src/apigateway/proxy-event.js';
import { readRequestBody } from '../../src/apigateway/read-body.js';
import { createMemoryLogger } from '../../src/logger.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { ACCOUNT, makeKey } from './support/test-api.js';

const { deployment } = testDeployment(makeKey());

async function routed(method: string, url: string, headers: [string, string][] = [], body = '') {
  const scope = scopeFor(method, url, headers, body);
  locateStage(scope, deployment);
  await readRequestBody(scope);
  matchRoute(scope);
  return scope;
}

function environment(invokeLambda: ApiGatewayOptions['invokeLambda']): LambdaProxyEnvironment {
  return { invokeLambda, accountId: ACCOUNT, log: createMemoryLogger(), now: () => 1_718_636_426_760 };
}

describe('integrateRequest', () => {
  it('answers a MOCK integration from its templates without invoking anything', async () => {
    const scope = await routed('OPTIONS', '/prod/notes', [['Origin', 'https://second.example']]);
    const answer = await integrateRequest(
      scope,
      environment(() => Promise.reject(new Error('not called'))),
    );
    expect(answer).toMatchObject({ status: 204, body: '' });
    expect(answer).toHaveProperty(
      'headers',
      expect.arrayContaining([['Access-Control-Allow-Origin', 'https://second.example']]),
    );
  });

  it("invokes an AWS_PROXY integration's function with the event built from the scope", async () => {
    const scope = await routed('PUT', '/prod/files/a/b?x=1', [['X-Custom', 'c']], 'body');
    scope.claims = { sub: 's' };
    const calls: { arn: string; event: ProxyEvent }[] = [];
    const answer = await integrateRequest(
      scope,
      environment(async (arn, event) => {
        calls.push({ arn, event: event as ProxyEvent });
        return { ok: true, payload: { statusCode: 201, body: 'made' } };
      }),
    );
    expect(calls[0]?.arn).toBe(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:echo`);
    expect(calls[0]?.event).toMatchObject({
      resource: '/files/{proxy+}',
      path: '/files/a/b',
      httpMethod: 'PUT',
      queryStringParameters: { x: '1' },
      pathParameters: { proxy: 'a/b' },
      stageVariables: { tier: 'test' },
      body: 'body',
      requestContext: { requestId: 'req-1', stage: 'prod', authorizer: { claims: { sub: 's' } } },
    });
    expect(answer).toEqual({
      status: 201,
      headers: [
        ['Content-Type', 'application/json'],
        ['x-amzn-RequestId', 'req-1'],
      ],
      body: Buffer.from('made'),
    });
  });

  it.each([
    [
      'a function error',
      async () => ({ ok: false as const, kind: 'error' as const, errorType: 'E', errorMessage: 'm' }),
      'DEFAULT_5XX',
    ],
    ['a malformed result', async () => ({ ok: true as const, payload: { body: 1 } }), 'DEFAULT_5XX'],
    ['an invoker that throws', async () => Promise.reject(new Error('down')), 'DEFAULT_5XX'],
    ['a result never given within the timeout', () => new Promise<never>(() => {}), 'INTEGRATION_TIMEOUT'],
  ])('turns %s into a %s gateway error', async (_name, invoke, type) => {
    const scope = await routed('GET', '/prod/fail');
    expect(await integrateRequest(scope, environment(invoke))).toMatchObject({ type });
  });

  it('refuses an integration type it does not emulate with 500', async () => {
    const scope = await routed('GET', '/prod/health');
    scope.method = { ...scope.method!, integration: { ...scope.method!.integration!, type: 'HTTP_PROXY' } };
    expect(
      await integrateRequest(
        scope,
        environment(async () => ({ ok: true, payload: {} })),
      ),
    ).toMatchObject({
      type: 'API_CONFIGURATION_ERROR',
      defaultBody: '{"message": "Internal server error"}',
    });
  });
});
