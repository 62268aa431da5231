import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
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
}

const STATS_KEY = { pk: 'STATS', sk: 'TOTALS' } as const;
const COUNTER_SK = 'COUNTER';
const NOTE_PREFIX = 'NOTE#';
const IDEMPOTENCY_PREFIX = 'IDEMPOTENCY#';

const userPk = (sub: string) => `USER#${sub}`;
const noteKey = (sub: string, noteId: string) => ({ pk: userPk(sub), sk: `${NOTE_PREFIX}${noteId}` });
const idempotencyKey = (sub: string, key: string) => ({ pk: userPk(sub), sk: `${IDEMPOTENCY_PREFIX}${key}` });

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

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
 * can reach another user's items. Counts are running totals kept with atomic `ADD`s, so statistics
 * never scan. They are written after the note itself without a transaction (the local DynamoDB does
 * not implement TransactWriteItems): a crash between the two writes leaves the totals off by one.
 */
export class NoteRepository {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #now: () => Date;
  readonly #newId: () => string;

  constructor(options: NoteRepositoryOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? createUlidFactory();
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
    if (key === undefined) {
      await this.#putNote(sub, note, undefined);
      return note;
    }
    try {
      // The key is claimed first and holds the whole note, so a retry after a crash between the two
      // writes can finish the job instead of leaving the key pointing at nothing.
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: { ...idempotencyKey(sub, key), note, createdAt: timestamp },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const replayed = await this.#replay(sub, key);
      if (replayed) return replayed;
      // The key vanished between the two reads (its note was just deleted): claim it afresh, once.
      if (mayRetry) return this.#create(sub, input, key, false);
      throw new Error(`Idempotency key of ${sub} keeps disappearing`, { cause: error });
    }
    await this.#putNote(sub, note, key);
    return note;
  }

  async #replay(sub: string, key: string): Promise<Note | undefined> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: idempotencyKey(sub, key), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const first = toNote(Item.note);
    await this.#putNote(sub, first, key);
    try {
      return await this.get(sub, first.noteId);
    } catch (error) {
      // Deleted between the two reads: the first note is still the answer for this key.
      if (error instanceof NoteNotFoundError) return first;
      throw error;
    }
  }

  /** Writes a note unless it exists; counts it only when written. */
  async #putNote(sub: string, note: Note, key: string | undefined): Promise<void> {
    try {
      await this.#client.send(
        new PutCommand({
          TableName: this.#table,
          Item: {
            ...noteKey(sub, note.noteId),
            ...note,
            ...(key === undefined ? {} : { idempotencyKey: key }),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return;
      throw error;
    }
    await this.#count(sub, 1);
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
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: noteKey(sub, noteId), ConsistentRead: true }),
    );
    if (!Item) throw new NoteNotFoundError(noteId);
    // The idempotency key goes first: should the note's deletion then fail, a retried create makes a
    // new note rather than bringing the deleted one back.
    if (typeof Item.idempotencyKey === 'string') {
      await this.#client.send(
        new DeleteCommand({ TableName: this.#table, Key: idempotencyKey(sub, Item.idempotencyKey) }),
      );
    }
    try {
      await this.#client.send(
        new DeleteCommand({
          TableName: this.#table,
          Key: noteKey(sub, noteId),
          ConditionExpression: 'attribute_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new NoteNotFoundError(noteId);
      throw error;
    }
    await this.#count(sub, -1);
  }

  /** The running totals: notes, and users holding at least one. */
  async stats(): Promise<Stats> {
    const { Item } = await this.#client.send(
      new GetCommand({ TableName: this.#table, Key: STATS_KEY, ConsistentRead: true }),
    );
    return { users: nonNegative(Item?.users), notes: nonNegative(Item?.notes) };
  }

  async #count(sub: string, delta: 1 | -1): Promise<void> {
    const { Attributes } = await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: { pk: userPk(sub), sk: COUNTER_SK },
        UpdateExpression: 'ADD noteCount :delta',
        ExpressionAttributeValues: { ':delta': delta },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    // ADD is atomic, so exactly one writer sees the user's count cross between 0 and 1.
    const count = Number(Attributes?.noteCount ?? 0);
    const users = (delta === 1 && count === 1 ? 1 : 0) + (delta === -1 && count === 0 ? -1 : 0);
    await this.#client.send(
      new UpdateCommand({
        TableName: this.#table,
        Key: STATS_KEY,
        UpdateExpression: 'ADD notes :delta, #users :users',
        ExpressionAttributeNames: { '#users': 'users' },
        ExpressionAttributeValues: { ':delta': delta, ':users': users },
      }),
    );
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
