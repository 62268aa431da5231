import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmulatorLogger } from '../logger.js';
import { functionNameOf, type LambdaFunctionConfig, type LambdaInvokeResult } from './lambda-function.js';
import type { FunctionWorkerData, InvokeMessage, WorkerMessage } from './worker-protocol.js';
import { workerSource } from './worker-source.js';

/** Lambda's synchronous invocation limit, for the request and for the response (6 MB). */
export const LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024;

export interface LambdaRuntimeOptions {
  region: string;
  log: EmulatorLogger;
  /** Variables every function gets, before its own (local service endpoints...). */
  baseEnvironment?: Record<string, string>;
  /** Most instances of one function alive at once; further invocations wait. Default 10. */
  maxInstancesPerFunction?: number;
  /**
   * The AWS credentials every function finds in its environment, as a role's would be on AWS. Default `local`
   * (which the local services accept unless strict); the local stack's strict mode passes its own key here,
   * without a session token, so the admin calls a function makes are still signed with a key it accepts.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

interface Pending {
  resolve: (result: LambdaInvokeResult) => void;
  /** Set once the invocation is handed to the worker (see {@link Instance.invoke}). */
  timer: NodeJS.Timeout | undefined;
  requestId: string;
}

/** One execution environment: a worker thread that keeps its loaded module between invocations. */
class Instance {
  readonly worker: Worker;
  pending: Pending | undefined;
  dead = false;
  private nextId = 0;
  private ready = false;
  /** The invocation that waits for the worker's `ready`. */
  private onReady: (() => void) | undefined;

  constructor(
    readonly fn: FunctionState,
    readonly codeVersion: string,
    log: EmulatorLogger,
    onGone: (instance: Instance) => void,
  ) {
    const { config } = fn;
    const source = workerSource();
    this.worker = new Worker(source.script, {
      ...source.options,
      // Each instance sees only its own environment, as a Lambda execution environment does.
      env: fn.environment,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: config.memoryMb },
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
    const prefix = `[${config.functionName}]`;
    pipeLines(this.worker.stdout, (line) => log.info(`${prefix} ${line}`));
    pipeLines(this.worker.stderr, (line) => log.warn(`${prefix} ${line}`));
    this.worker.on('message', (msg: WorkerMessage) => {
      if (msg.type === 'ready') {
        this.ready = true;
        const start = this.onReady;
        this.onReady = undefined;
        start?.();
        return;
      }
      if (this.pending === undefined) return;
      const pending = this.pending;
      this.pending = undefined;
      clearTimeout(pending.timer);
      pending.resolve(toResult(msg));
    });
    const end = (kind: 'crash', errorType: string, errorMessage: string): void => {
      if (this.dead) return;
      this.dead = true;
      if (this.pending !== undefined) {
        const pending = this.pending;
        this.pending = undefined;
        clearTimeout(pending.timer);
        log.error(`${prefix} ${pending.requestId} ${errorType}: ${errorMessage}`);
        pending.resolve({ ok: false, kind, errorType, errorMessage });
      }
      onGone(this);
    };
    this.worker.on('error', (err: Error & { code?: string }) => {
      const outOfMemory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      end(
        'crash',
        outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError',
        outOfMemory
          ? `Runtime exited: the function used more than its ${config.memoryMb} MB`
          : `Runtime exited with error: ${err.name}: ${err.message}`,
      );
    });
    this.worker.on('exit', (code) =>
      end('crash', 'Runtime.ExitError', `Runtime exited with exit code ${code}`),
    );
  }

  invoke(payload: string, requestId: string, timeoutMs: number): Promise<LambdaInvokeResult> {
    return new Promise((resolve) => {
      const pending: Pending = { resolve, timer: undefined, requestId };
      this.pending = pending;
      // The timeout counts from when the worker's runtime is up, as AWS counts it after the runtime's own
      // start; a warm instance is ready already, so its invocation is handed over at once.
      if (this.ready) this.start(pending, payload, timeoutMs);
      else this.onReady = () => this.start(pending, payload, timeoutMs);
    });
  }

  private start(pending: Pending, payload: string, timeoutMs: number): void {
    if (this.pending !== pending) return;
    const { resolve, requestId } = pending;
    pending.timer = setTimeout(() => {
      // AWS ends the execution environment on a timeout; the next invocation gets a fresh one.
      this.pending = undefined;
      this.dead = true;
      void this.worker.terminate();
      resolve({
        ok: false,
        kind: 'timeout',
        errorType: 'Sandbox.Timedout',
        errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
      });
    }, timeoutMs);
    this.worker.postMessage({
      type: 'invoke',
      id: this.nextId++,
      payload,
      requestId,
      deadline: Date.now() + timeoutMs,
    } satisfies InvokeMessage);
  }
}

function toResult(msg: Extract<WorkerMessage, { type: 'result' }>): LambdaInvokeResult {
  if (!msg.ok) return { ok: false, kind: 'error', errorType: msg.errorType, errorMessage: msg.errorMessage };
  if (msg.payload !== undefined && Buffer.byteLength(msg.payload) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
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
 * The longest log line passed on whole. CloudWatch Logs takes events of up to 256 KB, and Lambda splits longer
 * output; here a function that writes without ever ending a line cannot make the buffer grow without bound.
 */
export const MAX_LOG_LINE_CHARS = 256 * 1024;

/** Splits a worker's output into lines for `write`, holding at most one {@link MAX_LOG_LINE_CHARS} line. */
export function pipeLines(stream: NodeJS.ReadableStream, write: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      write(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
    while (buffered.length >= MAX_LOG_LINE_CHARS) {
      write(buffered.slice(0, MAX_LOG_LINE_CHARS));
      buffered = buffered.slice(MAX_LOG_LINE_CHARS);
    }
  });
  stream.on('end', () => {
    if (buffered.length > 0) write(buffered);
  });
}

interface FunctionState {
  config: LambdaFunctionConfig;
  environment: Record<string, string>;
  /** Bumped when the configuration changes; instances of an older generation are retired. */
  generation: number;
  idle: Instance[];
  all: Set<Instance>;
  waiting: Array<() => void>;
}

/**
 * Runs Lambda functions locally in `node:worker_threads`: one worker per execution environment, warm
 * instances reused, more instances for concurrent calls up to a limit, `Timeout` enforced by ending the
 * instance, `MemorySize` as the worker's heap limit. A function that throws, crashes or hangs yields a
 * failed {@link LambdaInvokeResult}; it never takes the process down.
 *
 * When the function's code changes on disk (the bundle was rebuilt), new invocations get fresh instances.
 */
export class LambdaRuntime {
  private readonly functions = new Map<string, FunctionState>();
  private readonly maxInstances: number;
  private closed = false;
  /** Code versions read in the current turn of the event loop (see {@link currentVersion}). */
  private readonly versions = new Map<FunctionState, string>();
  private versionsExpiring = false;

  constructor(private readonly options: LambdaRuntimeOptions) {
    this.maxInstances = options.maxInstancesPerFunction ?? 10;
  }

  private get credentialVariables(): Record<string, string> {
    const c = this.options.credentials ?? {
      accessKeyId: 'local',
      secretAccessKey: 'local',
      sessionToken: 'local',
    };
    return {
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      ...(c.sessionToken === undefined ? {} : { AWS_SESSION_TOKEN: c.sessionToken }),
    };
  }

  /** Adds a function, or replaces its configuration (running invocations finish on the old one). */
  register(config: LambdaFunctionConfig): void {
    if (!/^nodejs\d+\.x$/.test(config.runtime)) {
      this.options.log.warn(
        `${config.functionName}: runtime ${config.runtime} is not a Node.js runtime; it will be run with this Node.js anyway`,
      );
    }
    const environment: Record<string, string> = {
      ...this.options.baseEnvironment,
      ...config.environment,
      // Reserved variables: AWS sets these and a function's own values cannot override them.
      AWS_REGION: this.options.region,
      AWS_DEFAULT_REGION: this.options.region,
      AWS_LAMBDA_FUNCTION_NAME: config.functionName,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
      AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
      LAMBDA_TASK_ROOT: config.codeDir,
      _HANDLER: config.handler,
      ...this.credentialVariables,
    };
    const existing = this.functions.get(config.functionName);
    if (existing !== undefined) {
      // Same configuration again (the template was re-applied unchanged): keep the warm instances.
      if (JSON.stringify(existing.config) === JSON.stringify(config)) return;
      existing.config = config;
      existing.environment = environment;
      existing.generation += 1;
      this.versions.delete(existing);
      this.retireIdle(existing);
      return;
    }
    this.functions.set(config.functionName, {
      config,
      environment,
      generation: 0,
      idle: [],
      all: new Set(),
      waiting: [],
    });
  }

  /**
   * Removes a function (it left the template). Running invocations finish; later ones get
   * ResourceNotFoundException, as on AWS once the function is deleted.
   */
  unregister(functionName: string): void {
    const fn = this.functions.get(functionName);
    if (fn === undefined) return;
    this.functions.delete(functionName);
    this.retireIdle(fn);
  }

  /** Names of the registered functions. */
  functionNames(): string[] {
    return [...this.functions.keys()];
  }

  /**
   * Runs the function once with `event` (by name or ARN) and resolves to its result. Never rejects for a
   * failure of the function itself; rejects only when no such function is registered.
   */
  async invoke(functionArnOrName: string, event: unknown): Promise<LambdaInvokeResult> {
    const name = functionNameOf(functionArnOrName);
    const fn = this.functions.get(name);
    if (fn === undefined || this.closed) {
      return {
        ok: false,
        kind: 'error',
        errorType: 'ResourceNotFoundException',
        errorMessage: `Function not found: ${functionArnOrName}`,
      };
    }
    const payload = JSON.stringify(event ?? null);
    if (Buffer.byteLength(payload) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
      return {
        ok: false,
        kind: 'error',
        errorType: 'RequestTooLargeException',
        errorMessage: `Request must be smaller than ${LAMBDA_PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation`,
      };
    }
    const instance = await this.acquire(fn);
    const requestId = randomUUID();
    try {
      return await instance.invoke(payload, requestId, fn.config.timeoutSeconds * 1000);
    } finally {
      this.release(fn, instance);
    }
  }

  /**
   * The function's code version, read from disk at most once per turn of the event loop: invocations that
   * arrive together (a burst of requests read in one poll) share one `stat`, while any invocation in a later
   * turn — after a rebuild finished, or after anything was awaited — looks at the file again.
   */
  private currentVersion(fn: FunctionState): string {
    let version = this.versions.get(fn);
    if (version === undefined) {
      version = this.codeVersion(fn.config, fn.generation);
      this.versions.set(fn, version);
      if (!this.versionsExpiring) {
        this.versionsExpiring = true;
        setImmediate(() => {
          this.versions.clear();
          this.versionsExpiring = false;
        }).unref();
      }
    }
    return version;
  }

  private codeVersion(config: LambdaFunctionConfig, generation: number): string {
    // The handler file's size and mtime: a rebuild changes them, so new instances load the new code.
    const moduleName = config.handler.slice(0, config.handler.lastIndexOf('.'));
    for (const ext of ['.mjs', '.js', '.cjs']) {
      try {
        const stat = statSync(join(config.codeDir, moduleName + ext));
        return `${generation}-${stat.mtimeMs}-${stat.size}`;
      } catch {
        // Try the next extension; the worker reports a missing module to the caller.
      }
    }
    return `${generation}-missing`;
  }

  private async acquire(fn: FunctionState): Promise<Instance> {
    for (;;) {
      const version = this.currentVersion(fn);
      let instance = fn.idle.pop();
      while (instance !== undefined && (instance.dead || instance.codeVersion !== version)) {
        this.retire(fn, instance);
        instance = fn.idle.pop();
      }
      if (instance !== undefined) return instance;
      if (fn.all.size < this.maxInstances) {
        const created: Instance = new Instance(fn, version, this.options.log, (gone) =>
          this.forget(fn, gone),
        );
        fn.all.add(created);
        return created;
      }
      await new Promise<void>((resolve) => fn.waiting.push(resolve));
    }
  }

  private release(fn: FunctionState, instance: Instance): void {
    if (this.functions.get(fn.config.functionName) !== fn) {
      // The function was removed while this invocation ran.
      this.retire(fn, instance);
    } else if (instance.dead || this.closed) {
      this.forget(fn, instance);
    } else {
      fn.idle.push(instance);
    }
    fn.waiting.shift()?.();
  }

  private forget(fn: FunctionState, instance: Instance): void {
    fn.all.delete(instance);
    const at = fn.idle.indexOf(instance);
    if (at >= 0) fn.idle.splice(at, 1);
    fn.waiting.shift()?.();
  }

  private retire(fn: FunctionState, instance: Instance): void {
    instance.dead = true;
    void instance.worker.terminate();
    this.forget(fn, instance);
  }

  private retireIdle(fn: FunctionState): void {
    for (const instance of [...fn.idle]) this.retire(fn, instance);
  }

  /** Instances alive per function (warm or busy), for diagnostics and tests. */
  instanceCount(functionName: string): number {
    return this.functions.get(functionName)?.all.size ?? 0;
  }

  /** Ends every instance. Invocations still running resolve as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    const workers: Promise<number>[] = [];
    for (const fn of this.functions.values()) {
      for (const instance of fn.all) workers.push(instance.worker.terminate());
    }
    await Promise.allSettled(workers);
  }
}
