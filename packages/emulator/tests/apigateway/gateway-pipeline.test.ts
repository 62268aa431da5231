import { describe, expect, it } from 'vitest';
import type { GatewayDeployment } from '../../src/apigateway/gateway-deployment.js';
import { type GatewayEnvironment, runPipeline } from '../../src/apigateway/gateway-pipeline.js';
import type { GatewayError } from '../../src/apigateway/gateway-responses.js';
import type { MethodAuthorizer } from '../../src/apigateway/method-authorizer.js';
import type { ProxyEvent } from '../../src/apigateway/proxy-event.js';
import { StageThrottle } from '../../src/apigateway/stage-throttle.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { API_ID, makeKey, type TestApiOptions } from './support/test-api.js';

const key = makeKey();

/** The pipeline with the test API, a counting authorizer in place of Cognito's, and an echoing function. */
function pipeline(options: TestApiOptions & { refuse?: GatewayError } = {}) {
  const { deployment, log, clock } = testDeployment(key, options);
  const authorized: string[] = [];
  const invoked: ProxyEvent[] = [];
  const authorizer: MethodAuthorizer = {
    authorizationType: 'COGNITO_USER_POOLS',
    model: deployment.apis.get(API_ID)!.authorizers.get('authz01')!,
    authorize(scope) {
      authorized.push(scope.label);
      if (options.refuse) return options.refuse;
      scope.claims = { sub: 'tester' };
      return undefined;
    },
  };
  const env: GatewayEnvironment = {
    deployment: {
      ...deployment,
      authorizers: new Map([[API_ID, new Map([['authz01', authorizer]])]]),
    } as GatewayDeployment,
    throttle: new StageThrottle(() => clock.now),
    invokeLambda: async (_arn, event) => {
      invoked.push(event as ProxyEvent);
      return { ok: true, payload: { statusCode: 200, body: 'ok' } };
    },
    accountId: '000000000000',
    log,
    now: () => clock.now,
  };
  const run = (method: string, url: string, headers: [string, string][] = []) =>
    runPipeline(scopeFor(method, url, headers), env);
  return { run, authorized, invoked };
}

describe('runPipeline', () => {
  it('runs every step and answers with the integration, claims included', async () => {
    const p = pipeline();
    const answer = await p.run('GET', '/prod/me');
    expect(answer.status).toBe(200);
    expect(p.authorized).toEqual(['GET /prod/me']);
    expect(p.invoked[0]?.requestContext.authorizer).toEqual({ claims: { sub: 'tester' } });
  });

  it.each([
    ['an oversized header block', 'GET', '/prod/me', [['X-Big', 'x'.repeat(11_000)]], 400],
    ['an unknown stage', 'GET', '/nope/me', [], 403],
    ['an unknown route', 'GET', '/prod/nowhere', [], 403],
  ] as [string, string, string, [string, string][], number][])(
    'stops at %s before authorizing or integrating',
    async (_name, method, url, headers, status) => {
      const p = pipeline();
      expect((await p.run(method, url, headers)).status).toBe(status);
      expect(p.authorized).toEqual([]);
      expect(p.invoked).toEqual([]);
    },
  );

  it('throttles before the authorizer runs', async () => {
    const p = pipeline({ throttle: { rate: 1, burst: 1 } });
    expect((await p.run('GET', '/prod/me')).status).toBe(200);
    expect((await p.run('GET', '/prod/me')).status).toBe(429);
    expect(p.authorized).toHaveLength(1);
  });

  it("renders an authorizer's refusal and never integrates", async () => {
    const p = pipeline({ refuse: { type: 'UNAUTHORIZED', message: 'Unauthorized' } });
    const answer = await p.run('GET', '/prod/me');
    expect(answer).toMatchObject({ status: 401, body: '{"message":"Unauthorized"}' });
    expect(p.invoked).toEqual([]);
  });

  it('does not authorize a method without authorization', async () => {
    const p = pipeline();
    expect((await p.run('GET', '/prod/health')).status).toBe(200);
    expect(p.authorized).toEqual([]);
    expect(p.invoked[0]?.requestContext).not.toHaveProperty('authorizer');
  });
});
