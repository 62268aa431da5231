import { describe, expect, it } from 'vitest';
import { javaDateString, toAuthorizerClaims } from '../../src/apigateway/authorizer-claims.js';

describe('javaDateString', () => {
  it.each([
    [1718722804, 'Tue Jun 18 15:00:04 UTC 2024'],
    [1718636404, 'Mon Jun 17 15:00:04 UTC 2024'],
    [0, 'Thu Jan 01 00:00:00 UTC 1970'],
    [1709251199, 'Thu Feb 29 23:59:59 UTC 2024'],
  ])('writes %i as %s', (seconds, expected) => {
    expect(javaDateString(seconds)).toBe(expected);
  });
});

describe('toAuthorizerClaims', () => {
  it.each([
    ['a string as it is', { sub: 'abc' }, { sub: 'abc' }],
    ['numbers as decimal strings', { auth_time: 1718636404 }, { auth_time: '1718636404' }],
    [
      'exp and iat as Java dates',
      { exp: 1718722804, iat: 1718636404 },
      { exp: 'Tue Jun 18 15:00:04 UTC 2024', iat: 'Mon Jun 17 15:00:04 UTC 2024' },
    ],
    [
      'booleans as true/false',
      { email_verified: true, phone_number_verified: false },
      { email_verified: 'true', phone_number_verified: 'false' },
    ],
    ['one group as its name', { 'cognito:groups': ['admin'] }, { 'cognito:groups': 'admin' }],
    ['several groups comma-separated', { 'cognito:groups': ['a', 'b'] }, { 'cognito:groups': 'a,b' }],
    ['objects as JSON', { address: { formatted: 'x' } }, { address: '{"formatted":"x"}' }],
    ['nulls left out', { nickname: null, sub: 's' }, { sub: 's' }],
  ])('writes %s', (_name, payload, expected) => {
    expect(toAuthorizerClaims(payload)).toEqual(expected);
  });
});

describe('toAuthorizerClaims with claims named like Object.prototype members', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('keeps a claim named %s', (name) => {
    const payload = JSON.parse(`{"sub":"s","${name}":"v"}`) as Record<string, unknown>;
    const claims = toAuthorizerClaims(payload);
    expect(Object.getOwnPropertyDescriptor(claims, name)?.value).toBe('v');
    expect(JSON.parse(JSON.stringify(claims))).toEqual(payload);
  });
});
