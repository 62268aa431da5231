import { validationError } from './dynamodb-error.js';

/** DynamoDB's limit of actions in one TransactWriteItems or TransactGetItems request. */
export const MAX_TRANSACT_ITEMS = 100;

/**
 * The `TransactItems` list of a transaction request, checked as DynamoDB checks it before doing
 * anything: present, 1 to 100 entries, each an object. DynamoDB words these as its generated
 * constraint messages; it also prints the offending value, which is left out here (a Java
 * rendering of the list that no client relies on).
 */
export function transactItemsOf(request: Record<string, unknown>): Record<string, unknown>[] {
  const items = request.TransactItems;
  if (items === undefined || items === null) {
    throw validationError(
      "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
    );
  }
  if (!Array.isArray(items)) {
    throw validationError('Start of list found where not expected');
  }
  if (items.length < 1 || items.length > MAX_TRANSACT_ITEMS) {
    const bound =
      items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TRANSACT_ITEMS}`;
    throw validationError(
      `1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`,
    );
  }
  return items.map((item, index) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw validationError(
        `1 validation error detected: Value null at 'transactItems.${index + 1}.member' failed to satisfy constraint: Member must not be null`,
      );
    }
    return item as Record<string, unknown>;
  });
}

/** A `1 validation error detected: Value null at '<path>' ...` error for a missing member. */
export function missingMember(path: string): Error {
  return validationError(
    `1 validation error detected: Value null at '${path}' failed to satisfy constraint: Member must not be null`,
  );
}

/** The members of `object` that are set, so that absent fields are not sent as `undefined`. */
export function definedMembers(
  object: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (object[name] !== undefined && object[name] !== null) out[name] = object[name];
  return out;
}
