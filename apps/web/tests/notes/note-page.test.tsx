import { ConflictError, ValidationError } from '@org/client/browser';
import { screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, renderApp, testNote, testUser } from '../support/fake-client.js';

function conflict() {
  return new ConflictError(409, {
    error: 'Conflict',
    message: 'The note has changed since version 1',
    requestId: 'req-409',
  });
}

describe('the note page', () => {
  it('saves with the version it read', async () => {
    const fake = fakeClient(testUser());
    const note = testNote({ title: 'Groceries', version: 3 });
    fake.mocks.notesGet.mockResolvedValue(note);
    fake.mocks.notesUpdate.mockImplementation(async ({ body }) => ({ ...note, ...body, version: 4 }));
    renderApp(fake, `/notes/${note.noteId}`);
    const user = userEvent.setup();
    const title = await screen.findByLabelText('Title');
    await user.clear(title);
    await user.type(title, 'Groceries for Sunday');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(fake.mocks.notesUpdate).toHaveBeenCalledWith({
      noteId: note.noteId,
      body: { title: 'Groceries for Sunday', body: '', tags: [], expectedVersion: 3 },
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 4).');
  });

  it('shows the newer version on a 409 and keeps mine by saving over that version', async () => {
    const fake = fakeClient(testUser());
    const note = testNote({ title: 'Plan', body: 'mine', version: 1 });
    const theirs = { ...note, title: 'Plan (edited elsewhere)', body: 'theirs', tags: ['team'], version: 2 };
    fake.mocks.notesGet.mockResolvedValueOnce(note).mockResolvedValueOnce(theirs);
    fake.mocks.notesUpdate
      .mockRejectedValueOnce(conflict())
      .mockImplementationOnce(async ({ body }) => ({ ...theirs, ...body, version: 3 }));
    renderApp(fake, `/notes/${note.noteId}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Body'), ' and more');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const dialog = await screen.findByRole('dialog', { name: 'This note was changed elsewhere' });
    const newer = within(dialog).getByRole('region', { name: 'Newer version' });
    expect(newer).toHaveTextContent('Plan (edited elsewhere)');
    expect(newer).toHaveTextContent('team');
    expect(within(dialog).getByRole('region', { name: 'Your version' })).toHaveTextContent('mine and more');
    expect(within(dialog).getByRole('button', { name: 'Keep mine' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Keep mine' }));
    expect(fake.mocks.notesUpdate).toHaveBeenLastCalledWith({
      noteId: note.noteId,
      body: { title: 'Plan', body: 'mine and more', tags: [], expectedVersion: 2 },
    });
    expect(await screen.findByRole('status')).toHaveTextContent('Saved (version 3).');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('takes the newer version into the form', async () => {
    const fake = fakeClient(testUser());
    const note = testNote({ title: 'Plan', version: 1 });
    const theirs = { ...note, title: 'Their plan', body: 'their body', tags: ['a', 'b'], version: 5 };
    fake.mocks.notesGet.mockResolvedValueOnce(note).mockResolvedValueOnce(theirs);
    fake.mocks.notesUpdate.mockRejectedValueOnce(conflict());
    renderApp(fake, `/notes/${note.noteId}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Body'), 'my body');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(await screen.findByRole('button', { name: 'Take theirs' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('Their plan');
    expect(screen.getByLabelText('Body')).toHaveValue('their body');
    expect(screen.getByLabelText('Tags')).toHaveValue('a, b');
    expect(fake.mocks.notesUpdate).toHaveBeenCalledTimes(1);
  });

  it('keeps Tab inside the conflict dialog', async () => {
    const fake = fakeClient(testUser());
    const note = testNote({ version: 1 });
    fake.mocks.notesGet.mockResolvedValueOnce(note).mockResolvedValueOnce({ ...note, version: 2 });
    fake.mocks.notesUpdate.mockRejectedValueOnce(conflict());
    renderApp(fake, `/notes/${note.noteId}`);
    const user = userEvent.setup();
    await screen.findByLabelText('Title');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const keep = await screen.findByRole('button', { name: 'Keep mine' });
    await user.tab();
    expect(screen.getByRole('button', { name: 'Take theirs' })).toHaveFocus();
    await user.tab();
    expect(keep).toHaveFocus();
  });

  it('shows validation details next to their fields', async () => {
    const fake = fakeClient(testUser());
    const note = testNote();
    fake.mocks.notesGet.mockResolvedValue(note);
    fake.mocks.notesUpdate.mockRejectedValue(
      new ValidationError(400, {
        error: 'BadRequest',
        message: 'Invalid request',
        requestId: 'req-400',
        details: [{ path: 'body.tags[0]', reason: 'must be at most 32 characters' }],
      }),
    );
    renderApp(fake, `/notes/${note.noteId}`);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Tags'), 'x'.repeat(40));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the fields marked below.');
    const tags = screen.getByLabelText('Tags');
    expect(tags).toHaveAttribute('aria-invalid', 'true');
    expect(tags).toHaveAccessibleDescription('Separate tags with commas. must be at most 32 characters');
    expect(screen.getByLabelText('Title')).not.toHaveAttribute('aria-invalid');
  });

  it('deletes only after confirmation, then returns to the list', async () => {
    const fake = fakeClient(testUser());
    const note = testNote({ title: 'Old' });
    fake.mocks.notesGet.mockResolvedValue(note);
    renderApp(fake, `/notes/${note.noteId}`);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this note?' });
    await user.keyboard('{Escape}');
    expect(dialog).not.toBeInTheDocument();
    expect(fake.mocks.notesDelete).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Yes, delete' }));
    expect(fake.mocks.notesDelete).toHaveBeenCalledWith({ noteId: note.noteId });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
  });
});
