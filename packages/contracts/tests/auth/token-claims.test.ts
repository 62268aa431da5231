import { describe, expect, it } from 'vitest';
import {
  AccessTokenClaimsSchema,
  AuthorizerClaimsSchema,
  IdTokenClaimsSchema,
  parseGroupsClaim,
  parseScopeClaim,
  ServiceAccessTokenClaimsSchema,
} from '../../src/index.js';

// Shaped as the access and ID tokens Cognito issues through InitiateAuth (see shared reference §1.2–1.3).
const accessToken = {
  sub: '844864a8-2011-70fa-7203-9c2a97dfb961',
  'cognito:groups': ['admin'],
  iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_7weLGy5Ja',
  client_id: '7jbh0apjcmol0vrl95vk1q2uj6',
  origin_jti: '84b63d0f-0000-4000-8000-000000000000',
  event_id: '5d5cfff1-0000-4000-8000-000000000000',
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  auth_time: 1744985018,
  exp: 1744988618,
  iat: 1744985018,
  jti: '30cfc10e-0000-4000-8000-000000000000',
  username: '844864a8-2011-70fa-7203-9c2a97dfb961',
};

const idToken = {
  sub: 'cdf4ddbd-0000-4000-8000-000000000000',
  email_verified: false,
  iss: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_WBH3jAT2F',
  'cognito:username': 'amplifykha',
  origin_jti: 'd318bb1f-0000-4000-8000-000000000000',
  aud: '7v5k34l31fg46s451sdrd4kv6g',
  event_id: 'a5008fc2-0000-4000-8000-000000000000',
  token_use: 'id',
  auth_time: 1659637204,
  exp: 1659640804,
  iat: 1659637204,
  jti: '4076850d-0000-4000-8000-000000000000',
  email: 'someone@example.com',
  'custom:tier': '3',
};

describe('AccessTokenClaimsSchema', () => {
  it('accepts the claims of a real Cognito access token', () => {
    expect(AccessTokenClaimsSchema.parse(accessToken)).toMatchObject({
      token_use: 'access',
      username: accessToken.username,
    });
  });

  it.each([
    ['an ID token', { ...accessToken, token_use: 'id' }],
    ['no client_id', { ...accessToken, client_id: undefined }],
    ['exp as a string', { ...accessToken, exp: '1744988618' }],
    ['groups as a string', { ...accessToken, 'cognito:groups': 'admin' }],
    ['an issuer that is not a URL', { ...accessToken, iss: 'cognito' }],
  ])('rejects %s', (_case, claims) => {
    expect(AccessTokenClaimsSchema.safeParse(claims).success).toBe(false);
  });
});

// A client-credentials access token as Cognito issues it to a confidential client.
const serviceToken = {
  sub: '1example23456789abcdefghij',
  token_use: 'access',
  scope: 'gatehouse-api/stats.read',
  auth_time: 1744985018,
  iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_7weLGy5Ja',
  exp: 1744988618,
  iat: 1744985018,
  version: 2,
  jti: '5a1b2c3d-0000-4000-8000-000000000000',
  client_id: '1example23456789abcdefghij',
};

describe('ServiceAccessTokenClaimsSchema', () => {
  it('accepts the claims of a client-credentials token', () => {
    expect(ServiceAccessTokenClaimsSchema.parse(serviceToken)).toMatchObject({
      sub: serviceToken.client_id,
      version: 2,
    });
  });

  it('accepts a token without auth_time', () => {
    const { auth_time: _a, ...claims } = serviceToken;
    expect(ServiceAccessTokenClaimsSchema.safeParse(claims).success).toBe(true);
  });

  it.each([
    ['a user token (with username)', { ...serviceToken, username: 'alice' }],
    ['groups', { ...serviceToken, 'cognito:groups': ['admin'] }],
    ['a sub other than the client id', { ...serviceToken, sub: 'someone-else' }],
    ['no jti', { ...serviceToken, jti: undefined }],
    ['version 1', { ...serviceToken, version: 1 }],
    ['an ID token', { ...serviceToken, token_use: 'id' }],
    ['no scope', { ...serviceToken, scope: undefined }],
  ])('rejects %s', (_case, claims) => {
    expect(ServiceAccessTokenClaimsSchema.safeParse(claims).success).toBe(false);
  });

  it('is not mistaken for a user access token', () => {
    expect(AccessTokenClaimsSchema.safeParse(serviceToken).success).toBe(false);
  });
});

describe('parseScopeClaim', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['openid', ['openid']],
    ['openid  gatehouse-api/notes.read ', ['openid', 'gatehouse-api/notes.read']],
  ])('reads %j as %j', (value, scopes) => {
    expect(parseScopeClaim(value)).toEqual(scopes);
  });
});

describe('IdTokenClaimsSchema', () => {
  it('accepts the claims of a real Cognito ID token and keeps custom attributes', () => {
    expect(IdTokenClaimsSchema.parse(idToken)).toMatchObject({ aud: idToken.aud, 'custom:tier': '3' });
  });

  it.each([
    ['an access token', { ...idToken, token_use: 'access' }],
    ['no aud', { ...idToken, aud: undefined }],
    ['email_verified as a string', { ...idToken, email_verified: 'false' }],
  ])('rejects %s', (_case, claims) => {
    expect(IdTokenClaimsSchema.safeParse(claims).success).toBe(false);
  });
});

describe('AuthorizerClaimsSchema', () => {
  // As API Gateway's REST Cognito authorizer writes them into requestContext.authorizer.claims.
  const claims = {
    sub: accessToken.sub,
    iss: accessToken.iss,
    token_use: 'access',
    client_id: accessToken.client_id,
    username: accessToken.username,
    scope: 'aws.cognito.signin.user.admin',
    'cognito:groups': 'admin,editors',
    auth_time: '1744985018',
    exp: 'Fri Apr 18 15:03:38 UTC 2025',
    iat: 'Fri Apr 18 14:03:38 UTC 2025',
  };

  it('accepts string-valued claims as API Gateway delivers them', () => {
    expect(AuthorizerClaimsSchema.parse(claims)).toMatchObject({ exp: claims.exp });
  });

  it.each([
    ['a numeric claim', { ...claims, auth_time: 1744985018 }],
    ['a boolean claim', { ...claims, email_verified: true }],
    ['no sub', { ...claims, sub: undefined }],
    ['an empty sub', { ...claims, sub: '' }],
    ['an unknown token use', { ...claims, token_use: 'refresh' }],
  ])('rejects %s', (_case, value) => {
    expect(AuthorizerClaimsSchema.safeParse(value).success).toBe(false);
  });
});

describe('parseGroupsClaim', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['admin', ['admin']],
    ['admin,editors', ['admin', 'editors']],
    [' admin , editors ', ['admin', 'editors']],
    ['[admin editors]', ['admin', 'editors']],
    ['[admin, editors]', ['admin', 'editors']],
    ['[]', []],
  ])('reads %j as %j', (value, groups) => {
    expect(parseGroupsClaim(value)).toEqual(groups);
  });
});
