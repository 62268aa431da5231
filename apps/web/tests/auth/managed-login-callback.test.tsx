import { AccessDeniedError, StateMismatchError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { isManagedLoginCallback } from '../../src/auth/managed-login-callback.js';
import { fakeClient, renderApp, testUser } from '../support/fake-client.js';

describe('isManagedLoginCallback', () => {
  it.each([
    ['/', '?code=abc&state=xyz', true],
    ['/', '?error=access_denied&state=xyz', true],
    ['/', '?state=xyz', true],
    ['/', '', false],
    ['/notes', '?code=abc&state=xyz', false],
  ])('%s%s → %s', (pathname, search, expected) => {
    expect(isManagedLoginCallback(pathname, new URLSearchParams(search))).toBe(expected);
  });
});

describe('the managed login callback', () => {
  it('finishes the sign-in once (even under strict mode), opens the notes and drops code and state', async () => {
    const fake = fakeClient();
    fake.mocks.handleRedirectCallback.mockImplementation(async () => {
      fake.emit({ type: 'signed-in', user: testUser() });
      return { status: 'signed-in', user: testUser() };
    });
    renderApp(
      fake,
      '/?code=one-time-code&state=state-1',
      <StrictMode>
        <App />
      </StrictMode>,
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
    expect(fake.mocks.handleRedirectCallback).toHaveBeenCalledTimes(1);
    expect(fake.mocks.handleRedirectCallback).toHaveBeenCalledWith(
      'http://localhost:3000/?code=one-time-code&state=state-1',
    );
    expect(window.location.search).toBe('');
  });

  it.each([
    [
      '/?error=access_denied&state=state-2',
      new AccessDeniedError('access_denied', 'User cancelled'),
      'cancelled or refused',
    ],
    [
      '/?code=c&state=forged',
      new StateMismatchError('no sign-in waiting'),
      'stale or was started in another tab',
    ],
  ])('goes to sign-in from %s and shows %s', async (path, error, message) => {
    const fake = fakeClient();
    fake.mocks.handleRedirectCallback.mockRejectedValue(error);
    renderApp(fake, path);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent(message);
    expect(window.location.pathname + window.location.search).toBe('/sign-in');
  });
});
