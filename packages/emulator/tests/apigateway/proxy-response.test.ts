import { describe, expect, it } from 'vitest';
import { parseProxyResult } from '../../src/apigateway/proxy-response.js';

describe('parseProxyResult', () => {
  it.each([
    ['a number status', { statusCode: 200, body: 'ok' }, 200, 'ok'],
    ['a string status', { statusCode: '404', body: 'missing' }, 404, 'missing'],
    ['no body', { statusCode: 204 }, 204, ''],
    ['a null body', { statusCode: 200, body: null }, 200, ''],
    [
      'a base64 body',
      { statusCode: 200, body: Buffer.from('bin').toString('base64'), isBase64Encoded: true },
      200,
      'bin',
    ],
    ['extra keys (ignored)', { statusCode: 200, body: 'x', cookies: ['a=1'] }, 200, 'x'],
  ])('accepts %s', (_name, payload, status, body) => {
    const r = parseProxyResult(payload);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.status).toBe(status);
      expect(r.body.toString('utf8')).toBe(body);
    }
  });

  it.each([
    ['undefined', undefined, /not an object/],
    ['a string', 'hello', /not an object/],
    ['an array', [1], /not an object/],
    ['no statusCode', { body: 'x' }, /statusCode/],
    ['a non-numeric statusCode', { statusCode: 'ok' }, /statusCode/],
    ['an out-of-range statusCode', { statusCode: 42 }, /statusCode/],
    ['an object body', { statusCode: 200, body: { a: 1 } }, /body is a object/],
    ['a non-boolean isBase64Encoded', { statusCode: 200, isBase64Encoded: 'yes' }, /isBase64Encoded/],
    ['object headers values', { statusCode: 200, headers: { a: { b: 1 } } }, /headers\.a/],
    [
      'non-array multiValueHeaders',
      { statusCode: 200, multiValueHeaders: { a: 'x' } },
      /multiValueHeaders\.a/,
    ],
  ])('refuses %s as malformed', (_name, payload, reason) => {
    const r = parseProxyResult(payload);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('sends only the multi-value values for a header in both maps, whatever its case', () => {
    const r = parseProxyResult({
      statusCode: 200,
      headers: { 'set-cookie': 'single=1', 'X-One': 1, 'X-Flag': true },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
    });
    expect(r.ok && r.headers).toEqual([
      ['X-One', '1'],
      ['X-Flag', 'true'],
      ['Set-Cookie', 'a=1'],
      ['Set-Cookie', 'b=2'],
    ]);
  });
});
