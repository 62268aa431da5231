// The declaration of the untyped `dynalite` module travels with the one file that imports it, so a package
// that type-checks this source through the `@org/source` condition sees it too (TypeScript drops the
// reference from emitted declarations, which never mention dynalite).
/// <reference path="./dynalite.d.ts" />
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

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
}

/**
 * Starts dynalite (DynamoDB's wire protocol on LevelDB) on `host:port`, persisted under `path`.
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
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
