/**
 * Soak benchmark: does the local stack's memory stay flat under long mixed traffic?
 *
 * Starts the local stack on a synthesized app in a child process (so the RSS sampled is the stack's own:
 * Cognito, the gateway, the Lambda worker threads and DynamoDB), then sends mixed traffic from this process
 * on 127.0.0.1 until the duration is up:
 * - reads and writes with valid tokens (the access token where the method has scopes, else the ID token; notes
 *   on the Gatehouse app, items on the test fixture), renewed by the sign-ins below, so the authorizer keeps
 *   seeing new tokens;
 * - distinct invalid tokens: random strings, JWTs with a forged signature, real tokens with a changed payload
 *   (each one new, the pattern of a token-guessing attack);
 * - USER_PASSWORD_AUTH sign-ins (right and wrong passwords), SRP sign-ins started and abandoned, and
 *   `GetUser` with valid and forged access tokens.
 *
 * Every 10 s it samples the child's RSS, with the main thread's JS heap and external memory so that the rest
 * (the Lambda worker threads' own heaps, native memory) can be told apart, and prints a table, then the verdict
 * against the aim: RSS after warm-up (the first sample at or after 60 s) within 20% of RSS at the end.
 *
 * Run: `node --import tsx bench/soak.ts [--duration 600] [--concurrency 8] [path/to/cdk.out]`; the duration
 * (seconds) may also come from `SOAK_DURATION_S`. Default app: the emulator's test fixture (an API with
 * `GET/PUT /items/{id}` behind a Cognito authorizer); `infra/cdk.out` works too (notes).
 * Flag > environment variable > default.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createConsoleLogger } from '../src/logger.js';
import { startLocalStack } from '../src/stack/local-stack.js';
import { AS_SYNTHESIZED, benchCopy, send } from './bench-stack.js';

const DEFAULT_ASSEMBLY = fileURLToPath(new URL('../tests/fixtures/basic-app', import.meta.url));
/**
 * Where the assembly is copied: inside this package, so the fixture's function (which imports the DynamoDB
 * client instead of bundling it) resolves its packages as it does from `tests/fixtures`.
 */
const COPY_PARENT = fileURLToPath(new URL('../node_modules/.cache/gatehouse-soak', import.meta.url));
const DEFAULT_DURATION_S = 600;
const SAMPLE_EVERY_MS = 10_000;
const WARM_UP_MS = 60_000;
/** The aim: RSS at the end at most this much above (or below) RSS after warm-up. */
const AIM_RATIO = 0.2;
/** Users signed up for the run; sign-ins pick among them. */
const USERS = 20;
const PASSWORD = 'Soak-password-1';
/** The longest the stack may take to start. */
const START_TIMEOUT_MS = 120_000;
/** A hard ceiling on requests, whatever the duration, so the loops end even with an instant server. */
const MAX_REQUESTS_PER_SECOND = 5_000;

const args = parseArgs({
  allowPositionals: true,
  options: {
    duration: { type: 'string' },
    concurrency: { type: 'string', default: '8' },
    /** Internal: run the stack in this process (the child) with this JSON job. */
    'stack-job': { type: 'string' },
  },
});

type ChildMessage =
  | { type: 'ready'; outputs: Record<string, string>; cognito: string }
  | { type: 'memory'; rss: number; heapUsed: number; heapTotal: number; external: number; instances: number }
  | { type: 'failed'; message: string };

/** The child: runs the stack, logging as the CLI does, and answers memory samples until told to stop. */
async function runStack(job: { assemblyDir: string; stateDir: string }): Promise<void> {
  const stack = await startLocalStack({
    assemblyDir: job.assemblyDir,
    stateDir: job.stateDir,
    ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
    log: createConsoleLogger('gatehouse'),
  });
  const reply = (m: ChildMessage) => process.send?.(m);
  process.on('message', (msg: { type: string }) => {
    if (msg.type === 'sample') {
      const m = process.memoryUsage();
      // Each Lambda instance is a worker thread with a heap of its own, inside this process's RSS.
      const instances = stack.lambda
        .functionNames()
        .reduce((sum, name) => sum + stack.lambda.instanceCount(name), 0);
      reply({
        type: 'memory',
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        instances,
      });
    } else if (msg.type === 'stop') {
      void stack.stop().finally(() => process.exit(0));
    }
  });
  // Should the benchmark die, do not leave the stack running.
  process.on('disconnect', () => void stack.stop().finally(() => process.exit(0)));
  reply({
    type: 'ready',
    outputs: Object.values(stack.outputs)[0] ?? {},
    cognito: stack.endpoints.cognito,
  });
}

/** One memory sample of the stack process. */
interface Memory {
  rss: number;
  /** The main thread's JS heap (Cognito, the gateway, DynamoDB); Lambda instances have their own. */
  heapUsed: number;
  /** The main thread's JS heap as reserved (used or not). */
  heapTotal: number;
  /** Memory of the main thread's objects outside its JS heap (buffers). */
  external: number;
  /** Lambda instances alive (warm or busy). */
  instances: number;
}

/** A running child stack: its outputs, and a way to sample its memory and stop it. */
interface StackProcess {
  outputs: Record<string, string>;
  cognito: string;
  sample(): Promise<Memory>;
  logBytes(): number;
  /** The last lines the stack logged. */
  logTail(): string;
  stop(): Promise<void>;
}

function startStackProcess(assemblyDir: string, stateDir: string): Promise<StackProcess> {
  const child: ChildProcess = fork(
    fileURLToPath(import.meta.url),
    ['--stack-job', JSON.stringify({ assemblyDir, stateDir })],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  // The stack logs every request, as the CLI does; the output is read (and counted) so the pipe never fills.
  let logBytes = 0;
  let tail = '';
  const drain = (chunk: Buffer) => {
    logBytes += chunk.length;
    tail = (tail + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout?.on('data', drain);
  child.stderr?.on('data', drain);
  const waiting: Array<(m: Memory) => void> = [];
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the stack did not start within ${START_TIMEOUT_MS} ms:\n${tail}`));
    }, START_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the stack process exited (${code}):\n${tail}`));
    });
    child.on('message', (msg: ChildMessage) => {
      if (msg.type === 'memory') waiting.shift()?.(msg);
      if (msg.type === 'failed') reject(new Error(msg.message));
      if (msg.type !== 'ready') return;
      clearTimeout(timer);
      resolvePromise({
        outputs: msg.outputs,
        cognito: msg.cognito,
        sample: () =>
          new Promise((r) => {
            waiting.push(r);
            child.send({ type: 'sample' });
          }),
        logBytes: () => logBytes,
        logTail: () => tail,
        stop: () =>
          new Promise<void>((r) => {
            child.removeAllListeners('exit');
            child.once('exit', () => r());
            child.send({ type: 'stop' });
          }),
      });
    });
  });
}

/** Calls a Cognito operation over its JSON 1.1 wire protocol. */
function cognitoCall(
  agent: Agent,
  endpoint: string,
  operation: string,
  input: Record<string, unknown>,
): Promise<{ status: number; body: string }> {
  return send(
    agent,
    'POST',
    new URL(endpoint),
    {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    JSON.stringify(input),
  );
}

/** What the traffic reads and writes: notes on the Gatehouse app, items on the test fixture. */
interface Workload {
  read(agent: Agent, token: string, n: number): Promise<{ status: number }>;
  write(agent: Agent, token: string, n: number): Promise<{ status: number }>;
  readOk: number[];
  writeOk: number[];
}

function notesWorkload(apiUrl: string): Workload {
  return {
    read: (agent, token) =>
      send(agent, 'GET', new URL(`${apiUrl}notes?limit=20`), { Authorization: `Bearer ${token}` }),
    write: (agent, token, n) =>
      send(
        agent,
        'POST',
        new URL(`${apiUrl}notes`),
        { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        JSON.stringify({ title: `Soak note ${n}`, body: 'x'.repeat(200), tags: ['soak'] }),
      ),
    readOk: [200],
    writeOk: [201],
  };
}

function itemsWorkload(apiUrl: string): Workload {
  // A fixed set of item ids: the table stays the same size, so only the stack's own memory can grow.
  const id = (n: number) => `soak-${n % 50}`;
  return {
    read: (agent, token, n) =>
      send(agent, 'GET', new URL(`${apiUrl}items/${id(n)}`), { Authorization: `Bearer ${token}` }),
    write: (agent, token, n) =>
      send(
        agent,
        'PUT',
        new URL(`${apiUrl}items/${id(n)}`),
        { Authorization: `Bearer ${token}`, 'Content-Type': 'text/plain' },
        `item ${n} ${'x'.repeat(200)}`,
      ),
    readOk: [200, 404],
    writeOk: [204],
  };
}

/** A token the authorizer has never seen: random text, a forged signature, or a real token with a changed payload. */
function forgedToken(n: number, real: string): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  switch (n % 3) {
    case 0:
      return randomBytes(96).toString('base64url');
    case 1: {
      const [header, payload] = real.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
      return `${header}.${b64({ ...claims, jti: randomUUID() })}.${randomBytes(256).toString('base64url')}`;
    }
    default: {
      const [header, , signature] = real.split('.');
      return `${header}.${b64({ sub: randomUUID(), token_use: 'access', scope: 'aws.cognito.signin.user.admin' })}.${signature}`;
    }
  }
}

type Action =
  | 'read'
  | 'write'
  | 'forged'
  | 'signIn'
  | 'wrongPassword'
  | 'srpAbandoned'
  | 'getUser'
  | 'getUserForged';

/** Out of 100 requests, how many of each kind. */
const MIX: Array<[Action, number]> = [
  ['read', 35],
  ['write', 15],
  ['forged', 25],
  ['signIn', 8],
  ['wrongPassword', 3],
  ['srpAbandoned', 4],
  ['getUser', 6],
  ['getUserForged', 4],
];
const SCHEDULE: Action[] = MIX.flatMap(([action, count]) => Array.from({ length: count }, () => action));

interface Counts {
  requests: number;
  unexpected: Map<Action, number>;
  lastUnexpected: string;
}

interface Sample extends Memory {
  atMs: number;
  requests: number;
}

async function main(): Promise<void> {
  const durationS = Number(args.values.duration ?? process.env.SOAK_DURATION_S ?? DEFAULT_DURATION_S);
  const concurrency = Number(args.values.concurrency);
  if (!Number.isFinite(durationS) || durationS <= 0) throw new Error('--duration must be a positive number');
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error('--concurrency must be ≥ 1');
  const assemblyDir = benchCopy(resolve(args.positionals[0] ?? DEFAULT_ASSEMBLY), AS_SYNTHESIZED, {
    parentDir: COPY_PARENT,
    // API Gateway's own integration limit: on a shared machine a cold start under load can outlast a test
    // fixture's short timeout, and a soak measures memory, not how often starved instances are replaced.
    functionTimeoutSeconds: 29,
  });
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-soak-state-'));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  let stack: StackProcess | undefined;
  try {
    stack = await startStackProcess(assemblyDir, stateDir);
    const { outputs, cognito } = stack;
    const apiUrl = outputs.ApiUrl;
    const clientId = outputs.UserPoolClientId;
    const poolId = outputs.UserPoolId;
    if (!apiUrl || !clientId || !poolId) {
      throw new Error('The assembly has no ApiUrl / UserPoolClientId / UserPoolId outputs');
    }

    // Users: signed up (auto-confirmed by the fixture's trigger, otherwise with the code from the outbox).
    const emails = Array.from({ length: USERS }, (_, i) => `soak-${i}-${Date.now()}@auto.test`);
    for (const email of emails) {
      const up = await cognitoCall(agent, cognito, 'SignUp', {
        ClientId: clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      });
      if (up.status !== 200) throw new Error(`SignUp answered ${up.status}: ${up.body}`);
      if ((JSON.parse(up.body) as { UserConfirmed?: boolean }).UserConfirmed) continue;
      const outbox = await send(
        agent,
        'GET',
        new URL(
          `${cognito.replace(/\/$/, '')}/_local/outbox?userPoolId=${poolId}&username=${encodeURIComponent(email)}`,
        ),
        {},
      );
      const code = (JSON.parse(outbox.body) as { messages: { code?: string }[] }).messages.at(-1)?.code;
      const confirmed = await cognitoCall(agent, cognito, 'ConfirmSignUp', {
        ClientId: clientId,
        Username: email,
        ConfirmationCode: code,
      });
      if (confirmed.status !== 200) throw new Error(`ConfirmSignUp answered ${confirmed.status}`);
    }
    const signIn = async (email: string, password: string) => {
      const res = await cognitoCall(agent, cognito, 'InitiateAuth', {
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: password },
      });
      const result =
        res.status === 200
          ? (JSON.parse(res.body) as { AuthenticationResult?: { AccessToken?: string; IdToken?: string } })
              .AuthenticationResult
          : undefined;
      return { status: res.status, access: result?.AccessToken, id: result?.IdToken };
    };
    const first = await signIn(emails[0] ?? '', PASSWORD);
    if (first.access === undefined || first.id === undefined) {
      throw new Error(`sign-in answered ${first.status}`);
    }
    // Methods with scopes take the access token, methods without take the ID token (as on AWS).
    const probe = await send(agent, 'GET', new URL(`${apiUrl}notes?limit=1`), {
      Authorization: `Bearer ${first.access}`,
    });
    const workload = probe.status === 200 ? notesWorkload(apiUrl) : itemsWorkload(apiUrl);
    const tokenKind =
      (await workload.read(agent, first.access, 0)).status === 401 ? ('id' as const) : ('access' as const);
    const apiToken = (r: { access?: string | undefined; id?: string | undefined }) =>
      tokenKind === 'id' ? r.id : r.access;

    const counts: Counts = { requests: 0, unexpected: new Map(), lastUnexpected: '' };
    const started = performance.now();
    const deadline = started + durationS * 1000;
    const maxRequests = Math.ceil(durationS * MAX_REQUESTS_PER_SECOND);
    const expect = (action: Action, status: number, ok: number[]) => {
      counts.requests += 1;
      if (ok.includes(status)) return;
      counts.unexpected.set(action, (counts.unexpected.get(action) ?? 0) + 1);
      counts.lastUnexpected = `${action} answered ${status}`;
    };

    const worker = async (w: number) => {
      let token = apiToken(first) as string;
      let access = first.access as string;
      let n = w;
      while (performance.now() < deadline && counts.requests < maxRequests) {
        n += concurrency;
        const action = SCHEDULE[n % SCHEDULE.length] as Action;
        const email = emails[n % emails.length] ?? '';
        try {
          switch (action) {
            case 'read':
              expect(action, (await workload.read(agent, token, n)).status, workload.readOk);
              break;
            case 'write':
              expect(action, (await workload.write(agent, token, n)).status, workload.writeOk);
              break;
            case 'forged':
              expect(action, (await workload.read(agent, forgedToken(n, token), n)).status, [401]);
              break;
            case 'signIn': {
              const res = await signIn(email, PASSWORD);
              token = apiToken(res) ?? token;
              access = res.access ?? access;
              expect(action, res.status, [200]);
              break;
            }
            case 'wrongPassword':
              expect(action, (await signIn(email, `${PASSWORD}-wrong`)).status, [400]);
              break;
            case 'srpAbandoned': {
              const res = await cognitoCall(agent, cognito, 'InitiateAuth', {
                ClientId: clientId,
                AuthFlow: 'USER_SRP_AUTH',
                AuthParameters: { USERNAME: email, SRP_A: randomBytes(384).toString('hex') },
              });
              expect(action, res.status, [200]);
              break;
            }
            case 'getUser':
              expect(
                action,
                (await cognitoCall(agent, cognito, 'GetUser', { AccessToken: access })).status,
                [200],
              );
              break;
            case 'getUserForged': {
              const res = await cognitoCall(agent, cognito, 'GetUser', {
                AccessToken: forgedToken(n, token),
              });
              expect(action, res.status, [400]);
              break;
            }
          }
        } catch (err) {
          expect(action, -1, []);
          counts.lastUnexpected = `${action}: ${(err as Error).message}`;
        }
      }
    };

    const samples: Sample[] = [];
    const takeSample = async () => {
      const m = await (stack as StackProcess).sample();
      samples.push({
        atMs: performance.now() - started,
        rss: m.rss,
        heapUsed: m.heapUsed,
        heapTotal: m.heapTotal,
        external: m.external,
        instances: m.instances,
        requests: counts.requests,
      });
    };
    await takeSample();
    const sampler = setInterval(() => void takeSample(), SAMPLE_EVERY_MS);
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
    clearInterval(sampler);
    // The end sample, unless the last periodic one was taken a moment ago.
    if (performance.now() - started - (samples.at(-1)?.atMs ?? 0) > 1000) await takeSample();
    report(samples, counts, { durationS, concurrency, logBytes: stack.logBytes() });
    if (counts.unexpected.size > 0) console.log(`\nThe stack's last log lines:\n${stack.logTail()}`);
  } finally {
    agent.destroy();
    await stack?.stop();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(assemblyDir, { recursive: true, force: true });
  }
}

function report(
  samples: Sample[],
  counts: Counts,
  run: { durationS: number; concurrency: number; logBytes: number },
): void {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(
    `\n## Local stack soak: ${run.durationS} s of mixed traffic at concurrency ${run.concurrency}\n`,
  );
  console.log(`Mix per 100 requests: ${MIX.map(([a, c]) => `${c} ${a}`).join(', ')}.\n`);
  console.log(
    '| t (s) | stack RSS (MB) | main JS heap used / total (MB) | main external (MB) | rest: workers and native (MB) | Lambda instances | requests so far | req/s since last sample |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  let previous: Sample | undefined;
  for (const s of samples) {
    const rate = previous
      ? ((s.requests - previous.requests) / ((s.atMs - previous.atMs) / 1000)).toFixed(0)
      : '';
    console.log(
      `| ${(s.atMs / 1000).toFixed(0)} | ${mb(s.rss)} | ${mb(s.heapUsed)} / ${mb(s.heapTotal)} | ${mb(s.external)} | ${mb(s.rss - s.heapTotal - s.external)} | ${s.instances} | ${s.requests} | ${rate} |`,
    );
    previous = s;
  }
  const unexpected = [...counts.unexpected.entries()].map(([a, c]) => `${a} ${c}`).join(', ');
  console.log(
    `\n${counts.requests} requests; unexpected answers: ${unexpected === '' ? 'none' : `${unexpected} (last: ${counts.lastUnexpected})`}; ${mb(run.logBytes)} MB of stack log read.`,
  );
  const warm = samples.find((s) => s.atMs >= WARM_UP_MS);
  const end = samples.at(-1);
  if (warm === undefined || end === undefined || warm === end) {
    console.log(
      `\nAim: not judged (the run is shorter than the ${WARM_UP_MS / 1000} s warm-up plus a sample).`,
    );
    return;
  }
  const change = (end.rss - warm.rss) / warm.rss;
  const met = Math.abs(change) <= AIM_RATIO;
  console.log(
    `\nAim: RSS after warm-up (${mb(warm.rss)} MB at ${(warm.atMs / 1000).toFixed(0)} s) within ${AIM_RATIO * 100}% of RSS at the end (${mb(end.rss)} MB): ${met ? 'met' : '**not met**'} (${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%).`,
  );
}

const stackJob = args.values['stack-job'];
if (stackJob !== undefined) {
  runStack(JSON.parse(stackJob) as { assemblyDir: string; stateDir: string }).catch((err: unknown) => {
    process.send?.({ type: 'failed', message: (err as Error).message } satisfies ChildMessage);
    process.exit(1);
  });
} else {
  await main();
}
