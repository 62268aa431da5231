import { BadRequestError } from '../errors/api-error.js';

/** The primary key of a note item, as DynamoDB's `LastEvaluatedKey` gives it. */
export interface NoteKey {
  readonly pk: string;
  readonly sk: string;
}

const NOTE_SK = /^NOTE#[0-9A-HJKMNP-TV-Z]{26}$/;

/** Encodes the key to continue after as an opaque, URL-safe cursor. */
export function encodeNoteCursor(key: NoteKey): string {
  return Buffer.from(JSON.stringify({ pk: key.pk, sk: key.sk }), 'utf8').toString('base64url');
}

/**
 * Reads a cursor back, refusing anything this API did not issue for this caller: the key must be a
 * note key in `ownerPk`'s partition, so a forged cursor can never start a query elsewhere.
 * @throws BadRequestError naming `query.cursor`.
 */
export function decodeNoteCursor(cursor: string, ownerPk: string): NoteKey {
  const invalid = (cause?: unknown) =>
    new BadRequestError('The cursor is not one this API issued for you', {
      cause,
      details: [{ path: 'query.cursor', reason: 'is not a cursor from a previous page of your notes' }],
    });
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw invalid(cause);
  }
  if (
    typeof key !== 'object' ||
    key === null ||
    Object.keys(key).length !== 2 ||
    !('pk' in key && 'sk' in key) ||
    key.pk !== ownerPk ||
    typeof key.sk !== 'string' ||
    !NOTE_SK.test(key.sk)
  ) {
    throw invalid();
  }
  return { pk: ownerPk, sk: key.sk };
}
