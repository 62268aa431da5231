import { METHODS } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiGateway } from '../../src/apigateway/api-gateway.js';
import type { ApiGateway } from '../../src/apigateway/gateway-types.js';
import type { ProxyEvent } from '../../src/apigateway/proxy-event.js';
import { createMemoryLogger } from '../../src/logger.js';
import { type RawAnswer, rawRequest } from './support/raw-http.js';
import {
  ACCOUNT,
  ADMIN_SCOPE,
  cognitoClaims,
  makeKey,
  POOL_ARN,
  POOL_ID,
  REGION,
  signJwt,
  testApiResources,
  testPool,
} from './support/test-api.js';

// Property-based: random requests over real HTTP must only ever get an answer API Gateway could give.
// The seed and the count are fixed, so a run is reproducible and its length bounded.
const SEED = 20_261_130;
const RUNS = 1500;

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];
/** Headers that frame the request; a random value there is a malformed request, not a gateway input. */
const FRAMING = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'expect',
  'upgrade',
  'te',
]);

const key = makeKey();
let gateway: ApiGateway;
let url: string;

beforeAll(async () => {
  gateway = createApiGateway({
    resources: testApiResources(),
    // A well-behaved function: every 5xx seen here would be the gateway's own.
    invokeLambda: async (_arn, event) => {
      const e = event as ProxyEvent;
      return {
        ok: true,
        payload: {
          statusCode: 200,
          headers: { 'X-Fn': 'fuzz' },
          body: JSON.stringify({ resource: e.resource, query: e.queryStringParameters }),
        },
      };
    },
    userPool: (arn) => (arn === POOL_ARN ? testPool(POOL_ID, [key]) : undefined),
    region: REGION,
    accountId: ACCOUNT,
    log: createMemoryLogger(),
  });
  ({ url } = await gateway.listen(0));
});
afterAll(async () => {
  await gateway.close();
});

const urlChar = fc.constantFrom(
  ..."abcxyzABC019-._~!$&'()*+,;=:@%".split(''),
  '%20',
  '%2F',
  '%00',
  '%E0%A4%A',
  '%ZZ',
  'é',
);
const word = fc.oneof(
  fc.constantFrom(...PROTO_NAMES, 'notes', 'me', 'health', 'files', 'fail', 'latest', '..', '.', ''),
  fc.array(urlChar, { maxLength: 12 }).map((cs) => cs.join('')),
);
const path = fc
  .tuple(
    fc.constantFrom('/prod', '/restapis/a1b2c3d4e5/prod/_user_request_', '/staging', '', '/restapis/x'),
    fc.array(word, { maxLength: 5 }),
    fc.boolean(),
  )
  .map(([stage, segments, slash]) => `${stage}/${segments.map(encodeURI).join('/')}${slash ? '/' : ''}`);
const query = fc
  .array(fc.tuple(word, fc.option(word), fc.boolean()), { maxLength: 6 })
  .map((pairs) =>
    pairs
      .map(([k, v, plus]) => `${encodeURI(k)}${v === null ? '' : `=${encodeURI(v)}${plus ? '+x' : ''}`}`)
      .join('&'),
  );
const headerName = fc.oneof(
  fc.constantFrom(...PROTO_NAMES, 'Authorization', 'Content-Type', 'Origin', 'X-Forwarded-For', 'Cookie'),
  fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,20}$/),
);
/** Visible ASCII and obs-text (Node reads it as latin1); no control characters, no leading/trailing blanks. */
const headerValue = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x21, max: 0x7e }) },
      { weight: 1, arbitrary: fc.constant(0x20) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    ),
    { maxLength: 60 },
  )
  .map((codes) => String.fromCharCode(...codes).trim());
// Signed once: tokens are valid for an hour, and signing per request would dominate the run time.
const token = fc.constantFrom(
  `Bearer ${signJwt(key, cognitoClaims('access', { scope: `${ADMIN_SCOPE} notes/read` }))}`,
  signJwt(key, cognitoClaims('id')),
  'Bearer not.a.jwt',
  `Bearer ${signJwt(makeKey(), cognitoClaims('access'))}`,
  `Bearer ${signJwt(key, cognitoClaims('access', JSON.parse('{"__proto__":"x","toString":"y","constructor":1}')))}`,
);

const request = fc.record({
  // Node's parser refuses methods it does not know before the gateway sees them; CONNECT is a tunnel.
  method: fc.oneof(
    fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
    fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT')),
  ),
  path,
  query,
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
  auth: fc.option(token),
  body: fc.oneof(fc.constant(''), fc.string({ maxLength: 200 }), fc.json()),
  contentType: fc.option(fc.constantFrom('application/json', 'image/png', 'text/plain', 'toString')),
});

const GATEWAY_MESSAGES = new Map<number, string[]>([
  [401, ['Unauthorized', 'The incoming token has expired']],
  [403, ['Missing Authentication Token', 'Forbidden']],
  [413, ['Request Too Long']],
  [429, ['Too Many Requests']],
]);

/** Whether an answer is one API Gateway (or the function behind it) could give. */
function awsCouldAnswer(method: string, res: RawAnswer): boolean {
  if (res.status === 200) return res.headers.get('x-fn') === 'fuzz';
  // The test API's CORS preflight (a MOCK integration on OPTIONS /notes).
  if (res.status === 204) return method === 'OPTIONS' && res.body === '';
  if (res.status === 400) return res.body === 'HTTP header is larger than 10240 bytes.';
  const messages = GATEWAY_MESSAGES.get(res.status);
  if (!messages || !res.headers.get('x-amzn-errortype')) return false;
  if (method === 'HEAD') return res.body === '';
  const body = JSON.parse(res.body) as { message?: unknown };
  return Object.keys(body).join() === 'message' && messages.includes(String(body.message));
}

describe('the gateway under random requests', () => {
  it('never answers 5xx, and answers only as API Gateway could', async () => {
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const headers = r.headers.filter(([name]) => !FRAMING.has(name.toLowerCase()));
        if (r.auth) headers.push(['Authorization', r.auth]);
        if (r.contentType) headers.push(['Content-Type', r.contentType]);
        const target = r.query === '' ? r.path : `${r.path}?${r.query}`;
        const res = await rawRequest(url, `${r.method} ${target} HTTP/1.1`, headers, r.body);
        expect(res.status).toBeLessThan(500);
        expect(awsCouldAnswer(r.method, res), `${res.status} ${res.body.slice(0, 200)}`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
