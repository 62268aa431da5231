import type { DynaliteClient } from './dynalite-client.js';
import { definedMembers, missingMember, transactItemsOf } from './transact-items.js';

/**
 * TransactGetItems on top of dynalite: up to 100 strongly consistent reads as of one moment. The
 * caller holds the local DynamoDB's lock exclusively, so no write lands between two of the reads.
 *
 * @returns `{ Responses }`, one entry per Get in order: `{ Item }`, or `{}` for a missing item
 * (consumed capacity is not reported).
 * @throws DynamoDbError as DynamoDB answers it (a missing table, a bad key or projection).
 */
export async function transactGetItems(
  request: Record<string, unknown>,
  dynalite: DynaliteClient,
): Promise<Record<string, unknown>> {
  const gets = transactItemsOf(request).map((item, index) => {
    const get = item.Get;
    if (get === null || typeof get !== 'object' || Array.isArray(get)) {
      throw missingMember(`transactItems.${index + 1}.member.get`);
    }
    return get as Record<string, unknown>;
  });
  const responses: Record<string, unknown>[] = [];
  for (const get of gets) {
    const { Item } = await dynalite.call('GetItem', {
      ...definedMembers(get, ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames']),
      ConsistentRead: true,
    });
    responses.push(Item === undefined ? {} : { Item });
  }
  return { Responses: responses };
}
