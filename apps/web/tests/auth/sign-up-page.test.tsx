import { PasswordPolicyError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeClient, renderApp } from '../support/fake-client.js';

async function fillSignUp(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Email'), 'ana@example.com');
  await user.type(screen.getByLabelText('Password'), 'correct-horse-battery-staple-42');
  await user.type(screen.getByLabelText('Name'), 'Ana');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
}

describe('the sign-up page', () => {
  it('signs up with the name as an attribute and moves focus to the confirmation step', async () => {
    const fake = fakeClient();
    fake.mocks.signUp.mockResolvedValue({ userConfirmed: false, userSub: 'sub-1', codeDelivery: undefined });
    renderApp(fake, '/sign-up');
    await fillSignUp(userEvent.setup());

    expect(fake.mocks.signUp).toHaveBeenCalledWith({
      email: 'ana@example.com',
      password: 'correct-horse-battery-staple-42',
      attributes: { name: 'Ana' },
    });
    const heading = await screen.findByRole('heading', { level: 1, name: 'Confirm your email' });
    expect(heading).toHaveFocus();
    expect(window.location.pathname + window.location.search).toBe('/confirm?email=ana%40example.com');
    expect(screen.getByLabelText('Email')).toHaveValue('ana@example.com');
  });

  it("announces Cognito's password policy message and marks the Password field", async () => {
    const fake = fakeClient();
    const reason = 'Password did not conform with policy: Password not long enough';
    fake.mocks.signUp.mockRejectedValue(new PasswordPolicyError('InvalidPasswordException', reason));
    renderApp(fake, '/sign-up');
    await fillSignUp(userEvent.setup());

    expect(await screen.findByRole('alert')).toHaveTextContent(reason);
    const password = screen.getByLabelText('Password');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(`At least 12 characters. ${reason}`);
    expect(screen.getByLabelText('Email')).not.toHaveAttribute('aria-invalid');
  });
});
