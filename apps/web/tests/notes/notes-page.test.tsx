import { ValidationError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { NOTES_PAGE_SIZE } from '../../src/notes/notes-page.js';
import { fakeClient, renderApp, testNote, testUser } from '../support/fake-client.js';

describe('the notes page', () => {
  it('lists the first page and follows nextCursor with Load more', async () => {
    const fake = fakeClient(testUser());
    const first = [testNote({ title: 'Newest' }), testNote({ title: 'Newer' })];
    const second = [testNote({ title: 'Oldest' })];
    fake.mocks.notesList
      .mockResolvedValueOnce({ items: first, nextCursor: 'cursor-2' })
      .mockResolvedValueOnce({ items: second, nextCursor: null });
    renderApp(fake, '/notes');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(fake.mocks.notesList.mock.calls).toEqual([
      [{ limit: NOTES_PAGE_SIZE }],
      [{ limit: NOTES_PAGE_SIZE, cursor: 'cursor-2' }],
    ]);
    const links = screen.getAllByRole('link').filter((a) => a.getAttribute('href')?.startsWith('/notes/'));
    expect(links.map((a) => a.textContent)).toEqual(['Newest', 'Newer', 'Oldest']);
    expect(screen.getByRole('link', { name: 'Oldest' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('creates a note from Title, Body and Tags and puts it first', async () => {
    const fake = fakeClient(testUser());
    fake.mocks.notesList.mockResolvedValue({ items: [testNote({ title: 'Older' })], nextCursor: null });
    fake.mocks.notesCreate.mockImplementation(async ({ body }) => testNote(body));
    renderApp(fake, '/notes');
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Older' });
    await user.type(screen.getByLabelText('Title'), 'Shopping');
    await user.type(screen.getByLabelText('Body'), 'Milk');
    await user.type(screen.getByLabelText('Tags'), 'home, weekly');
    await user.click(screen.getByRole('button', { name: 'Create note' }));

    const [input] = fake.mocks.notesCreate.mock.calls[0] ?? [];
    expect(input.body).toEqual({ title: 'Shopping', body: 'Milk', tags: ['home', 'weekly'] });
    expect(input.headers['idempotency-key']).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    const links = await screen.findAllByRole('link', { name: /Shopping|Older/ });
    expect(links.map((a) => a.textContent)).toEqual(['Shopping', 'Older']);
    expect(screen.getByLabelText('Title')).toHaveValue('');
  });

  it('shows the API’s field errors next to the create form’s fields', async () => {
    const fake = fakeClient(testUser());
    fake.mocks.notesCreate.mockRejectedValue(
      new ValidationError(400, {
        error: 'BadRequest',
        message: 'Invalid request',
        requestId: 'req-1',
        details: [{ path: 'body.title', reason: 'must not be empty' }],
      }),
    );
    renderApp(fake, '/notes');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Title'), '   ');
    await user.click(screen.getByRole('button', { name: 'Create note' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Please correct the fields marked below.');
    expect(screen.getByLabelText('Title')).toHaveAccessibleDescription('must not be empty');
  });
});
