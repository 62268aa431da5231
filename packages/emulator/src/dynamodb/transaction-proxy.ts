import { randomBytes } from 'node:crypto';
import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';
import { readBoundedBody } from '../request-guards.js';
import { listenHttp } from '../shared/http-listener.js';
import { DynaliteClient } from './dynalite-client.js';
import {
  DynamoDbError,
  internalServerError,
  missingAuthenticationError,
  serializationError,
} from './dynamodb-error.js';
import { IdempotencyTokens, type IdempotencyTokensOptions } from './idempotency-tokens.js';
import { ReadWriteLock } from './read-write-lock.js';
import { transactGetItems } from './transact-get.js';
import { transactWriteItems } from './transact-write.js';

/** dynalite's own limit on a request body; the same here for the requests answered in front of it. */
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const TARGET_PREFIX = 'DynamoDB_20120810.';

/** dynalite's own request handler: what its HTTP server calls for each request. */
export type DynaliteHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface TransactionProxyOptions {
  /** Where dynalite listens (127.0.0.1), for the operations a transaction is made of. */
  upstream: { host: string; port: number };
  /** dynalite's request handler, called on this thread for every request that is not a transaction. */
  handle: DynaliteHandler;
  host: string;
  /** 0 = any free port. */
  port: number;
  /** Where failures that are ours (not the caller's) are reported. */
  log?: (message: string) => void;
  /** The idempotency window's clock and bounds; injected for tests. */
  tokens?: IdempotencyTokensOptions;
}

/** The HTTP server in front of dynalite. */
export interface TransactionProxy {
  server: Server;
  port: number;
  close(): Promise<void>;
}

/**
 * The local DynamoDB's front door: answers `TransactWriteItems` and `TransactGetItems`, which dynalite
 * lacks, and passes every other request to dynalite unchanged.
 *
 * Transactions are serialized against everything else with a readers–writer lock: each request
 * dynalite serves holds it shared for as long as dynalite takes to answer, and a transaction holds it
 * exclusively while it reads and writes. So a transaction never interleaves with another request, and
 * its partial state (between its first write and its last, or before an undo) is never visible.
 */
export async function startTransactionProxy(options: TransactionProxyOptions): Promise<TransactionProxy> {
  const agent = new Agent({ keepAlive: true });
  const dynalite = new DynaliteClient(options.upstream.host, options.upstream.port, agent);
  const lock = new ReadWriteLock();
  const tokens = new IdempotencyTokens(options.tokens);
  const log = options.log ?? (() => {});

  const server = createServer((req, res) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    if (req.method === 'POST' && (operation === 'TransactWriteItems' || operation === 'TransactGetItems')) {
      void answerTransaction(req, res, operation, async (input) =>
        lock.run('exclusive', () =>
          operation === 'TransactWriteItems'
            ? transactWriteItems(input, { dynalite, tokens, log })
            : transactGetItems(input, dynalite),
        ),
      ).catch((error: unknown) => {
        log(`${operation} failed: ${error instanceof Error ? error.message : String(error)}`);
        if (!res.headersSent) send(res, internalServerError().statusCode, internalServerError().toBody());
      });
      return;
    }
    void forward(req, res, options.handle, lock).catch((error: unknown) => {
      log(`dynalite failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) send(res, internalServerError().statusCode, internalServerError().toBody());
      else res.destroy();
    });
  });
  const port = await listenHttp(server, options.port, options.host);
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        agent.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function answerTransaction(
  req: IncomingMessage,
  res: ServerResponse,
  operation: string,
  run: (input: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<void> {
  const body = await readBoundedBody(req, MAX_REQUEST_BYTES);
  if (body === undefined) {
    // Too large: dynalite answers 413 with no body.
    res.writeHead(413, { 'Content-Length': 0 });
    res.end();
    return;
  }
  try {
    if (!isSigned(req)) throw missingAuthenticationError();
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      throw serializationError();
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw serializationError();
    send(res, 200, await run(input as Record<string, unknown>));
  } catch (error) {
    if (!(error instanceof DynamoDbError))
      throw new Error(`${operation}: ${String(error)}`, { cause: error });
    send(res, error.statusCode, error.toBody());
  }
}

/** dynalite refuses unsigned requests without checking the signature itself; the same check here. */
function isSigned(req: IncomingMessage): boolean {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) return authorization.trim().startsWith('AWS4-');
  return new URL(req.url ?? '/', 'http://localhost').searchParams.has('X-Amz-Algorithm');
}

/** Answers as DynamoDB does: JSON 1.0, with the body's CRC32 (which the SDK may verify) and a request id. */
function send(res: ServerResponse, statusCode: number, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(statusCode, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(text),
    'x-amz-crc32': String(crc32(text)),
    'x-amzn-RequestId': randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0'),
  });
  res.end(text);
}

/**
 * Hands one request to dynalite's handler, holding the lock shared until it has answered.
 *
 * dynalite runs on this thread, so its handler is called directly rather than through a second HTTP hop
 * to its private port: that hop cost as much again as the request itself (parsing, a loopback socket, the
 * answer copied back). The body is read here first and handed over in a stream of its own: dynalite throws
 * (outside any handler) when its request stream errors, as a client that goes away mid-request makes it,
 * and a read here fails quietly instead. Reading before taking the lock also keeps a slow sender from
 * holding up a transaction.
 */
async function forward(
  req: IncomingMessage,
  res: ServerResponse,
  handle: DynaliteHandler,
  lock: ReadWriteLock,
): Promise<void> {
  let body: Buffer | undefined;
  try {
    body = await readBoundedBody(req, MAX_REQUEST_BYTES);
  } catch {
    // The caller went away before sending its whole request: there is no one to answer.
    res.destroy();
    return;
  }
  if (body === undefined) {
    // Too large: dynalite answers 413 with no body.
    res.writeHead(413, { 'Content-Length': 0 });
    res.end();
    return;
  }
  const release = await lock.acquire('shared');
  res.once('close', release);
  res.once('finish', release);
  const inner = Object.assign(new PassThrough(), {
    headers: req.headers,
    method: req.method,
    url: req.url,
  }) as unknown as IncomingMessage;
  handle(inner, res);
  (inner as unknown as PassThrough).end(body);
}
