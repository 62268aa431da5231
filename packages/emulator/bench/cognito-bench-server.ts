/**
 * Worker-thread half of the sign-in benchmark: runs the Cognito server (file-backed store, WAL) on its own
 * core so the clients' SRP arithmetic in the main thread does not steal its time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { startCognitoServer } from '../src/cognito/cognito-server.js';
import { CognitoService } from '../src/cognito/cognito-service.js';

type Command = { type: 'seed'; count: number; password: string } | { type: 'memory' } | { type: 'stop' };

const dir = mkdtempSync(join(tmpdir(), 'cognito-bench-'));
const service = CognitoService.open({ database: join(dir, 'cognito.sqlite') });
const server = await startCognitoServer({ service });
const pool = (await service.call('CreateUserPool', { PoolName: 'bench' })).UserPool as { Id: string };
const client = (
  await service.call('CreateUserPoolClient', {
    UserPoolId: pool.Id,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  })
).UserPoolClient as { ClientId: string };
let seeded = 0;

parentPort?.on('message', async (cmd: Command) => {
  if (cmd.type === 'seed') {
    for (; seeded < cmd.count; seeded++) {
      const Username = `user${seeded}`;
      await service.call('SignUp', { ClientId: client.ClientId, Username, Password: cmd.password });
      await service.call('AdminConfirmSignUp', { UserPoolId: pool.Id, Username });
    }
    parentPort?.postMessage({ type: 'seeded', count: seeded });
  } else if (cmd.type === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    parentPort?.postMessage({ type: 'memory', heapUsed: m.heapUsed, rss: m.rss });
  } else {
    await server.close();
    service.close();
    rmSync(dir, { recursive: true, force: true });
    parentPort?.postMessage({ type: 'stopped' });
  }
});

parentPort?.postMessage({ type: 'ready', url: server.url, poolId: pool.Id, clientId: client.ClientId });
