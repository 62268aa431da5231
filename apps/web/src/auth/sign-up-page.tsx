import { type FormEvent, useState } from 'react';
import { useClient } from '../client/client-context.js';
import { Link, navigate } from '../routing/router.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { TextField } from '../ui/field.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';

/** The path of the confirmation step for `email`. */
export const confirmPath = (email: string) => `/confirm?email=${encodeURIComponent(email)}`;

/** Step 1: create an account (email, password, name); Cognito sends a confirmation code. */
export function SignUpPage() {
  const client = useClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [name, setName] = useState('');
  const signUp = useAction(async () => {
    const result = await client.signUp({ email, password, attributes: { name } });
    navigate(result.userConfirmed ? `/sign-in?email=${encodeURIComponent(email)}` : confirmPath(email));
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void signUp.run();
  };
  const fields = signUp.error?.fields ?? {};
  return (
    <main className="card">
      <PageHeading>Create your account</PageHeading>
      <ErrorAlert message={signUp.error?.message} />
      <form onSubmit={onSubmit}>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          error={fields.email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          minLength={12}
          hint="At least 12 characters."
          value={password}
          error={fields.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <TextField
          label="Name"
          name="name"
          autoComplete="name"
          required
          value={name}
          error={fields.name}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={signUp.pending}>
          {signUp.pending ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p>
        Already have an account? <Link to="/sign-in">Sign in</Link>
      </p>
    </main>
  );
}
