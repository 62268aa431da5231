import {
  ChallengeSessionExpiredError,
  NoPendingChallengeError,
  type SignInChallengeOption,
  type SignInResult,
} from '@org/client/browser';
import { type FormEvent, useState } from 'react';
import { useClient } from '../client/client-context.js';
import { describeError } from '../ui/describe-error.js';
import { ErrorAlert } from '../ui/error-alert.js';
import { TextField } from '../ui/field.js';
import { PageHeading } from '../ui/page-heading.js';
import { useAction } from '../ui/use-action.js';
import { TotpSecret } from './totp-secret.js';

/** A sign-in step that waits for the user and that this page answers. */
export type PendingSignInStep = Extract<
  SignInResult,
  { status: 'totp-required' | 'totp-setup-required' | 'email-otp-sent' | 'select-challenge' }
>;

/** The choices this page can answer, in the order offered, with what the user reads. */
const CHOICES: readonly { readonly names: readonly SignInChallengeOption[]; readonly label: string }[] = [
  // SRP first: the password then never leaves the browser.
  { names: ['PASSWORD_SRP', 'PASSWORD'], label: 'My password' },
  { names: ['EMAIL_OTP', 'EMAIL_MFA'], label: 'A code sent to my email' },
  { names: ['SOFTWARE_TOKEN_MFA'], label: 'My authenticator app' },
];

/** The options offered that this page can answer (SMS and passkeys are not), one per choice. */
export function answerableChoices(
  options: readonly SignInChallengeOption[],
): { readonly name: SignInChallengeOption; readonly label: string }[] {
  return CHOICES.flatMap(({ names, label }) => {
    const name = names.find((n) => options.includes(n));
    return name === undefined ? [] : [{ name, label }];
  });
}

const isPassword = (name: string | undefined) => name === 'PASSWORD' || name === 'PASSWORD_SRP';

/**
 * One step of a sign-in after the first form: a code from the authenticator app, setting one up, a code sent by
 * email, or a choice of how to sign in. Each answer yields the next step (`onResult`); a sign-in that ended
 * (waited too long, already used) starts over with the reason (`onRestart`).
 */
export function SignInStep({
  step,
  password,
  onResult,
  onRestart,
}: {
  step: PendingSignInStep;
  /** The password typed on the first form, if any, for a choice that asks for it. */
  password: string;
  onResult: (result: SignInResult) => void;
  onRestart: (reason?: string) => void;
}) {
  const client = useClient();
  const [code, setCode] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const choices = step.status === 'select-challenge' ? answerableChoices(step.options) : [];
  const [choice, setChoice] = useState(choices[0]?.name);
  const [choicePassword, setChoicePassword] = useState(password);
  const answer = useAction(async () => {
    try {
      const result =
        step.status === 'select-challenge'
          ? await client.selectChallenge(choice ?? '', isPassword(choice) ? { password: choicePassword } : {})
          : await client.confirmSignIn({
              code: code.trim(),
              ...(step.status === 'totp-setup-required' && deviceName.trim() !== ''
                ? { deviceName: deviceName.trim() }
                : {}),
            });
      onResult(result);
    } catch (error) {
      if (error instanceof ChallengeSessionExpiredError || error instanceof NoPendingChallengeError) {
        onRestart(describeError(error).message);
        return;
      }
      throw error;
    }
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void answer.run();
  };
  const fields = answer.error?.fields ?? {};
  const startOver = (
    <button type="button" className="secondary" onClick={() => onRestart()}>
      Start over
    </button>
  );

  if (step.status === 'select-challenge') {
    return (
      <main className="card">
        <PageHeading>Choose how to sign in</PageHeading>
        <ErrorAlert
          message={
            answer.error?.message ??
            (choices.length === 0 ? 'None of the ways offered can be used on this page.' : undefined)
          }
        />
        <form onSubmit={onSubmit}>
          <fieldset className="choices">
            <legend>Sign in with</legend>
            {choices.map(({ name, label }) => (
              <label key={name} className="choice">
                <input
                  type="radio"
                  name="challenge"
                  value={name}
                  checked={choice === name}
                  onChange={() => setChoice(name)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {isPassword(choice) && (
            <TextField
              label="Password"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={choicePassword}
              error={fields.password}
              onChange={(e) => setChoicePassword(e.target.value)}
            />
          )}
          <div className="actions">
            <button type="submit" disabled={answer.pending || choice === undefined}>
              {answer.pending ? 'Continuing…' : 'Continue'}
            </button>
            {startOver}
          </div>
        </form>
      </main>
    );
  }

  const emailed = step.status === 'email-otp-sent';
  const heading = emailed
    ? 'Check your email'
    : step.status === 'totp-setup-required'
      ? 'Set up an authenticator app'
      : 'Enter your authenticator code';
  return (
    <main className="card">
      <PageHeading>{heading}</PageHeading>
      <ErrorAlert message={answer.error?.message} />
      {step.status === 'totp-setup-required' && (
        <>
          <p>This account must sign in with a code from an authenticator app as well as the password.</p>
          <TotpSecret secret={step.secret} otpauthUri={step.otpauthUri} />
        </>
      )}
      <form onSubmit={onSubmit}>
        <TextField
          label={emailed ? 'Sign-in code' : 'Authenticator code'}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          hint={
            emailed
              ? `The code we sent to ${step.destination ?? 'your email address'}.`
              : 'The 6-digit code your authenticator app shows now.'
          }
          value={code}
          error={fields.code}
          onChange={(e) => setCode(e.target.value)}
        />
        {step.status === 'totp-setup-required' && (
          <TextField
            label="Device name"
            name="deviceName"
            hint="Optional: a name to recognise the app by, such as Phone."
            value={deviceName}
            onChange={(e) => setDeviceName(e.target.value)}
          />
        )}
        <div className="actions">
          <button type="submit" disabled={answer.pending}>
            {answer.pending ? 'Checking…' : 'Sign in'}
          </button>
          {startOver}
        </div>
      </form>
    </main>
  );
}
