import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbServer, startDynamoDbServer } from '../../src/dynamodb/dynamodb-server.js';
import { listening, PortInUseError } from '../../src/stack/service-listening.js';

let server: DynamoDbServer;

beforeAll(async () => {
  server = await startDynamoDbServer();
});
afterAll(() => server.close());

/** A raw request to the server; `host` replaces the Host header. */
function send(
  method: string,
  headers: Record<string, string>,
  host?: string,
): Promise<{ status: number; cors: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, {
      method,
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        authorization: `AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
        'x-amz-date': '20260101T000000Z',
        ...(host === undefined ? {} : { host }),
        ...headers,
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => {
        const cors = res.headers['access-control-allow-origin'];
        resolve({ status: res.statusCode ?? 0, cors: typeof cors === 'string' ? cors : undefined, body });
      });
    });
    req.on('error', reject);
    req.end(method === 'POST' ? '{}' : undefined);
  });
}

function clientFor(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** How many worker threads this process has running (each holds one `MessagePort` resource open). */
function workerPorts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
}

describe('startDynamoDbServer', () => {
  it('serves the official SDK on this machine', async () => {
    const client = clientFor(server.url);
    try {
      await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: [] });
    } finally {
      client.destroy();
    }
  });

  it.each<[string, string, Record<string, string>, string | undefined]>([
    ['a call from another site', 'POST', { origin: 'https://evil.example' }, undefined],
    ['a call from a page on this machine', 'POST', { origin: 'http://localhost:5173' }, undefined],
    ['a cross-site call without Origin', 'POST', { 'sec-fetch-site': 'cross-site' }, undefined],
    [
      'a CORS preflight',
      'OPTIONS',
      { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
      undefined,
    ],
    ['a call to a rebound domain', 'POST', {}, 'evil.example:8000'],
  ])('refuses %s with 403 and no CORS grant', async (_, method, headers, host) => {
    const res = await send(method, headers, host);
    expect(res.status).toBe(403);
    expect(res.cors).toBeUndefined();
    expect(JSON.parse(res.body)).toMatchObject({ __type: 'AccessDeniedException' });
  });
});

describe('startDynamoDbServer off the calling thread', () => {
  const ITEMS = 1000;
  const table = 'big';

  beforeAll(async () => {
    const client = clientFor(server.url);
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      for (let batch = 0; batch < ITEMS / 25; batch += 1) {
        await client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [table]: Array.from({ length: 25 }, (_, i) => ({
                PutRequest: { Item: { pk: { S: `item-${batch * 25 + i}` }, body: { S: 'x'.repeat(400) } } },
              })),
            },
          }),
        );
      }
    } finally {
      client.destroy();
    }
  });

  it('answers a large Scan while the calling thread is blocked', () => {
    // spawnSync holds this thread (and its event loop) until the child is done: the child's Scan can only be
    // answered if the table work runs elsewhere. On this thread it would never be answered, and the child,
    // killed at the net below, would print nothing.
    const scan = `
      const res = await fetch(${JSON.stringify(server.url)}, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.Scan',
          'x-amz-date': '20260101T000000Z',
          authorization: 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
        },
        body: JSON.stringify({ TableName: ${JSON.stringify(table)}, Select: 'COUNT' }),
      });
      console.log(JSON.stringify({ status: res.status, body: await res.json() }));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', scan], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual({ status: 200, body: { Count: ITEMS, ScannedCount: ITEMS } });
  });
});

describe('startDynamoDbServer start and stop', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-dynamodb-server-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends its worker thread on close()', async () => {
    const before = workerPorts();
    const started = await startDynamoDbServer({ path: join(dir, 'close') });
    expect(workerPorts()).toBe(before + 1);
    await started.close();
    expect(workerPorts()).toBe(before);
    // A second close is harmless.
    await expect(started.close()).resolves.toBeUndefined();
  });

  it('reopens the data of its folder after a restart', async () => {
    const path = join(dir, 'restart');
    let started = await startDynamoDbServer({ path });
    let client = clientFor(started.url);
    await client.send(
      new CreateTableCommand({
        TableName: 'kept',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
    );
    client.destroy();
    await started.close();
    started = await startDynamoDbServer({ path });
    client = clientFor(started.url);
    try {
      await expect(client.send(new ListTablesCommand({}))).resolves.toMatchObject({ TableNames: ['kept'] });
    } finally {
      client.destroy();
      await started.close();
    }
  });

  it('rejects with EADDRINUSE, as the stack reports it, when its port is taken', async () => {
    const before = workerPorts();
    const attempt = startDynamoDbServer({ port: server.port });
    await expect(attempt).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await expect(listening('DynamoDB', '--dynamodb-port', server.port, attempt)).rejects.toThrow(
      new PortInUseError(
        `DynamoDB cannot listen on port ${server.port} (already in use); stop what uses it, or choose another port with --dynamodb-port (0 = any free port)`,
      ),
    );
    expect(workerPorts()).toBe(before);
  });

  it.each([
    ['a file is in the way', (root: string) => join(root, 'file'), /EEXIST/],
    ['its parent is a file', (root: string) => join(root, 'file', 'dynamodb'), /ENOTDIR/],
  ])('rejects naming the data folder when %s', async (_, pathIn, reason) => {
    writeFileSync(join(dir, 'file'), 'not a folder');
    const path = pathIn(dir);
    const before = workerPorts();
    const attempt = startDynamoDbServer({ path });
    await expect(attempt).rejects.toThrow(`DynamoDB cannot open its data folder ${path}: `);
    await expect(attempt).rejects.toThrow(reason);
    await expect(attempt).rejects.not.toHaveProperty('code');
    expect(workerPorts()).toBe(before);
  });

  it('rejects naming the data folder when another server holds it', async () => {
    const path = join(dir, 'held');
    const holder = await startDynamoDbServer({ path });
    try {
      await expect(startDynamoDbServer({ path })).rejects.toThrow(
        `DynamoDB cannot open its data folder ${path}: IO error: lock ${path}/LOCK: already held by process`,
      );
    } finally {
      await holder.close();
    }
  });

  it('leaves nothing listening when the process that started it crashes', async () => {
    const script = fileURLToPath(new URL('./support/crash-after-start.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const url = /listening (\S+)/.exec(output)?.[1];
    expect(code).not.toBe(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(url ?? '')).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});
