import { describe, expect, it } from 'vitest';
import { authorizeRequest } from '../../src/apigateway/authorize-request.js';
import type { GatewayDeployment } from '../../src/apigateway/gateway-deployment.js';
import type { GatewayError } from '../../src/apigateway/gateway-responses.js';
import { locateStage } from '../../src/apigateway/locate-stage.js';
import { matchRoute } from '../../src/apigateway/match-route.js';
import type { MethodAuthorizer } from '../../src/apigateway/method-authorizer.js';
import type { RequestScope } from '../../src/apigateway/request-scope.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { ADMIN_SCOPE, API_ID, CLIENT_ID, cognitoClaims, makeKey, signJwt } from './support/test-api.js';

const key = makeKey();
const { deployment, log } = testDeployment(key);
const routed = (url: string, headers: [string, string][] = [], d: GatewayDeployment = deployment) => {
  const scope = scopeFor('GET', url, headers);
  locateStage(scope, d);
  matchRoute(scope);
  return scope;
};
const CONFIGURATION_ERROR = {
  type: 'AUTHORIZER_CONFIGURATION_ERROR',
  message: 'Authorizer Configuration Error',
};

describe('authorizeRequest', () => {
  it('lets a method without authorization through without claims', () => {
    const scope = routed('/prod/health');
    expect(authorizeRequest(scope, deployment, log)).toBeUndefined();
    expect(scope.claims).toBeUndefined();
  });

  it('runs the Cognito authorizer and hands the claims on as strings', () => {
    const token = signJwt(key, cognitoClaims('access', { scope: ADMIN_SCOPE }));
    const scope = routed('/prod/notes', [['Authorization', `Bearer ${token}`]]);
    expect(authorizeRequest(scope, deployment, log)).toBeUndefined();
    expect(scope.claims).toMatchObject({ token_use: 'access', 'cognito:groups': 'admin,editors' });
  });

  it.each([
    ['no token', [], 'Unauthorized'],
    ['a malformed token', [['Authorization', 'Bearer x.y.z']], 'Unauthorized'],
    [
      'an expired token',
      [['Authorization', signJwt(key, cognitoClaims('access', { exp: 1_000, iat: 900, auth_time: 900 }))]],
      'The incoming token has expired',
    ],
  ] as [string, [string, string][], string][])(
    'refuses %s with 401 %s and logs why',
    (_name, headers, message) => {
      const scope = routed('/prod/notes', headers);
      const before = log.entries.length;
      expect(authorizeRequest(scope, deployment, log)).toEqual({ type: 'UNAUTHORIZED', message });
      expect(scope.claims).toBeUndefined();
      expect(log.entries.slice(before).map((e) => e.msg)).toEqual([
        expect.stringMatching(/^GET \/prod\/notes: authorizer cognito refused the request: /),
      ]);
    },
  );

  it('refuses with 500 when the method names an authorizer that does not exist', () => {
    const none: GatewayDeployment = { ...deployment, authorizers: new Map() };
    const scope = routed('/prod/notes', [], none);
    expect(authorizeRequest(scope, none, log)).toEqual(CONFIGURATION_ERROR);
    expect(log.entries.at(-1)?.msg).toMatch(/has no usable Cognito authorizer/);
  });

  it('refuses with 500 an authorization type nothing serves (AWS_IAM)', () => {
    const scope = routed('/prod/health');
    scope.method = { ...scope.method!, authorizationType: 'AWS_IAM' };
    expect(authorizeRequest(scope, deployment, log)).toEqual(CONFIGURATION_ERROR);
    expect(log.entries.at(-1)?.msg).toMatch(/authorization type AWS_IAM is not emulated/);
  });

  it('runs any MethodAuthorizer plugged in for the method, awaiting one that is async', async () => {
    const seen: RequestScope[] = [];
    const custom: MethodAuthorizer = {
      authorizationType: 'CUSTOM',
      model: deployment.apis.get(API_ID)!.authorizers.get('authz01')!,
      authorize: async (scope): Promise<GatewayError | undefined> => {
        seen.push(scope);
        scope.claims = { principalId: 'p' };
        return undefined;
      },
    };
    const plugged: GatewayDeployment = {
      ...deployment,
      authorizers: new Map([[API_ID, new Map([['authz01', custom]])]]),
    };
    const scope = routed('/prod/me', [], plugged);
    scope.method = { ...scope.method!, authorizationType: 'CUSTOM' };
    const outcome = authorizeRequest(scope, plugged, log);
    expect(outcome).toBeInstanceOf(Promise);
    expect(await outcome).toBeUndefined();
    expect(seen).toEqual([scope]);
    expect(scope.claims).toEqual({ principalId: 'p' });
  });

  describe('a method’s authorization scopes', () => {
    const STATS = 'gatehouse-api/stats.read';
    const NOTES = 'gatehouse-api/notes.read';
    const access = (scope: string | undefined) => signJwt(key, cognitoClaims('access', { scope }));
    // A client-credentials token as Cognito mints it: no username, `sub` is the client id.
    const service = (scope: string) =>
      signJwt(key, cognitoClaims('access', { scope, sub: CLIENT_ID, username: undefined, version: 2 }));
    const id = (claims: Record<string, unknown> = {}) => signJwt(key, cognitoClaims('id', claims));

    it.each([
      ['a service token carrying the one scope', [STATS], () => service(STATS)],
      [
        'an access token carrying one of several scopes',
        [ADMIN_SCOPE, NOTES],
        () => access(`openid ${NOTES}`),
      ],
      [
        'a user’s token where its admin scope is one of them',
        [ADMIN_SCOPE, STATS],
        () => access(ADMIN_SCOPE),
      ],
      ['an ID token where the method has none', [], () => id()],
    ] as [string, string[], () => string][])('lets through %s', (_case, scopes, token) => {
      const scope = routed('/prod/me', [['Authorization', `Bearer ${token()}`]]);
      scope.method = { ...scope.method!, authorizationScopes: scopes };
      expect(authorizeRequest(scope, deployment, log)).toBeUndefined();
      expect(scope.claims).toBeDefined();
    });

    it.each([
      ['an access token carrying another scope', [STATS], () => access(NOTES)],
      ['an access token without a scope claim', [STATS], () => access(undefined)],
      [
        'an access token whose scope only starts like the method’s',
        [STATS],
        () => access('gatehouse-api/stats'),
      ],
      ['a service token on a method for users', [ADMIN_SCOPE], () => service(STATS)],
      ['an ID token, even one carrying the scope', [STATS], () => id({ scope: STATS })],
      ['an access token where the method has none', [], () => access(ADMIN_SCOPE)],
    ] as [string, string[], () => string][])('refuses %s with 401 Unauthorized', (_case, scopes, token) => {
      const scope = routed('/prod/me', [['Authorization', `Bearer ${token()}`]]);
      scope.method = { ...scope.method!, authorizationScopes: scopes };
      expect(authorizeRequest(scope, deployment, log)).toEqual({
        type: 'UNAUTHORIZED',
        message: 'Unauthorized',
      });
      expect(scope.claims).toBeUndefined();
    });
  });
});
