import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { GatewayAnswer } from '../../src/apigateway/gateway-answer.js';
import { locateStage } from '../../src/apigateway/locate-stage.js';
import { renderError, sendAnswer } from '../../src/apigateway/render-answer.js';
import { createMemoryLogger } from '../../src/logger.js';
import { scopeFor, testDeployment } from './support/gateway-steps.js';
import { makeKey } from './support/test-api.js';

describe('renderError', () => {
  it("uses AWS's default body and headers when the API customises nothing", () => {
    const scope = scopeFor('GET', '/prod/nowhere');
    locateStage(scope, testDeployment(makeKey()).deployment);
    expect(
      renderError({ type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' }, scope),
    ).toEqual({
      status: 403,
      headers: [
        ['Content-Type', 'application/json'],
        ['x-amzn-RequestId', 'req-1'],
        ['x-amzn-ErrorType', 'MissingAuthenticationTokenException'],
      ],
      body: '{"message":"Missing Authentication Token"}',
    });
  });

  it("renders the API's gateway response for the scope's request", () => {
    const scope = scopeFor('GET', '/prod/notes');
    locateStage(scope, testDeployment(makeKey(), { gatewayResponses: true }).deployment);
    const answer = renderError({ type: 'UNAUTHORIZED', message: 'Unauthorized' }, scope);
    expect(answer.status).toBe(401);
    expect(answer.headers).toContainEqual(['WWW-Authenticate', 'Bearer']);
    expect(JSON.parse(String(answer.body))).toEqual({ error: 'Unauthorized', id: 'req-1' });
  });

  it('answers an unknown stage without any API customisation', () => {
    const scope = scopeFor('GET', '/nope/x');
    locateStage(scope, testDeployment(makeKey(), { gatewayResponses: true }).deployment);
    const answer = renderError({ type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Forbidden' }, scope);
    expect(answer.headers.map(([name]) => name)).not.toContain('Access-Control-Allow-Origin');
  });
});

describe('sendAnswer', () => {
  async function sent(answer: GatewayAnswer, method = 'GET') {
    const log = createMemoryLogger();
    const server = createServer((req, res) => sendAnswer(res, answer, req.method === 'HEAD', log));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { method });
      return { res, text: await res.text(), log };
    } finally {
      server.close();
    }
  }

  it('keeps repeated headers, sets Content-Length itself and drops framing and invalid headers', async () => {
    const { res, text, log } = await sent({
      status: 201,
      headers: [
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['Content-Length', '999'],
        ['Transfer-Encoding', 'chunked'],
        ['Bad Name', 'x'],
        ['X-Bad-Value', 'a\nb'],
      ],
      body: 'héllo',
    });
    expect(res.status).toBe(201);
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(res.headers.get('content-length')).toBe('6');
    expect(text).toBe('héllo');
    expect(log.entries.map((e) => e.msg)).toEqual([
      'dropped invalid response header "Bad Name"',
      'dropped invalid response header "X-Bad-Value"',
    ]);
  });

  it('sends only the headers to a HEAD request', async () => {
    const { res, text } = await sent({ status: 200, headers: [], body: 'abc' }, 'HEAD');
    expect(res.headers.get('content-length')).toBe('3');
    expect(text).toBe('');
  });
});
