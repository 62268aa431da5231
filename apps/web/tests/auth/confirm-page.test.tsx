import { CodeMismatchError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, renderApp } from '../support/fake-client.js';

describe('the confirmation page', () => {
  it('confirms the code and sends the user to sign in with a notice', async () => {
    const fake = fakeClient();
    fake.mocks.confirmSignUp.mockResolvedValue(undefined);
    renderApp(fake, '/confirm?email=ana%40example.com');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Confirmation code'), ' 123456 ');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(fake.mocks.confirmSignUp).toHaveBeenCalledWith({ username: 'ana@example.com', code: '123456' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(screen.getByRole('status')).toHaveTextContent('Your account is confirmed');
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
  });

  it('shows a wrong code next to the code field', async () => {
    const fake = fakeClient();
    const reason = 'Invalid verification code provided, please try again.';
    fake.mocks.confirmSignUp.mockRejectedValue(new CodeMismatchError('CodeMismatchException', reason));
    renderApp(fake, '/confirm?email=ana%40example.com');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Confirmation code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Confirm' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(reason);
    expect(screen.getByLabelText('Confirmation code')).toHaveAccessibleDescription(reason);
  });

  it('sends a new code and says where it went', async () => {
    const fake = fakeClient();
    fake.mocks.resendConfirmationCode.mockResolvedValue({
      destination: 'a***@e***',
      medium: 'EMAIL',
      attributeName: 'email',
    });
    renderApp(fake, '/confirm?email=ana%40example.com');
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Send a new code' }));

    expect(fake.mocks.resendConfirmationCode).toHaveBeenCalledWith({ username: 'ana@example.com' });
    expect(await screen.findByRole('status')).toHaveTextContent('A new code was sent to a***@e***.');
  });
});
