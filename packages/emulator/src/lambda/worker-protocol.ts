/**
 * The messages between {@link LambdaRuntime} and the program each instance runs in its worker thread
 * (`function-worker.ts`).
 *
 * Parent → worker: {@link InvokeMessage}, one at a time: the next is posted only once the worker has answered
 * the previous one. `payload` is the event as JSON text and `deadline` an epoch time in ms.
 * Worker → parent: {@link WorkerMessage}: a `ready` once the program listens, then one `result` per invocation
 * (`payload` is JSON text, or undefined), carrying the log lines the function wrote during it; lines written
 * outside an invocation (at import, or by a timer after the handler returned) come in `logs` messages, at most
 * one per turn of the worker's event loop; `warning` for each `process.emitWarning` in the function.
 *
 * Why JSON text and not structured clone or a transferred buffer: Lambda's 6 MB limit is on the JSON bytes, so
 * the parent serialises the event once anyway, and the handler must get a fresh object; a string crosses the
 * thread boundary as one copy. `bench/worker-payload.ts` measures the three forms.
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

/**
 * The longest log line passed on whole. CloudWatch Logs takes events of up to 256 KB, and Lambda splits longer
 * output; here a function that writes without ever ending a line cannot make a buffer grow without bound.
 */
export const MAX_LOG_LINE_CHARS = 256 * 1024;

/**
 * Hands each whole line of `text` (without its newline) to `emit`, and each run of {@link MAX_LOG_LINE_CHARS}
 * characters that has no newline as a line of its own; returns the unfinished rest, shorter than that and
 * without a newline, to put before the next text. The worker and the runtime split output with it alike.
 */
export function splitLines(text: string, emit: (line: string) => void): string {
  let rest = text;
  let newline = rest.indexOf('\n');
  while (newline >= 0) {
    emit(rest.slice(0, newline));
    rest = rest.slice(newline + 1);
    newline = rest.indexOf('\n');
  }
  while (rest.length >= MAX_LOG_LINE_CHARS) {
    emit(rest.slice(0, MAX_LOG_LINE_CHARS));
    rest = rest.slice(MAX_LOG_LINE_CHARS);
  }
  return rest;
}

/**
 * Lines the function wrote, in order, each starting with the stream it was written to (`1` stdout, `2` stderr)
 * followed by the line without its newline; a longer line than {@link MAX_LOG_LINE_CHARS} arrives in pieces.
 */
export type LogLines = string[];

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'logs'; lines: LogLines }
  | { type: 'warning'; name: string; message: string }
  | { type: 'result'; id: number; ok: true; payload: string | undefined; logs: LogLines }
  | { type: 'result'; id: number; ok: false; errorType: string; errorMessage: string; logs: LogLines };
