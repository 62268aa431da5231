import { describe, expect, it } from 'vitest';
import { createDevConsole, useColour } from '../../src/lambda/dev-console.js';
import type { InvocationRecord } from '../../src/lambda/lambda-runtime.js';
import { childLogger, createMemoryLogger } from '../../src/logger.js';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

function proxyInvocation(status: number | 'fails', requestId: string): InvocationRecord {
  return {
    functionName: 'ApiFunction',
    requestId,
    event: {
      httpMethod: 'GET',
      path: '/me',
      headers: { Authorization: 'Bearer secret-token' },
      requestContext: { path: '/dev/me', requestId: 'gw-1' },
    },
    result:
      status === 'fails'
        ? { ok: false, kind: 'error', errorType: 'TypeError', errorMessage: 'bad' }
        : { ok: true, payload: { statusCode: status, body: '{}' } },
    durationMs: 3,
  };
}

describe('createDevConsole', () => {
  it('prints one line per request with the function and its request id, after the current turn', async () => {
    const log = createMemoryLogger();
    const devConsole = createDevConsole(log, { color: false });
    const gateway = devConsole.gatewayLogger(childLogger(log, 'apigateway'));
    devConsole.onLogs('ApiFunction', ['1{"level":"INFO","message":"request served","status":200}']);
    devConsole.onInvocation(proxyInvocation(200, 'lambda-1'));
    gateway.info('GET /dev/me → 200 (4 ms)');
    expect(log.entries).toEqual([]);
    await nextTurn();
    expect(log.entries).toEqual([
      { level: 'info', msg: 'ApiFunction INFO  request served status=200' },
      { level: 'info', msg: 'GET /dev/me 200 4 ms ApiFunction lambda-1' },
    ]);
    expect(JSON.stringify(log.entries)).not.toContain('secret-token');
  });

  it.each([
    ['a request that never reached a function', undefined, 'GET /dev/me 401 1 ms'],
    [
      'a failed invocation, answered 502',
      proxyInvocation('fails', 'lambda-2'),
      'GET /dev/me 502 1 ms ApiFunction lambda-2',
    ],
  ])('prints %s', async (_name, invocation, line) => {
    const log = createMemoryLogger();
    const devConsole = createDevConsole(log, { color: false });
    const gateway = devConsole.gatewayLogger(log);
    if (invocation !== undefined) devConsole.onInvocation(invocation);
    gateway.info(`GET /dev/me → ${line.split(' ')[2]} (1 ms)`);
    await nextTurn();
    expect(log.entries).toEqual([{ level: 'info', msg: line }]);
  });

  it("passes the gateway's other lines through unchanged", async () => {
    const log = createMemoryLogger();
    const gateway = createDevConsole(log, { color: false }).gatewayLogger(log);
    gateway.info('authorizer Pool refused the request: token expired');
    gateway.error('GET /dev/me: integration timed out after 1000 ms');
    await nextTurn();
    expect(log.entries).toEqual([
      { level: 'info', msg: 'authorizer Pool refused the request: token expired' },
      { level: 'error', msg: 'GET /dev/me: integration timed out after 1000 ms' },
    ]);
  });
});

describe('useColour', () => {
  const tty = { hasColors: () => true };
  const pipe = {};
  it.each([
    [{}, tty, true],
    [{}, pipe, false],
    [{ NO_COLOR: '1' }, tty, false],
    [{ FORCE_COLOR: '1' }, pipe, true],
    [{ FORCE_COLOR: '0' }, tty, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, pipe, true],
  ])('with %j on %j: %s', (env, stream, expected) => {
    expect(useColour(env, stream)).toBe(expected);
  });
});
