import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors/client-error.js';
import { domainEndpoint } from '../../src/oauth/domain-endpoint.js';

describe('domainEndpoint', () => {
  it.each([
    [
      'http://localhost:9229/gatehouse-dev',
      '/oauth2/token',
      'http://localhost:9229/gatehouse-dev/oauth2/token',
    ],
    ['http://localhost:9229/gatehouse-dev/', '/logout', 'http://localhost:9229/gatehouse-dev/logout'],
    [
      'https://gatehouse-prod.auth.eu-west-1.amazoncognito.com',
      '/oauth2/authorize',
      'https://gatehouse-prod.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
    ],
    [
      'https://gatehouse-prod.auth.eu-west-1.amazoncognito.com/',
      '/oauth2/userInfo',
      'https://gatehouse-prod.auth.eu-west-1.amazoncognito.com/oauth2/userInfo',
    ],
  ] as const)('puts %s + %s at %s', (domainUrl, path, expected) => {
    expect(domainEndpoint(domainUrl, path).href).toBe(expected);
  });

  it('names the missing setting', () => {
    expect(() => domainEndpoint(undefined, '/oauth2/token')).toThrow(ConfigError);
    expect(() => domainEndpoint(undefined, '/oauth2/token')).toThrow(
      /domainUrl is missing.*UserPoolDomainUrl/,
    );
  });
});
