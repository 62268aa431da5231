import type { Note } from '../client/client-types.js';
import { ModalDialog } from '../ui/modal-dialog.js';
import type { NoteDraft } from './note-fields.js';
import { formatTags } from './tags.js';

/**
 * Shown when a save answers 409: someone saved a newer version first. It shows that version beside the
 * user's, and lets the user keep theirs (saved over the newer version) or take the newer one.
 */
export function ConflictDialog({
  mine,
  theirs,
  pending,
  onKeepMine,
  onTakeTheirs,
}: {
  mine: NoteDraft;
  theirs: Note;
  pending: boolean;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}) {
  return (
    <ModalDialog title="This note was changed elsewhere">
      <p>
        A newer version (version {theirs.version}, saved{' '}
        <time dateTime={theirs.updatedAt}>{new Date(theirs.updatedAt).toLocaleString()}</time>) was saved
        while you were editing.
      </p>
      <div className="versions">
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">Newer version</h3>
          <dl>
            <dt>Title</dt>
            <dd>{theirs.title}</dd>
            <dt>Body</dt>
            <dd className="pre">{theirs.body || '(empty)'}</dd>
            <dt>Tags</dt>
            <dd>{formatTags(theirs.tags) || '(none)'}</dd>
          </dl>
        </section>
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">Your version</h3>
          <dl>
            <dt>Title</dt>
            <dd>{mine.title}</dd>
            <dt>Body</dt>
            <dd className="pre">{mine.body || '(empty)'}</dd>
            <dt>Tags</dt>
            <dd>{mine.tags || '(none)'}</dd>
          </dl>
        </section>
      </div>
      <div className="actions">
        <button type="button" disabled={pending} onClick={onKeepMine}>
          Keep mine
        </button>
        <button type="button" className="secondary" disabled={pending} onClick={onTakeTheirs}>
          Take theirs
        </button>
      </div>
    </ModalDialog>
  );
}
