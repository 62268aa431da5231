import { CodeMismatchError, SoftwareTokenMfaNotFoundError } from '@org/client/browser';
import { screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type FakeClient, fakeClient, renderApp, testUser } from '../support/fake-client.js';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Gatehouse:ana%40example.com?secret=${SECRET}&issuer=Gatehouse`;

function profileClient(): FakeClient {
  const fake = fakeClient(testUser());
  fake.mocks.meGet.mockResolvedValue({
    sub: 's',
    username: 'u',
    email: 'ana@example.com',
    groups: [],
    displayName: 'Ana',
    role: 'member',
  });
  fake.mocks.setUpTotp.mockResolvedValue({ secret: SECRET, otpauthUri: URI });
  return fake;
}

async function startSetUp(fake: FakeClient) {
  renderApp(fake, '/profile');
  const user = userEvent.setup();
  await screen.findByRole('heading', { level: 2, name: 'Authenticator app' });
  await user.click(screen.getByRole('button', { name: 'Add an authenticator app' }));
  await screen.findByText(SECRET);
  return user;
}

describe('the authenticator app on the profile page', () => {
  it('adds one: secret and link, a code from the app, then preferred for sign-in', async () => {
    const fake = profileClient();
    const user = await startSetUp(fake);

    expect(screen.getByRole('link', { name: 'open it in your authenticator app' })).toHaveAttribute(
      'href',
      URI,
    );
    await user.type(screen.getByLabelText('Authenticator code'), '123456');
    await user.type(screen.getByLabelText('Device name'), 'Phone');
    await user.click(screen.getByRole('button', { name: 'Verify and turn on' }));

    expect(await screen.findByRole('status')).toHaveTextContent('Your authenticator app is set up');
    expect(fake.mocks.verifyTotp).toHaveBeenCalledWith({ code: '123456', deviceName: 'Phone' });
    expect(fake.mocks.setMfaPreference).toHaveBeenCalledWith({ totp: 'preferred' });
    expect(fake.mocks.verifyTotp.mock.invocationCallOrder[0]).toBeLessThan(
      fake.mocks.setMfaPreference.mock.invocationCallOrder[0] ?? 0,
    );
    expect(screen.queryByText(SECRET)).toBeNull();
  });

  it('keeps the secret on screen and marks the code when it is wrong; nothing is turned on', async () => {
    const fake = profileClient();
    fake.mocks.verifyTotp.mockRejectedValue(
      new CodeMismatchError(
        'EnableSoftwareTokenMFAException',
        'Code mismatch and fail enable Software Token MFA',
      ),
    );
    const user = await startSetUp(fake);
    const code = screen.getByLabelText('Authenticator code');
    await user.type(code, '000000');
    await user.click(screen.getByRole('button', { name: 'Verify and turn on' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Code mismatch');
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(SECRET)).toBeInTheDocument();
    expect(fake.mocks.setMfaPreference).not.toHaveBeenCalled();
  });

  it('turns it off', async () => {
    const fake = profileClient();
    renderApp(fake, '/profile');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Turn off the authenticator app' }));
    expect(await screen.findByRole('status')).toHaveTextContent('no longer asks for a code');
    expect(fake.mocks.setMfaPreference).toHaveBeenCalledWith({ totp: 'disabled' });
  });

  it('shows why it cannot be turned off', async () => {
    const fake = profileClient();
    fake.mocks.setMfaPreference.mockRejectedValue(
      new SoftwareTokenMfaNotFoundError(
        'SoftwareTokenMFANotFoundException',
        'Software Token MFA has not been enabled by the user.',
      ),
    );
    renderApp(fake, '/profile');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Turn off the authenticator app' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Software Token MFA has not been enabled');
  });
});
