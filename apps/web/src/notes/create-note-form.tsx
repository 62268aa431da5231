import { type FormEvent, useState } from 'react';
import { useClient } from '../client/client-context.js';
import type { Note } from '../client/client-types.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { useAction } from '../ui/use-action.js';
import { EMPTY_DRAFT, type NoteDraft, NoteFields } from './note-fields.js';
import { parseTags } from './tags.js';

/** A new idempotency key per note, so a retried create never makes two notes. */
function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** Creates a note; the API checks the fields and its `ValidationError` details appear next to them. */
export function CreateNoteForm({ onCreated }: { onCreated: (note: Note) => void }) {
  const client = useClient();
  const [draft, setDraft] = useState<NoteDraft>(EMPTY_DRAFT);
  const [key, setKey] = useState(idempotencyKey);
  const create = useAction(async () => {
    const note = await client.notes.create({
      body: { title: draft.title, body: draft.body, tags: parseTags(draft.tags) },
      headers: { 'idempotency-key': key },
    });
    setDraft(EMPTY_DRAFT);
    setKey(idempotencyKey());
    onCreated(note);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void create.run();
  };
  return (
    <section aria-labelledby="new-note-heading">
      <h2 id="new-note-heading">New note</h2>
      <ErrorAlert message={create.error?.message} />
      <form onSubmit={onSubmit}>
        <NoteFields draft={draft} errors={create.error?.fields ?? {}} onChange={setDraft} />
        <button type="submit" disabled={create.pending}>
          {create.pending ? 'Creating…' : 'Create note'}
        </button>
      </form>
    </section>
  );
}
