import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FORM_BYTES, readPostedForm, sendJson } from '../../src/oauth/oauth-http.js';
import { closeHttp, httpUrl, listenHttp } from '../../src/shared/http-listener.js';

describe('readPostedForm', () => {
  const server = createServer((req, res) => {
    void readPostedForm(req, res).then((form) => {
      if (form !== undefined) sendJson(req, res, 200, { a: form.get('a') });
    });
  });
  let url = '';
  beforeAll(async () => {
    url = httpUrl('127.0.0.1', await listenHttp(server, 0, '127.0.0.1'));
  });
  afterAll(() => closeHttp(server));

  const FORM = 'application/x-www-form-urlencoded';

  it('returns the form of a form-encoded POST', async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': FORM }, body: 'a=1' });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ a: '1' });
  });

  it.each([
    ['GET', undefined, undefined, 405, 'POST'],
    ['PUT', FORM, 'a=1', 405, 'POST'],
    ['POST', 'application/json', '{"a":1}', 400, null],
    ['POST', FORM, `a=${'x'.repeat(MAX_FORM_BYTES)}`, 413, null],
  ])('answers %s with %s as %i invalid_request', async (method, type, body, status, allow) => {
    const res = await fetch(url, {
      method,
      ...(type === undefined ? {} : { headers: { 'content-type': type } }),
      ...(body === undefined ? {} : { body }),
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('allow')).toBe(allow);
    await expect(res.json()).resolves.toEqual({ error: 'invalid_request' });
  });
});
