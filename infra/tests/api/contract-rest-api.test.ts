import {
  Access,
  accessScopes,
  apiContract,
  defineContract,
  defineRoute,
  isProtected,
  listRoutes,
} from '@org/contracts';
import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { UserPool } from 'aws-cdk-lib/aws-cognito';
import { type CfnFunction, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ContractRestApi, corsRequestHeaders } from '../../src/api/contract-rest-api.js';
import { onlyLogicalId, synthesizedMethods } from '../support/rest-api-paths.js';
import { FIXTURE_ASSETS, synthStack } from '../support/synth-stack.js';

const routes = listRoutes(apiContract);

// Synthesized while the file is collected, not in a hook: collection has no time limit that a busy machine
// could hit, and a synthesis that throws fails the file, which the totals count as a failure.
describe('the Gatehouse REST API', () => {
  const synthesized = synthStack();
  const { template } = synthesized;
  const methods = synthesizedMethods(template);
  const authorizerId = onlyLogicalId(template, 'AWS::ApiGateway::Authorizer');
  const userPoolId = onlyLogicalId(template, 'AWS::Cognito::UserPool');
  const apiFunctionId = synthesized.stack.getLogicalId(
    synthesized.stack.apiFunction.function.node.defaultChild as CfnFunction,
  );

  it('has exactly one non-OPTIONS method per contract route, and no other', () => {
    const served = methods
      .filter((m) => m.httpMethod !== 'OPTIONS')
      .map((m) => `${m.httpMethod} ${m.path}`)
      .sort();
    const declared = routes.map(({ route }) => `${route.method} ${route.path}`).sort();
    expect(served).toEqual(declared);
  });

  it.each(routes.filter(({ route }) => isProtected(route)))(
    'requires an access token with one of the contract scopes of $name',
    ({ route }) => {
      const method = methods.find((m) => m.httpMethod === route.method && m.path === route.path);
      expect(method?.properties).toMatchObject({
        AuthorizationType: 'COGNITO_USER_POOLS',
        AuthorizerId: { Ref: authorizerId },
        AuthorizationScopes: accessScopes(route.access),
      });
    },
  );

  it.each([
    ['GET', '/me', ['aws.cognito.signin.user.admin', 'openid']],
    ['GET', '/notes', ['aws.cognito.signin.user.admin', 'gatehouse-api/notes.read']],
    ['GET', '/notes/{noteId}', ['aws.cognito.signin.user.admin', 'gatehouse-api/notes.read']],
    ['POST', '/notes', ['aws.cognito.signin.user.admin', 'gatehouse-api/notes.write']],
    ['PATCH', '/notes/{noteId}', ['aws.cognito.signin.user.admin', 'gatehouse-api/notes.write']],
    ['DELETE', '/notes/{noteId}', ['aws.cognito.signin.user.admin', 'gatehouse-api/notes.write']],
    ['GET', '/admin/stats', ['aws.cognito.signin.user.admin', 'gatehouse-api/stats.read']],
  ])('admits %s %s with any one of %j', (httpMethod, path, scopes) => {
    const method = methods.find((m) => m.httpMethod === httpMethod && m.path === path);
    expect(method?.properties.AuthorizationScopes).toEqual(scopes);
  });

  it.each(routes.filter(({ route }) => !isProtected(route)))(
    'leaves public route $name open',
    ({ route }) => {
      const method = methods.find((m) => m.httpMethod === route.method && m.path === route.path);
      expect(method?.properties.AuthorizationType).toBe('NONE');
      expect(method?.properties).not.toHaveProperty('AuthorizerId');
      expect(method?.properties).not.toHaveProperty('AuthorizationScopes');
    },
  );

  it('sends every route to the api Lambda through a proxy integration', () => {
    for (const method of methods.filter((m) => m.httpMethod !== 'OPTIONS')) {
      const integration = method.properties.Integration as {
        Type: string;
        Uri: { 'Fn::Join': [string, unknown[]] };
      };
      expect(integration.Type).toBe('AWS_PROXY');
      expect(integration.Uri['Fn::Join'][1]).toContainEqual({ 'Fn::GetAtt': [apiFunctionId, 'Arn'] });
    }
  });

  it('verifies tokens against the user pool from the Authorization header', () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'COGNITO_USER_POOLS',
      IdentitySource: 'method.request.header.Authorization',
      ProviderARNs: [{ 'Fn::GetAtt': [userPoolId, 'Arn'] }],
    });
  });

  it.each([...new Set(routes.map(({ route }) => route.path))])('answers CORS preflight on %s', (path) => {
    const preflight = methods.filter((m) => m.httpMethod === 'OPTIONS' && m.path === path);
    expect(preflight).toHaveLength(1);
    const allowed = routes.filter(({ route }) => route.path === path).map(({ route }) => route.method);
    const [only] = preflight;
    if (only === undefined) throw new Error(`no OPTIONS method on ${path}`);
    const integration = only.properties.Integration as {
      IntegrationResponses: { ResponseParameters: Record<string, string> }[];
    };
    const parameters = integration.IntegrationResponses[0]?.ResponseParameters;
    expect(only.properties.AuthorizationType).toBe('NONE');
    expect(parameters?.['method.response.header.Access-Control-Allow-Methods']).toBe(
      `'${[...allowed, 'OPTIONS'].join(',')}'`,
    );
    expect(parameters?.['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
  });

  it('has no OPTIONS method where no route is', () => {
    const routePaths = new Set(routes.map(({ route }) => route.path));
    const strays = methods.filter((m) => m.httpMethod === 'OPTIONS' && !routePaths.has(m.path));
    expect(strays).toEqual([]);
  });

  it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])('adds the CORS origin to gateway responses of type %s', (type) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    });
  });

  it('throttles, access-logs and names the stage', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'dev',
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
        }),
      ],
    });
  });
});

describe('ContractRestApi with another contract', () => {
  const contract = defineContract({
    things: {
      put: defineRoute({
        name: 'things.put',
        method: 'PUT',
        path: '/things/{thingId}/parts',
        summary: 'Public write.',
        access: Access.public,
        params: z.object({ thingId: z.string() }),
        headers: z.object({ 'x-request-tag': z.string().optional() }),
        successStatus: 200,
        responses: { 200: null },
      }),
      audit: defineRoute({
        name: 'things.audit',
        method: 'GET',
        path: '/audit',
        summary: 'Group-only read.',
        access: Access.groups('auditors'),
        successStatus: 200,
        responses: { 200: null },
      }),
      report: defineRoute({
        name: 'things.report',
        method: 'GET',
        path: '/report',
        summary: 'Services only.',
        access: Access.protected({ services: { scopes: ['things/report.read', 'things/all'] } }),
        successStatus: 200,
        responses: { 200: null },
      }),
    },
  });
  // Synthesized while the file is collected, like the Gatehouse stack above: no hook time limit applies.
  const stack = new Stack(new App(), 'Other');
  const api = new ContractRestApi(stack, 'Rest', {
    contract,
    handler: new LambdaFunction(stack, 'Handler', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromAsset(FIXTURE_ASSETS.handler),
    }),
    userPool: new UserPool(stack, 'Pool'),
    stageName: 'v1',
    corsAllowedOrigins: ['https://a.example.com', 'https://b.example.com'],
    throttling: { rateLimit: 5, burstLimit: 10 },
    accessLogRetention: RetentionDays.ONE_DAY,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const template = Template.fromStack(stack);
  const methods = synthesizedMethods(template);

  it('names one method per route of the contract, in its order', () => {
    expect(api.methods.map((m) => m.name)).toEqual(['things.put', 'things.audit', 'things.report']);
  });

  it('serves exactly the routes of the contract it is given', () => {
    expect(
      methods
        .filter((m) => m.httpMethod !== 'OPTIONS')
        .map((m) => `${m.httpMethod} ${m.path} ${String(m.properties.AuthorizationType)}`)
        .sort(),
    ).toEqual([
      'GET /audit COGNITO_USER_POOLS',
      'GET /report COGNITO_USER_POOLS',
      'PUT /things/{thingId}/parts NONE',
    ]);
  });

  it("requires a services-only route's own scopes, and no user scope", () => {
    const report = methods.find((m) => m.httpMethod === 'GET' && m.path === '/report');
    expect(report?.properties.AuthorizationScopes).toEqual(['things/report.read', 'things/all']);
  });

  it('allows the headers the contract declares in the preflight', () => {
    const preflight = methods.find((m) => m.httpMethod === 'OPTIONS' && m.path === '/things/{thingId}/parts');
    expect(JSON.stringify(preflight?.properties)).toContain('x-request-tag');
  });

  it('sends * on gateway errors when several origins are allowed', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" },
    });
  });

  it('names the stage and throttles it as told', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      StageName: 'v1',
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 })],
    });
  });
});

describe('corsRequestHeaders', () => {
  it('includes Authorization and the headers routes read, each once whatever its case', () => {
    const headers = corsRequestHeaders(apiContract);
    expect(headers).toContain('Authorization');
    expect(headers).toContain('idempotency-key');
    const lower = headers.map((h) => h.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });
});
