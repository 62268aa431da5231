import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type LambdaFunctionConfig, lambdaFunctionArn } from '../../src/lambda/lambda-function.js';
import { type IdleTimers, LambdaRuntime } from '../../src/lambda/lambda-runtime.js';
import { createMemoryLogger } from '../../src/logger.js';

const IDLE_MS = 5 * 60_000;

const HANDLERS: Record<string, string> = {
  // Powertools' rule for cold_start: true on the first invocation of a module instance.
  cold: `
    let coldStart = true;
    export const handler = async () => {
      const cold = coldStart;
      coldStart = false;
      return cold;
    };`,
  // Runs until the file named by the event exists: an invocation that stays busy as long as the test wants.
  gated: `
    import { existsSync } from 'node:fs';
    export const handler = async (event) => {
      while (!existsSync(event.gate)) await new Promise((r) => setTimeout(r, 5));
      return 'done';
    };`,
};

/** Timers that fire only when the test moves time on. */
function manualTimers(): IdleTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 0;
  return {
    set(callback, ms) {
      next += 1;
      timers.set(next, { at: now + ms, callback });
      return next;
    },
    clear(handle) {
      timers.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...timers]) {
        if (timer.at > now) continue;
        timers.delete(id);
        timer.callback();
      }
    },
    pending: () => timers.size,
  };
}

let root: string;
const log = createMemoryLogger();
let timers: ReturnType<typeof manualTimers>;
let runtime: LambdaRuntime;

function config(name: string): LambdaFunctionConfig {
  return {
    functionName: name,
    functionArn: lambdaFunctionArn('us-east-1', '000000000000', name),
    handler: 'index.handler',
    runtime: 'nodejs20.x',
    codeDir: join(root, name),
    environment: {},
    timeoutSeconds: 900,
    memoryMb: 128,
  };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'gatehouse-lambda-idle-'));
  for (const [name, source] of Object.entries(HANDLERS)) {
    mkdirSync(join(root, name), { recursive: true });
    writeFileSync(join(root, name, 'index.mjs'), source);
  }
});

beforeEach(() => {
  timers = manualTimers();
  runtime = new LambdaRuntime({
    region: 'us-east-1',
    log,
    maxInstancesPerFunction: 2,
    idleTimeoutMs: IDLE_MS,
    idleTimers: timers,
  });
  for (const name of Object.keys(HANDLERS)) runtime.register(config(name));
});

afterEach(async () => {
  await runtime.close();
  log.entries.length = 0;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('LambdaRuntime idle instances', () => {
  it('keeps an instance idle for less than the limit warm', async () => {
    expect(await runtime.invoke('cold', {})).toEqual({ ok: true, payload: true });
    timers.advance(IDLE_MS - 1);
    expect(runtime.instanceCount('cold')).toBe(1);
    expect(await runtime.invoke('cold', {})).toEqual({ ok: true, payload: false });
  });

  it('ends an instance idle past the limit, and the next invocation starts a fresh one with cold_start true', async () => {
    expect(await runtime.invoke('cold', {})).toEqual({ ok: true, payload: true });
    timers.advance(IDLE_MS);
    expect(runtime.instanceCount('cold')).toBe(0);
    expect(await runtime.invoke('cold', {})).toEqual({ ok: true, payload: true });
    expect(runtime.instanceCount('cold')).toBe(1);
  });

  it('counts the idle time from the last invocation', async () => {
    await runtime.invoke('cold', {});
    timers.advance(IDLE_MS - 1);
    await runtime.invoke('cold', {});
    timers.advance(IDLE_MS - 1);
    expect(runtime.instanceCount('cold')).toBe(1);
    timers.advance(1);
    expect(runtime.instanceCount('cold')).toBe(0);
  });

  it('never retires a busy instance mid-invocation', async () => {
    const gate = join(root, `gate-${Date.now()}`);
    await runtime.invoke('gated', { gate: join(root, 'gated', 'index.mjs') });
    // The warm instance is taken by a long invocation; the idle limit passes while it runs.
    const running = runtime.invoke('gated', { gate });
    expect(timers.pending()).toBe(0);
    timers.advance(IDLE_MS * 3);
    expect(runtime.instanceCount('gated')).toBe(1);
    writeFileSync(gate, '');
    expect(await running).toEqual({ ok: true, payload: 'done' });
    // Idle from its last invocation on, and retired once the limit passes after that.
    timers.advance(IDLE_MS - 1);
    expect(runtime.instanceCount('gated')).toBe(1);
    timers.advance(1);
    expect(runtime.instanceCount('gated')).toBe(0);
  });

  it('leaves no idle timer behind when the runtime closes', async () => {
    await runtime.invoke('cold', {});
    expect(timers.pending()).toBe(1);
    await runtime.close();
    expect(timers.pending()).toBe(0);
  });
});
