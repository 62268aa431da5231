import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
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
