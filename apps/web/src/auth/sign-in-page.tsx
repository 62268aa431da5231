import { UserNotConfirmedError } from '@org/client/browser';
import { type FormEvent, useState } from 'react';
import { useClient } from '../client/client-context.js';
import { Link, navigate, useLocation } from '../routing/router.js';
import { useSession } from '../session/session-context.js';
import { ErrorAlert, Notice } from '../ui/error-alert.js';
import { TextField } from '../ui/field.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';
import { confirmPath } from './sign-up-page.js';

const NEW_PASSWORD_MESSAGE = 'This account must set a new password first; ask an administrator to reset it.';

/** Step 3: sign in with SRP (the password never leaves the browser). */
export function SignInPage() {
  const client = useClient();
  const { notice, setNotice } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState(search.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [unconfirmed, setUnconfirmed] = useState(false);
  const signIn = useAction(async () => {
    setUnconfirmed(false);
    try {
      const result = await client.signIn({ username: email, password });
      if (result.status !== 'signed-in') {
        // Only accounts an administrator created ask for a new password; this app does not create those.
        await client.signOut().catch(() => undefined);
        const message =
          result.status === 'new-password-required'
            ? NEW_PASSWORD_MESSAGE
            : 'This account signs in with a second step (an authenticator or email code), which this page does not ask for yet.';
        signIn.setError({ message, fields: {} });
        return;
      }
    } catch (error) {
      if (error instanceof UserNotConfirmedError) setUnconfirmed(true);
      throw error;
    }
    setNotice(undefined);
    const next = search.get('next');
    navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/notes');
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.run();
  };
  const message = signIn.error?.message;
  return (
    <main className="card">
      <PageHeading>Sign in</PageHeading>
      {notice && !signIn.error && <Notice message={notice} />}
      <ErrorAlert message={message} />
      {unconfirmed && (
        <p>
          <Link to={confirmPath(email)}>Confirm your account</Link> with the code we sent you.
        </p>
      )}
      <form onSubmit={onSubmit}>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" disabled={signIn.pending}>
          {signIn.pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p>
        New here? <Link to="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
