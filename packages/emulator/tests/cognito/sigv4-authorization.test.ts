import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { CognitoException } from '../../src/cognito/cognito-error.js';
import { parseSigV4Authorization } from '../../src/cognito/sigv4-authorization.js';

const T = '20261130T080000Z';
const AT = Date.parse('2026-11-30T08:00:00Z');
const SCOPE = '20261130/us-east-1/cognito-idp/aws4_request';
const SIGNATURE = 'ab'.repeat(32);
const GOOD = `AWS4-HMAC-SHA256 Credential=local/${SCOPE}, SignedHeaders=content-type;host;x-amz-date, Signature=${SIGNATURE}`;
const EXPECTED = { region: 'us-east-1', service: 'cognito-idp' };

function headers(authorization: string | undefined, extra: IncomingHttpHeaders = { 'x-amz-date': T }) {
  return { ...(authorization === undefined ? {} : { authorization }), ...extra };
}

function failure(h: IncomingHttpHeaders, now?: number): { name: string; message: string } {
  try {
    parseSigV4Authorization(h, now === undefined ? EXPECTED : { ...EXPECTED, now });
  } catch (err) {
    expect(err).toBeInstanceOf(CognitoException);
    const e = err as CognitoException;
    expect(e.statusCode).toBe(400);
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the header to be refused');
}

describe('parseSigV4Authorization', () => {
  it('reads a well-formed header', () => {
    expect(parseSigV4Authorization(headers(GOOD), EXPECTED)).toEqual({
      accessKeyId: 'local',
      scope: SCOPE,
      scopeDate: '20261130',
      region: 'us-east-1',
      service: 'cognito-idp',
      signedHeaders: ['content-type', 'host', 'x-amz-date'],
      signature: SIGNATURE,
      requestTime: T,
    });
  });

  it.each([
    ['a Date header instead of X-Amz-Date', headers(GOOD, { date: 'Mon, 30 Nov 2026 08:00:00 GMT' })],
    ['trailing slashes after the credential', headers(GOOD.replace('aws4_request,', 'aws4_request//,'))],
    ['a header name in capitals', headers(GOOD.replace('host', 'Host'))],
    ['an access key that names a prototype property', headers(GOOD.replace('local/', '__proto__/'))],
  ])('accepts %s', (_, h) => {
    expect(parseSigV4Authorization(h, EXPECTED).requestTime).toBe(T);
  });

  const missing = (parts: string) => `${parts}Authorization=`;
  it.each<[string, IncomingHttpHeaders, string, string]>([
    [
      'no header',
      headers(undefined),
      'MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
    ],
    [
      'a Bearer token',
      headers('Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig'),
      'MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
    ],
    [
      'a word where key=value pairs belong',
      headers('AWS4-HMAC-SHA256 garbage'),
      'IncompleteSignatureException',
      "'garbage' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 garbage'.",
    ],
    [
      'a space after Credential=',
      headers(GOOD.replace('Credential=', 'Credential= ')),
      'IncompleteSignatureException',
      `'local/${SCOPE}' not a valid key=value pair (missing equal-sign) in Authorization header: '${GOOD.replace('Credential=', 'Credential= ')}'.`,
    ],
    [
      'the algorithm alone, without a date',
      headers('AWS4-HMAC-SHA256', {}),
      'IncompleteSignatureException',
      `${missing("Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")}AWS4-HMAC-SHA256`,
    ],
    [
      'only a Credential',
      headers(`AWS4-HMAC-SHA256 Credential=local/${SCOPE}`),
      'IncompleteSignatureException',
      `${missing("Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. ")}AWS4-HMAC-SHA256 Credential=local/${SCOPE}`,
    ],
    [
      'an empty Signature',
      headers(GOOD.replace(SIGNATURE, '')),
      'IncompleteSignatureException',
      `${missing("Authorization header requires 'Signature' parameter. ")}${GOOD.replace(SIGNATURE, '')}`,
    ],
    [
      'no X-Amz-Date or Date header',
      headers(GOOD, {}),
      'IncompleteSignatureException',
      `${missing("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")}${GOOD}`,
    ],
    [
      'an extended-format X-Amz-Date',
      headers(GOOD, { 'x-amz-date': '2026-11-30T08:00:00Z' }),
      'IncompleteSignatureException',
      "Date must be in ISO-8601 'basic format'. Got '2026-11-30T08:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
    [
      'an X-Amz-Date that is no real day',
      headers(GOOD, { 'x-amz-date': '20260231T080000Z' }),
      'IncompleteSignatureException',
      "Date must be in ISO-8601 'basic format'. Got '20260231T080000Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
    [
      'a Date header that is no date',
      headers(GOOD, { date: 'yesterday' }),
      'IncompleteSignatureException',
      "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See http://en.wikipedia.org/wiki/ISO_8601",
    ],
    [
      'host not among the signed headers',
      headers(GOOD.replace('content-type;host;x-amz-date', 'x-amz-date')),
      'InvalidSignatureException',
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    ],
    [
      'an empty SignedHeaders',
      headers(GOOD.replace('content-type;host;x-amz-date', '')),
      'InvalidSignatureException',
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    ],
    [
      'another algorithm',
      headers(GOOD.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')),
      'IncompleteSignatureException',
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). ",
    ],
    [
      'a credential of four elements',
      headers(GOOD.replace('/aws4_request', '')),
      'IncompleteSignatureException',
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'local/20261130/us-east-1/cognito-idp'",
    ],
    [
      'another region',
      headers(GOOD.replace('us-east-1', 'eu-west-1')),
      'InvalidSignatureException',
      "Credential should be scoped to a valid region, not 'eu-west-1'. ",
    ],
    [
      'another service',
      headers(GOOD.replace('cognito-idp', 'dynamodb')),
      'InvalidSignatureException',
      "Credential should be scoped to correct service: 'cognito-idp'. ",
    ],
    [
      'another terminator',
      headers(GOOD.replace('aws4_request', 'aws5_request')),
      'InvalidSignatureException',
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
    ],
    [
      'a scope date other than the request date',
      headers(GOOD.replace('20261130/', '20261129/')),
      'InvalidSignatureException',
      "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261129' != '20261130', from '20261130T080000Z'.",
    ],
    [
      'every part of the scope wrong',
      headers(GOOD.replace(SCOPE, 'b/c/d/e')),
      'InvalidSignatureException',
      "Credential should be scoped to a valid region, not 'c'. Credential should be scoped to correct service: 'cognito-idp'. Credential should be scoped with a valid terminator: 'aws4_request', not 'e'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: 'b' != '20261130', from '20261130T080000Z'.",
    ],
  ])('refuses %s as AWS does', (_, h, name, message) => {
    expect(failure(h)).toEqual({ name, message });
  });

  it.each([
    [
      'more than five minutes old',
      AT + 5 * 60_000 + 1000,
      'Signature expired: 20261130T080000Z is now earlier than 20261130T080001Z (20261130T080501Z - 5 min.)',
    ],
    [
      'more than five minutes ahead',
      AT - 5 * 60_000 - 1000,
      'Signature not yet current: 20261130T080000Z is still later than 20261130T075959Z (20261130T075459Z + 5 min.)',
    ],
  ])('refuses a request time %s when given a clock', (_, now, message) => {
    expect(failure(headers(GOOD), now)).toEqual({ name: 'InvalidSignatureException', message });
  });

  it.each([AT - 5 * 60_000, AT + 5 * 60_000])(
    'accepts a request time five minutes from the clock (%d)',
    (now) => {
      expect(parseSigV4Authorization(headers(GOOD), { ...EXPECTED, now }).requestTime).toBe(T);
    },
  );
});
