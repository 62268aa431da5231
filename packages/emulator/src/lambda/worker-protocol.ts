/**
 * The messages between {@link LambdaRuntime} and the program each instance runs in its worker thread
 * (`function-worker.ts`).
 *
 * Parent → worker: {@link InvokeMessage}; `payload` is the event as JSON text (Lambda hands functions JSON,
 * not live objects) and `deadline` an epoch time in ms. Worker → parent: {@link WorkerMessage}, a `ready` once
 * the program listens, then one `result` per invocation (`payload` is JSON text, or undefined).
 */

/** What each instance is started with (`workerData`). */
export interface FunctionWorkerData {
  handler: string;
  codeDir: string;
  /** Changes when the code on disk changes, so a rebuilt module loads afresh instead of from the cache. */
  codeVersion: string;
  functionName: string;
  functionArn: string;
  memoryMb: number;
  logStreamName: string;
}

export interface InvokeMessage {
  type: 'invoke';
  id: number;
  payload: string;
  requestId: string;
  deadline: number;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: true; payload: string | undefined }
  | { type: 'result'; id: number; ok: false; errorType: string; errorMessage: string };
