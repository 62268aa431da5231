import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { EmulatorLogger } from '../logger.js';
import { CodeVersions } from './code-versions.js';
import { functionEnvironment } from './function-environment.js';
import { DEFAULT_IDLE_TIMEOUT_MS, type IdleTimers, NODE_TIMERS } from './idle-timers.js';
import { functionNameOf, type LambdaFunctionConfig, type LambdaInvokeResult } from './lambda-function.js';
import {
  exceedsPayloadLimit,
  type InstanceEvents,
  type Invocation,
  LAMBDA_PAYLOAD_LIMIT_BYTES,
  LambdaInstance,
  pipeLines,
} from './lambda-instance.js';
import { showWarningOnce } from './process-warnings.js';
import { invalidRuntime, nodeMajorOf, runsLocally } from './runtime-support.js';
import { type LogLines, MAX_LOG_LINE_CHARS } from './worker-protocol.js';

export {
  DEFAULT_IDLE_TIMEOUT_MS,
  type IdleTimers,
  LAMBDA_PAYLOAD_LIMIT_BYTES,
  MAX_LOG_LINE_CHARS,
  pipeLines,
};

/**
 * Instances per function by default: one per core, at least two. Every instance is a thread of this process;
 * with invocations queued on busy instances, threads beyond the cores only take turns on them. Measured with
 * `bench/stack-gateway.ts` on two cores at concurrency 32, the runtime alone served `GET /me` fastest with the
 * fewest instances (and `GET /notes`, which waits on DynamoDB, no better with more): see the Performance section
 * of the package README. Two keep one slow invocation from holding up every other.
 */
export const DEFAULT_MAX_INSTANCES = Math.max(2, availableParallelism());

/** One finished invocation, for a console that prints a line per request. */
export interface InvocationRecord {
  functionName: string;
  requestId: string;
  /** The event as the caller passed it (an API Gateway proxy event, a Cognito trigger event...). */
  event: unknown;
  result: LambdaInvokeResult;
  /** From acceptance to result, queueing and a cold start included. */
  durationMs: number;
}

export interface LambdaRuntimeOptions {
  region: string;
  log: EmulatorLogger;
  /** Variables every function gets, before its own (local service endpoints...). */
  baseEnvironment?: Record<string, string>;
  /**
   * Most instances of one function alive at once (default {@link DEFAULT_MAX_INSTANCES}); further invocations
   * queue on the least busy instance.
   */
  maxInstancesPerFunction?: number;
  /** How long an instance may stay idle before it is ended (default {@link DEFAULT_IDLE_TIMEOUT_MS}). */
  idleTimeoutMs?: number;
  /** Timers for the idle timeout (default Node's own). */
  idleTimers?: IdleTimers;
  /**
   * Receives the functions' output in batches (see {@link LogLines}). Called as results arrive: keep it cheap
   * and defer rendering. Default: each line to `log`, prefixed with `[function name]`.
   */
  onLogs?: (functionName: string, lines: LogLines) => void;
  /** Called once per finished invocation. */
  onInvocation?: (record: InvocationRecord) => void;
  /** The Node.js version functions run on, compared with each function's runtime. Default: this process's. */
  nodeVersion?: string;
  /**
   * The AWS credentials every function finds in its environment, as a role's would be on AWS. Default `local`
   * (which the local services accept unless strict); the local stack's strict mode passes its own key here,
   * without a session token, so the admin calls a function makes are still signed with a key it accepts.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

interface FunctionState {
  config: LambdaFunctionConfig;
  environment: Record<string, string>;
  /** Bumped when the configuration changes; instances of an older generation are retired. */
  generation: number;
  idle: LambdaInstance[];
  all: Set<LambdaInstance>;
  /** Invocations no instance can take yet (every instance is of older code and the limit is reached). */
  waiting: Invocation[];
}

/**
 * Runs Lambda functions locally in `node:worker_threads`: one worker per execution environment, warm
 * instances reused, more instances for concurrent calls up to a limit, then invocations queued on the least busy
 * instance (each instance still runs one at a time), `Timeout` enforced by ending the instance, `MemorySize` as
 * the worker's heap limit. A function that throws, crashes or hangs yields a failed {@link LambdaInvokeResult};
 * it never takes the process down, and invocations queued behind it run on another instance.
 *
 * When the function's code changes on disk (the bundle was rebuilt), new invocations get fresh instances.
 */
export class LambdaRuntime {
  private readonly functions = new Map<string, FunctionState>();
  private readonly maxInstances: number;
  private readonly idleTimeoutMs: number;
  private readonly idleTimers: IdleTimers;
  /** The pending retirement of each idle instance. */
  private readonly idleTimeouts = new Map<LambdaInstance, unknown>();
  private closed = false;
  /** Code versions read in the current turn of the event loop. */
  private readonly versions = new CodeVersions<FunctionState>();
  private readonly runtimeMismatchShown = new Set<string>();
  private readonly runtimeRefusalShown = new Set<string>();
  private readonly events: InstanceEvents;

  constructor(private readonly options: LambdaRuntimeOptions) {
    this.maxInstances = options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES;
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.idleTimers = options.idleTimers ?? NODE_TIMERS;
    const { log } = options;
    const onLogs =
      options.onLogs ??
      ((functionName: string, lines: LogLines) => {
        for (const line of lines) {
          if (line.startsWith('2')) log.warn(`[${functionName}] ${line.slice(1)}`);
          else log.info(`[${functionName}] ${line.slice(1)}`);
        }
      });
    this.events = {
      logs: (instance, lines) => onLogs(instance.config.functionName, lines),
      // Each distinct warning once for the whole process (see showWarningOnce), on one line.
      warning: (instance, name, message) =>
        showWarningOnce(log, name, message, `[${instance.config.functionName}] `),
      failure: (instance, requestId, errorType, errorMessage) =>
        log.error(`[${instance.config.functionName}] ${requestId} ${errorType}: ${errorMessage}`),
      idle: (instance) => this.onIdle(instance),
      gone: (instance, unstarted) => this.onGone(instance, unstarted),
    };
  }

  /** Adds a function, or replaces its configuration (running invocations finish on the old one). */
  register(config: LambdaFunctionConfig): void {
    const nodeMajor = nodeMajorOf(config.runtime);
    const local = this.options.nodeVersion ?? process.versions.node;
    // A function of another language is registered all the same, without a word: most are CDK's own helpers
    // (BucketDeployment's Python function) that only resources not emulated invoke. `invoke` refuses it and says
    // why the first time (see refuseRuntime); the start-up summary lists it as not emulated.
    if (
      nodeMajor !== undefined &&
      local.split('.')[0] !== nodeMajor &&
      !this.runtimeMismatchShown.has(config.functionName)
    ) {
      // Said once per function: a difference of major version can change behaviour (fetch, crypto,
      // module loading) between this machine and AWS.
      this.runtimeMismatchShown.add(config.functionName);
      this.options.log.warn(
        `${config.functionName}: runtime ${config.runtime} runs here on Node.js ${local}; behaviour may differ from AWS's Node.js ${nodeMajor}`,
      );
    }
    const environment = functionEnvironment(config, this.options);
    const existing = this.functions.get(config.functionName);
    if (existing !== undefined) {
      // Same configuration again (the template was re-applied unchanged): keep the warm instances.
      if (JSON.stringify(existing.config) === JSON.stringify(config)) return;
      existing.config = config;
      existing.environment = environment;
      existing.generation += 1;
      this.versions.forget(existing);
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
   * Removes a function (it left the template). Running and queued invocations finish; later ones get
   * ResourceNotFoundException, as on AWS once the function is deleted.
   */
  unregister(functionName: string): void {
    const fn = this.functions.get(functionName);
    if (fn === undefined) return;
    this.functions.delete(functionName);
    this.retireIdle(fn);
    for (const invocation of fn.waiting.splice(0)) invocation.resolve(notFound(functionName));
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
    if (fn === undefined || this.closed) return notFound(functionArnOrName);
    if (!runsLocally(fn.config.runtime)) return this.refuseRuntime(fn.config);
    // JSON text is what crosses to the worker: the size limit is on it, and the handler gets a fresh object.
    const payload = JSON.stringify(event ?? null);
    if (exceedsPayloadLimit(payload)) {
      return {
        ok: false,
        kind: 'error',
        errorType: 'RequestTooLargeException',
        errorMessage: `Request must be smaller than ${LAMBDA_PAYLOAD_LIMIT_BYTES} bytes for the InvokeFunction operation`,
      };
    }
    const started = performance.now();
    const requestId = randomUUID();
    const result = await new Promise<LambdaInvokeResult>((resolve) =>
      this.dispatch(fn, { payload, requestId, timeoutMs: fn.config.timeoutSeconds * 1000, resolve }),
    );
    this.options.onInvocation?.({
      functionName: name,
      requestId,
      event,
      result,
      durationMs: performance.now() - started,
    });
    return result;
  }

  /** An invocation of a function that cannot run here: refused, with the reason logged once per function. */
  private refuseRuntime(config: LambdaFunctionConfig): LambdaInvokeResult {
    const result = invalidRuntime(config.functionName, config.runtime);
    if (!this.runtimeRefusalShown.has(config.functionName)) {
      this.runtimeRefusalShown.add(config.functionName);
      this.options.log.warn(`${config.functionName}: not invoked: ${result.errorMessage}`);
    }
    return result;
  }

  private dispatch(fn: FunctionState, invocation: Invocation): void {
    if (this.closed) {
      invocation.resolve({
        ok: false,
        kind: 'crash',
        errorType: 'Runtime.ExitError',
        errorMessage: 'The local Lambda runtime stopped',
      });
      return;
    }
    const instance = this.acquire(fn);
    if (instance === undefined) fn.waiting.push(invocation);
    else instance.submit(invocation);
  }

  /**
   * An idle instance of the current code, else a new one while under the limit, else the busy instance of the
   * current code with the fewest invocations queued (the invocation waits there rather than in a runtime-wide
   * line: the instance hands it to its worker the moment the previous one finishes). Undefined when every
   * instance runs older code and the limit is reached: the invocation waits for one of them to be retired.
   */
  private acquire(fn: FunctionState): LambdaInstance | undefined {
    const version = this.versions.current(fn, fn.config, fn.generation);
    let instance = this.takeIdle(fn);
    while (instance !== undefined && (instance.dead || instance.codeVersion !== version)) {
      this.retire(fn, instance);
      instance = this.takeIdle(fn);
    }
    if (instance !== undefined) return instance;
    if (fn.all.size < this.maxInstances) {
      const created = new LambdaInstance(fn.config, fn.environment, version, this.events);
      fn.all.add(created);
      return created;
    }
    let least: LambdaInstance | undefined;
    for (const candidate of fn.all) {
      if (candidate.dead || candidate.codeVersion !== version) continue;
      if (least === undefined || candidate.load < least.load) least = candidate;
    }
    return least;
  }

  private stateOf(instance: LambdaInstance): FunctionState | undefined {
    const fn = this.functions.get(instance.config.functionName);
    return fn?.all.has(instance) ? fn : undefined;
  }

  private onIdle(instance: LambdaInstance): void {
    const fn = this.stateOf(instance);
    if (fn === undefined || this.closed) {
      // The function was removed (or replaced) while this invocation ran.
      instance.terminate();
      return;
    }
    fn.idle.push(instance);
    // Only an instance in the idle list is ever retired for idleness: a busy one has left it.
    this.idleTimeouts.set(
      instance,
      this.idleTimers.set(() => {
        this.idleTimeouts.delete(instance);
        if (fn.idle.includes(instance)) this.retire(fn, instance);
      }, this.idleTimeoutMs),
    );
    this.drain(fn);
  }

  /** The most recently idle instance (the warmest), its idle timeout cancelled. */
  private takeIdle(fn: FunctionState): LambdaInstance | undefined {
    const instance = fn.idle.pop();
    if (instance !== undefined) this.cancelIdleTimeout(instance);
    return instance;
  }

  private cancelIdleTimeout(instance: LambdaInstance): void {
    const timer = this.idleTimeouts.get(instance);
    if (timer === undefined) return;
    this.idleTimeouts.delete(instance);
    this.idleTimers.clear(timer);
  }

  private onGone(instance: LambdaInstance, unstarted: Invocation[]): void {
    const fn = this.stateOf(instance);
    if (fn !== undefined) this.forget(fn, instance);
    for (const invocation of unstarted) {
      if (fn === undefined) invocation.resolve(notFound(instance.config.functionName));
      else this.dispatch(fn, invocation);
    }
  }

  /** Hands waiting invocations to instances that can take them now. */
  private drain(fn: FunctionState): void {
    while (fn.waiting.length > 0) {
      const instance = this.acquire(fn);
      if (instance === undefined) return;
      instance.submit(fn.waiting.shift() as Invocation);
    }
  }

  private forget(fn: FunctionState, instance: LambdaInstance): void {
    fn.all.delete(instance);
    this.cancelIdleTimeout(instance);
    const at = fn.idle.indexOf(instance);
    if (at >= 0) fn.idle.splice(at, 1);
    this.drain(fn);
  }

  private retire(fn: FunctionState, instance: LambdaInstance): void {
    instance.terminate();
    this.forget(fn, instance);
  }

  private retireIdle(fn: FunctionState): void {
    for (const instance of [...fn.idle]) this.retire(fn, instance);
  }

  /** Instances alive per function (warm or busy), for diagnostics and tests. */
  instanceCount(functionName: string): number {
    return this.functions.get(functionName)?.all.size ?? 0;
  }

  /** Ends every instance. Invocations still running or queued resolve as crashed. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.idleTimeouts.values()) this.idleTimers.clear(timer);
    this.idleTimeouts.clear();
    const workers: Promise<number>[] = [];
    for (const fn of this.functions.values()) {
      for (const invocation of fn.waiting.splice(0)) this.dispatch(fn, invocation);
      for (const instance of fn.all) workers.push(instance.worker.terminate());
    }
    await Promise.allSettled(workers);
  }
}

function notFound(functionArnOrName: string): LambdaInvokeResult {
  return {
    ok: false,
    kind: 'error',
    errorType: 'ResourceNotFoundException',
    errorMessage: `Function not found: ${functionArnOrName}`,
  };
}
