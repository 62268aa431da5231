import { generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import type { GatewayUserPool } from '../../../src/apigateway/gateway-types.js';
import type { ResolvedResource } from '../../../src/assembly/resolved-resource.js';

export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
export const API_ID = 'a1b2c3d4e5';
export const ROOT_ID = 'rootres001';
export const POOL_ID = 'us-east-1_TestPool1';
export const POOL_ARN = `arn:aws:cognito-idp:${REGION}:${ACCOUNT}:userpool/${POOL_ID}`;
export const OTHER_POOL_ID = 'us-east-1_OtherPool';
export const CLIENT_ID = '3nkoep4151b7umeggnottc30u9';
export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** A user pool's signing key: an RSA pair generated for the test and its public JWK. */
export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  jwk: Record<string, unknown>;
}

export function makeKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const exported = publicKey.export({ format: 'jwk' });
  return { kid, privateKey, jwk: { ...exported, kid, alg: 'RS256', use: 'sig' } };
}

export function signJwt(
  key: TestKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const data = `${enc({ kid: key.kid, alg: 'RS256', ...header })}.${enc(payload)}`;
  return `${data}.${sign('sha256', Buffer.from(data), key.privateKey).toString('base64url')}`;
}

export const awsIssuer = (poolId: string) => `https://cognito-idp.${REGION}.amazonaws.com/${poolId}`;

/** Claims shaped as Cognito writes them (see the reference captures), for `token_use` id or access. */
export function cognitoClaims(
  tokenUse: 'id' | 'access',
  overrides: Record<string, unknown> = {},
  poolId = POOL_ID,
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const common = {
    sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
    iss: awsIssuer(poolId),
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    auth_time: now,
    iat: now,
    exp: now + 3600,
    jti: randomUUID(),
    'cognito:groups': ['admin', 'editors'],
  };
  const specific =
    tokenUse === 'id'
      ? {
          aud: CLIENT_ID,
          token_use: 'id',
          'cognito:username': 'alice',
          email: 'alice@example.com',
          email_verified: true,
        }
      : { client_id: CLIENT_ID, token_use: 'access', scope: ADMIN_SCOPE, username: 'alice' };
  return { ...common, ...specific, ...overrides };
}

const res = (
  logicalId: string,
  type: string,
  physicalId: string,
  properties: Record<string, unknown>,
  attributes: Record<string, string> = {},
): ResolvedResource => ({ logicalId, type, physicalId, properties, attributes });

const lambdaUri = (name: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}/invocations`;

function method(
  logicalId: string,
  resourceId: string,
  httpMethod: string,
  fn: string,
  auth: { scopes?: string[]; none?: boolean } = {},
  integration: Record<string, unknown> = {},
): ResolvedResource {
  return res(logicalId, 'AWS::ApiGateway::Method', `${logicalId}-id`, {
    RestApiId: API_ID,
    ResourceId: resourceId,
    HttpMethod: httpMethod,
    AuthorizationType: auth.none ? 'NONE' : 'COGNITO_USER_POOLS',
    ...(auth.none ? {} : { AuthorizerId: 'authz01' }),
    ...(auth.scopes ? { AuthorizationScopes: auth.scopes } : {}),
    Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST', Uri: lambdaUri(fn), ...integration },
  });
}

/** CDK's CORS preflight for two allowed origins (what `defaultCorsPreflightOptions` synthesizes). */
const corsPreflightTemplate =
  '#set($origin = $input.params().header.get("Origin"))\n#if($origin == "")\n  #set($origin = $input.params().header.get("origin"))\n#end\n#if($origin == "https://second.example")\n  #set($context.responseOverride.header.Access-Control-Allow-Origin = $origin)\n#end';

export interface TestApiOptions {
  throttle?: { rate: number; burst: number };
  ttlSeconds?: number;
  gatewayResponses?: boolean;
  /** More `GET /<path>` methods under the root, each with its Cognito authorization scopes. */
  scopedRoutes?: { path: string; scopes: string[] }[];
}

/**
 * A small REST API as the stack hands it over (intrinsics resolved): routes with literal, `{param}` and
 * `{proxy+}` segments, a Cognito authorizer, scoped and unscoped methods, a CDK-style CORS preflight, a stage
 * and (optionally) CORS headers on 4XX/5XX gateway responses.
 */
export function testApiResources(options: TestApiOptions = {}): ResolvedResource[] {
  const r = (logicalId: string, id: string, parent: string, part: string) =>
    res(logicalId, 'AWS::ApiGateway::Resource', id, { RestApiId: API_ID, ParentId: parent, PathPart: part });
  const resources: ResolvedResource[] = [
    res(
      'Api',
      'AWS::ApiGateway::RestApi',
      API_ID,
      { Name: 'test-api', BinaryMediaTypes: ['image/png'] },
      {
        RootResourceId: ROOT_ID,
      },
    ),
    // Listed child-first on purpose: the model must not depend on template order.
    r('NoteId', 'res-noteid', 'res-notes', '{noteId}'),
    r('Notes', 'res-notes', ROOT_ID, 'notes'),
    r('NotesLatest', 'res-latest', 'res-notes', 'latest'),
    r('Me', 'res-me', ROOT_ID, 'me'),
    r('Health', 'res-health', ROOT_ID, 'health'),
    r('Files', 'res-files', ROOT_ID, 'files'),
    r('FilesProxy', 'res-files-proxy', 'res-files', '{proxy+}'),
    r('Fail', 'res-fail', ROOT_ID, 'fail'),
    r('FailKind', 'res-fail-kind', 'res-fail', '{kind}'),
    method('MeGet', 'res-me', 'GET', 'echo'),
    method('NotesGet', 'res-notes', 'GET', 'echo', { scopes: [ADMIN_SCOPE] }),
    method('NotesPost', 'res-notes', 'POST', 'echo', { scopes: [ADMIN_SCOPE] }),
    method('NoteGet', 'res-noteid', 'GET', 'echo', { scopes: [ADMIN_SCOPE] }),
    method('LatestGet', 'res-latest', 'GET', 'echo', { scopes: ['notes/read'] }),
    method('HealthGet', 'res-health', 'GET', 'echo', { none: true }),
    method('FilesAny', 'res-files-proxy', 'ANY', 'echo', { none: true }),
    method('FailGet', 'res-fail-kind', 'GET', 'fail', { none: true }),
    method('SlowGet', 'res-fail', 'GET', 'slow', { none: true }, { TimeoutInMillis: 50 }),
    res('NotesOptions', 'AWS::ApiGateway::Method', 'notes-options-id', {
      RestApiId: API_ID,
      ResourceId: 'res-notes',
      HttpMethod: 'OPTIONS',
      AuthorizationType: 'NONE',
      Integration: {
        Type: 'MOCK',
        RequestTemplates: { 'application/json': '{ statusCode: 200 }' },
        IntegrationResponses: [
          {
            StatusCode: '204',
            ResponseParameters: {
              'method.response.header.Access-Control-Allow-Headers':
                "'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'",
              'method.response.header.Access-Control-Allow-Origin': "'https://first.example'",
              'method.response.header.Vary': "'Origin'",
              'method.response.header.Access-Control-Allow-Methods':
                "'OPTIONS,GET,PUT,POST,DELETE,PATCH,HEAD'",
            },
            ResponseTemplates: { 'application/json': corsPreflightTemplate },
          },
        ],
      },
      MethodResponses: [{ StatusCode: '204' }],
    }),
    res('Authorizer', 'AWS::ApiGateway::Authorizer', 'authz01', {
      RestApiId: API_ID,
      Name: 'cognito',
      Type: 'COGNITO_USER_POOLS',
      ProviderARNs: [POOL_ARN],
      IdentitySource: 'method.request.header.Authorization',
      ...(options.ttlSeconds === undefined ? {} : { AuthorizerResultTtlInSeconds: options.ttlSeconds }),
    }),
    res('Deployment', 'AWS::ApiGateway::Deployment', 'dep001', { RestApiId: API_ID }),
    res('Stage', 'AWS::ApiGateway::Stage', 'prod', {
      RestApiId: API_ID,
      StageName: 'prod',
      DeploymentId: 'dep001',
      Variables: { tier: 'test' },
      ...(options.throttle
        ? {
            MethodSettings: [
              {
                ResourcePath: '/*',
                HttpMethod: '*',
                ThrottlingRateLimit: options.throttle.rate,
                ThrottlingBurstLimit: options.throttle.burst,
              },
            ],
          }
        : {}),
    }),
  ];
  if (options.gatewayResponses) {
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      resources.push(
        res(`Gr${type}`, 'AWS::ApiGateway::GatewayResponse', `gr-${type}`, {
          RestApiId: API_ID,
          ResponseType: type,
          ResponseParameters: {
            'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
            'gatewayresponse.header.Access-Control-Allow-Headers': "'*'",
          },
        }),
      );
    }
    resources.push(
      res('GrUnauthorized', 'AWS::ApiGateway::GatewayResponse', 'gr-unauth', {
        RestApiId: API_ID,
        ResponseType: 'UNAUTHORIZED',
        StatusCode: '401',
        ResponseParameters: { 'gatewayresponse.header.WWW-Authenticate': "'Bearer'" },
        ResponseTemplates: {
          'application/json': '{"error":$context.error.messageString,"id":"$context.requestId"}',
        },
      }),
    );
  }
  for (const { path, scopes } of options.scopedRoutes ?? []) {
    resources.push(
      r(`Route${path}`, `res-${path}`, ROOT_ID, path),
      method(`Route${path}Get`, `res-${path}`, 'GET', 'echo', { scopes }),
    );
  }
  return resources;
}

/** A pool as the gateway's `userPool` callback returns it. */
export function testPool(poolId: string, keys: TestKey[]): GatewayUserPool {
  return { userPoolId: poolId, issuer: awsIssuer(poolId), jwks: { keys: keys.map((k) => k.jwk) } };
}
