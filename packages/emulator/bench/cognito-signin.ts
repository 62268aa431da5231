/**
 * Sign-in throughput of the local Cognito: USER_PASSWORD_AUTH and USER_SRP_AUTH per second, sequential and
 * with 8 requests in flight, on a pool of 1,000 and then 10,000 users, and the server's heap after 10,000
 * sign-ins. The server runs in a worker thread (its own core); requests go over real HTTP on 127.0.0.1 as
 * raw AWS JSON 1.1 calls. For SRP, the clients' `A` values are computed before the clock starts (the
 * client half of SRP costs more than the server half and would otherwise be what is measured).
 *
 * Run: pnpm --filter @org/emulator bench (or `node --expose-gc --import tsx bench/cognito-signin.ts`).
 */
import { Agent, request } from 'node:http';
import { Worker } from 'node:worker_threads';
import { SrpClient } from '../src/cognito/srp.js';

const PASSWORD = 'Bench-Passw0rd!';
// A fresh keep-alive agent per measurement, so no run reuses a socket the server closed while idle.
let agent = new Agent({ keepAlive: true, maxSockets: 16 });

interface Ready {
  url: string;
  poolId: string;
  clientId: string;
}

// A worker's entry module is loaded before tsx's hooks reach it, so the worker registers tsx itself and then
// imports the TypeScript entry.
const serverEntry = new URL('./cognito-bench-server.ts', import.meta.url).href;
const worker = new Worker(
  `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(serverEntry)}); });`,
  // V8 flags such as --expose-gc are process-wide and may not be repeated for a worker.
  { eval: true, execArgv: process.execArgv.filter((a) => a !== '--expose-gc') },
);

function next<T>(type: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === type) {
        worker.off('message', on);
        resolve(m as T);
      }
    };
    worker.on('message', on);
  });
}

const ready = await next<Ready>('ready');
const url = new URL(ready.url);

function call(target: string, body: unknown): Promise<Record<string, unknown>> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
          'content-length': Buffer.byteLength(data),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          if (res.statusCode !== 200) reject(new Error(`${target}: ${JSON.stringify(json)}`));
          else resolve(json);
        });
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

let userCount = 0;
const pick = (i: number) => `user${(i * 7919) % userCount}`;

async function passwordSignIn(i: number): Promise<void> {
  const out = await call('InitiateAuth', {
    ClientId: ready.clientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: pick(i), PASSWORD },
  });
  if (out.AuthenticationResult === undefined) throw new Error('no tokens');
}

const poolName = ready.poolId.split('_')[1] ?? '';
let srpClients: SrpClient[] = [];

async function srpSignIn(i: number): Promise<void> {
  const client = srpClients[i] ?? new SrpClient(poolName);
  const challenge = await call('InitiateAuth', {
    ClientId: ready.clientId,
    AuthFlow: 'USER_SRP_AUTH',
    AuthParameters: { USERNAME: pick(i), SRP_A: client.srpA },
  });
  const params = challenge.ChallengeParameters as {
    SALT: string;
    SRP_B: string;
    SECRET_BLOCK: string;
    USER_ID_FOR_SRP: string;
  };
  const out = await call('RespondToAuthChallenge', {
    ClientId: ready.clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: client.respond(params, PASSWORD),
  });
  if (out.AuthenticationResult === undefined) throw new Error('no tokens');
}

async function measure(n: number, concurrency: number, fn: (i: number) => Promise<void>): Promise<number> {
  agent.destroy();
  agent = new Agent({ keepAlive: true, maxSockets: 16 });
  let nextIndex = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (nextIndex < n) await fn(nextIndex++);
    }),
  );
  return n / ((performance.now() - start) / 1000);
}

async function seed(count: number): Promise<void> {
  const t = performance.now();
  worker.postMessage({ type: 'seed', count, password: PASSWORD });
  await next('seeded');
  userCount = count;
  console.log(`seeded ${count} users (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

const rows: { users: number; flow: string; concurrency: number; signIns: number; perSecond: number }[] = [];

async function round(users: number): Promise<void> {
  await seed(users);
  await measure(50, 4, passwordSignIn); // warm-up
  for (const [flow, n, c] of [
    ['USER_PASSWORD_AUTH', 300, 1],
    ['USER_PASSWORD_AUTH', 1000, 8],
    ['USER_SRP_AUTH', 150, 1],
    ['USER_SRP_AUTH', 500, 8],
  ] as const) {
    if (flow === 'USER_SRP_AUTH') srpClients = Array.from({ length: n }, () => new SrpClient(poolName));
    const fn = flow === 'USER_SRP_AUTH' ? srpSignIn : passwordSignIn;
    rows.push({ users, flow, concurrency: c, signIns: n, perSecond: await measure(n, c, fn) });
  }
}

await round(1000);
await round(10_000);

worker.postMessage({ type: 'memory' });
const before = await next<{ heapUsed: number; rss: number }>('memory');
const total = 10_000;
await measure(total, 8, passwordSignIn);
worker.postMessage({ type: 'memory' });
const after = await next<{ heapUsed: number; rss: number }>('memory');

console.log(
  '\nLocal Cognito sign-ins per second (server in a worker thread, HTTP on 127.0.0.1, file store in WAL mode)',
);
console.table(
  rows.map((r) => ({
    'users in pool': r.users,
    flow: r.flow,
    concurrency: r.concurrency,
    'sign-ins': r.signIns,
    'per second': Math.round(r.perSecond),
  })),
);
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
console.log(
  `Server memory around ${total} password sign-ins (after GC${(globalThis as { gc?: unknown }).gc ? '' : ' where exposed'}): heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}, rss ${mb(before.rss)} -> ${mb(after.rss)}`,
);
console.log(
  'Aims: >= 250 password sign-ins/s and >= 100 SRP sign-ins/s at concurrency 8 on a 2-core machine.',
);

worker.postMessage({ type: 'stop' });
await next('stopped');
await worker.terminate();
agent.destroy();
