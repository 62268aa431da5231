import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { LambdaFunctionConfig, LambdaInvokeResult } from './lambda-function.js';
import {
  type FunctionWorkerData,
  type InvokeMessage,
  type LogLines,
  MAX_LOG_LINE_CHARS,
  splitLines,
  type WorkerMessage,
} from './worker-protocol.js';
import { workerSource } from './worker-source.js';

/** Lambda's synchronous invocation limit, for the request and for the response (6 MB). */
export const LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

/**
 * The young generation (where short-lived objects are allocated) of each instance's heap. V8's default lets it
 * grow to 48 MB per thread and keeps it at its high-water mark, so a burst left every instance holding tens of
 * MB of garbage space for good. Measured on Node 20 with four threads each parsing and serialising JSON (the
 * shape of a handler's work): 4 MB took the same time as the default and kept about 27 MB less resident; the
 * collector just runs more often on short-lived objects, which costs little.
 */
export const YOUNG_GENERATION_MB = 4;

/** One invocation, from the moment the runtime accepted it until its result is delivered. */
export interface Invocation {
  /** The event as JSON text. */
  payload: string;
  requestId: string;
  timeoutMs: number;
  resolve: (result: LambdaInvokeResult) => void;
}

/** What an instance tells the runtime that owns it. */
export interface InstanceEvents {
  /** Lines the function wrote (see {@link LogLines}). */
  logs(instance: LambdaInstance, lines: LogLines): void;
  warning(instance: LambdaInstance, name: string, message: string): void;
  /** A failure worth a line of its own: the invocation that crashed the instance. */
  failure(instance: LambdaInstance, requestId: string, errorType: string, errorMessage: string): void;
  /** The instance finished an invocation and has nothing queued. */
  idle(instance: LambdaInstance): void;
  /**
   * The instance ended (timeout, crash, or terminated). `unstarted` are the invocations queued on it that never
   * reached its worker: on AWS they would run in another execution environment, so the runtime re-dispatches them.
   */
  gone(instance: LambdaInstance, unstarted: Invocation[]): void;
}

/**
 * One execution environment: a worker thread that keeps its loaded module between invocations and runs one
 * invocation at a time. Further invocations may be queued on it; the worker is sent the next event only when it
 * has answered the previous one, so a function never sees two events at once.
 */
export class LambdaInstance {
  readonly worker: Worker;
  dead = false;
  private nextId = 0;
  private ready = false;
  /** The invocation handed to the worker (or waiting for its `ready`). */
  private current: Invocation | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly queue: Invocation[] = [];

  constructor(
    readonly config: LambdaFunctionConfig,
    environment: Record<string, string>,
    readonly codeVersion: string,
    private readonly events: InstanceEvents,
  ) {
    const source = workerSource();
    this.worker = new Worker(source.script, {
      ...source.options,
      // Each instance sees only its own environment, as a Lambda execution environment does.
      env: environment,
      execArgv: [],
      // The worker sends its output in batches (see function-worker.ts); these streams only catch what a
      // native module or Node itself writes past that.
      stdout: true,
      stderr: true,
      resourceLimits: {
        // MemorySize bounds the function's heap, as it bounds an execution environment's memory on AWS.
        maxOldGenerationSizeMb: config.memoryMb,
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
      workerData: {
        handler: config.handler,
        codeDir: config.codeDir,
        codeVersion,
        functionName: config.functionName,
        functionArn: config.functionArn,
        memoryMb: config.memoryMb,
        logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
      } satisfies FunctionWorkerData,
    });
    this.worker.unref();
    pipeLines(this.worker.stdout, (line) => events.logs(this, [`1${line}`]));
    pipeLines(this.worker.stderr, (line) => events.logs(this, [`2${line}`]));
    this.worker.on('message', (msg: WorkerMessage) => this.onMessage(msg));
    this.worker.on('error', (err: Error & { code?: string }) => {
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.end(
        outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
        outOfMemory
          ? `Runtime exited: the function used more than its ${config.memoryMb} MB`
          : `Runtime exited with error: ${err.name}: ${err.message}`,
      );
    });
    this.worker.on('exit', (code) => this.end('Runtime.ExitError', `Runtime exited with exit code ${code}`));
  }

  /** Invocations running or queued here. */
  get load(): number {
    return (this.current === undefined ? 0 : 1) + this.queue.length;
  }

  /** Runs `invocation` now if the instance is free, else after the ones before it. */
  submit(invocation: Invocation): void {
    if (this.current === undefined) this.begin(invocation);
    else this.queue.push(invocation);
  }

  /** Ends the worker; a running invocation resolves as crashed, queued ones go back to the runtime. */
  terminate(): void {
    this.dead = true;
    void this.worker.terminate();
  }

  private begin(invocation: Invocation): void {
    this.current = invocation;
    // The timeout counts from when the worker's runtime is up, as AWS counts it after the runtime's own start;
    // a warm instance is ready already, so its invocation is handed over at once.
    if (this.ready) this.post(invocation);
  }

  private post(invocation: Invocation): void {
    const { timeoutMs } = invocation;
    this.timer = setTimeout(() => {
      // AWS ends the execution environment on a timeout; later invocations get a fresh one.
      this.current = undefined;
      this.terminate();
      invocation.resolve({
        ok: false,
        kind: 'timeout',
        errorType: 'Sandbox.Timedout',
        errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
      });
      this.events.gone(this, this.queue.splice(0));
    }, timeoutMs);
    this.worker.postMessage({
      type: 'invoke',
      id: this.nextId++,
      payload: invocation.payload,
      requestId: invocation.requestId,
      deadline: Date.now() + timeoutMs,
    } satisfies InvokeMessage);
  }

  private onMessage(msg: WorkerMessage): void {
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        if (this.current !== undefined) this.post(this.current);
        return;
      case 'logs':
        this.events.logs(this, msg.lines);
        return;
      case 'warning':
        this.events.warning(this, msg.name, msg.message);
        return;
      case 'result': {
        const finished = this.current;
        if (finished === undefined || this.dead) return;
        clearTimeout(this.timer);
        this.current = undefined;
        // The next event goes to the worker before this result is delivered, so the worker is never idle
        // while the caller handles the answer.
        const next = this.queue.shift();
        if (next !== undefined) this.begin(next);
        if (msg.logs.length > 0) this.events.logs(this, msg.logs);
        finished.resolve(toResult(msg));
        if (next === undefined) this.events.idle(this);
        return;
      }
    }
  }

  private end(errorType: string, errorMessage: string): void {
    if (this.dead && this.current === undefined && this.queue.length === 0) {
      // Ended on purpose (timeout, retirement, close) with nothing left: only the runtime's books remain.
      this.events.gone(this, []);
      return;
    }
    this.dead = true;
    clearTimeout(this.timer);
    const crashed = this.current;
    this.current = undefined;
    if (crashed !== undefined) {
      this.events.failure(this, crashed.requestId, errorType, errorMessage);
      crashed.resolve({ ok: false, kind: 'crash', errorType, errorMessage });
    }
    this.events.gone(this, this.queue.splice(0));
  }
}

function toResult(msg: Extract<WorkerMessage, { type: 'result' }>): LambdaInvokeResult {
  if (!msg.ok) return { ok: false, kind: 'error', errorType: msg.errorType, errorMessage: msg.errorMessage };
  if (msg.payload !== undefined && exceedsPayloadLimit(msg.payload)) {
    return {
      ok: false,
      kind: 'error',
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_PAYLOAD_LIMIT_BYTES} bytes).`,
    };
  }
  return { ok: true, payload: msg.payload === undefined ? null : JSON.parse(msg.payload) };
}

/**
 * Whether `json` is over Lambda's 6 MB as UTF-8. A string's UTF-8 size is between its length and three times
 * it, so only a long one needs counting.
 */
export function exceedsPayloadLimit(json: string): boolean {
  return json.length * 3 > LAMBDA_PAYLOAD_LIMIT_BYTES && Buffer.byteLength(json) > LAMBDA_PAYLOAD_LIMIT_BYTES;
}

/**
 * Splits a stream of a worker's output into lines for `write`, holding at most one {@link MAX_LOG_LINE_CHARS}
 * line.
 */
export function pipeLines(stream: NodeJS.ReadableStream, write: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered = splitLines(buffered + chunk, write);
  });
  stream.on('end', () => {
    if (buffered.length > 0) write(buffered);
  });
}
