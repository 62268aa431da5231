import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LambdaFunctionConfig, lambdaFunctionArn } from '../../src/lambda/lambda-function.js';
import { LambdaRuntime, MAX_LOG_LINE_CHARS, pipeLines } from '../../src/lambda/lambda-runtime.js';
import { createMemoryLogger } from '../../src/logger.js';

const HANDLERS: Record<string, string> = {
  echo: `
    let calls = 0;
    export const handler = async (event, context) => {
      calls += 1;
      console.log('echo called', event.n ?? 0);
      return {
        event,
        calls,
        env: {
          region: process.env.AWS_REGION,
          name: process.env.AWS_LAMBDA_FUNCTION_NAME,
          handler: process.env._HANDLER,
          memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
          table: process.env.TABLE_NAME,
          dynamo: process.env.AWS_ENDPOINT_URL_DYNAMODB,
          key: process.env.AWS_ACCESS_KEY_ID,
        },
        context: {
          awsRequestId: context.awsRequestId,
          functionName: context.functionName,
          invokedFunctionArn: context.invokedFunctionArn,
          remaining: context.getRemainingTimeInMillis(),
        },
      };
    };`,
  throws: `export const handler = async () => { throw new TypeError('bad input'); };`,
  hangs: `export const handler = () => new Promise(() => { setInterval(() => {}, 1000); });`,
  spins: `export const handler = async () => { for (;;) {} };`,
  exits: `export const handler = async () => { process.exit(3); };`,
  slow: `export const handler = async (event) => { await new Promise((r) => setTimeout(r, 200)); return event.n; };`,
  big: `export const handler = async () => ({ body: 'x'.repeat(7 * 1024 * 1024) });`,
  hog: `export const handler = async () => { const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random())); };`,
  callback: `exports.handler = (event, context, callback) => { callback(null, { viaCallback: event.n }); };`,
  version: `export const handler = async () => 'v1';`,
  // Powertools' rule for cold_start (@aws-lambda-powertools/commons, Utility): true on the first invocation
  // of a module instance, and only when AWS_LAMBDA_INITIALIZATION_TYPE is 'on-demand'. It writes its JSON
  // records to process.stdout itself, not through console.
  powertools: `
    const onDemand = process.env.AWS_LAMBDA_INITIALIZATION_TYPE?.trim() === 'on-demand';
    let coldStart = true;
    export const handler = async (event, context) => {
      const cold = onDemand && coldStart;
      coldStart = false;
      process.stdout.write(JSON.stringify({ level: 'INFO', message: 'served', cold_start: cold, function_request_id: context.awsRequestId, n: event.n }) + '\\n');
      return cold;
    };`,
  // Runs one invocation at a time or says so: the largest number of its invocations seen running together.
  single: `
    let running = 0;
    let most = 0;
    export const handler = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 20));
      running -= 1;
      return most;
    };`,
  // Fails on request (hangs past its timeout, or exits its process), otherwise answers.
  fragile: `
    export const handler = async (event) => {
      if (event.mode === 'hang') await new Promise(() => { setInterval(() => {}, 1000); });
      if (event.mode === 'exit') process.exit(1);
      return event.n;
    };`,
  longline: `export const handler = async () => { process.stdout.write('x'.repeat(600 * 1024) + '\\n'); return 'ok'; };`,
  chatty: `
    export const handler = async (event) => {
      console.log('first');
      process.stdout.write('second\\n');
      console.error('third');
      process.stderr.write('fourth\\n');
      return 'ok';
    };`,
  warns: `
    export const handler = async () => {
      process.emitWarning('NodeVersionSupportWarning: The AWS SDK for JavaScript (v3)\\nversions published later\\nwill require node >=22.\\n\\nMore information elsewhere.');
      await new Promise((r) => setImmediate(r));
      return 'ok';
    };`,
  credentials: `export const handler = async () => ({
    key: process.env.AWS_ACCESS_KEY_ID,
    secret: process.env.AWS_SECRET_ACCESS_KEY,
    token: process.env.AWS_SESSION_TOKEN ?? null,
  });`,
};

let root: string;
const log = createMemoryLogger();
let runtime: LambdaRuntime;

function config(name: string, overrides: Partial<LambdaFunctionConfig> = {}): LambdaFunctionConfig {
  return {
    functionName: name,
    functionArn: lambdaFunctionArn('us-east-1', '000000000000', name),
    handler: 'index.handler',
    runtime: 'nodejs20.x',
    codeDir: join(root, name),
    environment: { TABLE_NAME: 'notes', AWS_REGION: 'eu-west-3' },
    // Lambda's maximum: the timeout runs on the real clock from the moment the worker is asked (its start-up
    // included), so only the tests of the timeout itself set a short one.
    timeoutSeconds: 900,
    memoryMb: 128,
    ...overrides,
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-lambda-'));
  for (const [name, source] of Object.entries(HANDLERS)) {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name === 'callback' ? 'index.js' : 'index.mjs'), source);
  }
  runtime = new LambdaRuntime({
    region: 'us-east-1',
    log,
    baseEnvironment: { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000' },
    maxInstancesPerFunction: 4,
  });
  for (const name of Object.keys(HANDLERS)) runtime.register(config(name));
  runtime.register(config('hangs', { timeoutSeconds: 1 }));
  runtime.register(config('spins', { timeoutSeconds: 1 }));
  runtime.register(config('fragile', { timeoutSeconds: 1 }));
});

afterEach(() => {
  log.entries.length = 0;
});

afterAll(async () => {
  await runtime.close();
  rmSync(root, { recursive: true, force: true });
});

describe('LambdaRuntime', () => {
  it('runs the handler with the event, its own environment and a context', async () => {
    const result = await runtime.invoke(lambdaFunctionArn('us-east-1', '000000000000', 'echo'), { n: 1 });
    expect(result.ok).toBe(true);
    const payload = (result as { payload: Record<string, Record<string, unknown>> }).payload;
    expect(payload.event).toEqual({ n: 1 });
    expect(payload.env).toEqual({
      region: 'us-east-1', // reserved: the template cannot override AWS_REGION
      name: 'echo',
      handler: 'index.handler',
      memory: '128',
      table: 'notes',
      dynamo: 'http://127.0.0.1:8000',
      key: 'local',
    });
    expect(payload.context?.functionName).toBe('echo');
    expect(payload.context?.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:echo');
    expect(payload.context?.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.context?.remaining).toBeGreaterThan(0);
    expect(payload.context?.remaining).toBeLessThanOrEqual(900_000);
  });

  it('gives functions the credentials it is configured with, without a session token unless given one', async () => {
    const keyed = new LambdaRuntime({
      region: 'us-east-1',
      log,
      credentials: { accessKeyId: 'STRICTKEY', secretAccessKey: 'strict-secret' },
    });
    try {
      keyed.register(config('credentials'));
      expect(await keyed.invoke('credentials', {})).toMatchObject({
        ok: true,
        payload: { key: 'STRICTKEY', secret: 'strict-secret', token: null },
      });
      expect(await runtime.invoke('credentials', {})).toMatchObject({
        payload: { key: 'local', secret: 'local', token: 'local' },
      });
    } finally {
      await keyed.close();
    }
  });

  it('does not leak a function environment into the process', () => {
    expect(process.env.TABLE_NAME).toBeUndefined();
  });

  it('prints function logs prefixed with the function name and the request id', async () => {
    const result = await runtime.invoke('echo', { n: 42 });
    const requestId = (result as { payload: { context: { awsRequestId: string } } }).payload.context
      .awsRequestId;
    // Worker stdout arrives on its own stream, possibly just after the result.
    const line = await vi.waitFor(() => {
      const found = log.entries.find((e) => e.msg.includes('echo called 42'));
      if (found === undefined) throw new Error('log line not written yet');
      return found;
    });
    expect(line.msg).toMatch(new RegExp(`^\\[echo\\] \\S+\\t${requestId}\\tINFO\\techo called 42$`));
  });

  it('reuses a warm instance', async () => {
    runtime.register(config('echo'));
    const first = await runtime.invoke('echo', {});
    const second = await runtime.invoke('echo', {});
    const calls = (r: typeof first) => (r as { payload: { calls: number } }).payload.calls;
    expect(calls(second)).toBe(calls(first) + 1);
    expect(runtime.instanceCount('echo')).toBe(1);
  });

  it('starts more instances for concurrent calls, up to the limit', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, (_, n) => runtime.invoke('slow', { n })));
    expect(results.map((r) => (r as { payload: unknown }).payload)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(runtime.instanceCount('slow')).toBe(4);
  });

  it('reports an error thrown by the handler and keeps serving', async () => {
    const result = await runtime.invoke('throws', {});
    expect(result).toEqual({ ok: false, kind: 'error', errorType: 'TypeError', errorMessage: 'bad input' });
    expect((await runtime.invoke('echo', {})).ok).toBe(true);
  });

  it('ends an instance that runs past its timeout', async () => {
    const result = await runtime.invoke('hangs', {});
    expect(result).toEqual({
      ok: false,
      kind: 'timeout',
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
    expect(runtime.instanceCount('hangs')).toBe(0);
  });

  it('ends an instance stuck in a synchronous loop at its timeout', async () => {
    expect(await runtime.invoke('spins', {})).toMatchObject({ ok: false, kind: 'timeout' });
    expect((await runtime.invoke('echo', {})).ok).toBe(true);
  });

  it('survives a function that exits the process', async () => {
    const result = await runtime.invoke('exits', {});
    expect(result).toMatchObject({ ok: false, kind: 'crash', errorType: 'Runtime.ExitError' });
    expect((await runtime.invoke('echo', {})).ok).toBe(true);
  });

  it('ends a function that outgrows its memory', async () => {
    const result = await runtime.invoke('hog', {});
    expect(result).toMatchObject({ ok: false, kind: 'crash', errorType: 'Runtime.OutOfMemory' });
  });

  it('refuses a response over 6 MB as Lambda does', async () => {
    const result = await runtime.invoke('big', {});
    expect(result).toMatchObject({ ok: false, errorType: 'Function.ResponseSizeTooLarge' });
  });

  it('refuses a request over 6 MB as Lambda does', async () => {
    const result = await runtime.invoke('echo', { body: 'x'.repeat(6 * 1024 * 1024 + 1) });
    expect(result).toMatchObject({ ok: false, errorType: 'RequestTooLargeException' });
  });

  it('runs callback-style CommonJS handlers', async () => {
    expect(await runtime.invoke('callback', { n: 7 })).toEqual({ ok: true, payload: { viaCallback: 7 } });
  });

  it('answers ResourceNotFoundException for an unknown function', async () => {
    expect(await runtime.invoke('arn:aws:lambda:us-east-1:000000000000:function:nope', {})).toMatchObject({
      ok: false,
      errorType: 'ResourceNotFoundException',
    });
  });

  it('picks up rebuilt code for new invocations without a restart', async () => {
    expect(await runtime.invoke('version', {})).toEqual({ ok: true, payload: 'v1' });
    // A rebuild writes a new file; size differs so the change is seen even within one mtime tick.
    writeFileSync(join(root, 'version', 'index.mjs'), `export const handler = async () => 'version-2';`);
    expect(await runtime.invoke('version', {})).toEqual({ ok: true, payload: 'version-2' });
  });

  it('answers ResourceNotFoundException once a function is removed', async () => {
    runtime.register(config('removed', { codeDir: join(root, 'echo') }));
    expect((await runtime.invoke('removed', {})).ok).toBe(true);
    runtime.unregister('removed');
    expect(await runtime.invoke('removed', {})).toMatchObject({
      ok: false,
      errorType: 'ResourceNotFoundException',
    });
    expect(runtime.functionNames()).not.toContain('removed');
  });

  it('reports a missing handler module', async () => {
    runtime.register(config('missing', { codeDir: join(root, 'nowhere') }));
    expect(await runtime.invoke('missing', {})).toMatchObject({
      ok: false,
      kind: 'error',
      errorType: 'Runtime.ImportModuleError',
    });
  });

  it('sets cold_start on the first invocation of an instance only, as Powertools reads it on AWS', async () => {
    const first = await runtime.invoke('powertools', { n: 1 });
    const second = await runtime.invoke('powertools', { n: 2 });
    expect([first, second]).toEqual([
      { ok: true, payload: true },
      { ok: true, payload: false },
    ]);
    const records = await vi.waitFor(() => {
      const found = log.entries
        .filter((e) => e.msg.startsWith('[powertools] {'))
        .map((e) => JSON.parse(e.msg.slice('[powertools] '.length)) as { cold_start: boolean; n: number });
      if (found.length < 2) throw new Error('log lines not written yet');
      return found;
    });
    expect(records.map((r) => [r.n, r.cold_start])).toEqual([
      [1, true],
      [2, false],
    ]);
  });

  it('queues invocations past the instance limit and runs each instance one invocation at a time', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => runtime.invoke('single', {})));
    expect(results).toEqual(Array.from({ length: 12 }, () => ({ ok: true, payload: 1 })));
    expect(runtime.instanceCount('single')).toBe(4);
  });

  it('prints what a function writes to console and to process.stdout/stderr, in order, by stream', async () => {
    expect(await runtime.invoke('chatty', {})).toEqual({ ok: true, payload: 'ok' });
    const lines = log.entries
      .filter((e) => e.msg.startsWith('[chatty]'))
      .map((e) => [e.level, e.msg.replace(/^\[chatty\] (\S+\t\S+\t[A-Z]+\t)?/, '')]);
    expect(lines).toEqual([
      ['info', 'first'],
      ['info', 'second'],
      ['warn', 'third'],
      ['warn', 'fourth'],
    ]);
  });

  it('passes on a line longer than the limit in pieces of at most the limit', async () => {
    expect(await runtime.invoke('longline', {})).toEqual({ ok: true, payload: 'ok' });
    const pieces = log.entries.filter((e) => e.msg.startsWith('[longline] ')).map((e) => e.msg.length - 11);
    expect(pieces).toEqual([MAX_LOG_LINE_CHARS, MAX_LOG_LINE_CHARS, 600 * 1024 - 2 * MAX_LOG_LINE_CHARS]);
  });

  it('shows a warning from function code once, on one line', async () => {
    await Promise.all([
      runtime.invoke('warns', {}),
      runtime.invoke('warns', {}),
      runtime.invoke('warns', {}),
    ]);
    expect(runtime.instanceCount('warns')).toBeGreaterThan(1);
    await vi.waitFor(() => {
      if (!log.entries.some((e) => e.msg.includes('NodeVersionSupportWarning'))) throw new Error('not yet');
    });
    const warnings = log.entries.filter((e) => e.msg.includes('NodeVersionSupportWarning'));
    expect(warnings).toEqual([
      {
        level: 'warn',
        msg: '[warns] NodeVersionSupportWarning: The AWS SDK for JavaScript (v3) versions published later will require node >=22.',
      },
    ]);
  });

  it.each([
    ['nodejs24.x', '20.19.1', true],
    ['nodejs20.x', '20.19.1', false],
    ['nodejs22.x', '22.3.0', false],
  ])('warns once when %s runs on Node.js %s: %s', async (runtimeName, nodeVersion, warns) => {
    const local = new LambdaRuntime({ region: 'us-east-1', log, nodeVersion });
    local.register(config('echo', { runtime: runtimeName }));
    local.register(config('echo', { runtime: runtimeName, memoryMb: 256 }));
    const warnings = log.entries.filter((e) => e.level === 'warn').map((e) => e.msg);
    expect(warnings).toEqual(
      warns
        ? [
            `echo: runtime ${runtimeName} runs here on Node.js ${nodeVersion}; behaviour may differ from AWS's Node.js ${runtimeName.slice(6, 8)}`,
          ]
        : [],
    );
    await local.close();
  });
});

describe('LambdaRuntime with a function of another language', () => {
  it('registers it without a word, refuses its invocations without starting an instance, and says why once', async () => {
    const local = new LambdaRuntime({ region: 'us-east-1', log });
    local.register(config('echo', { functionName: 'deploy', runtime: 'python3.13' }));
    expect(log.entries).toEqual([]);
    const refused = {
      ok: false,
      kind: 'error',
      errorType: 'InvalidRuntimeException',
      errorMessage:
        'The runtime python3.13 of deploy is not supported locally: only Node.js functions are emulated',
    };
    expect(await local.invoke('deploy', {})).toEqual(refused);
    expect(await local.invoke('deploy', {})).toEqual(refused);
    expect(local.instanceCount('deploy')).toBe(0);
    expect(log.entries).toEqual([{ level: 'warn', msg: `deploy: not invoked: ${refused.errorMessage}` }]);
    await local.close();
  });
});

describe('LambdaRuntime with invocations queued on one instance', () => {
  let single: LambdaRuntime;
  beforeAll(() => {
    single = new LambdaRuntime({ region: 'us-east-1', log, maxInstancesPerFunction: 1 });
    single.register(config('fragile', { timeoutSeconds: 1 }));
  });
  afterAll(() => single.close());

  it.each([
    ['times out', 'hang', { ok: false, kind: 'timeout', errorType: 'Sandbox.Timedout' }],
    ['exits its process', 'exit', { ok: false, kind: 'crash', errorType: 'Runtime.ExitError' }],
  ])('runs the invocations queued behind one that %s on a new instance', async (_name, mode, failure) => {
    const [failed, ...rest] = await Promise.all([
      single.invoke('fragile', { mode }),
      single.invoke('fragile', { n: 1 }),
      single.invoke('fragile', { n: 2 }),
    ]);
    expect(failed).toMatchObject(failure);
    expect(rest).toEqual([
      { ok: true, payload: 1 },
      { ok: true, payload: 2 },
    ]);
    expect(single.instanceCount('fragile')).toBe(1);
  });

  it('resolves queued invocations as failed when the runtime closes', async () => {
    const closing = new LambdaRuntime({ region: 'us-east-1', log, maxInstancesPerFunction: 1 });
    closing.register(config('slow'));
    const calls = [closing.invoke('slow', { n: 1 }), closing.invoke('slow', { n: 2 })];
    await closing.close();
    const results = await Promise.all(calls);
    expect(results.every((r) => !r.ok)).toBe(true);
  });
});

describe('pipeLines', () => {
  it('passes on output that never ends a line in pieces of at most the line limit', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    pipeLines(stream, (line) => lines.push(line));
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 16; i++) stream.write(chunk);
    stream.end('tail');
    await new Promise((resolve) => stream.on('end', resolve));
    expect(lines.map((l) => l.length)).toEqual([...Array(4).fill(MAX_LOG_LINE_CHARS), 4]);
  });

  it('splits output into lines at newlines', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    pipeLines(stream, (line) => lines.push(line));
    stream.write('one\ntw');
    stream.end('o\nthree');
    await new Promise((resolve) => stream.on('end', resolve));
    expect(lines).toEqual(['one', 'two', 'three']);
  });
});
