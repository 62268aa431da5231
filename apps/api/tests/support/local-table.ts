import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

/** Starts the local DynamoDB on a free port and creates the notes table (pk/sk strings, on-demand). */
export async function startLocalTable(): Promise<LocalTable> {
  const server = await startDynamoDbServer({ port: 0 });
  const endpoint = server.url;
  const raw = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `gatehouse-test-${++tables}`;
  await raw.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
  return {
    endpoint,
    tableName,
    client,
    close: async () => {
      raw.destroy();
      await server.close();
    },
  };
}
