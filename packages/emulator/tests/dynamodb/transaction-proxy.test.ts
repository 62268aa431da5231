import { connect } from 'node:net';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbServer, startDynamoDbServer } from '../../src/dynamodb/dynamodb-server.js';

let server: DynamoDbServer;
let client: DynamoDBClient;

beforeAll(async () => {
  server = await startDynamoDbServer({ port: 0 });
  client = new DynamoDBClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

const signed = {
  'Content-Type': 'application/x-amz-json-1.0',
  'X-Amz-Date': '20260101T000000Z',
  Authorization:
    'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=0',
};

async function post(target: string, body: string, headers: Record<string, string> = signed) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { ...headers, 'X-Amz-Target': `DynamoDB_20120810.${target}` },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

describe('the transaction layer in front of dynalite', () => {
  it('passes every other operation to dynalite unchanged', async () => {
    await client.send(
      new CreateTableCommand({
        TableName: 'plain',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, v: { S: 'x' } } }));
    const { Item } = await client.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } } }));
    expect(Item).toEqual({ id: { S: 'a' }, v: { S: 'x' } });
    // dynalite's own errors come back as they are.
    const error = await client
      .send(new GetItemCommand({ TableName: 'missing', Key: { id: { S: 'a' } } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it.each(['TransactWriteItems', 'TransactGetItems'])(
    'refuses an unsigned %s as dynalite refuses any unsigned request',
    async (target) => {
      const { status, body } = await post(target, '{}', { 'Content-Type': 'application/x-amz-json-1.0' });
      expect(status).toBe(400);
      expect(body).toEqual({
        __type: 'com.amazon.coral.service#MissingAuthenticationTokenException',
        message: 'Request is missing Authentication Token',
      });
    },
  );

  it.each(['not json', '[1]'])(
    'answers SerializationException to a body that is not a JSON object (%s)',
    async (text) => {
      const { status, body } = await post('TransactWriteItems', text);
      expect(status).toBe(400);
      expect(body).toEqual({ __type: 'com.amazon.coral.service#SerializationException' });
    },
  );

  it('answers in JSON 1.0 with the CRC32 of the body', async () => {
    const { status, body, headers } = await post('TransactGetItems', '{}');
    expect(status).toBe(400);
    expect(body.__type).toBe('com.amazon.coral.validate#ValidationException');
    expect(headers.get('content-type')).toBe('application/x-amz-json-1.0');
    const { crc32 } = await import('node:zlib');
    expect(headers.get('x-amz-crc32')).toBe(String(crc32(JSON.stringify(body))));
  });

  it('keeps serving after a caller goes away in the middle of a request', async () => {
    // dynalite throws (outside any handler) when its request stream fails; the layer in front keeps that
    // failure to itself, so the caller's disconnection cannot end the server.
    const { port } = new URL(server.url);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          [
            'POST / HTTP/1.1',
            `Host: 127.0.0.1:${port}`,
            'X-Amz-Target: DynamoDB_20120810.ListTables',
            ...Object.entries(signed).map(([name, value]) => `${name}: ${value}`),
            'Content-Length: 100',
            '',
            '{"Lim',
          ].join('\r\n'),
          () => socket.destroy(),
        );
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await expect(client.send(new ListTablesCommand({}))).resolves.toHaveProperty('TableNames');
  });

  it('answers 413 with no body, as dynalite does, to a request over 16 MB', async () => {
    const { port } = new URL(server.url);
    const response = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { ...signed, 'X-Amz-Target': 'DynamoDB_20120810.ListTables' },
      body: 'x'.repeat(16 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('');
  });
});
