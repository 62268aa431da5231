import { request } from 'node:http';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbServer, startDynamoDbServer } from '../../src/dynamodb/dynamodb-server.js';

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

describe('startDynamoDbServer', () => {
  it('serves the official SDK on this machine', async () => {
    const client = new DynamoDBClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
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
