import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, readRequestBody } from '../../src/apigateway/read-body.js';
import { scopeFor } from './support/gateway-steps.js';

describe('readRequestBody', () => {
  it('reads the body into the scope', async () => {
    const scope = scopeFor('POST', '/prod/x', [], 'hello');
    expect(await readRequestBody(scope)).toBeUndefined();
    expect(scope.body.toString()).toBe('hello');
  });

  it('leaves an empty body empty', async () => {
    const scope = scopeFor('GET', '/prod/x');
    expect(await readRequestBody(scope)).toBeUndefined();
    expect(scope.body.length).toBe(0);
  });

  it('refuses a body over 10 MB with 413 Request Too Long and keeps none of it', async () => {
    const scope = scopeFor('POST', '/prod/x', [], Buffer.alloc(MAX_REQUEST_BYTES + 1, 97));
    expect(await readRequestBody(scope)).toEqual({ type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });
    expect(scope.body.length).toBe(0);
  });
});
