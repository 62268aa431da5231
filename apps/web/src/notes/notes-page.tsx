import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useClient } from '../client/client-context.js';
import type { Note } from '../client/client-types.js';
import { Link } from '../routing/router.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';
import { CreateNoteForm } from './create-note-form.js';

/** Notes per page of the list. */
export const NOTES_PAGE_SIZE = 20;

/** The signed-in user's notes, newest first, a page at a time (`Load more` follows `nextCursor`). */
export function NotesPage() {
  const client = useClient();
  const [notes, setNotes] = useState<Note[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const firstNew = useRef<HTMLAnchorElement>(null);
  const [focusIndex, setFocusIndex] = useState<number | undefined>(undefined);
  const shown = useRef(0);
  shown.current = notes.length;

  const load = useAction(async (after: string | null) => {
    const page = await client.notes.list({ limit: NOTES_PAGE_SIZE, ...(after ? { cursor: after } : {}) });
    if (after) setFocusIndex(shown.current);
    setNotes((known) => {
      if (!after) return page.items;
      // A note created meanwhile may appear on a later page too: keep each once.
      const seen = new Set(known.map((n) => n.noteId));
      return [...known, ...page.items.filter((n) => !seen.has(n.noteId))];
    });
    setCursor(page.nextCursor);
    setLoaded(true);
  });
  const { run } = load;
  const loadFirst = useCallback(() => void run(null), [run]);
  useEffect(loadFirst, [loadFirst]);

  // After `Load more`, focus moves to the first note of the new page instead of staying on a button that
  // may disappear. A layout effect, so focus moves in the same commit that shows the new notes, never a moment
  // later.
  useLayoutEffect(() => {
    if (focusIndex !== undefined) firstNew.current?.focus();
  }, [focusIndex]);

  return (
    <main>
      <PageHeading>Your notes</PageHeading>
      <CreateNoteForm onCreated={(note) => setNotes((known) => [note, ...known])} />
      <section aria-labelledby="notes-list-heading">
        <h2 id="notes-list-heading">All notes</h2>
        <ErrorAlert message={load.error?.message} />
        {loaded && notes.length === 0 && <p>No notes yet. Create your first one above.</p>}
        {!loaded && load.pending && <p role="status">Loading notes…</p>}
        <ul className="note-list">
          {notes.map((note, index) => (
            <li key={note.noteId}>
              <Link to={`/notes/${note.noteId}`} ref={index === focusIndex ? firstNew : undefined}>
                {note.title}
              </Link>
              <span className="meta">
                {' '}
                · updated <time dateTime={note.updatedAt}>{new Date(note.updatedAt).toLocaleString()}</time>
                {note.tags.length > 0 && ` · ${note.tags.join(', ')}`}
              </span>
            </li>
          ))}
        </ul>
        {cursor !== null && (
          <button type="button" disabled={load.pending} onClick={() => void run(cursor)}>
            {load.pending ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </main>
  );
}
