/**
 * The program each Lambda instance runs in its worker thread: it loads the function's handler once, then
 * answers every {@link InvokeMessage} with a result, as Lambda's Node.js runtime interface does. Started by
 * `lambda-runtime.ts` from the file `worker-source.ts` locates; the messages are in `worker-protocol.ts`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { parentPort, workerData } from 'node:worker_threads';
import {
  type FunctionWorkerData,
  type InvokeMessage,
  type LogLines,
  MAX_LOG_LINE_CHARS,
  splitLines,
  type WorkerMessage,
} from './worker-protocol.js';

/** The context object Lambda's Node.js runtime hands a handler. */
interface LambdaContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

type Callback = (err: unknown, value?: unknown) => void;
type Handler = (event: unknown, context: LambdaContext, callback?: Callback) => unknown;

/** A failure of the runtime itself, named as Lambda names it (`Runtime.ImportModuleError`...). */
function runtimeError(name: string, message: string): Error {
  const err = new Error(message);
  err.name = name;
  return err;
}

if (parentPort === null) throw new Error('function-worker runs only in a worker thread');
const port = parentPort;
const data = workerData as FunctionWorkerData;
let currentRequestId: string | undefined;

/**
 * Output is collected here and handed to the parent in batches (with the invocation's result, or once per turn
 * of the event loop for output outside an invocation), instead of through the worker's stdout/stderr streams,
 * which cost one message between threads per write.
 */
const logs = (() => {
  /** Past this much buffered text the lines are sent at once, so a chatty function cannot grow the buffer. */
  const FLUSH_AT_CHARS = 256 * 1024;
  let lines: LogLines = [];
  let chars = 0;
  const partial = ['', '', ''];
  let scheduled: NodeJS.Immediate | undefined;
  const take = (): LogLines => {
    for (const stream of [1, 2] as const) {
      if (partial[stream] !== '') lines.push(`${stream}${partial[stream]}`);
      partial[stream] = '';
    }
    const taken = lines;
    lines = [];
    chars = 0;
    if (scheduled !== undefined) clearImmediate(scheduled);
    scheduled = undefined;
    return taken;
  };
  const flush = (): void => {
    const taken = take();
    if (taken.length > 0) port.postMessage({ type: 'logs', lines: taken } satisfies WorkerMessage);
  };
  return {
    take,
    flush,
    write(stream: 1 | 2, text: string): void {
      const push = (line: string) => {
        for (let at = 0; at < line.length || at === 0; at += MAX_LOG_LINE_CHARS) {
          lines.push(`${stream}${line.slice(at, at + MAX_LOG_LINE_CHARS)}`);
        }
      };
      partial[stream] = splitLines(partial[stream] + text, push);
      chars += text.length;
      if (chars > FLUSH_AT_CHARS) flush();
      else scheduled ??= setImmediate(flush);
    },
  };
})();

/** Sends what is written to `stream` (Powertools' logger writes to process.stdout itself) to {@link logs}. */
function capture(stream: NodeJS.WriteStream, n: 1 | 2): void {
  stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown): boolean => {
    // As the stream would: a string is encoded with the encoding given (UTF-8 by default), bytes are written
    // as they are; the log shows them as UTF-8 text.
    const text =
      typeof chunk !== 'string'
        ? Buffer.from(chunk as Uint8Array).toString('utf8')
        : typeof encoding === 'string' && encoding !== 'utf8' && encoding !== 'utf-8'
          ? Buffer.from(chunk, encoding as BufferEncoding).toString('utf8')
          : chunk;
    logs.write(n, text);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  }) as typeof stream.write;
}
capture(process.stdout, 1);
capture(process.stderr, 2);
process.on('exit', () => logs.flush());

// Node prints each warning to stderr, several lines long (the AWS SDK's Node version notice is nine); the
// parent shows each distinct one once for the whole stack instead.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  port.postMessage({ type: 'warning', name: warning.name, message: warning.message } satisfies WorkerMessage);
});

const CONSOLE_LEVELS = [
  ['log', 'INFO'],
  ['info', 'INFO'],
  ['warn', 'WARN'],
  ['error', 'ERROR'],
  ['debug', 'DEBUG'],
  ['trace', 'TRACE'],
] as const;

// Lambda's Node runtime writes "<time>\t<request id>\t<LEVEL>\t<message>" for each console call.
for (const [method, level] of CONSOLE_LEVELS) {
  const stream = level === 'WARN' || level === 'ERROR' ? 2 : 1;
  console[method] = (...args: unknown[]) => {
    logs.write(
      stream,
      `${new Date().toISOString()}\t${currentRequestId || 'undefined'}\t${level}\t${format(...args)}\n`,
    );
  };
}

/** Follows `path` (the export after the handler's module name, split on dots) from `root`. */
function member(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    value = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[key];
  }
  return value;
}

let handlerPromise: Promise<Handler> | undefined;

function loadHandler(): Promise<Handler> {
  handlerPromise ??= (async () => {
    const spec = data.handler;
    const dot = spec.lastIndexOf('.');
    if (dot <= 0) {
      throw runtimeError('Runtime.MalformedHandlerName', `Bad handler ${spec}: expected <module>.<export>`);
    }
    const moduleName = spec.slice(0, dot);
    const exportPath = spec.slice(dot + 1).split('.');
    const file = ['.mjs', '.js', '.cjs']
      .map((ext) => join(data.codeDir, moduleName + ext))
      .find((candidate) => existsSync(candidate));
    if (file === undefined) {
      throw runtimeError(
        'Runtime.ImportModuleError',
        `Cannot find module '${moduleName}' in ${data.codeDir}`,
      );
    }
    // The version query makes a rebuilt file load afresh instead of from the module cache.
    const mod: unknown = await import(
      `${pathToFileURL(file).href}?v=${encodeURIComponent(data.codeVersion)}`
    );
    let fn = member(mod, exportPath);
    const fallback = member(mod, ['default']);
    // A CommonJS module's exports arrive as `default` when imported.
    if (typeof fn !== 'function' && fallback) fn = member(fallback, exportPath);
    if (typeof fn !== 'function') {
      throw runtimeError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
    }
    return fn as Handler;
  })();
  return handlerPromise;
}

function errorFields(err: unknown): { errorType: string; errorMessage: string; stack?: string | undefined } {
  if (err instanceof Error)
    return { errorType: err.name || 'Error', errorMessage: err.message, stack: err.stack };
  return {
    errorType: typeof err === 'string' ? 'string' : 'Error',
    errorMessage: typeof err === 'string' ? err : format(err),
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

async function run(handler: Handler, event: unknown, context: LambdaContext): Promise<unknown> {
  if (handler.length < 3) return handler(event, context);
  // Callback-style handler (older Node runtimes): the callback or a returned promise settles it.
  return new Promise((resolve, reject) => {
    const maybe = handler(event, context, (err, value) => (err ? reject(err) : resolve(value)));
    if (isThenable(maybe)) maybe.then(resolve, reject);
  });
}

function reply(message: WorkerMessage): void {
  port.postMessage(message);
}

port.on('message', async (msg: InvokeMessage | undefined) => {
  if (msg?.type !== 'invoke') return;
  currentRequestId = msg.requestId;
  const context: LambdaContext = {
    awsRequestId: msg.requestId,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: data.functionArn,
    memoryLimitInMB: String(data.memoryMb),
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: data.logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - Date.now()),
  };
  try {
    const handler = await loadHandler();
    const result = await run(handler, JSON.parse(msg.payload), context);
    reply({
      type: 'result',
      id: msg.id,
      ok: true,
      payload: result === undefined ? undefined : JSON.stringify(result),
      logs: logs.take(),
    });
  } catch (err) {
    const fields = errorFields(err);
    console.error(
      'Invoke Error',
      JSON.stringify({
        errorType: fields.errorType,
        errorMessage: fields.errorMessage,
        stack: fields.stack ? String(fields.stack).split('\n') : [],
      }),
    );
    reply({
      type: 'result',
      id: msg.id,
      ok: false,
      errorType: fields.errorType,
      errorMessage: fields.errorMessage,
      logs: logs.take(),
    });
  } finally {
    currentRequestId = undefined;
  }
});
reply({ type: 'ready' });
