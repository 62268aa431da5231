import type { MessagePort, Worker } from 'node:worker_threads';

/*
 * A clock injected into `startDynamoDbServer` (a test's `now`, for idempotency windows) lives on the calling
 * thread, but the transaction layer reads it synchronously on the DynamoDB worker. The worker asks for the time
 * with a message and blocks on a shared cell until the caller has written it: a synchronous call across threads,
 * made only when a clock was injected. The calling thread never waits on the worker, so this cannot deadlock.
 */

/** Cell 0 (Int32): 0 while a reading is awaited, 1 once written. Bytes 8–15 (Float64): the reading. */
const CLOCK_BYTES = 16;

/** The shared cells of a clock, handed to the worker in its `workerData`. */
export function createClockCells(): SharedArrayBuffer {
  return new SharedArrayBuffer(CLOCK_BYTES);
}

/** On the calling thread: answers the worker's `now` messages with `now()`. */
export function answerClock(cells: SharedArrayBuffer, now: () => number): () => void {
  const flag = new Int32Array(cells, 0, 1);
  const reading = new Float64Array(cells, 8, 1);
  return () => {
    reading[0] = now();
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
}

/** On the worker: a `now()` that asks the calling thread and waits for its answer. */
export function readClock(cells: SharedArrayBuffer, port: MessagePort | Worker): () => number {
  const flag = new Int32Array(cells, 0, 1);
  const reading = new Float64Array(cells, 8, 1);
  return () => {
    Atomics.store(flag, 0, 0);
    port.postMessage({ type: 'now' });
    // Returns at once if the answer is already written (the flag is no longer 0).
    Atomics.wait(flag, 0, 0);
    return reading[0] ?? Number.NaN;
  };
}
