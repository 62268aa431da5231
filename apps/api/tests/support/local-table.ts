import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TableKeys } from '@org/contracts';
import { startDynamoDbServer } from '@org/emulator';

/**
 * The local stack's DynamoDB (dynalite behind the emulator's layer that adds TransactWriteItems) on
 * 127.0.0.1, holding one table shaped as the CDK stack defines it.
 */
export interface LocalTable {
  readonly endpoint: string;
  readonly tableName: string;
  readonly client: DynamoDBDocumentClient;
  close(): Promise<void>;
}

let tables = 0;

/** Starts the emulator's DynamoDB on a free port and creates the notes table with the contract's keys. */
export async function startLocalTable(): Promise<LocalTable> {
  const server = await startDynamoDbServer();
  const raw = new DynamoDBClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `gatehouse-test-${++tables}`;
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: TableKeys.partition, AttributeType: 'S' },
        { AttributeName: TableKeys.sort, AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: TableKeys.partition, KeyType: 'HASH' },
        { AttributeName: TableKeys.sort, KeyType: 'RANGE' },
      ],
    }),
  );
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint: server.url,
    tableName,
    client,
    close: async () => {
      raw.destroy();
      await server.close();
    },
  };
}
