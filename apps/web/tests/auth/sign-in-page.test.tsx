import {
  ConfigError,
  NotAuthorizedError,
  UserNotConfirmedError,
  UserPoolConfigurationError,
} from '@org/client/browser';
import { act, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { SESSION_EXPIRED_NOTICE } from '../../src/session/session-context.js';
import { fakeClient, renderApp, signsIn, testUser } from '../support/fake-client.js';

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

  it('emails a sign-in code instead of asking for the password, then signs in with it', async () => {
    const fake = fakeClient();
    fake.mocks.signInWithEmailCode.mockResolvedValue({ status: 'email-otp-sent', destination: 'a***@e***' });
    signsIn(fake, fake.mocks.confirmSignIn);
    renderApp(fake, '/sign-in?next=%2Fprofile');
    fake.mocks.meGet.mockResolvedValue({
      sub: 's',
      username: 'u',
      email: 'ana@example.com',
      groups: [],
      displayName: 'Ana',
      role: 'member',
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'ana@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code' }));

    expect(fake.mocks.signInWithEmailCode).toHaveBeenCalledWith({ email: 'ana@example.com' });
    await user.type(await screen.findByLabelText('Sign-in code'), '12345678');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your profile' })).toBeInTheDocument();
  });

  it('asks for the email before sending a code', async () => {
    const fake = fakeClient();
    renderApp(fake, '/sign-in');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Email me a sign-in code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Enter your email address to get a sign-in code.',
    );
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(fake.mocks.signInWithEmailCode).not.toHaveBeenCalled();
  });

  it("shows Cognito's refusal of email codes (a pool without them)", async () => {
    const fake = fakeClient();
    fake.mocks.signInWithEmailCode.mockRejectedValue(
      new UserPoolConfigurationError(
        'InvalidParameterException',
        'EMAIL_OTP is not enabled for this user pool.',
      ),
    );
    renderApp(fake, '/sign-in');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Email'), 'ana@example.com');
    await user.click(screen.getByRole('button', { name: 'Email me a sign-in code' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'EMAIL_OTP is not enabled for this user pool.',
    );
  });

  it('offers the hosted page only when the domain is configured', async () => {
    const fake = fakeClient();
    renderApp(fake, '/sign-in');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(screen.queryByRole('button', { name: 'Sign in with the hosted page' })).toBeNull();
  });

  it('goes to the hosted page with the client', async () => {
    const fake = fakeClient();
    renderApp(fake, '/sign-in', <App />, { managedLogin: true });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign in with the hosted page' }));
    expect(fake.mocks.signInWithRedirect).toHaveBeenCalledWith();
  });

  it('shows why the hosted page cannot be reached', async () => {
    const fake = fakeClient();
    fake.mocks.signInWithRedirect.mockRejectedValue(new ConfigError('domainUrl is missing'));
    renderApp(fake, '/sign-in', <App />, { managedLogin: true });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign in with the hosted page' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('domainUrl is missing');
  });

  it('refuses an account that must set a new password after a second step', async () => {
    const fake = fakeClient();
    fake.mocks.signIn.mockResolvedValue({ status: 'totp-required' });
    fake.mocks.confirmSignIn.mockResolvedValue({
      status: 'new-password-required',
      requiredAttributes: [],
      userAttributes: {},
    });
    renderApp(fake, '/sign-in');
    await signIn();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Authenticator code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('must set a new password first');
    expect(screen.getByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(fake.mocks.signOut).toHaveBeenCalled();
  });
});
