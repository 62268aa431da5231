import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbServer, startDynamoDbServer } from '../../../src/dynamodb/dynamodb-server.js';
import { createMemoryLogger } from '../../../src/logger.js';
import {
  createTableInput,
  dynamoDbTableProvisioner,
  provisionTable,
} from '../../../src/stack/provisioners/dynamodb-table.js';
import { provisionRequest, updateRequest } from '../support/template-stack.js';

const tableProperties = {
  KeySchema: [
    { AttributeName: 'pk', KeyType: 'HASH' },
    { AttributeName: 'sk', KeyType: 'RANGE' },
  ],
  AttributeDefinitions: [
    { AttributeName: 'pk', AttributeType: 'S' },
    { AttributeName: 'sk', AttributeType: 'S' },
    { AttributeName: 'owner', AttributeType: 'S' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  GlobalSecondaryIndexes: [
    {
      IndexName: 'byOwner',
      KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
      Projection: { ProjectionType: 'ALL' },
    },
  ],
};

let dir: string;
let server: DynamoDbServer;
let client: DynamoDBClient;
const log = createMemoryLogger();

function clientFor(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gatehouse-dynamodb-'));
  server = await startDynamoDbServer({ path: join(dir, 'dynamodb'), port: 0 });
  client = clientFor(server.url);
});

afterAll(async () => {
  client.destroy();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createTableInput', () => {
  it('maps a provisioned table with string capacities from parameters', () => {
    const input = createTableInput('t', {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      ProvisionedThroughput: { ReadCapacityUnits: '2', WriteCapacityUnits: 3 },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
    expect(input).toEqual({
      TableName: 't',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
  });

  it('names the table when KeySchema is missing', () => {
    expect(() => createTableInput('notes', { AttributeDefinitions: [] })).toThrow(
      'Table notes: KeySchema is required',
    );
  });
});

describe('provisionTable on dynalite', () => {
  it('creates the table with its indexes, and the data survives a restart', async () => {
    await provisionTable(client, createTableInput('notes', tableProperties), log);
    const table = (await client.send(new DescribeTableCommand({ TableName: 'notes' }))).Table;
    expect(table?.TableStatus).toBe('ACTIVE');
    expect(table?.BillingModeSummary?.BillingMode ?? 'PAY_PER_REQUEST').toBe('PAY_PER_REQUEST');
    expect(table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['byOwner']);

    await client.send(
      new PutItemCommand({
        TableName: 'notes',
        Item: { pk: { S: 'a' }, sk: { S: '1' }, owner: { S: 'u1' } },
      }),
    );
    const byOwner = await client.send(
      new QueryCommand({
        TableName: 'notes',
        IndexName: 'byOwner',
        KeyConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#o': 'owner' },
        ExpressionAttributeValues: { ':o': { S: 'u1' } },
      }),
    );
    expect(byOwner.Items).toHaveLength(1);

    client.destroy();
    await server.close();
    server = await startDynamoDbServer({ path: join(dir, 'dynamodb'), port: 0 });
    client = clientFor(server.url);

    // Provisioning again is a no-op that keeps the data.
    await provisionTable(client, createTableInput('notes', tableProperties), log);
    const item = await client.send(
      new GetItemCommand({ TableName: 'notes', Key: { pk: { S: 'a' }, sk: { S: '1' } } }),
    );
    expect(item.Item?.owner).toEqual({ S: 'u1' });
  });

  it('adds and removes global secondary indexes in place when the template changes', async () => {
    const changed = {
      ...tableProperties,
      AttributeDefinitions: [
        ...tableProperties.AttributeDefinitions,
        { AttributeName: 'tag', AttributeType: 'S' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byTag',
          KeySchema: [{ AttributeName: 'tag', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    };
    await provisionTable(client, createTableInput('notes', changed), log);
    const table = (await client.send(new DescribeTableCommand({ TableName: 'notes' }))).Table;
    expect(table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['byTag']);
    const item = await client.send(
      new GetItemCommand({ TableName: 'notes', Key: { pk: { S: 'a' }, sk: { S: '1' } } }),
    );
    expect(item.Item).toBeDefined();
  });

  it('keeps a table whose key schema changed and says AWS would replace it', async () => {
    log.entries.length = 0;
    await provisionTable(
      client,
      createTableInput('notes', {
        ...tableProperties,
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      }),
      log,
    );
    expect(log.entries.some((e) => e.level === 'warn' && e.msg.includes('key schema'))).toBe(true);
  });
});

describe('dynamoDbTableProvisioner on dynalite', () => {
  const provisioner = () =>
    dynamoDbTableProvisioner({ dynamodb: client, region: 'eu-west-1', accountId: '000000000000', log });

  it("creates the template's table and answers its ARN", async () => {
    const created = await provisioner().create(
      provisionRequest('AWS::DynamoDB::Table', { ...tableProperties, TableName: 'named' }),
    );
    expect(created).toEqual({
      physicalId: 'named',
      attributes: { Arn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/named' },
    });
    expect((await client.send(new DescribeTableCommand({ TableName: 'named' }))).Table?.TableStatus).toBe(
      'ACTIVE',
    );
  });

  it('keeps the recorded table name when the template names none', async () => {
    const request = provisionRequest('AWS::DynamoDB::Table', tableProperties, { logicalId: 'Notes' });
    const created = await provisioner().create(request);
    expect(created.physicalId).toBe('App-Notes-GENERATED');
    const updated = await provisioner().update(updateRequest(request, created));
    expect(updated).toEqual(created);
  });
});
