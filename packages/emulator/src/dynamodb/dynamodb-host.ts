// The declaration of the untyped `dynalite` module travels with the one file that imports it, so a package
// that type-checks this source through the `@org/source` condition sees it too (TypeScript drops the
// reference from emitted declarations, which never mention dynalite).
/// <reference path="./dynalite.d.ts" />
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { hostAllowlist, isBrowserRequest } from '../request-guards.js';
import type { IdempotencyTokensOptions } from './idempotency-tokens.js';
import { type DynaliteHandler, startTransactionProxy } from './transaction-proxy.js';

export interface DynamoDbHostOptions {
  /** LevelDB folder the data lives in (created if missing); in memory when absent. */
  path?: string;
  host: string;
  /** 0 = any free port. */
  port: number;
  log: (message: string) => void;
  idempotencyTokens?: IdempotencyTokensOptions;
}

/** dynalite and the transaction layer in front of it, listening. */
export interface DynamoDbHost {
  port: number;
  close(): Promise<void>;
}

/**
 * Puts the local services' checks in front of dynalite's own handler. Dynalite answers every Origin with
 * `Access-Control-Allow-Origin: *` and allows whatever headers a preflight asks for, so any web page could
 * read and write every table; and it answers any Host, so a DNS-rebound page could too. Nothing calls DynamoDB
 * from a page (functions and tools call it from Node), so a page, or a Host that is not this machine, gets a
 * 403 without CORS headers. The request is not read.
 */
function guardFromPages(server: Server, host: string): void {
  const handlers = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  const allowedHost = hostAllowlist(host);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (allowedHost(req.headers.host) && !isBrowserRequest(req)) {
      for (const handle of handlers) handle(req, res);
      return;
    }
    req.resume();
    const body = JSON.stringify({
      __type: 'AccessDeniedException',
      message:
        'The local DynamoDB answers only programs on this machine: not web pages, and not a Host other than localhost, 127.0.0.1, [::1] or the address it listens on.',
    });
    res.writeHead(403, {
      'Content-Type': 'application/x-amz-json-1.0',
      'Content-Length': String(Buffer.byteLength(body)),
      Connection: 'close',
    });
    res.end(body);
  });
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens and closes the LevelDB folder once before dynalite does. dynalite opens it lazily, on the first
 * request, and a folder it cannot open (a file in the way, no permission, another process holding its lock)
 * then throws outside any handler: the server would start and die on its first request. Opened here, the
 * failure is a start-up error naming the folder. The error has no `code`, so it is never mistaken for a port
 * the server cannot listen on.
 */
async function checkDataFolder(path: string): Promise<void> {
  // `level` is dynalite's own dependency (the very module it opens the folder with), so it is resolved from it.
  const fromDynalite = createRequire(createRequire(import.meta.url).resolve('dynalite'));
  const { Level } = fromDynalite('level') as { Level: new (path: string) => LevelDatabase };
  const db = new Level(path);
  try {
    await db.open();
  } catch (error) {
    const reason = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    throw new Error(
      `DynamoDB cannot open its data folder ${path}: ${reason instanceof Error ? reason.message : String(reason)}`,
      { cause: error },
    );
  }
  await db.close();
}

/**
 * Starts dynalite (DynamoDB's wire protocol on LevelDB) on a private loopback port, behind the proxy that
 * adds `TransactWriteItems` and `TransactGetItems` (see transaction-proxy.ts) on `host:port`. Both run on the
 * same event loop, the one that serializes transactions against every other request; this is the code the
 * DynamoDB worker runs (see dynamodb-server.ts).
 *
 * Tables become ACTIVE at once instead of after DynamoDB's few seconds of CREATING: nothing local gains from
 * waiting, and provisioning still waits for ACTIVE as it would on AWS.
 */
export async function startDynamoDbHost(options: DynamoDbHostOptions): Promise<DynamoDbHost> {
  if (options.path !== undefined) await checkDataFolder(options.path);
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const [handle] = server.listeners('request') as DynaliteHandler[];
  if (handle === undefined) throw new Error('dynalite created a server without a request handler');
  guardFromPages(server, options.host);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const closeDynalite = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections?.();
      server.close((err) => (err ? reject(err) : resolve()));
    });
  let proxy: Awaited<ReturnType<typeof startTransactionProxy>>;
  try {
    proxy = await startTransactionProxy({
      upstream: { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
      handle,
      host: options.host,
      port: options.port,
      log: options.log,
      ...(options.idempotencyTokens === undefined ? {} : { tokens: options.idempotencyTokens }),
    });
  } catch (error) {
    await closeDynalite();
    throw error;
  }
  // The proxy is the public face; dynalite's private port keeps the same checks in case a page finds it.
  guardFromPages(proxy.server, options.host);
  return {
    port: proxy.port,
    close: async () => {
      await proxy.close();
      await closeDynalite();
    },
  };
}
