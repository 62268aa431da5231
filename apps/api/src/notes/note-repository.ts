import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { CreateNoteSchema, Note, NotePage, Stats, UpdateNoteSchema } from '@org/contracts';
import type { z } from 'zod';
import { ConflictError, NotFoundError } from '../errors/api-error.js';
import { decodeNoteCursor, encodeNoteCursor } from './note-cursor.js';
import { createUlidFactory } from './ulid-factory.js';

export type NewNote = z.output<typeof CreateNoteSchema>;
export type NoteChanges = z.output<typeof UpdateNoteSchema>;

/** Options of a `NoteRepository`. */
export interface NoteRepositoryOptions {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Injected for tests; defaults to the system clock. */
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Waits before the `attempt`th retry of a cancelled write; defaults to a short random pause. */
  readonly backoff?: (attempt: number) => Promise<void>;
}

const STATS_KEY = { pk: 'STATS', sk: 'TOTALS' } as const;
const COUNTER_SK = 'COUNTER';
const NOTE_PREFIX = 'NOTE#';
const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';

const userPk = (sub: string) => `USER#${sub}`;
const noteKey = (sub: string, noteId: string) => ({ pk: userPk(sub), sk: `${NOTE_PREFIX}${noteId}` });
const idempotencyKey = (sub: string, key: string) => ({ pk: userPk(sub), sk: `${IDEMPOTENCY_PREFIX}${key}` });

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Attempts at a note write whose counters moved on meanwhile (a concurrent write by the same user). */
const MAX_WRITE_ATTEMPTS = 8;

/**
 * Full jitter, 0 to 10·2^attempt ms: concurrent writers that conflicted on the same counters should not
 * all come back at the same moment.
 */
const jitteredPause = (attempt: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** Math.min(attempt, 6)));

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/** One code per action (`None`, `ConditionalCheckFailed`, `TransactionConflict`, ...) of a cancelled transaction. */
function cancellationCodes(error: unknown): string[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** Whether only the counters' conditions (or another transaction on the same items) stopped the write. */
const worthRetrying = (codes: string[], counterAt: number) =>
  codes.some((code) => code === 'TransactionConflict') ||
  codes.every((code, i) => code === 'None' || (i === counterAt && code === 'ConditionalCheckFailed'));

/** The note was not found in the caller's partition (it may exist in someone else's). */
export class NoteNotFoundError extends NotFoundError {
  constructor(noteId: string) {
    super(`Note ${noteId} not found`);
  }
}

/** The note changed since the caller read it. */
export class NoteVersionConflictError extends ConflictError {
  constructor(noteId: string, expected: number, actual: number) {
    super(`Note ${noteId} is at version ${actual}, not ${expected}; read it again and retry`);
  }
}

/**
 * Notes in one DynamoDB table (partition key `pk`, sort key `sk`):
 *
 * | item            | pk             | sk                     |
 * |-----------------|----------------|------------------------|
 * | note            | `USER#<sub>`   | `NOTE#<ulid>`          |
 * | idempotency key | `USER#<sub>`   | `IDEMPOTENCY#<key>`    |
 * | note counter    | `USER#<sub>`   | `COUNTER`              |
 * | totals          | `STATS`        | `TOTALS`               |
 *
 * Every operation on notes takes the caller's `sub` and builds the partition key from it, so no call
 * can reach another user's items. Counts are running totals, so statistics never scan. A note, its
 * idempotency key and the counts change together in one TransactWriteItems: either all of them are
 * written or none is, so the totals never drift from the notes.
 *
 * The user's counter is read first and the transaction writes it on a condition on that count (see
 * #countChange); that is how exactly one writer sees the user's count cross between 0 and 1 (and
 * changes the number of users). When a concurrent write by the same user moved the count across
 * meanwhile, the transaction is cancelled on that condition alone and is tried again.
 */
export class NoteRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #now: () => Date;
  readonly #newId: () => string;
  readonly #backoff: (attempt: number) => Promise<void>;

  constructor(options: NoteRepositoryOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? createUlidFactory();
    this.#backoff = options.backoff ?? jitteredPause;
  }

  /**
   * Creates a note. With an idempotency key, the first call for that key creates the note and every
   * later call by the same user returns that note (as it is now) instead of creating another.
   */
  async create(sub: string, input: NewNote, key?: string): Promise<Note> {
    return this.#create(sub, input, key, true);
  }

  async #create(sub: string, input: NewNote, key: string | undefined, mayRetry: boolean): Promise<Note> {
    const timestamp = this.#now().toISOString();
    const note: Note = {
      noteId: this.#newId(),
      title: input.title,
      body: input.body,
      tags: input.tags,
      createdAt: timestamp,
      updatedAt: timestamp,
      version: 1,
    };
    const noteItem = {
      ...noteKey(sub, note.noteId),
      ...note,
      ...(key === undefined ? {} : { idempotencyKey: key }),
    };
    for (let attempt = 1; ; attempt++) {
      const count = await this.#noteCount(sub);
      const actions: TransactItem[] = [];
      // With a key, the key is claimed in the same transaction and holds the whole note: a repeated
      // request finds it and answers with that note.
      if (key !== undefined) {
        actions.push({
          Put: {
            TableName: this.#table,
            Item: { ...idempotencyKey(sub, key), note, createdAt: timestamp },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
      actions.push({
        Put: { TableName: this.#table, Item: noteItem, ConditionExpression: 'attribute_not_exists(pk)' },
      });
      const counterAt = actions.length;
      actions.push(...this.#countChange(sub, count, 1));
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: actions }));
        return note;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes === undefined) throw error;
        if (key !== undefined && codes[0] === 'ConditionalCheckFailed') {
          const replayed = await this.#replay(sub, key);
          if (replayed) return replayed;
          // The key vanished between the two reads (its note was just deleted): claim it afresh, once.
          if (mayRetry) return this.#create(sub, input, key, false);
          throw new Error(`Idempotency key of ${sub} keeps disappearing`, { cause: error });
        }
        if (attempt < MAX_WRITE_ATTEMPTS && worthRetrying(codes, counterAt)) {
          await this.#backoff(attempt);
          continue;
        }
        throw new Error(`Could not create a note for ${sub}: ${codes.join(', ')}`, { cause: error });
      }
    }
  }

  async #replay(sub: string, key: string): Promise<Note | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: idempotencyKey(sub, key), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const first = toNote(Item.note);
    try {
      return await this.get(sub, first.noteId);
    } catch (error) {
      // A key and its note are written and deleted together, so the note is there; a key left by an
      // older version without its note still answers with the note it recorded.
      if (error instanceof NoteNotFoundError) return first;
      throw error;
    }
  }

  /** One page of the user's notes, newest first. */
  async list(sub: string, options: { limit: number; cursor?: string | undefined }): Promise<NotePage> {
    const pk = userPk(sub);
    const start = options.cursor === undefined ? undefined : decodeNoteCursor(options.cursor, pk);
    // One item more than asked tells whether another page exists, so the last page has no cursor.
    const { Items = [], LastEvaluatedKey } = await this.#client.send(
      new QueryCommand({
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': NOTE_PREFIX },
        ScanIndexForward: false,
        Limit: options.limit + 1,
        ...(start ? { ExclusiveStartKey: { pk: start.pk, sk: start.sk } } : {}),
      }),
    );
    const page = Items.slice(0, options.limit);
    const last = page.at(-1);
    const more = Items.length > options.limit || LastEvaluatedKey !== undefined;
    return {
      items: page.map(toNote),
      nextCursor: more && last ? encodeNoteCursor({ pk, sk: String(last.sk) }) : null,
    };
  }

  /** @throws NoteNotFoundError when the user has no such note. */
  async get(sub: string, noteId: string): Promise<Note> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: noteKey(sub, noteId), ConsistentRead: true }),
    );
    if (!Item) throw new NoteNotFoundError(noteId);
    return toNote(Item);
  }

  /**
   * Applies changes if the note is still at `expectedVersion`, and moves it to the next version.
   * @throws NoteNotFoundError when the user has no such note.
   * @throws NoteVersionConflictError when its version moved on.
   */
  async update(sub: string, noteId: string, changes: NoteChanges): Promise<Note> {
    const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
    const values: Record<string, unknown> = {
      ':expected': changes.expectedVersion,
      ':one': 1,
      ':now': this.#now().toISOString(),
    };
    const sets = ['#version = #version + :one', '#updatedAt = :now'];
    for (const field of ['title', 'body', 'tags'] as const) {
      const value = changes[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    try {
      const { Attributes } = await this.#client.send(
        new UpdateCommand({
          TableName: this.#table,
          Key: noteKey(sub, noteId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toNote(Attributes);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await this.get(sub, noteId);
      throw new NoteVersionConflictError(noteId, changes.expectedVersion, current.version);
    }
  }

  /** @throws NoteNotFoundError when the user has no such note. */
  async delete(sub: string, noteId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.#client.send(
        new GetCommand({ TableName: this.#table, Key: noteKey(sub, noteId), ConsistentRead: true }),
      );
      if (!Item) throw new NoteNotFoundError(noteId);
      const count = await this.#noteCount(sub);
      const actions: TransactItem[] = [
        {
          Delete: {
            TableName: this.#table,
            Key: noteKey(sub, noteId),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
      ];
      // The idempotency key goes with its note, so a repeated create afterwards makes a new note.
      if (typeof Item.idempotencyKey === 'string') {
        actions.push({ Delete: { TableName: this.#table, Key: idempotencyKey(sub, Item.idempotencyKey) } });
      }
      const counterAt = actions.length;
      actions.push(...this.#countChange(sub, count, -1));
      try {
        await this.#client.send(new TransactWriteCommand({ TransactItems: actions }));
        return;
      } catch (error) {
        const codes = cancellationCodes(error);
        if (codes === undefined) throw error;
        // Deleted meanwhile by a concurrent request.
        if (codes[0] === 'ConditionalCheckFailed') throw new NoteNotFoundError(noteId);
        if (attempt < MAX_WRITE_ATTEMPTS && worthRetrying(codes, counterAt)) {
          await this.#backoff(attempt);
          continue;
        }
        throw new Error(`Could not delete note ${noteId} of ${sub}: ${codes.join(', ')}`, { cause: error });
      }
    }
  }

  /** The running totals: notes, and users holding at least one. */
  async stats(): Promise<Stats> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: STATS_KEY, ConsistentRead: true }),
    );
    return { users: nonNegative(Item?.users), notes: nonNegative(Item?.notes) };
  }

  /** The user's note count as last written (0 for a user who never had a note). */
  async #noteCount(sub: string): Promise<number> {
    const { Item } = await this.#client.send(
      new GetCommand({
        TableName: this.#table,
        Key: { pk: userPk(sub), sk: COUNTER_SK },
        ConsistentRead: true,
      }),
    );
    return nonNegative(Item?.noteCount);
  }

  /**
   * The transaction's two counter actions: the user's count moves by `delta`, and the totals move by
   * one note and, when the user's count crosses between 0 and 1, by one user.
   *
   * The user's count is written on a condition that holds exactly when the count read just before
   * (`count`) still leads to the same crossing, or to none: at the boundary (a first note, a last one)
   * it must still be that very value; away from it, only on the same side (at least 1 before adding,
   * at least 2 before taking one away), so that concurrent writes by the same user rarely cancel each
   * other.
   */
  #countChange(sub: string, count: number, delta: 1 | -1): TransactItem[] {
    const atBoundary = delta === 1 ? count === 0 : count <= 1;
    const users = atBoundary ? (delta === 1 ? 1 : count === 1 ? -1 : 0) : 0;
    const counter: TransactItem = atBoundary
      ? {
          Update: {
            TableName: this.#table,
            Key: { pk: userPk(sub), sk: COUNTER_SK },
            UpdateExpression: 'SET noteCount = :next',
            ConditionExpression:
              count === 0 ? 'attribute_not_exists(noteCount) OR noteCount <= :count' : 'noteCount = :count',
            ExpressionAttributeValues: { ':next': Math.max(0, count + delta), ':count': count },
          },
        }
      : {
          Update: {
            TableName: this.#table,
            Key: { pk: userPk(sub), sk: COUNTER_SK },
            UpdateExpression: 'ADD noteCount :delta',
            ConditionExpression: 'noteCount >= :least',
            ExpressionAttributeValues: { ':delta': delta, ':least': delta === 1 ? 1 : 2 },
          },
        };
    return [
      counter,
      {
        Update: {
          TableName: this.#table,
          Key: STATS_KEY,
          UpdateExpression: 'ADD notes :delta, #users :users',
          ExpressionAttributeNames: { '#users': 'users' },
          ExpressionAttributeValues: { ':delta': delta, ':users': users },
        },
      },
    ];
  }
}

function toNote(item: Record<string, unknown> | undefined): Note {
  if (!item) throw new Error('Expected a note item, got nothing');
  return {
    noteId: String(item.noteId),
    title: String(item.title),
    body: String(item.body ?? ''),
    tags: Array.isArray(item.tags) ? item.tags.map(String) : [],
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    version: Number(item.version),
  };
}

function nonNegative(value: unknown): number {
  const n = Number(value ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
