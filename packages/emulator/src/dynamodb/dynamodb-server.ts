import { Worker } from 'node:worker_threads';
import type {
  DynamoDbParentMessage,
  DynamoDbWorkerData,
  DynamoDbWorkerMessage,
} from './dynamodb-worker-protocol.js';
import { dynamoDbWorkerSource } from './dynamodb-worker-source.js';
import type { IdempotencyTokensOptions } from './idempotency-tokens.js';
import { answerClock, createClockCells } from './shared-clock.js';

/** A running dynalite server. */
export interface DynamoDbServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface DynamoDbServerOptions {
  /** LevelDB folder the data lives in (created if missing); in memory when absent. */
  path?: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Where failures of the transaction layer, and a DynamoDB that stopped, are reported (default: dropped). */
  log?: (message: string) => void;
  /** The clock and bounds of TransactWriteItems' idempotency tokens; injected for tests. */
  idempotencyTokens?: IdempotencyTokensOptions;
}

/** A start-up failure from the worker, with the system error's code (`EADDRINUSE`...) when it had one. */
function startError(message: string, code: string | undefined): Error {
  const error: NodeJS.ErrnoException = new Error(message);
  if (code !== undefined) error.code = code;
  return error;
}

/**
 * Starts the local DynamoDB on `host:port`, persisted under `path`: dynalite behind the layer that adds
 * `TransactWriteItems` and `TransactGetItems` (see dynamodb-host.ts), both on a worker thread of their own.
 *
 * dynalite does all its work (JSON, expressions, LevelDB encoding) in JavaScript, so on the caller's thread
 * a large Scan would hold up every request the gateway routes meanwhile. On a worker they share the machine's
 * cores instead; the caller's thread only learns the port. A worker rather than a child process: measured
 * side by side from the build on the shared 2-core machine, a worker listened in 0.36 s and added 22 MB, a
 * child process took 0.70 s and 56 MB; and a worker cannot outlive this process, whatever way this process
 * ends, where a child must watch its IPC channel to avoid it. close() ends it, closing the LevelDB folder
 * first. The proxy moves with dynalite because
 * transactions are serialized against every other request on one event loop (see transaction-proxy.ts).
 *
 * Rejects with the error that kept it from starting: a port it cannot listen on keeps its `code`
 * (`EADDRINUSE`, `EACCES`), a data folder it cannot open says which.
 */
export async function startDynamoDbServer(options: DynamoDbServerOptions = {}): Promise<DynamoDbServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => {});
  const now = options.idempotencyTokens?.now;
  const clock = now === undefined ? undefined : createClockCells();
  const { now: _, ...bounds } = options.idempotencyTokens ?? {};
  const source = dynamoDbWorkerSource();
  const worker = new Worker(source.script, {
    ...source.options,
    // The worker needs none of the caller's flags (--inspect would clash over the port, for one).
    execArgv: [],
    workerData: {
      ...(options.path === undefined ? {} : { path: options.path }),
      host,
      port: options.port ?? 0,
      idempotencyTokens: bounds,
      ...(clock === undefined ? {} : { clock }),
    } satisfies DynamoDbWorkerData,
  });
  const tellTime = clock === undefined || now === undefined ? undefined : answerClock(clock, now);

  let exited = false;
  const exit = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exit.then(() => {
    exited = true;
  });
  let onClosed: (() => void) | undefined;

  const port = await new Promise<number>((resolve, reject) => {
    let started = false;
    worker.on('message', (message: DynamoDbWorkerMessage) => {
      switch (message.type) {
        case 'listening':
          started = true;
          resolve(message.port);
          break;
        case 'failed':
          reject(startError(message.message, message.code));
          break;
        case 'log':
          log(message.message);
          break;
        case 'now':
          tellTime?.();
          break;
        case 'closed':
          onClosed?.();
          break;
      }
    });
    worker.on('error', (error) => {
      if (started) log(`DynamoDB stopped: ${error.message}`);
      else reject(error);
    });
    worker.once('exit', (code) => {
      if (!started) reject(new Error(`DynamoDB's worker exited with code ${code} before it listened`));
    });
  }).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () => {
      closing ??= (async () => {
        if (exited) return;
        // The worker closes both servers and the LevelDB folder, then says so; the thread is then ended
        // rather than left to wind down, so nothing it might still hold keeps this process alive.
        const closed = new Promise<void>((resolve) => {
          onClosed = resolve;
        });
        worker.postMessage({ type: 'close' } satisfies DynamoDbParentMessage);
        await Promise.race([closed, exit]);
        await worker.terminate();
      })();
      return closing;
    },
  };
}
