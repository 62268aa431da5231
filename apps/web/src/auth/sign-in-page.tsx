import { type SignInResult, UserNotConfirmedError } from '@org/client/browser';
import { type FormEvent, useState } from 'react';
import { useClient, useManagedLogin } from '../client/client-context.js';
import { Link, navigate, useLocation } from '../routing/router.js';
import { useSession } from '../session/session-context.js';
import { ErrorAlert, Notice } from '../ui/error-alert.js';
import { TextField } from '../ui/field.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';
import { type PendingSignInStep, SignInStep } from './sign-in-step.js';
import { confirmPath } from './sign-up-page.js';

const EMAIL_FIRST = 'Enter your email address to get a sign-in code.';
const NEW_PASSWORD_MESSAGE = 'This account must set a new password first; ask an administrator to reset it.';

/** The page a finished sign-in opens: `?next=` when it is a path of this app, else the notes. */
export function nextPath(search: URLSearchParams): string {
  const next = search.get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/notes';
}

/**
 * Step 3: sign in with SRP (the password never leaves the browser) or with a code sent by email, then any step
 * Cognito asks for (authenticator code, setting one up, emailed code, a choice); or on the managed login page.
 */
export function SignInPage() {
  const client = useClient();
  const managedLogin = useManagedLogin();
  const { notice, setNotice, signInError, setSignInError } = useSession();
  const { search } = useLocation();
  const [email, setEmail] = useState(search.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [unconfirmed, setUnconfirmed] = useState(false);
  // Each step gets a fresh form (and its heading the focus): the key changes with every step.
  const [step, setStep] = useState<{ readonly step: PendingSignInStep; readonly key: number } | undefined>();

  /** Moves the sign-in on with Cognito's answer; errors end up in `signIn.error` through the action. */
  const follow = async (result: SignInResult): Promise<string | undefined> => {
    if (result.status === 'signed-in') {
      setNotice(undefined);
      setSignInError(undefined);
      navigate(nextPath(search));
      return undefined;
    }
    if (result.status === 'new-password-required') {
      // Only accounts an administrator created ask for a new password; this app does not create those.
      await client.signOut().catch(() => undefined);
      setStep(undefined);
      return NEW_PASSWORD_MESSAGE;
    }
    setStep((current) => ({ step: result, key: (current?.key ?? 0) + 1 }));
    return undefined;
  };
  const start = async (begin: () => Promise<SignInResult>) => {
    setUnconfirmed(false);
    setSignInError(undefined);
    try {
      const refusal = await follow(await begin());
      if (refusal) signIn.setError({ message: refusal, fields: {} });
    } catch (error) {
      if (error instanceof UserNotConfirmedError) setUnconfirmed(true);
      throw error;
    }
  };
  const signIn = useAction(() => start(() => client.signIn({ username: email, password })));
  const emailCode = useAction(async () => {
    if (email.trim() === '') {
      emailCode.setError({ message: EMAIL_FIRST, fields: { email: EMAIL_FIRST } });
      return;
    }
    await start(() => client.signInWithEmailCode({ email }));
  });
  const hosted = useAction(() => client.signInWithRedirect());

  if (step) {
    return (
      <SignInStep
        key={step.key}
        step={step.step}
        password={password}
        onResult={(result) => {
          void follow(result).then((refusal) => {
            if (refusal) signIn.setError({ message: refusal, fields: {} });
          });
        }}
        onRestart={(reason) => {
          setStep(undefined);
          signIn.setError(reason ? { message: reason, fields: {} } : undefined);
        }}
      />
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.run();
  };
  const error = signIn.error ?? emailCode.error ?? hosted.error;
  const message = error?.message ?? signInError;
  const pending = signIn.pending || emailCode.pending || hosted.pending;
  return (
    <main className="card">
      <PageHeading>Sign in</PageHeading>
      {notice && !message && <Notice message={notice} />}
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
          error={error?.fields.email}
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
        <div className="actions">
          <button type="submit" disabled={pending}>
            {signIn.pending ? 'Signing in…' : 'Sign in'}
          </button>
          <button type="button" className="secondary" disabled={pending} onClick={() => void emailCode.run()}>
            {emailCode.pending ? 'Sending a code…' : 'Email me a sign-in code'}
          </button>
        </div>
      </form>
      {managedLogin && (
        <p>
          <button type="button" className="secondary" disabled={pending} onClick={() => void hosted.run()}>
            Sign in with the hosted page
          </button>
        </p>
      )}
      <p>
        New here? <Link to="/sign-up">Create an account</Link>
      </p>
    </main>
  );
}
