import { describe, expect, it } from 'vitest';
import { locateStage } from '../../src/apigateway/locate-stage.js';
import { matchRoute } from '../../src/apigateway/match-route.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { makeKey } from './support/test-api.js';

const { deployment } = testDeployment(makeKey());
const located = (method: string, url: string) => {
  const scope = scopeFor(method, url);
  locateStage(scope, deployment);
  return scope;
};

describe('matchRoute', () => {
  it.each([
    ['GET', '/prod/notes/latest', '/notes/latest', {}],
    ['GET', '/prod/notes/n%201', '/notes/{noteId}', { noteId: 'n 1' }],
    ['GET', '/prod/notes/__proto__', '/notes/{noteId}', { noteId: '__proto__' }],
    ['PATCH', '/prod/files/a/b', '/files/{proxy+}', { proxy: 'a/b' }],
    ['OPTIONS', '/prod/notes', '/notes', {}],
  ])('matches %s %s to %s', (method, url, resourcePath, params) => {
    const scope = located(method, url);
    expect(matchRoute(scope)).toBeUndefined();
    expect(scope.resourcePath).toBe(resourcePath);
    expect(scope.method?.httpMethod).toBe(method === 'PATCH' ? 'ANY' : method);
    expect({ ...scope.pathParameters }).toEqual(params);
  });

  it.each([
    ['DELETE', '/prod/health'],
    ['GET', '/prod/nowhere'],
    ['GET', '/prod/files'],
    ['GET', '/prod/toString'],
  ])('refuses %s %s with 403 Missing Authentication Token', (method, url) => {
    const scope = located(method, url);
    expect(matchRoute(scope)).toEqual({
      type: 'MISSING_AUTHENTICATION_TOKEN',
      message: 'Missing Authentication Token',
    });
    expect(scope.resourcePath).toBeUndefined();
  });

  it('gives path parameters as a null-prototype map', () => {
    const scope = located('GET', '/prod/notes/abc');
    matchRoute(scope);
    expect(Object.getPrototypeOf(scope.pathParameters)).toBeNull();
  });
});
