import { ChallengeSessionExpiredError, CodeMismatchError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answerableChoices } from '../../src/auth/sign-in-step.js';
import { type FakeClient, fakeClient, renderApp, signsIn } from '../support/fake-client.js';

const PASSWORD = 'correct-horse-battery-staple-42';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Gatehouse:ana%40example.com?secret=${SECRET}&issuer=Gatehouse`;

/** Signs in with the password on the sign-in page, whose answer the test has programmed. */
async function signInWithPassword(fake: FakeClient, answer: unknown) {
  fake.mocks.signIn.mockResolvedValue(answer);
  renderApp(fake, '/sign-in');
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Email'), 'ana@example.com');
  await user.type(screen.getByLabelText('Password'), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

describe('answerableChoices', () => {
  it.each([
    [
      ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP'],
      ['PASSWORD_SRP', 'EMAIL_OTP'],
    ],
    [['PASSWORD', 'WEB_AUTHN'], ['PASSWORD']],
    [['SMS_OTP', 'WEB_AUTHN'], []],
    [
      ['SOFTWARE_TOKEN_MFA', 'EMAIL_MFA', 'SMS_MFA'],
      ['EMAIL_MFA', 'SOFTWARE_TOKEN_MFA'],
    ],
  ])('offers %j as %j (SRP before the plain password, nothing it cannot answer)', (options, names) => {
    expect(answerableChoices(options).map((choice) => choice.name)).toEqual(names);
  });
});

describe('the sign-in steps', () => {
  it('asks for the authenticator code and signs in with it', async () => {
    const fake = fakeClient();
    signsIn(fake, fake.mocks.confirmSignIn);
    const user = await signInWithPassword(fake, { status: 'totp-required' });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Enter your authenticator code' }),
    ).toHaveFocus();
    const code = screen.getByLabelText('Authenticator code');
    expect(code).toHaveAccessibleDescription('The 6-digit code your authenticator app shows now.');
    await user.type(code, ' 123456 ');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(fake.mocks.confirmSignIn).toHaveBeenCalledWith({ code: '123456' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
  });

  it('shows a wrong code next to the field and lets the user try again', async () => {
    const fake = fakeClient();
    fake.mocks.confirmSignIn.mockRejectedValueOnce(
      new CodeMismatchError('CodeMismatchException', 'Invalid code received for user'),
    );
    const user = await signInWithPassword(fake, { status: 'totp-required' });
    const code = await screen.findByLabelText('Authenticator code');
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid code received for user');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription(expect.stringContaining('Invalid code received for user'));

    signsIn(fake, fake.mocks.confirmSignIn);
    await user.clear(code);
    await user.type(code, '654321');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
  });

  it('shows the secret and the otpauth link when the pool requires setting up an app, with the device name', async () => {
    const fake = fakeClient();
    signsIn(fake, fake.mocks.confirmSignIn);
    const user = await signInWithPassword(fake, {
      status: 'totp-setup-required',
      secret: SECRET,
      otpauthUri: URI,
    });

    await screen.findByRole('heading', { level: 1, name: 'Set up an authenticator app' });
    expect(screen.getByText(SECRET)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'open it in your authenticator app' })).toHaveAttribute(
      'href',
      URI,
    );
    await user.type(screen.getByLabelText('Authenticator code'), '123456');
    await user.type(screen.getByLabelText('Device name'), 'Phone');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(fake.mocks.confirmSignIn).toHaveBeenCalledWith({ code: '123456', deviceName: 'Phone' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
  });

  it('asks for the emailed code, naming where it went', async () => {
    const fake = fakeClient();
    signsIn(fake, fake.mocks.confirmSignIn);
    const user = await signInWithPassword(fake, { status: 'email-otp-sent', destination: 'a***@e***' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Check your email' })).toHaveFocus();
    const code = screen.getByLabelText('Sign-in code');
    expect(code).toHaveAccessibleDescription('The code we sent to a***@e***.');
    await user.type(code, '12345678');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.mocks.confirmSignIn).toHaveBeenCalledWith({ code: '12345678' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
  });

  it('lets the user choose an emailed code, then asks for it', async () => {
    const fake = fakeClient();
    fake.mocks.selectChallenge.mockResolvedValue({ status: 'email-otp-sent', destination: 'a***@e***' });
    const user = await signInWithPassword(fake, {
      status: 'select-challenge',
      options: ['PASSWORD', 'PASSWORD_SRP', 'EMAIL_OTP', 'WEB_AUTHN'],
    });

    await screen.findByRole('heading', { level: 1, name: 'Choose how to sign in' });
    const group = screen.getByRole('group', { name: 'Sign in with' });
    expect(group).toBeInTheDocument();
    expect(screen.getAllByRole('radio').map((radio) => radio.getAttribute('value'))).toEqual([
      'PASSWORD_SRP',
      'EMAIL_OTP',
    ]);
    await user.click(screen.getByRole('radio', { name: 'A code sent to my email' }));
    expect(screen.queryByLabelText('Password')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Continue' }));

    expect(fake.mocks.selectChallenge).toHaveBeenCalledWith('EMAIL_OTP', {});
    expect(await screen.findByRole('heading', { level: 1, name: 'Check your email' })).toBeInTheDocument();
  });

  it('answers a password choice with SRP and the password already typed', async () => {
    const fake = fakeClient();
    signsIn(fake, fake.mocks.selectChallenge);
    const user = await signInWithPassword(fake, { status: 'select-challenge', options: ['PASSWORD_SRP'] });
    await screen.findByRole('heading', { level: 1, name: 'Choose how to sign in' });
    expect(screen.getByLabelText('Password')).toHaveValue(PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(fake.mocks.selectChallenge).toHaveBeenCalledWith('PASSWORD_SRP', { password: PASSWORD });
    expect(await screen.findByRole('heading', { level: 1, name: 'Your notes' })).toBeInTheDocument();
  });

  it('says so when none of the offered ways can be answered here', async () => {
    const fake = fakeClient();
    await signInWithPassword(fake, { status: 'select-challenge', options: ['SMS_OTP', 'WEB_AUTHN'] });
    expect(await screen.findByRole('alert')).toHaveTextContent('None of the ways offered can be used');
    expect(screen.getByRole('button', { name: 'Continue' })).toBeDisabled();
  });

  it('starts over with the reason when the sign-in has expired', async () => {
    const fake = fakeClient();
    fake.mocks.confirmSignIn.mockRejectedValue(
      new ChallengeSessionExpiredError(
        'NotAuthorizedException',
        'Invalid session for the user, session is expired.',
      ),
    );
    const user = await signInWithPassword(fake, { status: 'totp-required' });
    await user.type(await screen.findByLabelText('Authenticator code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('This sign-in has expired. Please start again.');
  });

  it('goes back to the first form on Start over', async () => {
    const fake = fakeClient();
    const user = await signInWithPassword(fake, { status: 'totp-required' });
    await screen.findByRole('heading', { level: 1, name: 'Enter your authenticator code' });
    await user.click(screen.getByRole('button', { name: 'Start over' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toHaveFocus();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
