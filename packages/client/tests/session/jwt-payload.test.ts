import { describe, expect, it } from 'vitest';
import { InvalidTokenError } from '../../src/errors/client-error.js';
import { decodeJwtPayload } from '../../src/session/jwt-payload.js';
import { fakeJwt } from '../support/fake-jwt.js';

describe('decodeJwtPayload', () => {
  it('reads a base64url payload, UTF-8 included', () => {
    const payload = { sub: 'abc', name: 'Zoë ✓', 'custom:team': 'α/β?', exp: 1 };
    expect(decodeJwtPayload(fakeJwt(payload))).toEqual(payload);
  });

  it('ignores Cognito escaping "/" as "\\/" inside the JSON', () => {
    const part = Buffer.from(
      '{"iss":"https:\\/\\/cognito-idp.us-east-1.amazonaws.com\\/us-east-1_A"}',
    ).toString('base64url');
    expect(decodeJwtPayload(`e30.${part}.sig`)).toEqual({
      iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A',
    });
  });

  it.each([
    ['no dots', 'abc'],
    ['two parts', 'a.b'],
    ['a payload that is not JSON', `e30.${Buffer.from('nope').toString('base64url')}.s`],
    ['a payload that is an array', `e30.${Buffer.from('[1]').toString('base64url')}.s`],
  ])('refuses %s without quoting the token', (_case, token) => {
    const error = (() => {
      try {
        decodeJwtPayload(token);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(error?.message).not.toContain(token);
  });
});
