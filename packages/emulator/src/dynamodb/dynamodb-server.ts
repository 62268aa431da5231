// The declaration of the untyped `dynalite` module travels with the one file that imports it, so a package
// that type-checks this source through the `@org/source` condition sees it too (TypeScript drops the
// reference from emitted declarations, which never mention dynalite).
/// <reference path="./dynalite.d.ts" />
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { hostAllowlist, isBrowserRequest } from '../request-guards.js';
import type { IdempotencyTokensOptions } from './idempotency-tokens.js';
import { startTransactionProxy } from './transaction-proxy.js';

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
  /** Where failures of the transaction layer are reported (default: dropped). */
  log?: (message: string) => void;
  /** The clock and bounds of TransactWriteItems' idempotency tokens; injected for tests. */
  idempotencyTokens?: IdempotencyTokensOptions;
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

/**
 * Starts the local DynamoDB on `host:port`, persisted under `path`: dynalite (DynamoDB's wire protocol
 * on LevelDB) on a private loopback port, behind a proxy that adds `TransactWriteItems` and
 * `TransactGetItems` (see transaction-proxy.ts).
 *
 * Tables become ACTIVE at once instead of after DynamoDB's few seconds of CREATING: nothing local gains from
 * waiting, and provisioning still waits for ACTIVE as it would on AWS.
 */
export async function startDynamoDbServer(options: DynamoDbServerOptions = {}): Promise<DynamoDbServer> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  guardFromPages(server, host);
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
      host,
      port: options.port ?? 0,
      ...(options.log === undefined ? {} : { log: options.log }),
      ...(options.idempotencyTokens === undefined ? {} : { tokens: options.idempotencyTokens }),
    });
  } catch (error) {
    await closeDynalite();
    throw error;
  }
  // The proxy is the public face; dynalite's private port keeps the same checks in case a page finds it.
  guardFromPages(proxy.server, host);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${proxy.port}`,
    port: proxy.port,
    close: async () => {
      await proxy.close();
      await closeDynalite();
    },
  };
}
