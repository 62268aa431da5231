import type { DynaliteClient, Item } from './dynalite-client.js';
import { DynamoDbError, internalServerError, validationError } from './dynamodb-error.js';
import { IdempotencyTokens } from './idempotency-tokens.js';
import { definedMembers, missingMember, transactItemsOf } from './transact-items.js';

/** What a TransactWriteItems call needs: dynalite to apply it to, and the tokens already used. */
export interface TransactWriteDependencies {
  dynalite: DynaliteClient;
  tokens: IdempotencyTokens;
  log: (message: string) => void;
}

const ACTIONS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const;
type ActionKind = (typeof ACTIONS)[number];

interface Action {
  index: number;
  kind: ActionKind;
  table: string;
  /** The item's primary key; undefined when the request does not give one (dynalite then says why). */
  key: Item | undefined;
  input: Record<string, unknown>;
  returnOldOnFailure: boolean;
}

/** An action already applied, with what its item was before, so that it can be undone. */
interface Applied {
  table: string;
  key: Item;
  before: Item | undefined;
}

/**
 * A ConditionCheck is evaluated by dynalite as an UpdateItem that removes an attribute no item has:
 * dynalite evaluates the condition exactly as for any write, and the update changes nothing on an
 * existing item. On a missing item whose condition holds (`attribute_not_exists(pk)`), the update
 * creates a key-only item, which is deleted again at once.
 */
const PROBE_NAME = '#gatehouseTransactionProbe';
const PROBE_ATTRIBUTE = '__gatehouse_transaction_probe';

const CONDITION_FAILED_MESSAGE = 'The conditional request failed';

/**
 * dynalite's ValidationExceptions that depend on the stored item rather than on the request (an
 * operand of the wrong type, an item grown too large). DynamoDB reports these as the action's
 * `ValidationError` cancellation reason, with the same message; anything else wrong with the request
 * (a bad expression, a missing table) is an error of the whole request.
 */
const ITEM_LEVEL_VALIDATION = [
  'An operand in the update expression has an incorrect data type',
  'Type mismatch for attribute to update',
  'The document path provided in the update expression is invalid for update',
  'The provided expression refers to an attribute that does not exist in the item',
  'Item size to update has exceeded the maximum allowed size',
  'Item size has exceeded the maximum allowed size',
  'The update expression attempted to update the secondary index key to unsupported type',
];

/** The cancellation reason for an action that dynalite refused, or undefined if the whole request fails. */
function reasonFor(
  error: unknown,
  action: Action,
  before: Item | undefined,
): Record<string, unknown> | undefined {
  if (!(error instanceof DynamoDbError)) return undefined;
  if (error.type === 'ConditionalCheckFailedException') {
    return {
      Code: 'ConditionalCheckFailed',
      ...(action.returnOldOnFailure && before !== undefined ? { Item: before } : {}),
      Message: CONDITION_FAILED_MESSAGE,
    };
  }
  if (
    error.type === 'ValidationException' &&
    ITEM_LEVEL_VALIDATION.some((m) => error.message.startsWith(m))
  ) {
    return { Code: 'ValidationError', Message: error.message };
  }
  return undefined;
}

/**
 * TransactWriteItems on top of dynalite, all or nothing. The caller holds the local DynamoDB's lock
 * exclusively, so no other operation sees or changes the items until this returns.
 *
 * Each action is applied in order as the single-item write it corresponds to, with its condition,
 * after reading the item it targets. Because no two actions may target the same item, every
 * condition is evaluated against the item as it was before the transaction, so applying them in turn
 * gives each action the verdict DynamoDB would give it. If any condition fails (or an action is
 * invalid for the item it meets, see ITEM_LEVEL_VALIDATION), every applied action is undone (the
 * items read before are put back, or deleted if there were none) and the transaction is cancelled
 * with one reason per action. Any other failure (a bad expression, a missing table) undoes the
 * applied actions and is answered as the error itself, as DynamoDB answers input errors for the
 * whole request.
 *
 * @returns the response body: `{}` (consumed capacity and item collection metrics are not reported).
 * @throws DynamoDbError as DynamoDB answers it.
 */
export async function transactWriteItems(
  request: Record<string, unknown>,
  deps: TransactWriteDependencies,
): Promise<Record<string, unknown>> {
  const items = transactItemsOf(request);
  const token = clientRequestToken(request);
  const fingerprint = token === undefined ? '' : IdempotencyTokens.fingerprint(request);
  if (token !== undefined) {
    const known = deps.tokens.lookup(token, fingerprint);
    // A token is remembered only once its transaction succeeded: a cancelled one changed nothing,
    // so sending it again simply tries again, which is what a retrying client wants.
    if (known.kind === 'replay') return known.answer;
    if (known.kind === 'mismatch') {
      // AWS documents the exception but not its message; this is its documented description.
      throw new DynamoDbError(
        'IdempotentParameterMismatchException',
        'DynamoDB rejected the request because you retried a request with a different payload but with an idempotent token that was already used.',
      );
    }
  }
  const actions = await planActions(items, deps.dynalite);
  const applied: Applied[] = [];
  const failures = new Map<number, Record<string, unknown>>();
  try {
    for (const action of actions) {
      const before =
        action.key === undefined ? undefined : await readItem(deps.dynalite, action.table, action.key);
      try {
        await apply(deps.dynalite, action, before);
      } catch (error) {
        const reason = reasonFor(error, action, before);
        if (reason === undefined) throw error;
        failures.set(action.index, reason);
        continue;
      }
      if (action.kind !== 'ConditionCheck' && action.key !== undefined) {
        applied.push({ table: action.table, key: action.key, before });
      }
    }
  } catch (error) {
    await undo(deps, applied);
    throw error;
  }
  if (failures.size > 0) {
    await undo(deps, applied);
    const reasons = actions.map((action) => failures.get(action.index) ?? { Code: 'None' });
    throw new DynamoDbError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
      undefined,
      { CancellationReasons: reasons },
    );
  }
  const answer = {};
  if (token !== undefined) deps.tokens.remember(token, fingerprint, answer);
  return answer;
}

function clientRequestToken(request: Record<string, unknown>): string | undefined {
  const token = request.ClientRequestToken;
  if (token === undefined || token === null) return undefined;
  if (typeof token !== 'string' || token.length < 1 || token.length > 36) {
    // DynamoDB quotes the value here; a token is left out of error bodies.
    const bound =
      typeof token === 'string' && token.length > 36
        ? 'less than or equal to 36'
        : 'greater than or equal to 1';
    throw validationError(
      `1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  return token;
}

/** Checks each action's shape, finds the key it targets, and refuses two actions on one item. */
async function planActions(items: Record<string, unknown>[], dynalite: DynaliteClient): Promise<Action[]> {
  const keySchemas = new Map<string, string[]>();
  const targets = new Set<string>();
  const actions: Action[] = [];
  for (const [index, item] of items.entries()) {
    const kinds = ACTIONS.filter((kind) => item[kind] !== undefined && item[kind] !== null);
    const kind = kinds[0];
    if (kinds.length !== 1 || kind === undefined) {
      throw validationError('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const input = item[kind];
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      throw missingMember(`transactItems.${index + 1}.member.${lowerFirst(kind)}`);
    }
    const body = input as Record<string, unknown>;
    const path = `transactItems.${index + 1}.member.${lowerFirst(kind)}`;
    if (typeof body.TableName !== 'string') throw missingMember(`${path}.tableName`);
    if (kind === 'ConditionCheck' && typeof body.ConditionExpression !== 'string') {
      throw missingMember(`${path}.conditionExpression`);
    }
    if (kind === 'Update' && typeof body.UpdateExpression !== 'string') {
      throw missingMember(`${path}.updateExpression`);
    }
    const source = kind === 'Put' ? body.Item : body.Key;
    if (source === null || typeof source !== 'object')
      throw missingMember(`${path}.${kind === 'Put' ? 'item' : 'key'}`);
    let keyNames = keySchemas.get(body.TableName);
    if (keyNames === undefined) {
      keyNames = await keyAttributeNames(dynalite, body.TableName);
      keySchemas.set(body.TableName, keyNames);
    }
    const key = pickKey(source as Item, keyNames);
    if (key !== undefined) {
      const target = JSON.stringify([body.TableName, ...keyNames.map((name) => key[name])]);
      if (targets.has(target)) {
        throw validationError('Transaction request cannot include multiple operations on one item');
      }
      targets.add(target);
    }
    actions.push({
      index,
      kind,
      table: body.TableName,
      key,
      input: body,
      returnOldOnFailure: body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD',
    });
  }
  return actions;
}

async function keyAttributeNames(dynalite: DynaliteClient, table: string): Promise<string[]> {
  const { Table } = (await dynalite.call('DescribeTable', { TableName: table })) as {
    Table?: { KeySchema?: { AttributeName: string; KeyType: string }[] };
  };
  const schema = Table?.KeySchema ?? [];
  // HASH first, then RANGE, whatever order DescribeTable lists them in.
  return [...schema]
    .sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0))
    .map((k) => k.AttributeName);
}

/** The key attributes of an item or key; undefined if one is missing (dynalite reports that). */
function pickKey(source: Item, keyNames: string[]): Item | undefined {
  const key: Item = {};
  for (const name of keyNames) {
    const value = source[name];
    if (value === undefined || value === null || typeof value !== 'object') return undefined;
    key[name] = value;
  }
  return key;
}

async function readItem(dynalite: DynaliteClient, table: string, key: Item): Promise<Item | undefined> {
  const { Item: item } = await dynalite.call('GetItem', { TableName: table, Key: key, ConsistentRead: true });
  return item === undefined ? undefined : (item as Item);
}

const EXPRESSION_MEMBERS = [
  'ConditionExpression',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
] as const;

/** Applies one action as a single-item write; rejects with ConditionalCheckFailedException if its condition fails. */
async function apply(dynalite: DynaliteClient, action: Action, before: Item | undefined): Promise<void> {
  const { input } = action;
  switch (action.kind) {
    case 'Put':
      await dynalite.call('PutItem', definedMembers(input, ['TableName', 'Item', ...EXPRESSION_MEMBERS]));
      return;
    case 'Update':
      await dynalite.call(
        'UpdateItem',
        definedMembers(input, ['TableName', 'Key', 'UpdateExpression', ...EXPRESSION_MEMBERS]),
      );
      return;
    case 'Delete':
      await dynalite.call('DeleteItem', definedMembers(input, ['TableName', 'Key', ...EXPRESSION_MEMBERS]));
      return;
    case 'ConditionCheck': {
      const names = (input.ExpressionAttributeNames ?? {}) as Record<string, string>;
      await dynalite.call('UpdateItem', {
        ...definedMembers(input, ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeValues']),
        UpdateExpression: `REMOVE ${PROBE_NAME}`,
        ExpressionAttributeNames: { ...names, [PROBE_NAME]: PROBE_ATTRIBUTE },
      });
      // The probe created the item (it was missing) or removed an attribute of that name: put it back.
      if (action.key !== undefined && (before === undefined || PROBE_ATTRIBUTE in before)) {
        await restore(dynalite, { table: action.table, key: action.key, before });
      }
      return;
    }
  }
}

async function restore(dynalite: DynaliteClient, { table, key, before }: Applied): Promise<void> {
  if (before === undefined) await dynalite.call('DeleteItem', { TableName: table, Key: key });
  else await dynalite.call('PutItem', { TableName: table, Item: before });
}

/** Puts back what the applied actions changed, last first. */
async function undo(deps: TransactWriteDependencies, applied: Applied[]): Promise<void> {
  try {
    for (const change of [...applied].reverse()) await restore(deps.dynalite, change);
  } catch (error) {
    deps.log(
      `TransactWriteItems could not undo its partial writes: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw internalServerError();
  }
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
