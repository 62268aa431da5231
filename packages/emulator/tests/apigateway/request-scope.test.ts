import { describe, expect, it } from 'vitest';
import { scopeFor } from './support/gateway-steps.js';

describe('RequestScope', () => {
  it('splits the request target into path and raw query', () => {
    const scope = scopeFor('get', '/prod/notes?a=1&b=%20');
    expect(scope.httpMethod).toBe('GET');
    expect(scope.pathname).toBe('/prod/notes');
    expect(scope.rawQuery).toBe('a=1&b=%20');
    expect(scope.query).toEqual({ a: '1', b: ' ' });
  });

  it('keeps header pairs as sent and looks them up by lower-cased name in a null-prototype map', () => {
    const scope = scopeFor('GET', '/', [
      ['X-One', 'a'],
      ['x-one', 'b'],
      ['toString', 'c'],
    ]);
    expect(scope.rawHeaders).toEqual([
      ['X-One', 'a'],
      ['x-one', 'b'],
      ['toString', 'c'],
    ]);
    expect(Object.getPrototypeOf(scope.headers)).toBeNull();
    expect(scope.headers['x-one']).toBe('b');
    expect(scope.headers.tostring).toBe('c');
    expect(scope.headers.constructor).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'hasOwnProperty'])(
    'reads a query parameter named %s as a value',
    (name) => {
      const scope = scopeFor('GET', `/prod/x?${name}=v`);
      expect(Object.getOwnPropertyDescriptor(scope.query, name)?.value).toBe('v');
    },
  );

  it('reports the IPv4 address of a dual-stack peer and labels the request by stage and path', () => {
    const scope = scopeFor('POST', '/prod/notes');
    scope.stage = 'prod';
    scope.rest = '/notes';
    expect(scope.sourceIp).toBe('127.0.0.1');
    expect(scope.label).toBe('POST /prod/notes');
    expect(scope.path).toBe('/notes');
  });
});
