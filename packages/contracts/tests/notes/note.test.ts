import { describe, expect, it } from 'vitest';
import {
  CreateNoteHeadersSchema,
  CreateNoteSchema,
  ListNotesQuerySchema,
  NoteIdSchema,
  UpdateNoteSchema,
} from '../../src/index.js';

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('CreateNoteSchema', () => {
  it('accepts a note with only a title and fills the defaults', () => {
    expect(CreateNoteSchema.parse({ title: 'Groceries' })).toEqual({
      title: 'Groceries',
      body: '',
      tags: [],
    });
  });

  it('trims the title and tags', () => {
    expect(CreateNoteSchema.parse({ title: '  Hi  ', tags: [' a '] })).toMatchObject({
      title: 'Hi',
      tags: ['a'],
    });
  });

  it.each([
    ['title missing', {}, 'title'],
    ['title empty', { title: '' }, 'title'],
    ['title only spaces', { title: '   ' }, 'title'],
    ['title over 200 characters', { title: 'x'.repeat(201) }, 'title'],
    ['title not a string', { title: 42 }, 'title'],
    ['body over 10000 characters', { title: 't', body: 'x'.repeat(10_001) }, 'body'],
    ['body not a string', { title: 't', body: ['x'] }, 'body'],
    ['more than 10 tags', { title: 't', tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags'],
    ['a tag over 32 characters', { title: 't', tags: ['x'.repeat(33)] }, 'tags.0'],
    ['an empty tag', { title: 't', tags: ['ok', ''] }, 'tags.1'],
    ['tags not an array', { title: 't', tags: 'a,b' }, 'tags'],
    ['an unknown field', { title: 't', owner: 'someone-else' }, ''],
  ])('rejects %s', (_case, input, path) => {
    const result = CreateNoteSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(path);
  });

  it.each([
    ['a 200-character title', { title: 'x'.repeat(200) }],
    ['a 10000-character body', { title: 't', body: 'x'.repeat(10_000) }],
    ['10 tags of 32 characters', { title: 't', tags: Array.from({ length: 10 }, () => 'x'.repeat(32)) }],
  ])('accepts %s (the limits are inclusive)', (_case, input) => {
    expect(CreateNoteSchema.safeParse(input).success).toBe(true);
  });
});

describe('UpdateNoteSchema', () => {
  it('accepts a partial update with the expected version', () => {
    expect(UpdateNoteSchema.parse({ body: 'new', expectedVersion: 3 })).toEqual({
      body: 'new',
      expectedVersion: 3,
    });
  });

  it.each([
    ['no expectedVersion', { title: 'x' }, 'expectedVersion'],
    ['expectedVersion 0', { title: 'x', expectedVersion: 0 }, 'expectedVersion'],
    ['expectedVersion fractional', { title: 'x', expectedVersion: 1.5 }, 'expectedVersion'],
    ['expectedVersion a string', { title: 'x', expectedVersion: '1' }, 'expectedVersion'],
    ['nothing to change', { expectedVersion: 1 }, ''],
    ['an empty title', { title: '', expectedVersion: 1 }, 'title'],
    ['an unknown field', { title: 'x', version: 2, expectedVersion: 1 }, ''],
  ])('rejects %s', (_case, input, path) => {
    const result = UpdateNoteSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(issuePaths(result)).toContain(path);
  });
});

describe('ListNotesQuerySchema', () => {
  it('defaults the limit to 20', () => {
    expect(ListNotesQuerySchema.parse({})).toEqual({ limit: 20 });
  });

  it('reads the limit from its query-string text', () => {
    expect(ListNotesQuerySchema.parse({ limit: '100', cursor: 'abc' })).toEqual({
      limit: 100,
      cursor: 'abc',
    });
  });

  it.each([
    ['limit 0', { limit: '0' }],
    ['limit 101', { limit: '101' }],
    ['limit fractional', { limit: '2.5' }],
    ['limit not a number', { limit: 'ten' }],
    ['an empty cursor', { cursor: '' }],
    ['an oversized cursor', { cursor: 'x'.repeat(1025) }],
    ['an unknown parameter', { page: '2' }],
  ])('rejects %s', (_case, input) => {
    expect(ListNotesQuerySchema.safeParse(input).success).toBe(false);
  });
});

describe('NoteIdSchema', () => {
  it('accepts a ULID', () => {
    expect(NoteIdSchema.safeParse('01JDQ8ZK3M4N5P6Q7R8S9T0VWX').success).toBe(true);
  });

  it.each(['', 'not-a-ulid', '01JDQ8ZK3M4N5P6Q7R8S9T0VW', '01JDQ8ZK3M4N5P6Q7R8S9T0VWI', '../../etc/passwd'])(
    'rejects %j',
    (id) => {
      expect(NoteIdSchema.safeParse(id).success).toBe(false);
    },
  );
});

describe('CreateNoteHeadersSchema', () => {
  it('makes the idempotency key optional', () => {
    expect(CreateNoteHeadersSchema.parse({})).toEqual({});
  });

  it.each(['short', 'has spaces in it', 'x'.repeat(129)])('rejects the idempotency key %j', (key) => {
    expect(CreateNoteHeadersSchema.safeParse({ 'idempotency-key': key }).success).toBe(false);
  });
});
