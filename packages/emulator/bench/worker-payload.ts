/**
 * How to pass a Lambda event to a worker thread and its result back: the round trip the local Lambda runtime makes
 * on every invocation, in three forms, with nothing else (no handler, no logging):
 * - `json`: the parent sends JSON text, the worker parses it and sends JSON text back, which the parent parses
 *   (what the runtime does);
 * - `clone`: the parent sends the object itself (structured clone) and gets an object back; the parent still
 *   serialises the event once, because Lambda's 6 MB limit is on its JSON size;
 * - `buffer`: JSON text encoded to UTF-8 in an ArrayBuffer that is transferred, not copied, both ways.
 *
 * Run: `node --import tsx bench/worker-payload.ts`. Prints round trips per second (median of three, the forms
 * taking turns), one at a time and 32 in flight (the gateway benchmark's concurrency), for an API Gateway proxy event of about 3 KB (the size of
 * `GET /me`'s, with the authorizer's claims) and one of 200 KB (a large request body).
 */
import { Worker } from 'node:worker_threads';

type Mode = 'json' | 'clone' | 'buffer';
const MODES: Mode[] = ['json', 'clone', 'buffer'];
const ROUNDS = 10_000;
/** Each form is measured this many times, the forms taking turns, and the median kept: the machine is shared. */
const REPEATS = 3;

const WORKER = `
const { parentPort } = require('node:worker_threads');
const encoder = new TextEncoder();
const decoder = new TextDecoder();
parentPort.on('message', ({ mode, id, payload }) => {
  let event;
  if (mode === 'json') event = JSON.parse(payload);
  else if (mode === 'buffer') event = JSON.parse(decoder.decode(payload));
  else event = payload;
  const result = { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub: event.requestContext.authorizer.claims.sub, email: 'someone@example.com', groups: [] }) };
  if (mode === 'json') parentPort.postMessage({ id, payload: JSON.stringify(result) });
  else if (mode === 'buffer') { const bytes = encoder.encode(JSON.stringify(result)); parentPort.postMessage({ id, payload: bytes }, [bytes.buffer]); }
  else { JSON.stringify(result); parentPort.postMessage({ id, payload: result }); }
});`;

function proxyEvent(bodyBytes: number): Record<string, unknown> {
  const claims: Record<string, string> = {
    sub: 'd2f50444-0041-7036-aea2-a955fca33d37',
    iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123xyz',
    client_id: '3nkoep4151b7umeggnottc30u9',
    origin_jti: '37cc02cf-2a6c-4a4b-9a57-cf2b8e0c1d11',
    event_id: 'c7f6cc62-4b7e-4cd9-8a33-6a5bd4a1e0e2',
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    auth_time: '1718636404',
    exp: '1718640004',
    iat: '1718636404',
    jti: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
    username: 'd2f50444-0041-7036-aea2-a955fca33d37',
  };
  const headers: Record<string, string> = {
    Authorization: `Bearer ${'x'.repeat(1000)}`,
    Host: '127.0.0.1:3000',
    'User-Agent': 'node',
    Accept: 'application/json',
  };
  return {
    resource: '/me',
    path: '/me',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: {
      resourcePath: '/me',
      httpMethod: 'GET',
      path: '/dev/me',
      stage: 'dev',
      requestId: 'c0ffee00-0000-4000-8000-000000000000',
      requestTimeEpoch: 1718636404000,
      authorizer: { claims },
      identity: { sourceIp: '127.0.0.1', userAgent: 'node' },
    },
    body: bodyBytes > 0 ? 'b'.repeat(bodyBytes) : null,
    isBase64Encoded: false,
  };
}

async function measure(mode: Mode, event: Record<string, unknown>, inFlight: number): Promise<number> {
  const worker = new Worker(WORKER, { eval: true });
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const waiting = new Map<number, () => void>();
  worker.on('message', ({ id, payload }: { id: number; payload: unknown }) => {
    if (mode === 'json') JSON.parse(payload as string);
    else if (mode === 'buffer') JSON.parse(decoder.decode(payload as Uint8Array));
    waiting.get(id)?.();
    waiting.delete(id);
  });
  let nextId = 0;
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      const json = JSON.stringify(event);
      if (mode === 'json') worker.postMessage({ mode, id, payload: json });
      else if (mode === 'buffer') {
        const bytes = encoder.encode(json);
        worker.postMessage({ mode, id, payload: bytes }, [bytes.buffer]);
      } else worker.postMessage({ mode, id, payload: event });
    });
  const run = async (rounds: number) => {
    let done = 0;
    const lane = async () => {
      while (done < rounds) {
        done += 1;
        await roundTrip();
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  };
  await run(ROUNDS / 10);
  const started = performance.now();
  await run(ROUNDS);
  const seconds = (performance.now() - started) / 1000;
  await worker.terminate();
  return ROUNDS / seconds;
}

const cases = [
  { name: 'proxy event, no body', event: proxyEvent(0) },
  { name: 'proxy event, 200 KB body', event: proxyEvent(200 * 1024) },
];
console.log('\n## Event and result across a worker thread: round trips per second\n');
console.log('| event | size | in flight | json | clone | buffer |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const { name, event } of cases) {
  for (const inFlight of [1, 32]) {
    const samples = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
    for (let repeat = 0; repeat < REPEATS; repeat += 1) {
      for (const mode of MODES) samples.get(mode)?.push(await measure(mode, event, inFlight));
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const figures = MODES.map((mode) => median(samples.get(mode) ?? []).toFixed(0));
    const size = `${(JSON.stringify(event).length / 1024).toFixed(1)} KB`;
    console.log(`| ${name} | ${size} | ${inFlight} | ${figures.join(' | ')} |`);
  }
}
