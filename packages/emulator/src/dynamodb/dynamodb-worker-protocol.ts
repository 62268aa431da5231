/** What the DynamoDB worker is started with (its `workerData`). */
export interface DynamoDbWorkerData {
  path?: string;
  host: string;
  port: number;
  idempotencyTokens?: { windowMs?: number; maxTokens?: number };
  /** Present when the caller injected a clock: the cells the worker reads it through (see shared-clock.ts). */
  clock?: SharedArrayBuffer;
}

/** Messages from the DynamoDB worker to the thread that started it. */
export type DynamoDbWorkerMessage =
  | { type: 'listening'; port: number }
  /** Start-up failed; `code` is the system error's (`EADDRINUSE`...) when there is one. */
  | { type: 'failed'; message: string; code?: string }
  | { type: 'log'; message: string }
  /** The worker waits for the caller's clock (see shared-clock.ts). */
  | { type: 'now' }
  | { type: 'closed' };

/** Messages to the DynamoDB worker. */
export type DynamoDbParentMessage = { type: 'close' };
