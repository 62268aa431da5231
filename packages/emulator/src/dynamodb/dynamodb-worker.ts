import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type DynamoDbHost, startDynamoDbHost } from './dynamodb-host.js';
import type {
  DynamoDbParentMessage,
  DynamoDbWorkerData,
  DynamoDbWorkerMessage,
} from './dynamodb-worker-protocol.js';
import { readClock } from './shared-clock.js';

/*
 * The DynamoDB worker: dynalite and its transaction layer on a thread of their own, so that reading and
 * writing tables (dynalite's JSON and LevelDB work is all JavaScript on its event loop) never delays the
 * gateway, Cognito or the Lambda runtime on the main thread. Started by dynamodb-server.ts.
 */

if (parentPort === null) throw new Error('dynamodb-worker runs only as a worker thread');
const port: MessagePort = parentPort;
const data = workerData as DynamoDbWorkerData;
const post = (message: DynamoDbWorkerMessage) => port.postMessage(message);

let host: DynamoDbHost | undefined;
let closing: Promise<void> | undefined;

function close(): Promise<void> {
  closing ??= (async () => {
    try {
      await host?.close();
    } catch (error) {
      post({ type: 'log', message: `DynamoDB did not close cleanly: ${(error as Error).message}` });
    }
    post({ type: 'closed' });
    // Nothing else is left on this thread's event loop; closing the port lets the thread end.
    port.close();
  })();
  return closing;
}

port.on('message', (message: DynamoDbParentMessage) => {
  if (message.type === 'close') void close();
});

startDynamoDbHost({
  ...(data.path === undefined ? {} : { path: data.path }),
  host: data.host,
  port: data.port,
  log: (message) => post({ type: 'log', message }),
  idempotencyTokens: {
    ...data.idempotencyTokens,
    ...(data.clock === undefined ? {} : { now: readClock(data.clock, port) }),
  },
}).then(
  (started) => {
    host = started;
    post({ type: 'listening', port: started.port });
  },
  (error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    post({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    });
    port.close();
  },
);
