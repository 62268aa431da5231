import {
  type AttributeDefinition,
  type AttributeValue,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type LocalSecondaryIndex,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
  type TableDescription,
  waitUntilTableExists,
  waitUntilTableNotExists,
} from '@aws-sdk/client-dynamodb';
import { childLogger, type EmulatorLogger } from '../../logger.js';
import type { ProvisionedResource, ProvisionRequest, ResourceProvisioner } from '../resource-provisioner.js';

/** Raised when a table's template properties cannot be turned into a table. */
export class TableProvisioningError extends Error {
  override readonly name = 'TableProvisioningError';
}

interface ThroughputProperty {
  ReadCapacityUnits?: unknown;
  WriteCapacityUnits?: unknown;
}

interface IndexProperty {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection?: { ProjectionType?: string; NonKeyAttributes?: string[] };
  ProvisionedThroughput?: ThroughputProperty;
}

function throughput(value: ThroughputProperty | undefined, where: string) {
  if (value === undefined) return undefined;
  const read = Number(value.ReadCapacityUnits);
  const write = Number(value.WriteCapacityUnits);
  if (!Number.isFinite(read) || !Number.isFinite(write)) {
    throw new TableProvisioningError(
      `${where}.ProvisionedThroughput needs numeric ReadCapacityUnits and WriteCapacityUnits`,
    );
  }
  return { ReadCapacityUnits: read, WriteCapacityUnits: write };
}

function list<T>(value: unknown, where: string): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new TableProvisioningError(`${where} must be a list`);
  return value as T[];
}

/**
 * The `CreateTable` input for an `AWS::DynamoDB::Table`'s resolved properties (CloudFormation and the API use
 * the same shapes; numbers may arrive as strings from parameters).
 */
export function createTableInput(
  tableName: string,
  properties: Record<string, unknown>,
): CreateTableCommandInput {
  const where = `Table ${tableName}`;
  const keySchema = list<KeySchemaElement>(properties.KeySchema, `${where}: KeySchema`);
  if (keySchema.length === 0) throw new TableProvisioningError(`${where}: KeySchema is required`);
  const billingMode =
    (properties.BillingMode as 'PROVISIONED' | 'PAY_PER_REQUEST' | undefined) ?? 'PROVISIONED';
  const provisioned = billingMode === 'PROVISIONED';
  const index = (i: IndexProperty): GlobalSecondaryIndex => {
    const tp = provisioned
      ? throughput(i.ProvisionedThroughput, `${where}: index ${i.IndexName}`)
      : undefined;
    return {
      IndexName: i.IndexName,
      KeySchema: i.KeySchema,
      Projection: (i.Projection ?? { ProjectionType: 'ALL' }) as GlobalSecondaryIndex['Projection'],
      ...(tp === undefined ? {} : { ProvisionedThroughput: tp }),
    };
  };
  const gsis = list<IndexProperty>(properties.GlobalSecondaryIndexes, `${where}: GlobalSecondaryIndexes`).map(
    index,
  );
  const lsis = list<IndexProperty>(properties.LocalSecondaryIndexes, `${where}: LocalSecondaryIndexes`).map(
    (i): LocalSecondaryIndex => ({
      IndexName: i.IndexName,
      KeySchema: i.KeySchema,
      Projection: (i.Projection ?? { ProjectionType: 'ALL' }) as LocalSecondaryIndex['Projection'],
    }),
  );
  const tp = provisioned
    ? (throughput(properties.ProvisionedThroughput as ThroughputProperty | undefined, where) ?? {
        // CloudFormation requires ProvisionedThroughput with PROVISIONED; be lenient locally.
        ReadCapacityUnits: 5,
        WriteCapacityUnits: 5,
      })
    : undefined;
  const stream = properties.StreamSpecification as { StreamViewType?: string } | undefined;
  return {
    TableName: tableName,
    KeySchema: keySchema,
    AttributeDefinitions: list<AttributeDefinition>(
      properties.AttributeDefinitions,
      `${where}: AttributeDefinitions`,
    ),
    BillingMode: billingMode,
    ...(tp === undefined ? {} : { ProvisionedThroughput: tp }),
    ...(gsis.length === 0 ? {} : { GlobalSecondaryIndexes: gsis }),
    ...(lsis.length === 0 ? {} : { LocalSecondaryIndexes: lsis }),
    ...(stream?.StreamViewType === undefined
      ? {}
      : {
          StreamSpecification: {
            StreamEnabled: true,
            StreamViewType: stream.StreamViewType as
              | 'NEW_IMAGE'
              | 'OLD_IMAGE'
              | 'NEW_AND_OLD_IMAGES'
              | 'KEYS_ONLY',
          },
        }),
  };
}

/** Index names with their key schemas and projections, to tell whether the indexes changed. */
function indexSignature(
  indexes:
    | Array<{
        IndexName?: string | undefined;
        KeySchema?: KeySchemaElement[] | undefined;
        Projection?: unknown;
      }>
    | undefined,
): string {
  return (indexes ?? [])
    .map((g) => `${g.IndexName}:${JSON.stringify(g.KeySchema ?? [])}:${JSON.stringify(g.Projection ?? {})}`)
    .sort()
    .join(',');
}

async function scanAll(client: DynamoDBClient, tableName: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

function sameKeys(a: KeySchemaElement[] | undefined, b: KeySchemaElement[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

/**
 * Creates the table if it does not exist, or brings an existing one (data kept) in line with the template
 * where DynamoDB can change a table in place: global secondary indexes added or removed. A changed key schema
 * would make CloudFormation replace the table, losing its data; here the table is kept and a warning says so.
 *
 * @returns the table's stream ARN, when it has a stream.
 */
export async function provisionTable(
  client: DynamoDBClient,
  input: CreateTableCommandInput,
  log: EmulatorLogger,
): Promise<{ streamArn?: string }> {
  const name = input.TableName as string;
  let table = await describe(client, name);
  if (table === undefined) {
    await client.send(new CreateTableCommand(input));
    await waitUntilTableExists(
      { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 },
      { TableName: name },
    );
    log.info(`DynamoDB table ${name} created`);
  } else {
    if (!sameKeys(table.KeySchema, input.KeySchema)) {
      log.warn(
        `DynamoDB table ${name}: the template changed its key schema, which AWS applies by replacing the table; the existing table is kept (start with --reset to recreate it)`,
      );
    }
    const wantedIndexes = indexSignature(input.GlobalSecondaryIndexes);
    const currentIndexes = indexSignature(table.GlobalSecondaryIndexes);
    if (wantedIndexes !== currentIndexes) {
      // DynamoDB adds and removes global secondary indexes in place. dynalite's UpdateTable only changes
      // throughput, so the same outcome (new indexes, data kept) is reached by copying the items into a
      // table created afresh. Local tables are small, so holding them in memory for the copy is fine.
      const items = await scanAll(client, name);
      await client.send(new DeleteTableCommand({ TableName: name }));
      await waitUntilTableNotExists(
        { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 },
        { TableName: name },
      );
      await client.send(new CreateTableCommand(input));
      await waitUntilTableExists(
        { client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 },
        { TableName: name },
      );
      for (const item of items) await client.send(new PutItemCommand({ TableName: name, Item: item }));
      log.info(
        `DynamoDB table ${name}: indexes updated (${currentIndexes || 'none'} → ${wantedIndexes || 'none'}), ${items.length} items kept`,
      );
    }
  }
  table = await describe(client, name);
  return table?.LatestStreamArn === undefined ? {} : { streamArn: table.LatestStreamArn };
}

export interface DynamoDbTableProvisionerOptions {
  dynamodb: DynamoDBClient;
  region: string;
  accountId: string;
  log: EmulatorLogger;
}

/**
 * `AWS::DynamoDB::Table` on dynalite. `Ref` is the table name (the template's `TableName`, else the one
 * recorded, else a generated one); `Fn::GetAtt` answers `Arn` and, for a table with a stream, `StreamArn`.
 */
export function dynamoDbTableProvisioner(options: DynamoDbTableProvisionerOptions): ResourceProvisioner {
  const log = childLogger(options.log, 'dynamodb');
  const apply = async (request: ProvisionRequest, recordedName: string | undefined) => {
    const { TableName } = request.properties;
    const tableName =
      typeof TableName === 'string' ? TableName : (recordedName ?? request.generatedName(255));
    const { streamArn } = await provisionTable(
      options.dynamodb,
      createTableInput(tableName, request.properties),
      log,
    );
    return {
      physicalId: tableName,
      attributes: {
        Arn: `arn:aws:dynamodb:${options.region}:${options.accountId}:table/${tableName}`,
        ...(streamArn === undefined ? {} : { StreamArn: streamArn }),
      },
    } satisfies ProvisionedResource;
  };
  return {
    create: (request) => apply(request, undefined),
    update: (request) => apply(request, request.recorded.physicalId),
  };
}
