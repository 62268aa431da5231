import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../src/errors/api-error.js';
import { decodeNoteCursor, encodeNoteCursor } from '../../src/notes/note-cursor.js';

const OWNER = 'USER#alice';
const SK = 'NOTE#01J0ABCDEFGHJKMNPQRSTVWXYZ';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('note cursors', () => {
  it('round-trips a key of the owner’s partition', () => {
    const cursor = encodeNoteCursor({ pk: OWNER, sk: SK });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeNoteCursor(cursor, OWNER)).toEqual({ pk: OWNER, sk: SK });
  });

  it.each([
    ['another user’s partition', b64({ pk: 'USER#bob', sk: SK })],
    ['the statistics item', b64({ pk: 'STATS', sk: 'TOTALS' })],
    ['an idempotency item', b64({ pk: OWNER, sk: 'IDEMPOTENCY#key-12345678' })],
    ['the counter item', b64({ pk: OWNER, sk: 'COUNTER' })],
    ['a sort key with a wrong id', b64({ pk: OWNER, sk: 'NOTE#xyz' })],
    ['extra attributes', b64({ pk: OWNER, sk: SK, gsi: 'x' })],
    ['a number as sort key', b64({ pk: OWNER, sk: 7 })],
    ['a JSON string', b64('NOTE#01J0ABCDEFGHJKMNPQRSTVWXYZ')],
    ['null', b64(null)],
    ['not JSON', Buffer.from('not json').toString('base64url')],
    ['not base64', '%%%'],
  ])('refuses a cursor for %s', (_what, cursor) => {
    expect(() => decodeNoteCursor(cursor, OWNER)).toThrow(BadRequestError);
  });

  it('names query.cursor', () => {
    try {
      decodeNoteCursor(b64({ pk: 'USER#bob', sk: SK }), OWNER);
      expect.unreachable();
    } catch (error) {
      expect((error as BadRequestError).details).toEqual([
        { path: 'query.cursor', reason: 'is not a cursor from a previous page of your notes' },
      ]);
    }
  });
});
