import {
  CreateTableCommand,
  DynamoDBClient,
  PutItemCommand,
  TransactGetItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbServer, startDynamoDbServer } from '../../src/dynamodb/dynamodb-server.js';

const TABLE = 'reads';
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
  await client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  for (const id of ['a', 'b']) {
    await client.send(
      new PutItemCommand({ TableName: TABLE, Item: { id: { S: id }, n: { N: '1' }, secret: { S: 'x' } } }),
    );
  }
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

describe('TransactGetItems on the local DynamoDB', () => {
  it('answers one response per Get in order, empty for a missing item, with the projection applied', async () => {
    const { Responses } = await client.send(
      new TransactGetItemsCommand({
        TransactItems: [
          { Get: { TableName: TABLE, Key: { id: { S: 'b' } } } },
          { Get: { TableName: TABLE, Key: { id: { S: 'missing' } } } },
          {
            Get: {
              TableName: TABLE,
              Key: { id: { S: 'a' } },
              ProjectionExpression: '#id, n',
              ExpressionAttributeNames: { '#id': 'id' },
            },
          },
        ],
      }),
    );
    expect(Responses).toEqual([
      { Item: { id: { S: 'b' }, n: { N: '1' }, secret: { S: 'x' } } },
      {},
      { Item: { id: { S: 'a' }, n: { N: '1' } } },
    ]);
  });

  it.each([
    [
      'no Get',
      [{}],
      "Value null at 'transactItems.1.member.get' failed to satisfy constraint: Member must not be null",
    ],
    [
      'more than 100 Gets',
      Array.from({ length: 101 }, () => ({ Get: { TableName: TABLE, Key: { id: { S: 'a' } } } })),
      'Member must have length less than or equal to 100',
    ],
  ])('refuses %s with a ValidationException', async (_, items, message) => {
    const error = await client
      .send(new TransactGetItemsCommand({ TransactItems: items as never }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect((error as Error).message).toContain(message);
  });

  it('answers ResourceNotFoundException for a missing table', async () => {
    const error = await client
      .send(
        new TransactGetItemsCommand({
          TransactItems: [{ Get: { TableName: 'nope', Key: { id: { S: 'a' } } } }],
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
