/**
 * Gateway benchmark: authenticated `GET /me` and `GET /notes` through the local API Gateway, its Cognito
 * authorizer and the Lambda runtime, beside a bare `node:http` server answering the same JSON, at concurrency
 * 1 and 32; plus the time `startLocalStack` takes to print "Local stack ready" (first start, then restart).
 *
 * Run: `node --import tsx bench/stack-gateway.ts [options] [path/to/cdk.out]` (default: the repository's
 * infra/cdk.out). Options:
 * - `--routes me,notes` which routes to measure;
 * - `--log-levels DEBUG,INFO` the functions' `LOG_LEVEL`, one full measurement per level (`as-synthesized`
 *   keeps the template's value);
 * - `--client inline|process` where the load generator runs: in this process, sharing the event loop with
 *   both servers (default), or in a separate Node process. Both servers always get the same client;
 * - `--instances <n>` the Lambda runtime's instances per function (default: the runtime's default);
 * - `--skip-dev` leaves out the `pnpm dev` start-up measurement.
 *
 * Loopback traffic only, a fixed number of requests per case. The app's stage throttling (50 requests/s in
 * dev) would measure the limit rather than the gateway, so the benchmark runs a copy of the assembly whose
 * stage throttling is raised and whose functions' `LOG_LEVEL` is the one being measured; everything else is
 * the synthesized app unchanged.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createApiGateway } from '../src/apigateway/index.js';
import { silentLogger } from '../src/logger.js';
import { startLocalStack } from '../src/stack/local-stack.js';
import { AS_SYNTHESIZED, benchCopy, get, type Target } from './bench-stack.js';

const DEFAULT_ASSEMBLY = fileURLToPath(new URL('../../../infra/cdk.out', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The longest `pnpm dev` may take to get ready before the measurement gives up. */
const DEV_TIMEOUT_MS = 180_000;
const CONCURRENCIES = [1, 32] as const;
/** Requests measured per case (after a warm-up of a tenth as many). */
const REQUESTS: Record<number, number> = { 1: 1000, 32: 4000 };
const PASSWORD = 'bench-password-long-enough-1';
/** Notes created before `GET /notes` is measured: the api's default page size (the emulator depends on no contract). */
const NOTES_PER_PAGE = 20;

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** How long the measured requests took, and each one's latency (ms), to combine rounds. */
  seconds: number;
  latencies: number[];
}

/** Rounds each comparison is split into, alternating between the servers (see {@link compare}). */
const ROUNDS = 4;

const args = parseArgs({
  allowPositionals: true,
  options: {
    routes: { type: 'string', default: 'me,notes' },
    'log-levels': { type: 'string', default: 'DEBUG,INFO' },
    client: { type: 'string', default: 'inline' },
    'skip-dev': { type: 'boolean', default: false },
    instances: { type: 'string' },
    /** Internal: run one load case as the separate client process and print its result as JSON. */
    'client-job': { type: 'string' },
  },
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** `total` requests from `concurrency` workers, each waiting for its answer before sending the next. */
async function loadInline(target: Target, concurrency: number, total: number): Promise<Result> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const run = async (count: number, latencies: number[] | undefined) => {
    let next = 0;
    let errors = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const t0 = performance.now();
        const res = await get(agent, target);
        latencies?.push(performance.now() - t0);
        if (res.status !== 200) errors += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return errors;
  };
  await run(Math.ceil(total / 10), undefined);
  const latencies: number[] = [];
  const started = performance.now();
  const errors = await run(total, latencies);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    seconds,
    latencies,
  };
}

/** One result from several rounds of the same load. */
function combine(rounds: Result[]): Result {
  const latencies = rounds.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = rounds.reduce((sum, r) => sum + r.seconds, 0);
  return {
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
    seconds,
    latencies,
  };
}

/**
 * `total` requests to each target, in {@link ROUNDS} rounds that alternate between them, so that a change in
 * the machine's load (it is shared) falls on every target alike and their ratio stays meaningful.
 */
async function compare(targets: Array<() => Promise<Result>>): Promise<Result[]> {
  const rounds: Result[][] = targets.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [i, run] of targets.entries()) rounds[i]?.push(await run());
  }
  return rounds.map(combine);
}

/**
 * The same load as {@link loadInline}, generated by a separate Node process running this file with
 * `--client-job`, so the client's own work does not share an event loop with the server under test.
 */
function loadFromProcess(target: Target, concurrency: number, total: number): Promise<Result> {
  const job = JSON.stringify({ url: target.url.href, headers: target.headers, concurrency, total });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--client-job', job],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = output.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('{')) resolvePromise(JSON.parse(line) as Result);
      else reject(new Error(`load client exited with ${code}: ${output.slice(-500)}`));
    });
  });
}

function load(target: Target, concurrency: number, total: number): Promise<Result> {
  return args.values.client === 'process'
    ? loadFromProcess(target, concurrency, total)
    : loadInline(target, concurrency, total);
}

/**
 * Milliseconds from running the root `dev` command (install check, Turborepo build/synth, the CLI) to its
 * "Local stack ready" line, with free ports and a fresh state directory; then stops it with Ctrl-C (SIGINT).
 */
function timeDevCommand(): Promise<number> {
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-dev-'));
  const args = ['scripts/gatehouse.mjs', 'dev', '--state-dir', stateDir];
  for (const port of ['--api-port', '--cognito-port', '--dynamodb-port']) args.push(port, '0');
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    let readyAt: number | undefined;
    const stop = (signal: NodeJS.Signals) => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // Already gone.
        }
      }
    };
    const timer = setTimeout(() => stop('SIGKILL'), DEV_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
      if (readyAt === undefined && output.includes('Local stack ready')) {
        readyAt = performance.now() - started;
        stop('SIGINT');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      rmSync(stateDir, { recursive: true, force: true });
      if (readyAt !== undefined) resolvePromise(readyAt);
      else reject(new Error(`dev never printed "Local stack ready":\n${output}`));
    });
  });
}

/** `total` direct invocations of the runtime with one recorded event: the Lambda's share, without HTTP. */
async function loadLambda(
  invoke: () => Promise<{ ok: boolean }>,
  concurrency: number,
  total: number,
): Promise<Result> {
  const run = async (count: number, latencies: number[] | undefined) => {
    let next = 0;
    let errors = 0;
    const worker = async () => {
      while (next < count) {
        next += 1;
        const t0 = performance.now();
        const res = await invoke();
        latencies?.push(performance.now() - t0);
        if (!res.ok) errors += 1;
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return errors;
  };
  await run(Math.ceil(total / 10), undefined);
  const latencies: number[] = [];
  const started = performance.now();
  const errors = await run(total, latencies);
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    rps: total / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    seconds,
    latencies,
  };
}

/** Lines of the result tables, for one `LOG_LEVEL`. */
interface LevelRows {
  gateway: string[];
  lambda: string[];
}

/**
 * One full measurement on a fresh stack whose functions run with `logLevel`: sign a user up, create a few
 * notes, then load each route through the gateway and the bare server, and the recorded events straight
 * through the runtime.
 */
async function measureLevel(
  sourceAssembly: string,
  logLevel: string,
  startup: { firstStartMs: number; restartMs: number } | undefined,
): Promise<LevelRows> {
  const assemblyDir = benchCopy(sourceAssembly, logLevel);
  const stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-bench-state-'));
  const servers: Array<() => Promise<unknown>> = [];
  try {
    // Start-up: a first start provisions everything; a restart finds it all in the state directory.
    const instances =
      args.values.instances === undefined ? {} : { maxLambdaInstances: Number(args.values.instances) };
    let t0 = performance.now();
    let stack = await startLocalStack({ assemblyDir, stateDir, log: silentLogger, ...instances });
    const firstStartMs = performance.now() - t0;
    await stack.stop();
    t0 = performance.now();
    stack = await startLocalStack({ assemblyDir, stateDir, log: silentLogger, ...instances });
    const restartMs = performance.now() - t0;
    if (startup) Object.assign(startup, { firstStartMs, restartMs });
    const running = stack;
    servers.push(() => running.stop());

    const outputs = Object.values(stack.outputs)[0] ?? {};
    const apiUrl = outputs.ApiUrl;
    const clientId = outputs.UserPoolClientId;
    const poolId = outputs.UserPoolId;
    if (!apiUrl || !clientId || !poolId)
      throw new Error('The assembly has no ApiUrl / UserPoolClientId / UserPoolId outputs');

    // One real user: signed up and confirmed through the official SDK, signed in for an access token.
    const cognito = new CognitoIdentityProviderClient({
      endpoint: stack.endpoints.cognito,
      region: outputs.Region ?? 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const email = `bench-${Date.now()}@example.com`;
    const { UserSub } = await cognito.send(
      new SignUpCommand({
        ClientId: clientId,
        Username: email,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    const code = stack.cognito.outbox
      .list({ userPoolId: poolId })
      .filter((m) => m.username === UserSub || m.username === email)
      .at(-1)?.code;
    if (code === undefined) throw new Error('No confirmation code in the outbox');
    await cognito.send(
      new ConfirmSignUpCommand({ ClientId: clientId, Username: email, ConfirmationCode: code }),
    );
    const auth = await cognito.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: email, PASSWORD: PASSWORD },
      }),
    );
    cognito.destroy();
    const token = auth.AuthenticationResult?.AccessToken;
    if (token === undefined) throw new Error('Sign-in returned no access token');
    const headers = { Authorization: `Bearer ${token}` };

    // A full page (the api's default limit) so GET /notes reads and returns a realistic amount.
    for (let i = 0; i < NOTES_PER_PAGE; i += 1) {
      await fetch(`${apiUrl}notes`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: `Bench note ${i}`, body: 'x'.repeat(200), tags: ['bench'] }),
      });
    }

    const agent = new Agent({ keepAlive: true });
    const routes = (args.values.routes ?? 'me,notes').split(',').filter((r) => r !== '');
    const bodies: Record<string, string> = {};
    for (const route of routes) {
      const res = await get(agent, { name: route, url: new URL(`${apiUrl}${route}`), headers });
      if (res.status !== 200) throw new Error(`GET /${route} answered ${res.status}: ${res.body}`);
      bodies[route] = res.body;
    }
    agent.destroy();

    // The bare server answers the very same JSON bodies, with no work at all.
    const bare = createServer((req, res) => {
      const body = bodies[(req.url ?? '/').slice(1)] ?? '{}';
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
    bare.keepAliveTimeout = 5000;
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    servers.push(() => new Promise((r) => bare.close(r)));
    const barePort = (bare.address() as AddressInfo).port;

    // The events the gateway hands the Lambda, recorded by a second gateway on the same resources, so the
    // runtime can be measured alone with exactly the same input.
    const recorded = new Map<string, { arn: string; event: unknown }>();
    const recorder = createApiGateway({
      resources: stack.resources.filter((r) => r.type.startsWith('AWS::ApiGateway::')),
      invokeLambda: (arn, event) => {
        recorded.set((event as { resource: string }).resource, { arn, event });
        return running.lambda.invoke(arn, event);
      },
      userPool: (arn) => {
        const id = /userpool\/(.+)$/.exec(arn)?.[1] ?? '';
        return { userPoolId: id, issuer: running.cognito.issuer(id), jwks: running.cognito.jwks(id) };
      },
      region: outputs.Region ?? 'us-east-1',
      accountId: '000000000000',
      log: silentLogger,
    });
    const recorderUrl = (await recorder.listen(0)).url;
    servers.push(() => recorder.close());
    const stagePath = new URL(apiUrl).pathname;
    for (const route of routes) await fetch(`${recorderUrl}${stagePath}${route}`, { headers });

    const rows: LevelRows = { gateway: [], lambda: [] };
    for (const route of routes) {
      for (const concurrency of CONCURRENCIES) {
        const total = REQUESTS[concurrency] ?? 1000;
        const perRound = Math.ceil(total / ROUNDS);
        const [gw, base] = (await compare([
          () => load({ name: route, url: new URL(`${apiUrl}${route}`), headers }, concurrency, perRound),
          () =>
            load(
              { name: route, url: new URL(`http://127.0.0.1:${barePort}/${route}`), headers },
              concurrency,
              perRound,
            ),
        ])) as [Result, Result];
        const call = recorded.get(`/${route}`);
        if (call) {
          const alone = await loadLambda(
            () => running.lambda.invoke(call.arn, call.event),
            concurrency,
            total,
          );
          rows.lambda.push(
            `| ${logLevel} | GET /${route} | ${concurrency} | ${alone.rps.toFixed(0)} | ${alone.p50.toFixed(2)} | ${alone.p99.toFixed(2)} | ${(gw.rps / alone.rps).toFixed(2)} |`,
          );
        }
        rows.gateway.push(
          `| ${logLevel} | GET /${route} | ${concurrency} | ${gw.rps.toFixed(0)} | ${gw.p50.toFixed(2)} | ${gw.p99.toFixed(2)} | ${base.rps.toFixed(0)} | ${base.p50.toFixed(2)} | ${base.p99.toFixed(2)} | ${(gw.rps / base.rps).toFixed(2)} | ${gw.errors + base.errors} |`,
        );
      }
    }
    return rows;
  } finally {
    for (const close of servers.reverse()) await close();
    rmSync(stateDir, { recursive: true, force: true });
    rmSync(assemblyDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const sourceAssembly = resolve(args.positionals[0] ?? DEFAULT_ASSEMBLY);
  const levels = (args.values['log-levels'] ?? 'DEBUG,INFO').split(',').filter((l) => l !== '');
  const clientMode = args.values.client === 'process' ? 'process' : 'inline';
  const startup = { firstStartMs: Number.NaN, restartMs: Number.NaN };
  const gatewayRows: string[] = [];
  const lambdaRows: string[] = [];
  for (const [i, level] of levels.entries()) {
    const rows = await measureLevel(sourceAssembly, level, i === 0 ? startup : undefined);
    gatewayRows.push(...rows.gateway);
    lambdaRows.push(...rows.lambda);
  }

  console.log('\n## Local stack: gateway + Cognito authorizer + Lambda vs a bare node:http server\n');
  console.log(
    clientMode === 'process'
      ? 'Client: a separate Node process (keep-alive), the same for both servers.'
      : 'Client: in this process (keep-alive), sharing the event loop with both servers.',
  );
  console.log(
    `Functions' LOG_LEVEL: ${levels.map((l) => (l === AS_SYNTHESIZED ? 'as synthesized' : l)).join(', ')} (column LOG_LEVEL).\n`,
  );
  console.log(
    '| LOG_LEVEL | route | concurrency | gateway req/s | p50 ms | p99 ms | bare req/s | p50 ms | p99 ms | gateway/bare | non-200 |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of gatewayRows) console.log(row);
  console.log(
    `\nEach gateway/bare pair is measured in ${ROUNDS} rounds that alternate between the two servers. Aim: gateway/bare ≥ 0.5 for GET /me.\n`,
  );
  console.log('The same events sent straight to the Lambda runtime (no HTTP, no gateway, no authorizer):\n');
  console.log(
    '| LOG_LEVEL | route | concurrency | runtime alone req/s | p50 ms | p99 ms | full path / runtime alone |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const row of lambdaRows) console.log(row);
  console.log('');
  console.log('| start-up | ms to "Local stack ready" |');
  console.log('|---|---:|');
  console.log(
    `| startLocalStack in-process, first start (provisions pool, table, functions) | ${startup.firstStartMs.toFixed(0)} |`,
  );
  console.log(
    `| startLocalStack in-process, restart on the same state directory | ${startup.restartMs.toFixed(0)} |`,
  );
  // The first run may rebuild what changed; the second is the warm-cache figure the budget is about.
  let devFigure = 'not measured (--skip-dev)';
  if (!args.values['skip-dev']) {
    try {
      await timeDevCommand();
      devFigure = (await timeDevCommand()).toFixed(0);
    } catch (err) {
      devFigure = `n/a (${(err as Error).message.split('\n')[0]})`;
    }
  }
  console.log(
    `| \`pnpm dev\` with a warm Turborepo cache (install check, build/synth, CLI) | ${devFigure} |`,
  );
  console.log('\nAim: `pnpm dev` ready in under 5000 ms.');
}

const clientJob = args.values['client-job'];
if (clientJob !== undefined) {
  const job = JSON.parse(clientJob) as {
    url: string;
    headers: Record<string, string>;
    concurrency: number;
    total: number;
  };
  const result = await loadInline(
    { name: job.url, url: new URL(job.url), headers: job.headers },
    job.concurrency,
    job.total,
  );
  console.log(JSON.stringify(result));
} else {
  await main();
}
