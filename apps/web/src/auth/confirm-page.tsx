import { type FormEvent, useState } from 'react';
import { useClient } from '../client/client-context.js';
import { Link, navigate, useLocation } from '../routing/router.js';
import { useSession } from '../session/session-context.js';
import { ErrorAlert, Notice } from '../ui/error-alert.js';
import { TextField } from '../ui/field.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';

/** Step 2: the code Cognito sent (on the local stack: printed in the terminal), or a new one. */
export function ConfirmPage() {
  const client = useClient();
  const { setNotice } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState(search.get('email') ?? '');
  const [code, setCode] = useState('');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const confirm = useAction(async () => {
    await client.confirmSignUp({ username: email, code: code.trim() });
    setNotice('Your account is confirmed. Sign in to continue.');
    navigate(`/sign-in?email=${encodeURIComponent(email)}`);
  });
  const resend = useAction(async () => {
    setStatus(undefined);
    const delivery = await client.resendConfirmationCode({ username: email });
    setStatus(`A new code was sent${delivery?.destination ? ` to ${delivery.destination}` : ''}.`);
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void confirm.run();
  };
  const error = confirm.error ?? resend.error;
  return (
    <main className="card">
      <PageHeading>Confirm your email</PageHeading>
      <p>We sent a confirmation code to your email address. Enter it below.</p>
      <ErrorAlert message={error?.message} />
      <Notice message={status} />
      <form onSubmit={onSubmit}>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          error={error?.fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Confirmation code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          value={code}
          error={error?.fields.code}
          onChange={(e) => setCode(e.target.value)}
        />
        <div className="actions">
          <button type="submit" disabled={confirm.pending}>
            {confirm.pending ? 'Confirming…' : 'Confirm'}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={resend.pending || email === ''}
            onClick={() => void resend.run()}
          >
            Send a new code
          </button>
        </div>
      </form>
      <p>
        Already confirmed? <Link to="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
