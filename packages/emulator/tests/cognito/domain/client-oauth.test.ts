import { describe, expect, it } from 'vitest';
import type { UserPoolClient } from '../../../src/cognito/cognito-types.js';
import { applyClientOAuth, type ClientOAuthInput } from '../../../src/cognito/domain/client-oauth.js';
import { errorOf } from './domain-fixture.js';

const POOL_ID = 'us-east-1_OAuthTest1';
const CUSTOM = new Set(['gatehouse-api/notes.read', 'gatehouse-api/stats.read']);

function apply(input: ClientOAuthInput, hasSecret = false, client = {} as UserPoolClient): UserPoolClient {
  applyClientOAuth(client, input, { poolId: POOL_ID, hasSecret, customScopes: CUSTOM });
  return client;
}

const web: ClientOAuthInput = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'gatehouse-api/notes.read'],
  CallbackURLs: ['http://localhost:5173/', 'https://app.example/cb'],
  LogoutURLs: ['http://localhost:5173/'],
  DefaultRedirectURI: 'https://app.example/cb',
  SupportedIdentityProviders: ['COGNITO'],
};

const service: ClientOAuthInput = {
  AllowedOAuthFlowsUserPoolClient: true,
  AllowedOAuthFlows: ['client_credentials'],
  AllowedOAuthScopes: ['gatehouse-api/stats.read'],
};

describe('applyClientOAuth', () => {
  it('sets a web client’s settings as given', () => {
    expect(apply(web)).toEqual(web);
  });

  it('sets a service client’s settings when the client has a secret', () => {
    expect(apply(service, true)).toEqual(service);
  });

  it('removes what the input leaves out and reads a missing flag as false', () => {
    const client = apply(web);
    expect(apply({}, false, client)).toEqual({ AllowedOAuthFlowsUserPoolClient: false });
  });

  it.each([
    ['an app scheme', 'myapp://callback'],
    ['127.0.0.1 over http', 'http://127.0.0.1:8080/cb'],
    ['localhost over http', 'http://localhost/'],
  ])('accepts a callback URL with %s', (_case, url) => {
    expect(errorOf(() => apply({ ...web, CallbackURLs: [url], DefaultRedirectURI: url }))).toBe('accepted');
  });

  it.each([
    [
      'a client_credentials client without a secret',
      service,
      'InvalidOAuthFlowException: client_credentials flow can not be selected if client does not have a client secret.',
    ],
    [
      'client_credentials with the code flow',
      { ...web, AllowedOAuthFlows: ['code', 'client_credentials'] },
      'InvalidOAuthFlowException: client_credentials flow can not be selected along with code flow or implicit flow.',
    ],
    [
      'a scope no resource server defines',
      { ...web, AllowedOAuthScopes: ['openid', 'gatehouse-api/notes.delete'] },
      'ScopeDoesNotExistException: Invalid scope requested: gatehouse-api/notes.delete',
    ],
    [
      'a scope that is not a standard one',
      { ...web, AllowedOAuthScopes: ['Cognito'] },
      'ScopeDoesNotExistException: Invalid scope requested: Cognito',
    ],
    [
      'a standard scope for client_credentials',
      { ...service, AllowedOAuthScopes: ['openid', 'gatehouse-api/stats.read'] },
      'InvalidOAuthFlowException: openid is not supported with client_credentials flow',
      true,
    ],
    [
      'OAuth allowed without flows',
      { ...web, AllowedOAuthFlows: [] },
      'InvalidParameterException: AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    ],
    [
      'OAuth allowed without scopes',
      { ...web, AllowedOAuthScopes: undefined },
      'InvalidParameterException: AllowedOAuthFlows and AllowedOAuthScopes are required if user pool client is allowed to use OAuth flows.',
    ],
    [
      'the code flow without callback URLs',
      { ...web, CallbackURLs: undefined, DefaultRedirectURI: undefined },
      'InvalidOAuthFlowException: CallbackUrls can not be empty when code flow or implicit flow is selected',
    ],
    [
      'a callback URL over http to another host',
      { ...web, CallbackURLs: ['http://app.example/cb'], DefaultRedirectURI: undefined },
      'InvalidParameterException: http://app.example/cb cannot use the HTTP protocol.',
    ],
    [
      'a logout URL over http to another host',
      { ...web, LogoutURLs: ['http://192.168.1.5:5173/'] },
      'InvalidParameterException: http://192.168.1.5:5173/ cannot use the HTTP protocol.',
    ],
    [
      'a callback URL with a fragment',
      { ...web, CallbackURLs: ['https://app.example/cb#done'], DefaultRedirectURI: undefined },
      'InvalidParameterException: https://app.example/cb#done must not include a fragment component.',
    ],
    [
      'a relative callback URL',
      { ...web, CallbackURLs: ['/cb'], DefaultRedirectURI: undefined },
      'InvalidParameterException: /cb is not a valid URL: a redirect URL must be an absolute URI.',
    ],
    [
      'a default redirect URI that is not a callback URL',
      { ...web, DefaultRedirectURI: 'https://other.example/cb' },
      'InvalidParameterException: DefaultRedirectURI https://other.example/cb must be in CallbackURLs.',
    ],
    [
      'an identity provider the pool does not have',
      { ...web, SupportedIdentityProviders: ['COGNITO', 'Google'] },
      `InvalidParameterException: The provider Google does not exist for User Pool ${POOL_ID}.`,
    ],
  ] as [string, ClientOAuthInput, string, boolean?][])('refuses %s', (_case, input, expected, hasSecret) => {
    expect(errorOf(() => apply(input, hasSecret))).toBe(expected);
  });

  it('leaves the client as it was when it refuses the input', () => {
    const client = apply(web);
    errorOf(() => apply({ ...web, AllowedOAuthScopes: ['nope'] }, false, client));
    expect(client).toEqual(web);
  });

  it('accepts flows and scopes on a client that may not use them yet, as AWS keeps them', () => {
    const input = { ...web, AllowedOAuthFlowsUserPoolClient: false, CallbackURLs: undefined };
    delete input.DefaultRedirectURI;
    expect(apply(input)).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: false,
    });
  });
});
