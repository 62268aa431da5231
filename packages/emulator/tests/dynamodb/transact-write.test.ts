import {
  type AttributeValue,
  BatchGetItemCommand,
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbServer, startDynamoDbServer } from '../../src/dynamodb/dynamodb-server.js';

type TransactItem = NonNullable<TransactWriteItemsCommandInput['TransactItems']>[number];

const TABLE = 'transactions';
const OTHER_TABLE = 'transactions-other';
let server: DynamoDbServer;
let client: DynamoDBClient;
let clockMs = Date.parse('2026-01-01T00:00:00Z');
let keys = 0;

beforeAll(async () => {
  server = await startDynamoDbServer({ port: 0, idempotencyTokens: { now: () => clockMs } });
  client = new DynamoDBClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  for (const name of [TABLE, OTHER_TABLE]) {
    await client.send(
      new CreateTableCommand({
        TableName: name,
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
  }
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

/** A key no other test uses. */
function freshKey(): Record<string, AttributeValue> {
  keys += 1;
  return { pk: { S: `item-${keys}` }, sk: { S: 'A' } };
}

async function put(key: Record<string, AttributeValue>, n: number): Promise<void> {
  await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...key, n: { N: String(n) } } }));
}

async function read(key: Record<string, AttributeValue>, table = TABLE) {
  return (await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }))).Item;
}

async function transact(items: TransactItem[], token?: string) {
  return client.send(
    new TransactWriteItemsCommand({
      TransactItems: items,
      ...(token === undefined ? {} : { ClientRequestToken: token }),
    }),
  );
}

async function cancellation(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ name: 'TransactionCanceledException' });
  return error as TransactionCanceledException;
}

const nIs = (key: Record<string, AttributeValue>, n: number) => ({
  TableName: TABLE,
  Key: key,
  ConditionExpression: 'n = :n',
  ExpressionAttributeValues: { ':n': { N: String(n) } },
});

describe('TransactWriteItems on the local DynamoDB', () => {
  it('applies a Put, an Update, a Delete and a ConditionCheck together when every condition holds', async () => {
    const [created, updated, deleted, checked] = [freshKey(), freshKey(), freshKey(), freshKey()];
    await put(updated, 1);
    await put(deleted, 1);
    await put(checked, 7);
    await transact([
      {
        Put: {
          TableName: TABLE,
          Item: { ...created, n: { N: '1' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          ...nIs(updated, 1),
          UpdateExpression: 'SET n = n + :one',
          ExpressionAttributeValues: { ':n': { N: '1' }, ':one': { N: '1' } },
        },
      },
      { Delete: nIs(deleted, 1) },
      { ConditionCheck: nIs(checked, 7) },
    ]);
    expect(await read(created)).toEqual({ ...created, n: { N: '1' } });
    expect(await read(updated)).toEqual({ ...updated, n: { N: '2' } });
    expect(await read(deleted)).toBeUndefined();
    expect(await read(checked)).toEqual({ ...checked, n: { N: '7' } });
  });

  it.each([
    ['first', 0, 'ConditionalCheckFailed, None, None, None'],
    ['last', 3, 'None, None, None, ConditionalCheckFailed'],
  ])(
    'cancels everything when the %s condition fails, with one reason per action',
    async (_, failing, codes) => {
      const [created, updated, deleted, checked] = [freshKey(), freshKey(), freshKey(), freshKey()];
      // The Put's condition fails when its item already exists; the ConditionCheck's when n is not 8.
      if (failing === 0) await put(created, 5);
      await put(updated, 1);
      await put(deleted, 1);
      await put(checked, failing === 3 ? 7 : 8);
      const error = await cancellation(
        transact([
          {
            Put: {
              TableName: TABLE,
              Item: { ...created, n: { N: '1' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              ...nIs(updated, 1),
              UpdateExpression: 'SET n = n + :one',
              ExpressionAttributeValues: { ':n': { N: '1' }, ':one': { N: '1' } },
            },
          },
          { Delete: nIs(deleted, 1) },
          { ConditionCheck: nIs(checked, 8) },
        ]),
      );
      expect(error.message).toBe(
        `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
      );
      expect(error.CancellationReasons?.map((r) => r.Code)).toEqual(codes.split(', '));
      expect(error.CancellationReasons?.[failing]).toEqual({
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
      });
      // Nothing changed: the actions applied before the failure were undone.
      expect(await read(created)).toEqual(failing === 0 ? { ...created, n: { N: '5' } } : undefined);
      expect(await read(updated)).toEqual({ ...updated, n: { N: '1' } });
      expect(await read(deleted)).toEqual({ ...deleted, n: { N: '1' } });
    },
  );

  it('reports every failed condition, not only the first', async () => {
    const [a, b, c] = [freshKey(), freshKey(), freshKey()];
    await put(a, 1);
    await put(b, 1);
    await put(c, 1);
    const error = await cancellation(
      transact([{ ConditionCheck: nIs(a, 2) }, { Delete: nIs(b, 1) }, { ConditionCheck: nIs(c, 2) }]),
    );
    expect(error.CancellationReasons?.map((r) => r.Code)).toEqual([
      'ConditionalCheckFailed',
      'None',
      'ConditionalCheckFailed',
    ]);
    expect(await read(b)).toEqual({ ...b, n: { N: '1' } });
  });

  it.each([
    ['ALL_OLD', true],
    ['NONE', false],
  ] as const)(
    'returns the item in the reason when ReturnValuesOnConditionCheckFailure is %s',
    async (returnValues, withItem) => {
      const key = freshKey();
      await put(key, 3);
      const error = await cancellation(
        transact([
          {
            Update: {
              ...nIs(key, 4),
              UpdateExpression: 'SET n = :n',
              ReturnValuesOnConditionCheckFailure: returnValues,
            },
          },
        ]),
      );
      expect(error.CancellationReasons?.[0]).toEqual({
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
        ...(withItem ? { Item: { ...key, n: { N: '3' } } } : {}),
      });
    },
  );

  it('leaves no item behind when a ConditionCheck on a missing item passes', async () => {
    const [missing, created] = [freshKey(), freshKey()];
    await transact([
      { ConditionCheck: { TableName: TABLE, Key: missing, ConditionExpression: 'attribute_not_exists(pk)' } },
      { Put: { TableName: TABLE, Item: { ...created, n: { N: '1' } } } },
    ]);
    expect(await read(missing)).toBeUndefined();
    expect(await read(created)).toEqual({ ...created, n: { N: '1' } });
  });

  it('undoes the applied actions and cancels with a ValidationError reason when an action does not fit its item', async () => {
    const [created, text] = [freshKey(), freshKey()];
    await client.send(new PutItemCommand({ TableName: TABLE, Item: { ...text, n: { S: 'not a number' } } }));
    const error = await cancellation(
      transact([
        { Put: { TableName: TABLE, Item: { ...created, n: { N: '1' } } } },
        {
          Update: {
            TableName: TABLE,
            Key: text,
            UpdateExpression: 'SET n = n + :one',
            ExpressionAttributeValues: { ':one': { N: '1' } },
          },
        },
      ]),
    );
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ValidationError', Message: 'An operand in the update expression has an incorrect data type' },
    ]);
    // The Put was applied before the Update failed, and was undone.
    expect(await read(created)).toBeUndefined();
    expect(await read(text)).toEqual({ ...text, n: { S: 'not a number' } });
  });

  it('answers the error itself when the request is invalid, writing nothing', async () => {
    const [created, other] = [freshKey(), freshKey()];
    const error = await transact([
      { Put: { TableName: TABLE, Item: { ...created, n: { N: '1' } } } },
      { Put: { TableName: 'no-such-table', Item: { ...other, n: { N: '1' } } } },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await read(created)).toBeUndefined();
    const badExpression = await transact([
      { Put: { TableName: TABLE, Item: { ...created, n: { N: '1' } } } },
      { Update: { TableName: TABLE, Key: other, UpdateExpression: 'SET = nonsense' } },
    ]).catch((e: unknown) => e);
    expect(badExpression).toMatchObject({ name: 'ValidationException' });
    expect(await read(created)).toBeUndefined();
  });

  it('writes to several tables in one transaction', async () => {
    const key = freshKey();
    await transact([
      { Put: { TableName: TABLE, Item: { ...key, n: { N: '1' } } } },
      { Put: { TableName: OTHER_TABLE, Item: { ...key, n: { N: '2' } } } },
    ]);
    expect((await read(key, OTHER_TABLE))?.n).toEqual({ N: '2' });
    expect((await read(key))?.n).toEqual({ N: '1' });
  });

  it.each([
    [
      'two actions on one item',
      () => {
        const key = freshKey();
        return [
          { ConditionCheck: nIs(key, 1) },
          { Put: { TableName: TABLE, Item: { ...key, n: { N: '1' } } } },
        ];
      },
      'Transaction request cannot include multiple operations on one item',
    ],
    [
      'more than 100 actions',
      () =>
        Array.from({ length: 101 }, () => ({
          Put: { TableName: TABLE, Item: { ...freshKey(), n: { N: '1' } } },
        })),
      "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100",
    ],
    ['no actions', () => [], 'Member must have length greater than or equal to 1'],
    [
      'an action with two kinds',
      () => {
        const key = freshKey();
        return [{ ConditionCheck: nIs(key, 1), Delete: { TableName: TABLE, Key: key } }];
      },
      'TransactItems can only contain one of Check, Put, Update or Delete',
    ],
    [
      'a ConditionCheck without a condition',
      () => [{ ConditionCheck: { TableName: TABLE, Key: freshKey() } }],
      "Value null at 'transactItems.1.member.conditionCheck.conditionExpression' failed to satisfy constraint: Member must not be null",
    ],
  ] as [string, () => TransactItem[], string][])(
    'refuses %s with a ValidationException',
    async (_, items, message) => {
      const list = items();
      const error = await transact(list).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationException' });
      expect((error as Error).message).toContain(message);
      for (const item of list) {
        const key = item.Put?.Item;
        if (key)
          expect(await read({ pk: key.pk as AttributeValue, sk: key.sk as AttributeValue })).toBeUndefined();
      }
    },
  );

  it('allows exactly 100 actions', async () => {
    const itemKeys = Array.from({ length: 100 }, () => freshKey());
    await transact(itemKeys.map((key) => ({ Put: { TableName: TABLE, Item: { ...key, n: { N: '1' } } } })));
    expect(await read(itemKeys[0] ?? {})).toBeDefined();
    expect(await read(itemKeys[99] ?? {})).toBeDefined();
  });
});

describe('TransactWriteItems idempotency (ClientRequestToken)', () => {
  const addOne = (key: Record<string, AttributeValue>): TransactItem[] => [
    {
      Update: {
        TableName: TABLE,
        Key: key,
        UpdateExpression: 'ADD n :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      },
    },
  ];

  it('answers the same request with the same token again without applying it twice', async () => {
    const key = freshKey();
    const token = `token-${keys}`;
    await transact(addOne(key), token);
    await transact(addOne(key), token);
    expect((await read(key))?.n).toEqual({ N: '1' });
    await transact(addOne(key));
    expect((await read(key))?.n).toEqual({ N: '2' });
  });

  it('refuses a token longer than 36 characters without quoting it', async () => {
    const key = freshKey();
    const token = `too-long-${'x'.repeat(40)}`;
    const error = await transact(addOne(key), token).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ValidationException' });
    expect((error as Error).message).toBe(
      "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length less than or equal to 36",
    );
    expect(await read(key)).toBeUndefined();
  });

  it('refuses the same token with a different request', async () => {
    const [key, other] = [freshKey(), freshKey()];
    const token = `token-${keys}`;
    await transact(addOne(key), token);
    const error = await transact(addOne(other), token).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'IdempotentParameterMismatchException' });
    expect(await read(other)).toBeUndefined();
  });

  it('treats the token as new once its 10 minutes have passed', async () => {
    const key = freshKey();
    const token = `token-${keys}`;
    await transact(addOne(key), token);
    clockMs += 10 * 60 * 1000 + 1;
    await transact(addOne(key), token);
    expect((await read(key))?.n).toEqual({ N: '2' });
  });

  it('does not remember a cancelled transaction: the same token tries again', async () => {
    const key = freshKey();
    const token = `token-${keys}`;
    const items: TransactItem[] = [{ ConditionCheck: nIs(key, 1) }, ...addOne(freshKey())];
    await cancellation(transact(items, token));
    await put(key, 1);
    await transact(items, token);
  });
});

describe('TransactWriteItems isolation', () => {
  it('never lets a concurrent read see half of a transaction', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await put(a, 0);
    await put(b, 0);
    const writes = Array.from({ length: 20 }, (_, i) =>
      transact([
        { Put: { TableName: TABLE, Item: { ...a, n: { N: String(i + 1) } } } },
        { Put: { TableName: TABLE, Item: { ...b, n: { N: String(i + 1) } } } },
      ]),
    );
    const reads = Array.from({ length: 40 }, () =>
      client.send(
        new BatchGetItemCommand({ RequestItems: { [TABLE]: { Keys: [a, b], ConsistentRead: true } } }),
      ),
    );
    const [, answers] = await Promise.all([Promise.all(writes), Promise.all(reads)]);
    for (const answer of answers) {
      const values = (answer.Responses?.[TABLE] ?? []).map((item) => item.n?.N);
      expect(values).toHaveLength(2);
      expect(values[0]).toBe(values[1]);
    }
  });

  it('serializes concurrent transactions on the same item: exactly one conditional claim wins', async () => {
    const key = freshKey();
    const claims = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        transact([
          {
            Put: {
              TableName: TABLE,
              Item: { ...key, n: { N: String(i) } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]),
      ),
    );
    expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    expect(
      claims.filter((c) => c.status === 'rejected').map((c) => (c as PromiseRejectedResult).reason.name),
    ).toEqual(Array(9).fill('TransactionCanceledException'));
  });
});
