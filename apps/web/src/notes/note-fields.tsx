import { TextAreaField, TextField } from '../ui/field.js';

/** What the note form edits; tags as the text of their field. */
export interface NoteDraft {
  readonly title: string;
  readonly body: string;
  readonly tags: string;
}

export const EMPTY_DRAFT: NoteDraft = { title: '', body: '', tags: '' };

/** The Title, Body and Tags fields shared by the create and edit forms, with their errors next to them. */
export function NoteFields({
  draft,
  onChange,
  errors,
}: {
  draft: NoteDraft;
  onChange: (draft: NoteDraft) => void;
  errors: Readonly<Record<string, string>>;
}) {
  return (
    <>
      <TextField
        label="Title"
        name="title"
        required
        maxLength={200}
        value={draft.title}
        error={errors.title}
        onChange={(e) => onChange({ ...draft, title: e.target.value })}
      />
      <TextAreaField
        label="Body"
        name="body"
        rows={6}
        value={draft.body}
        error={errors.body}
        onChange={(e) => onChange({ ...draft, body: e.target.value })}
      />
      <TextField
        label="Tags"
        name="tags"
        hint="Separate tags with commas."
        value={draft.tags}
        error={errors.tags}
        onChange={(e) => onChange({ ...draft, tags: e.target.value })}
      />
    </>
  );
}
