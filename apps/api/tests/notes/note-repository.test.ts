import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { NoteSchema } from '@org/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadRequestError } from '../../src/errors/api-error.js';
import { encodeNoteCursor } from '../../src/notes/note-cursor.js';
import {
  NoteNotFoundError,
  NoteRepository,
  NoteVersionConflictError,
} from '../../src/notes/note-repository.js';
import { type LocalTable, startLocalTable } from '../support/local-table.js';

let table: LocalTable;
let repository: NoteRepository;
let clock = Date.parse('2024-06-17T15:00:00.000Z');
let users = 0;

beforeAll(async () => {
  table = await startLocalTable();
  repository = new NoteRepository({
    client: table.client,
    tableName: table.tableName,
    // Retries of writes that concurrent writes cancelled go again at once: no test waits on a timer.
    backoff: async () => {},
    // Each call moves the clock on, so ids and timestamps are ordered as creation order.
    now: () => {
      clock += 1000;
      return new Date(clock);
    },
  });
});

afterAll(async () => {
  await table.close();
});

/** A user of their own, so tests do not see each other's notes. */
const newUser = () => `user-${++users}-${Math.random().toString(36).slice(2, 8)}`;
const note = (title: string, extra: { body?: string; tags?: string[] } = {}) => ({
  title,
  body: extra.body ?? '',
  tags: extra.tags ?? [],
});

describe('NoteRepository against the local DynamoDB', () => {
  it('creates a note at version 1 and reads it back', async () => {
    const sub = newUser();
    const created = await repository.create(sub, note('First', { body: 'text', tags: ['a', 'b'] }));
    expect(NoteSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ title: 'First', body: 'text', tags: ['a', 'b'], version: 1 });
    expect(created.createdAt).toBe(created.updatedAt);
    expect(await repository.get(sub, created.noteId)).toEqual(created);
  });

  it('stores an empty body and no tags', async () => {
    const sub = newUser();
    const created = await repository.create(sub, note('Empty'));
    expect(await repository.get(sub, created.noteId)).toMatchObject({ body: '', tags: [] });
  });

  it('lists newest first across pages until the cursor runs out', async () => {
    const sub = newUser();
    const titles = Array.from({ length: 7 }, (_, i) => `note ${i}`);
    for (const title of titles) await repository.create(sub, note(title));
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await repository.list(sub, { limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((n) => n.title));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor !== undefined);
    expect(pages).toBe(3);
    expect(seen).toEqual([...titles].reverse());
  });

  it('gives no cursor when the last page is exactly full', async () => {
    const sub = newUser();
    for (const title of ['a', 'b', 'c', 'd']) await repository.create(sub, note(title));
    const first = await repository.list(sub, { limit: 2 });
    expect(first.nextCursor).not.toBeNull();
    const second = await repository.list(sub, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.items.map((n) => n.title)).toEqual(['b', 'a']);
    expect(second.nextCursor).toBeNull();
  });

  it('lists nothing for a user without notes', async () => {
    expect(await repository.list(newUser(), { limit: 20 })).toEqual({ items: [], nextCursor: null });
  });

  it('updates only the given fields when the version matches, and moves the version on', async () => {
    const sub = newUser();
    const created = await repository.create(sub, note('Draft', { body: 'keep', tags: ['x'] }));
    const updated = await repository.update(sub, created.noteId, { title: 'Final', expectedVersion: 1 });
    expect(updated).toMatchObject({ title: 'Final', body: 'keep', tags: ['x'], version: 2 });
    expect(updated.createdAt).toBe(created.createdAt);
    expect(updated.updatedAt > created.updatedAt).toBe(true);
    expect(await repository.get(sub, created.noteId)).toEqual(updated);
  });

  it('refuses an update from a stale version with a conflict naming the current version', async () => {
    const sub = newUser();
    const created = await repository.create(sub, note('v1'));
    await repository.update(sub, created.noteId, { body: 'second', expectedVersion: 1 });
    await expect(
      repository.update(sub, created.noteId, { body: 'lost', expectedVersion: 1 }),
    ).rejects.toThrow(NoteVersionConflictError);
    await expect(
      repository.update(sub, created.noteId, { body: 'lost', expectedVersion: 1 }),
    ).rejects.toThrow(/version 2, not 1/);
    expect((await repository.get(sub, created.noteId)).body).toBe('second');
  });

  it('lets exactly one of two concurrent updates from the same version win', async () => {
    const sub = newUser();
    const created = await repository.create(sub, note('race'));
    const results = await Promise.allSettled([
      repository.update(sub, created.noteId, { title: 'left', expectedVersion: 1 }),
      repository.update(sub, created.noteId, { title: 'right', expectedVersion: 1 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(NoteVersionConflictError);
  });

  it('deletes a note, after which it is gone', async () => {
    const sub = newUser();
    const created = await repository.create(sub, note('bye'));
    await repository.delete(sub, created.noteId);
    await expect(repository.get(sub, created.noteId)).rejects.toThrow(NoteNotFoundError);
    await expect(repository.delete(sub, created.noteId)).rejects.toThrow(NoteNotFoundError);
    await expect(repository.update(sub, created.noteId, { title: 'x', expectedVersion: 1 })).rejects.toThrow(
      NoteNotFoundError,
    );
  });

  describe('isolation between users', () => {
    it('never reads, changes or deletes another user’s note', async () => {
      const owner = newUser();
      const other = newUser();
      const mine = await repository.create(owner, note('private'));
      await expect(repository.get(other, mine.noteId)).rejects.toThrow(NoteNotFoundError);
      await expect(
        repository.update(other, mine.noteId, { title: 'pwned', expectedVersion: 1 }),
      ).rejects.toThrow(NoteNotFoundError);
      await expect(repository.delete(other, mine.noteId)).rejects.toThrow(NoteNotFoundError);
      expect(await repository.get(owner, mine.noteId)).toEqual(mine);
      expect((await repository.list(other, { limit: 100 })).items).toEqual([]);
    });

    it('refuses a cursor made for another user’s partition', async () => {
      const owner = newUser();
      const other = newUser();
      const a = await repository.create(owner, note('a'));
      await repository.create(owner, note('b'));
      const forged = encodeNoteCursor({ pk: `USER#${owner}`, sk: `NOTE#${a.noteId}` });
      await expect(repository.list(other, { limit: 10, cursor: forged })).rejects.toThrow(BadRequestError);
      // The owner's own cursor still works for the owner.
      expect((await repository.list(owner, { limit: 10, cursor: forged })).items).toEqual([]);
    });
  });

  describe('idempotent create', () => {
    it('returns the first note for a repeated key instead of creating another', async () => {
      const sub = newUser();
      const first = await repository.create(sub, note('once'), 'key-aaaaaaaa');
      const again = await repository.create(sub, note('twice'), 'key-aaaaaaaa');
      expect(again).toEqual(first);
      expect((await repository.list(sub, { limit: 10 })).items).toEqual([first]);
    });

    it('returns the note as it is now after it changed', async () => {
      const sub = newUser();
      const first = await repository.create(sub, note('once'), 'key-bbbbbbbb');
      const updated = await repository.update(sub, first.noteId, { title: 'changed', expectedVersion: 1 });
      expect(await repository.create(sub, note('once'), 'key-bbbbbbbb')).toEqual(updated);
    });

    it('keeps keys per user', async () => {
      const [a, b] = [newUser(), newUser()];
      const mine = await repository.create(a, note('a'), 'key-shared-1');
      const theirs = await repository.create(b, note('b'), 'key-shared-1');
      expect(theirs.noteId).not.toBe(mine.noteId);
      expect(theirs.title).toBe('b');
    });

    it('creates a new note for a key whose note was deleted', async () => {
      const sub = newUser();
      const first = await repository.create(sub, note('old'), 'key-cccccccc');
      await repository.delete(sub, first.noteId);
      const second = await repository.create(sub, note('new'), 'key-cccccccc');
      expect(second.noteId).not.toBe(first.noteId);
      expect(second.title).toBe('new');
    });

    it('claims a key afresh when it disappears between the failed claim and its read', async () => {
      const sub = newUser();
      const first = await repository.create(sub, note('first'), 'key-ffffffff');
      // A second client on the same table whose failed key claim is followed, before the repository
      // reads the key, by the note's deletion (as a concurrent DELETE would do).
      let racedDeletes = 0;
      const raw = new DynamoDBClient({
        endpoint: table.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      raw.middlewareStack.add(
        (next) => async (args) => {
          try {
            return await next(args);
          } catch (error) {
            // The failed claim: a transaction whose first action puts the key.
            const claim = (args.input as { TransactItems?: { Put?: { Item?: { sk?: unknown } } }[] })
              .TransactItems?.[0];
            const sk = claim?.Put?.Item?.sk;
            const text = typeof sk === 'string' ? sk : (sk as { S?: string } | undefined)?.S;
            if (
              text === 'IDEMPOTENCY#key-ffffffff' &&
              (error as Error).name === 'TransactionCanceledException'
            ) {
              racedDeletes++;
              await repository.delete(sub, first.noteId);
            }
            throw error;
          }
        },
        { step: 'initialize', name: 'deleteRacingNote' },
      );
      const racing = new NoteRepository({
        client: DynamoDBDocumentClient.from(raw),
        tableName: table.tableName,
      });
      const second = await racing.create(sub, note('second'), 'key-ffffffff');
      raw.destroy();
      expect(racedDeletes).toBe(1);
      expect(second.noteId).not.toBe(first.noteId);
      expect((await repository.list(sub, { limit: 10 })).items).toEqual([second]);
    });

    it('creates one note from concurrent requests with the same key', async () => {
      const sub = newUser();
      const results = await Promise.all(
        Array.from({ length: 5 }, () => repository.create(sub, note('burst'), 'key-dddddddd')),
      );
      expect(new Set(results.map((n) => n.noteId)).size).toBe(1);
      expect((await repository.list(sub, { limit: 10 })).items).toHaveLength(1);
    });
  });

  describe('stats', () => {
    it('keeps running totals of notes and of users holding notes', async () => {
      const before = await repository.stats();
      const [a, b] = [newUser(), newUser()];
      const a1 = await repository.create(a, note('a1'));
      const a2 = await repository.create(a, note('a2'));
      await repository.create(b, note('b1'), 'key-eeeeeeee');
      await repository.create(b, note('b1 again'), 'key-eeeeeeee');
      expect(await repository.stats()).toEqual({ users: before.users + 2, notes: before.notes + 3 });
      await repository.delete(a, a1.noteId);
      expect(await repository.stats()).toEqual({ users: before.users + 2, notes: before.notes + 2 });
      await repository.delete(a, a2.noteId);
      expect(await repository.stats()).toEqual({ users: before.users + 1, notes: before.notes + 1 });
      await expect(repository.delete(a, a2.noteId)).rejects.toThrow(NoteNotFoundError);
      expect(await repository.stats()).toEqual({ users: before.users + 1, notes: before.notes + 1 });
    });

    it('writes neither the note nor any count when the counts cannot be written', async () => {
      // A table of its own whose totals item holds a string where a number goes, so that adding to
      // it fails: with the note and its counts in one transaction, the note is not written either.
      const broken = await startLocalTable();
      try {
        await broken.client.send(
          new PutCommand({ TableName: broken.tableName, Item: { pk: 'STATS', sk: 'TOTALS', notes: 'many' } }),
        );
        const notes = new NoteRepository({ client: broken.client, tableName: broken.tableName });
        const sub = newUser();
        await expect(notes.create(sub, note('lost'), 'key-gggggggg')).rejects.toThrow();
        const { Items } = await broken.client.send(new ScanCommand({ TableName: broken.tableName }));
        expect(Items).toEqual([{ pk: 'STATS', sk: 'TOTALS', notes: 'many' }]);
      } finally {
        await broken.close();
      }
    });

    it('keeps the totals exact under concurrent creates and deletes by one user', async () => {
      const before = await repository.stats();
      const sub = newUser();
      const [kept, removed] = await Promise.all([
        repository.create(sub, note('kept')),
        repository.create(sub, note('removed')),
      ]);
      await Promise.all([
        repository.delete(sub, removed.noteId),
        repository.create(sub, note('third')),
        repository.delete(sub, kept.noteId),
      ]);
      expect(await repository.stats()).toEqual({ users: before.users + 1, notes: before.notes + 1 });
    });

    it('counts a user once when their first notes are created concurrently', async () => {
      const before = await repository.stats();
      const sub = newUser();
      // More requests than a write has attempts: away from a count of 0 or 1 they do not cancel each other.
      await Promise.all(Array.from({ length: 12 }, (_, i) => repository.create(sub, note(`n${i}`))));
      expect(await repository.stats()).toEqual({ users: before.users + 1, notes: before.notes + 12 });
      expect((await repository.list(sub, { limit: 20 })).items).toHaveLength(12);
    });
  });
});
