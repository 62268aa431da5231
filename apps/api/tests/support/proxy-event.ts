import type { APIGatewayProxyEvent, Context } from 'aws-lambda';

/** Formats a time as API Gateway writes `exp`/`iat` into REST claims: Java's `Date.toString()` in UTC. */
export function javaDate(epochSeconds: number): string {
  const d = new Date(epochSeconds * 1000);
  const [weekday, month] = [
    ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()],
    ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()],
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${weekday} ${month} ${pad(d.getUTCDate())} ${time} UTC ${d.getUTCFullYear()}`;
}

const ISSUED = 1_718_636_404;

/**
 * Access-token claims as API Gateway's Cognito authorizer puts them in `requestContext.authorizer.claims`:
 * every value a string, times as Java dates, groups comma-separated.
 */
export function accessClaims(
  user: { sub: string; username?: string; groups?: readonly string[] },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    sub: user.sub,
    iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz',
    client_id: '3nkoep4151b7umeggnottc30u9',
    origin_jti: '37cc02cf-2b3c-4a1e-9d7f-0a1b2c3d4e5f',
    event_id: 'c7f6cc62-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: String(ISSUED),
    exp: javaDate(ISSUED + 3600),
    iat: javaDate(ISSUED),
    jti: '13727aba-3c4d-4e5f-a6b7-c8d9e0f1a2b3',
    username: user.username ?? user.sub,
    ...(user.groups && user.groups.length > 0 ? { 'cognito:groups': user.groups.join(',') } : {}),
    ...extra,
  };
}

/**
 * A service's client-credentials claims as the authorizer delivers them: `sub` is the client id, no
 * `username`, no groups, `version` 2.
 */
export function serviceClaims(
  clientId = '1example23456789abcdefghij',
  scope = 'gatehouse-api/stats.read',
): Record<string, string> {
  return {
    sub: clientId,
    token_use: 'access',
    scope,
    auth_time: String(ISSUED),
    iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz',
    exp: javaDate(ISSUED + 3600),
    iat: javaDate(ISSUED),
    version: '2',
    jti: '5a1b2c3d-3c4d-4e5f-a6b7-c8d9e0f1a2b3',
    client_id: clientId,
  };
}

export interface EventOptions {
  method: string;
  /** The request path, e.g. `/notes/01J...`. */
  path: string;
  /** The API Gateway resource; defaults to `path` (routes without parameters). */
  resource?: string | undefined;
  pathParameters?: Record<string, string> | undefined;
  query?: Record<string, string> | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | null | undefined;
  isBase64Encoded?: boolean | undefined;
  claims?: Record<string, string> | undefined;
  requestId?: string | undefined;
}

/** A REST (payload v1) Lambda proxy event in the shape API Gateway sends. */
export function proxyEvent(options: EventOptions): APIGatewayProxyEvent {
  const headers = {
    Host: 'abc123.execute-api.us-east-1.amazonaws.com',
    'User-Agent': 'test',
    ...options.headers,
  };
  const requestId = options.requestId ?? 'e56434a3-4f5b-4c6d-8e7f-9a0b1c2d3e4f';
  return {
    resource: options.resource ?? options.path,
    path: options.path,
    httpMethod: options.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: options.query ?? null,
    multiValueQueryStringParameters: options.query
      ? Object.fromEntries(Object.entries(options.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: options.pathParameters ?? null,
    stageVariables: null,
    requestContext: {
      resourceId: '5x3n2k',
      resourcePath: options.resource ?? options.path,
      httpMethod: options.method,
      extendedRequestId: 'ZhFduHZrDoEEORQ=',
      requestTime: '17/Jun/2024:15:00:26 +0000',
      path: `/prod${options.path}`,
      accountId: '123456789012',
      protocol: 'HTTP/1.1',
      stage: 'prod',
      domainPrefix: 'abc123',
      requestTimeEpoch: 1_718_636_426_760,
      requestId,
      identity: {
        cognitoIdentityPoolId: null,
        accountId: null,
        cognitoIdentityId: null,
        caller: null,
        sourceIp: '203.0.113.7',
        principalOrgId: null,
        accessKey: null,
        cognitoAuthenticationType: null,
        cognitoAuthenticationProvider: null,
        userArn: null,
        userAgent: 'test',
        user: null,
        apiKey: null,
        apiKeyId: null,
        clientCert: null,
      },
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      apiId: 'abc123',
      authorizer: options.claims ? { claims: options.claims } : null,
    },
    body: options.body ?? null,
    isBase64Encoded: options.isBase64Encoded ?? false,
  } as APIGatewayProxyEvent;
}

/** A Lambda context as the runtime passes it. */
export function lambdaContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'gatehouse-api',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:gatehouse-api',
    memoryLimitInMB: '512',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: '/aws/lambda/gatehouse-api',
    logStreamName: '2024/06/17/[$LATEST]abcdef',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
