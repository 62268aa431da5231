import * as z from 'zod';

/** Note ids are ULIDs: 26 Crockford base-32 characters that sort by creation time. */
export const NoteIdSchema = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a ULID (26 characters of Crockford base 32)');

export const NoteTitleSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');
export const NoteBodySchema = z.string().max(10_000, 'must be at most 10000 characters');
export const NoteTagSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(32, 'must be at most 32 characters');
export const NoteTagsSchema = z.array(NoteTagSchema).max(10, 'must have at most 10 tags');

export const NoteSchema = z.object({
  noteId: NoteIdSchema,
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Starts at 1 and grows by one on every update; send it back as `expectedVersion`. */
  version: z.number().int().min(1),
});
export type Note = z.infer<typeof NoteSchema>;

export const NoteParamsSchema = z.object({ noteId: NoteIdSchema });

export const CreateNoteSchema = z.strictObject({
  title: NoteTitleSchema,
  body: NoteBodySchema.default(''),
  tags: NoteTagsSchema.default([]),
});
export type CreateNote = z.input<typeof CreateNoteSchema>;

export const UpdateNoteSchema = z
  .strictObject({
    title: NoteTitleSchema.optional(),
    body: NoteBodySchema.optional(),
    tags: NoteTagsSchema.optional(),
    /** The `version` the caller last saw; a different current version is a 409. */
    expectedVersion: z.number().int().min(1),
  })
  .refine((u) => u.title !== undefined || u.body !== undefined || u.tags !== undefined, {
    message: 'must change at least one of title, body, tags',
  });
export type UpdateNote = z.input<typeof UpdateNoteSchema>;

/** Page sizes for `GET /notes`. */
export const NOTES_PAGE_LIMIT = { min: 1, max: 100, default: 20 } as const;

export const ListNotesQuerySchema = z.strictObject({
  // Query strings arrive as text; the input type stays `number` for callers.
  limit: z.coerce
    .number<number>({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(NOTES_PAGE_LIMIT.min, `must be at least ${NOTES_PAGE_LIMIT.min}`)
    .max(NOTES_PAGE_LIMIT.max, `must be at most ${NOTES_PAGE_LIMIT.max}`)
    .default(NOTES_PAGE_LIMIT.default),
  /** The `nextCursor` of the previous page, unchanged. */
  cursor: z.string().min(1).max(1024).optional(),
});
export type ListNotesQuery = z.input<typeof ListNotesQuerySchema>;

export const NotePageSchema = z.object({
  items: z.array(NoteSchema),
  /** Pass back as `cursor` to get the next page; `null` on the last page. */
  nextCursor: z.string().nullable(),
});
export type NotePage = z.infer<typeof NotePageSchema>;

/** Optional idempotency for `POST /notes`: the same key from the same user returns the first note. */
export const CreateNoteHeadersSchema = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,128}$/, 'must be 8 to 128 letters, digits, - or _')
    .optional(),
});
