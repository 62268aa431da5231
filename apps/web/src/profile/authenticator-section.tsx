import type { TotpSetup } from '@org/client/browser';
import { type FormEvent, useId, useState } from 'react';
import { TotpSecret } from '../auth/totp-secret.js';
import { useClient } from '../client/client-context.js';
import { ErrorAlert, Notice } from '../ui/error-alert.js';
import { TextField } from '../ui/field.js';
import { useAction } from '../ui/use-action.js';

const TURNED_ON = 'Your authenticator app is set up: signing in now asks for its code.';
const TURNED_OFF = 'Signing in no longer asks for a code from an authenticator app.';

/**
 * Two-step sign-in with an authenticator app (TOTP): add one (a new secret, then a code from the app proves it
 * was added, then it becomes the preferred second step) or turn it off.
 */
export function AuthenticatorSection() {
  const client = useClient();
  const headingId = useId();
  const [setup, setSetup] = useState<TotpSetup | undefined>(undefined);
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const begin = useAction(async () => {
    setStatus(undefined);
    setCode('');
    setSetup(await client.setUpTotp());
  });
  const verify = useAction(async () => {
    const name = deviceName.trim();
    await client.verifyTotp({ code: code.trim(), ...(name === '' ? {} : { deviceName: name }) });
    await client.setMfaPreference({ totp: 'preferred' });
    setSetup(undefined);
    setStatus(TURNED_ON);
  });
  const turnOff = useAction(async () => {
    setStatus(undefined);
    await client.setMfaPreference({ totp: 'disabled' });
    setSetup(undefined);
    setStatus(TURNED_OFF);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void verify.run();
  };
  const error = begin.error ?? verify.error ?? turnOff.error;
  const pending = begin.pending || verify.pending || turnOff.pending;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Authenticator app</h2>
      <p>With an authenticator app, signing in also asks for the code it shows.</p>
      <ErrorAlert message={error?.message} />
      <Notice message={status} />
      {setup ? (
        <form onSubmit={onSubmit}>
          <TotpSecret secret={setup.secret} otpauthUri={setup.otpauthUri} />
          <TextField
            label="Authenticator code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            hint="The 6-digit code the app shows for this account."
            value={code}
            error={verify.error?.fields.code}
            onChange={(e) => setCode(e.target.value)}
          />
          <TextField
            label="Device name"
            name="deviceName"
            hint="Optional: a name to recognise the app by, such as Phone."
            value={deviceName}
            onChange={(e) => setDeviceName(e.target.value)}
          />
          <div className="actions">
            <button type="submit" disabled={pending}>
              {verify.pending ? 'Checking…' : 'Verify and turn on'}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={pending}
              onClick={() => setSetup(undefined)}
            >
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" disabled={pending} onClick={() => void begin.run()}>
            {begin.pending ? 'Preparing…' : 'Add an authenticator app'}
          </button>
          <button type="button" className="secondary" disabled={pending} onClick={() => void turnOff.run()}>
            Turn off the authenticator app
          </button>
        </div>
      )}
    </section>
  );
}
