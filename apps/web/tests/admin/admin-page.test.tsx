import { ForbiddenError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, renderApp, testUser } from '../support/fake-client.js';

describe('admin statistics', () => {
  it('are linked for members of admin and show the totals', async () => {
    const fake = fakeClient(testUser(['admin']));
    fake.mocks.adminStats.mockResolvedValue({ users: 2, notes: 7 });
    renderApp(fake, '/notes');
    await userEvent.setup().click(await screen.findByRole('link', { name: 'Admin' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Admin statistics' })).toHaveFocus();
    expect(await screen.findByText('7')).toBeInTheDocument();
  });

  it('are not linked for others', async () => {
    renderApp(fakeClient(testUser()), '/notes');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(nav).toHaveTextContent('Notes');
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
  });

  it('show a 403 as an alert when reached by address', async () => {
    const fake = fakeClient(testUser());
    fake.mocks.adminStats.mockRejectedValue(new ForbiddenError(403, { message: 'Forbidden' }));
    renderApp(fake, '/admin');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You do not have access to this page (403 Forbidden).',
    );
  });

  it('sign out and return to sign-in', async () => {
    const fake = fakeClient(testUser());
    fake.mocks.signOut.mockImplementation(async () => {
      fake.emit({ type: 'signed-out', user: null, reason: 'sign-out' });
    });
    renderApp(fake, '/notes');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(fake.mocks.signOut).toHaveBeenCalled();
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
  });
});
