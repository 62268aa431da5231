import { NotAuthorizedError, UserNotConfirmedError } from '@org/client/browser';
import { act, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { SESSION_EXPIRED_NOTICE } from '../../src/session/session-context.js';
import { fakeClient, renderApp, testUser } from '../support/fake-client.js';

async function signIn(password = 'correct-horse-battery-staple-42') {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), 'ana@example.com');
  await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('the sign-in page', () => {
  it('signs in (SRP is the client default) and opens the notes', async () => {
    const fake = fakeClient();
    fake.mocks.signIn.mockImplementation(async () => {
      fake.emit({ type: 'signed-in', user: testUser() });
      return { status: 'signed-in', user: testUser() };
    });
    renderApp(fake, '/sign-in');
    await signIn();

    expect(fake.mocks.signIn).toHaveBeenCalledWith({
      username: 'ana@example.com',
      password: 'correct-horse-battery-staple-42',
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toHaveFocus();
  });

  it("announces Cognito's refusal", async () => {
    const fake = fakeClient();
    fake.mocks.signIn.mockRejectedValue(
      new NotAuthorizedError('NotAuthorizedException', 'Incorrect username or password.'),
    );
    renderApp(fake, '/sign-in');
    await signIn('wrong-password-123');
    expect(await screen.findByRole('alert')).toHaveTextContent('Incorrect username or password.');
  });

  it('offers the confirmation step to an unconfirmed user', async () => {
    const fake = fakeClient();
    fake.mocks.signIn.mockRejectedValue(
      new UserNotConfirmedError('UserNotConfirmedException', 'User is not confirmed.'),
    );
    renderApp(fake, '/sign-in');
    await signIn();
    expect(await screen.findByRole('link', { name: 'Confirm your account' })).toHaveAttribute(
      'href',
      '/confirm?email=ana%40example.com',
    );
  });

  it('sends a signed-out visitor of a protected page to sign in, and back there afterwards', async () => {
    const fake = fakeClient();
    fake.mocks.signIn.mockImplementation(async () => {
      fake.emit({ type: 'signed-in', user: testUser() });
      return { status: 'signed-in', user: testUser() };
    });
    fake.mocks.meGet.mockResolvedValue({
      sub: 's',
      username: 'u',
      email: 'ana@example.com',
      groups: [],
      displayName: 'Ana',
      role: 'member',
    });
    renderApp(fake, '/profile');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(window.location.search).toBe('?next=%2Fprofile');
    await signIn();
    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeInTheDocument();
  });

  it('returns to sign-in with a message when the session expires', async () => {
    const fake = fakeClient(testUser());
    renderApp(fake, '/notes');
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();

    act(() => fake.emit({ type: 'signed-out', user: null, reason: 'session-expired' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent(SESSION_EXPIRED_NOTICE);
  });
});
