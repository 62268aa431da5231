import { ConflictError } from '@org/client/browser';
import { type FormEvent, useEffect, useState } from 'react';
import { useClient } from '../client/client-context.js';
import type { Note } from '../client/client-types.js';
import { Link, navigate } from '../routing/router.js';
import { ErrorAlert, Notice } from '../ui/error-alert.js';
import { ModalDialog } from '../ui/modal-dialog.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';
import { ConflictDialog } from './conflict-dialog.js';
import { EMPTY_DRAFT, type NoteDraft, NoteFields } from './note-fields.js';
import { formatTags, parseTags } from './tags.js';

const draftOf = (note: Note): NoteDraft => ({
  title: note.title,
  body: note.body,
  tags: formatTags(note.tags),
});

/** One note: edit and `Save` (with the version read, so a concurrent save is a 409), or `Delete`. */
export function NotePage({ noteId }: { noteId: string }) {
  const client = useClient();
  const [note, setNote] = useState<Note | undefined>(undefined);
  const [draft, setDraft] = useState<NoteDraft>(EMPTY_DRAFT);
  const [theirs, setTheirs] = useState<Note | undefined>(undefined);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [status, setStatus] = useState<string | undefined>(undefined);

  const load = useAction(async () => {
    const loaded = await client.notes.get({ noteId });
    setNote(loaded);
    setDraft(draftOf(loaded));
  });
  const { run: runLoad } = load;
  useEffect(() => {
    void runLoad();
  }, [runLoad]);

  /** Saves the draft over `version`; a 409 fetches the newer version and opens the conflict dialog. */
  const save = useAction(async (version: number) => {
    setStatus(undefined);
    try {
      const saved = await client.notes.update({
        noteId,
        body: { title: draft.title, body: draft.body, tags: parseTags(draft.tags), expectedVersion: version },
      });
      setNote(saved);
      setDraft(draftOf(saved));
      setTheirs(undefined);
      setStatus(`Saved (version ${saved.version}).`);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      setTheirs(await client.notes.get({ noteId }));
    }
  });
  const remove = useAction(async () => {
    await client.notes.delete({ noteId });
    navigate('/notes');
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (note) void save.run(note.version);
  };
  const takeTheirs = () => {
    if (!theirs) return;
    setNote(theirs);
    setDraft(draftOf(theirs));
    setTheirs(undefined);
    setStatus(`Showing the newer version (version ${theirs.version}).`);
  };

  return (
    <main>
      <p>
        <Link to="/notes">← All notes</Link>
      </p>
      <PageHeading>{note ? `Edit “${note.title}”` : 'Note'}</PageHeading>
      <ErrorAlert message={(load.error ?? save.error ?? remove.error)?.message} />
      <Notice message={status} />
      {!note && load.pending && <p role="status">Loading the note…</p>}
      {note && (
        <form onSubmit={onSubmit}>
          <NoteFields draft={draft} errors={save.error?.fields ?? {}} onChange={setDraft} />
          <p className="meta">
            Version {note.version} · created{' '}
            <time dateTime={note.createdAt}>{new Date(note.createdAt).toLocaleString()}</time>
          </p>
          <div className="actions">
            <button type="submit" disabled={save.pending}>
              {save.pending ? 'Saving…' : 'Save'}
            </button>
            <button type="button" className="danger" onClick={() => setConfirmingDelete(true)}>
              Delete
            </button>
          </div>
        </form>
      )}
      {theirs && (
        <ConflictDialog
          mine={draft}
          theirs={theirs}
          pending={save.pending}
          onKeepMine={() => void save.run(theirs.version)}
          onTakeTheirs={takeTheirs}
        />
      )}
      {confirmingDelete && note && (
        <ModalDialog title="Delete this note?" role="alertdialog" onEscape={() => setConfirmingDelete(false)}>
          <p>“{note.title}” will be deleted for good.</p>
          <ErrorAlert message={remove.error?.message} />
          <div className="actions">
            <button
              type="button"
              className="danger"
              disabled={remove.pending}
              onClick={() => void remove.run()}
            >
              Yes, delete
            </button>
            <button type="button" className="secondary" onClick={() => setConfirmingDelete(false)}>
              Cancel
            </button>
          </div>
        </ModalDialog>
      )}
    </main>
  );
}
