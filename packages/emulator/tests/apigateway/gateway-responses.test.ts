import { describe, expect, it } from 'vitest';
import { type GatewayResponseContext, mappedHeaders } from '../../src/apigateway/gateway-responses.js';

const ctx: GatewayResponseContext = {
  requestId: 'req-1',
  stage: 'dev',
  resourcePath: '/notes',
  headers: { origin: 'http://localhost:5173' },
  query: { q: 'x' },
  pathParameters: { id: '7' },
  stageVariables: { env: 'dev' },
};

describe('mappedHeaders', () => {
  it.each<[string, Record<string, string>, 'gatewayresponse' | 'method.response', [string, string][]]>([
    [
      'literal and request values of a gateway response',
      {
        'gatewayresponse.header.Access-Control-Allow-Origin': 'method.request.header.Origin',
        'gatewayresponse.header.X-Stage': 'stageVariables.env',
        'gatewayresponse.header.X-Fixed': "'yes'",
      },
      'gatewayresponse',
      [
        ['Access-Control-Allow-Origin', 'http://localhost:5173'],
        ['X-Stage', 'dev'],
        ['X-Fixed', 'yes'],
      ],
    ],
    [
      'the method response headers of an integration response',
      {
        'method.response.header.X-Id': 'method.request.path.id',
        'method.response.header.X-Q': 'method.request.querystring.q',
      },
      'method.response',
      [
        ['X-Id', '7'],
        ['X-Q', 'x'],
      ],
    ],
    [
      'only the keys of its own source',
      { 'method.response.header.X-A': "'a'", 'gatewayresponse.header.X-B': "'b'" },
      'gatewayresponse',
      [['X-B', 'b']],
    ],
    [
      'no header for a value that maps to nothing, or a key without a name',
      { 'gatewayresponse.header.X-None': 'method.request.header.Missing', 'gatewayresponse.header.': "'x'" },
      'gatewayresponse',
      [],
    ],
  ])('sets %s', (_name, parameters, source, expected) => {
    expect(mappedHeaders(parameters, source, ctx)).toEqual(expected);
  });
});
