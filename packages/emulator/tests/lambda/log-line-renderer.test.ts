import { describe, expect, it } from 'vitest';
import { renderFunctionLine, renderRequestLine } from '../../src/lambda/log-line-renderer.js';

const plain = { color: false };
const colour = { color: true };

describe('renderFunctionLine', () => {
  it.each([
    [
      'a Powertools record: level, message, then the remaining keys',
      '{"level":"INFO","message":"request served","timestamp":"2026-11-30T08:00:00.000Z","service":"gatehouse-api","cold_start":true,"function_request_id":"r-1","status":200}',
      'INFO  request served timestamp=2026-11-30T08:00:00.000Z service=gatehouse-api cold_start=true function_request_id=r-1 status=200',
    ],
    [
      "without the keys that only restate the function's name",
      '{"level":"INFO","message":"hi","function_arn":"arn:aws:lambda:us-east-1:0:function:f","function_name":"f","function_memory_size":512,"cold_start":false}',
      'INFO  hi cold_start=false',
    ],
    [
      'nested values as compact JSON, strings with spaces quoted',
      '{"level":"ERROR","message":"failed","error":{"name":"TypeError","message":"bad input"},"note":"two words"}',
      'ERROR failed error={"name":"TypeError","message":"bad input"} note="two words"',
    ],
    [
      'credentials redacted at any depth',
      '{"level":"DEBUG","message":"event","headers":{"Authorization":"Bearer eyJabc","Host":"x"},"accessToken":"eyJdef","password":"hunter2"}',
      'DEBUG event headers={"Authorization":"[redacted]","Host":"x"} accessToken=[redacted] password=[redacted]',
    ],
    [
      'keys that end in a credential word redacted: previous passwords, secret hashes, API keys, codes',
      '{"level":"DEBUG","message":"input","body":{"PreviousPassword":"a","SecretHash":"b","x-api-key":"c","ConfirmationCode":"123456","refresh_token":"d","Username":"ana"}}',
      'DEBUG input body={"PreviousPassword":"[redacted]","SecretHash":"[redacted]","x-api-key":"[redacted]","ConfirmationCode":"[redacted]","refresh_token":"[redacted]","Username":"ana"}',
    ],
    [
      'a logged key named __proto__ kept as data',
      '{"level":"INFO","message":"odd","payload":{"__proto__":{"token":"t"},"n":1}}',
      'INFO  odd payload={"__proto__":{"token":"[redacted]"},"n":1}',
    ],
    [
      "a line in Lambda's Node runtime format",
      '2026-11-30T08:00:00.000Z\tr-1\tWARN\tdisk almost full',
      'WARN  disk almost full',
    ],
    [
      'a console.log of a JSON record',
      '2026-11-30T08:00:00.000Z\tr-1\tINFO\t{"level":"INFO","message":"hi","k":1}',
      'INFO  hi k=1',
    ],
    ['anything else as written', 'plain text {not json', 'plain text {not json'],
    ['JSON that is not an object as written', '[1,2,3]', '[1,2,3]'],
  ])('renders %s', (_name, line, expected) => {
    expect(renderFunctionLine(line, plain)).toBe(expected);
  });

  it('colours the level when asked', () => {
    expect(renderFunctionLine('{"level":"ERROR","message":"failed"}', colour)).toBe(
      '\u001b[31mERROR\u001b[39m \u001b[1mfailed\u001b[22m',
    );
  });
});

describe('renderRequestLine', () => {
  it.each([
    [
      {
        method: 'GET',
        path: '/dev/me',
        status: 200,
        durationMs: 12.4,
        functionName: 'Api',
        requestId: 'r-1',
      },
      'GET /dev/me 200 12 ms Api r-1',
    ],
    [{ method: 'POST', path: '/dev/notes', status: 401, durationMs: 1 }, 'POST /dev/notes 401 1 ms'],
  ])('renders %j as %s', (request, expected) => {
    expect(renderRequestLine(request, plain)).toBe(expected);
  });

  it.each([
    [200, '\u001b[32m200\u001b[39m'],
    [404, '\u001b[33m404\u001b[39m'],
    [502, '\u001b[31m502\u001b[39m'],
  ])('colours status %i by its class', (status, painted) => {
    expect(renderRequestLine({ method: 'GET', path: '/', status, durationMs: 0 }, colour)).toContain(painted);
  });
});
