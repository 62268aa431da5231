import type { EmulatorLogger } from '../logger.js';
import type { InvocationRecord } from './lambda-runtime.js';
import { type RenderStyle, renderFunctionLine, renderRequestLine } from './log-line-renderer.js';
import type { LogLines } from './worker-protocol.js';

/** How the local stack prints functions' output: rendered for reading (`pretty`) or as written (`json`). */
export type LogFormat = 'pretty' | 'json';
export const LOG_FORMATS = ['pretty', 'json'] as const satisfies readonly LogFormat[];

/** The gateway's own line for each request it answered (see `api-gateway.ts`). */
const GATEWAY_REQUEST_LINE = /^(\S+) (\S+) → (\d{3}) \((\d+) ms\)$/;
/** Finished invocations waiting for their gateway line; past this many (lines that never came) they are dropped. */
const MAX_UNCLAIMED = 1000;

/** The readable console of the local stack: see {@link createDevConsole}. */
export interface DevConsole {
  /** For `LambdaRuntimeOptions.onLogs`. */
  onLogs(functionName: string, lines: LogLines): void;
  /** For `LambdaRuntimeOptions.onInvocation`. */
  onInvocation(record: InvocationRecord): void;
  /** Wraps the gateway's logger: its line per request becomes the request line, with function and request id. */
  gatewayLogger(inner: EmulatorLogger): EmulatorLogger;
}

/**
 * Prints one line per request (method, path, status, duration, function, the function's request id) and each
 * function's log records as `LEVEL message key=value …`, through `log`.
 *
 * Nothing is rendered or written while requests are being answered: lines are queued as they come and printed in
 * one batch on the next turn of the event loop, after the responses in hand have been sent.
 */
export function createDevConsole(log: EmulatorLogger, style: RenderStyle): DevConsole {
  let queue: Array<() => void> = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const batch = queue;
    queue = [];
    for (const print of batch) print();
  };
  const later = (print: () => void): void => {
    queue.push(print);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };

  // The gateway logs its line after the invocation's result came back; the invocation is found again by the
  // method, path and status both sides know. A line whose invocation is not found is printed without it.
  const unclaimed = new Map<string, Array<{ functionName: string; requestId: string }>>();
  let unclaimedCount = 0;

  return {
    onLogs(functionName, lines) {
      later(() => {
        const name = style.color ? `\u001b[36m${functionName}\u001b[39m` : functionName;
        for (const line of lines) log.info(`${name} ${renderFunctionLine(line.slice(1), style)}`);
      });
    },
    onInvocation(record) {
      const proxy = proxyRequest(record);
      if (proxy === undefined) return;
      if (unclaimedCount >= MAX_UNCLAIMED) {
        unclaimed.clear();
        unclaimedCount = 0;
      }
      const key = `${proxy.method} ${proxy.path} ${proxy.status}`;
      let list = unclaimed.get(key);
      if (list === undefined) {
        list = [];
        unclaimed.set(key, list);
      }
      list.push({ functionName: record.functionName, requestId: record.requestId });
      unclaimedCount += 1;
    },
    gatewayLogger(inner) {
      return {
        info(msg) {
          const match = GATEWAY_REQUEST_LINE.exec(msg);
          if (match === null) {
            later(() => inner.info(msg));
            return;
          }
          const [, method = '', path = '', status = '0', ms = '0'] = match;
          const key = `${method} ${path} ${status}`;
          const list = unclaimed.get(key);
          const invocation = list?.shift();
          if (invocation !== undefined) unclaimedCount -= 1;
          if (list?.length === 0) unclaimed.delete(key);
          later(() =>
            log.info(
              renderRequestLine(
                {
                  method,
                  path,
                  status: Number(status),
                  durationMs: Number(ms),
                  functionName: invocation?.functionName,
                  requestId: invocation?.requestId,
                },
                style,
              ),
            ),
          );
        },
        warn: (msg) => later(() => inner.warn(msg)),
        error: (msg) => later(() => inner.error(msg)),
      };
    },
  };
}

/** Method, stage path and the status the gateway will answer, when `record` is an API Gateway proxy call. */
function proxyRequest(
  record: InvocationRecord,
): { method: string; path: string; status: number } | undefined {
  const event = record.event as
    | { httpMethod?: unknown; requestContext?: { path?: unknown } | null }
    | null
    | undefined;
  const method = event?.httpMethod;
  const path = event?.requestContext?.path;
  if (typeof method !== 'string' || typeof path !== 'string') return undefined;
  const { result } = record;
  const statusCode = result.ok ? (result.payload as { statusCode?: unknown } | null)?.statusCode : undefined;
  // A failed or malformed answer is the gateway's 502.
  return { method, path, status: typeof statusCode === 'number' ? statusCode : 502 };
}

/**
 * Whether the console should be drawn in colour: `FORCE_COLOR` (other than `0`) forces it, `NO_COLOR` turns it
 * off (https://no-color.org), otherwise the terminal decides (`hasColors`, which also honours `TERM=dumb`).
 */
export function useColour(
  env: Record<string, string | undefined>,
  stream: { hasColors?: () => boolean },
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.hasColors?.() ?? false;
}
