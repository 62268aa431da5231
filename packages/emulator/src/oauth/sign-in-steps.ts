import type { HostedChallenge, HostedStep, HostedUser } from '../cognito/hosted-auth.js';
import { completeAuthorization } from './authorize-endpoint.js';
import type { AuthorizeRequest } from './authorize-request.js';
import { SESSION_COOKIE, SESSION_LIFETIME_MS } from './login-sessions.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { cookie, redirect, sendHtml } from './oauth-http.js';
import { type FormField, renderForm, renderPage } from './page-layout.js';
import { cognitoMessage, csrfFor, pagePath } from './page-support.js';

/** The steps after the password that the sign-in page asks for, by the `step` its forms post. */
const STEPS = new Set(['newPassword', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP', 'SELECT_MFA_TYPE']);

/** What a step's page says above its form. */
function stepText(step: Exclude<HostedStep, { kind: 'signedIn' }>): { title: string; notice: string } {
  if (step.kind === 'newPassword') {
    return {
      title: 'Change your password',
      notice: 'Your password is temporary: choose your own to continue.',
    };
  }
  if (step.challenge === 'SELECT_MFA_TYPE') {
    return { title: 'Choose how to verify', notice: 'Choose how you want to prove it is you.' };
  }
  return step.challenge === 'EMAIL_OTP'
    ? { title: 'Enter your code', notice: `We sent a code to ${step.destination ?? 'your email address'}.` }
    : { title: 'Enter your code', notice: 'Enter the code from your authenticator app.' };
}

/** The page of a step: its form posts the step's session back to `/login`. */
function renderStep(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  step: Exclude<HostedStep, { kind: 'signedIn' }>,
  error?: string,
): void {
  const csrf = csrfFor(ctx, r);
  const action = pagePath(r, 'login');
  const kept: FormField[] = [
    {
      name: 'step',
      label: 'Step',
      type: 'hidden',
      value: step.kind === 'newPassword' ? 'newPassword' : step.challenge,
    },
    { name: 'session', label: 'Session', type: 'hidden', value: step.session },
    ...(step.kind === 'mfa' && step.destination !== undefined
      ? [{ name: 'destination', label: 'Destination', type: 'hidden', value: step.destination } as const]
      : []),
  ];
  let body: string;
  if (step.kind === 'newPassword') {
    const field: FormField = {
      name: 'answer',
      label: 'New password',
      type: 'password',
      autocomplete: 'new-password',
    };
    body = renderForm(action, csrf.token, [...kept, field], 'Change password');
  } else if (step.challenge === 'SELECT_MFA_TYPE') {
    const labels: Record<string, string> = { SOFTWARE_TOKEN_MFA: 'Authenticator app', EMAIL_OTP: 'Email' };
    body = (step.options ?? [])
      .map((option) =>
        renderForm(
          action,
          csrf.token,
          [...kept, { name: 'answer', label: 'Answer', type: 'hidden', value: option }],
          labels[option] ?? option,
        ),
      )
      .join('\n');
  } else {
    const field: FormField = {
      name: 'answer',
      label: 'Code',
      type: 'text',
      autocomplete: 'one-time-code',
      inputMode: 'numeric',
    };
    body = renderForm(action, csrf.token, [...kept, field], 'Sign in');
  }
  const text = stepText(step);
  sendHtml(
    r.res,
    status,
    renderPage({ ...text, body, ...(error === undefined ? {} : { error }) }),
    csrf.cookies,
  );
}

/** Starts the managed login session and goes back to the app. */
async function signedIn(ctx: OAuthContext, r: DomainRequest, request: AuthorizeRequest, user: HostedUser) {
  ctx.sessions.end(r.cookies[SESSION_COOKIE]);
  const session = ctx.sessions.start(user);
  redirect(r.res, await completeAuthorization(ctx, request, user), [
    cookie(SESSION_COOKIE, session, r.base, SESSION_LIFETIME_MS / 1000),
  ]);
}

/** Goes on from a step: back to the app once signed in, otherwise the next step's page. */
export async function followStep(
  ctx: OAuthContext,
  r: DomainRequest,
  request: AuthorizeRequest,
  step: HostedStep,
): Promise<void> {
  if (step.kind === 'signedIn') return signedIn(ctx, r, request, step.user);
  renderStep(ctx, r, 200, step);
}

/** Whether a posted form answers a step after the password (rather than the sign-in form itself). */
export function isStepAnswer(form: URLSearchParams): boolean {
  return STEPS.has(form.get('step') ?? '');
}

/**
 * Answers a step: the new password, the MFA factor chosen, or the MFA code. A wrong code keeps the session
 * while attempts remain, and the page asks again; a spent or expired session sends the user back to sign in
 * (`restart`), as the API's answer to it would.
 */
export async function answerStep(
  ctx: OAuthContext,
  r: DomainRequest,
  request: AuthorizeRequest,
  form: URLSearchParams,
  restart: (error: string) => Promise<void>,
): Promise<void> {
  const hosted = ctx.cognito.hostedAuth;
  const name = form.get('step') ?? '';
  const session = form.get('session') ?? '';
  const answer = form.get('answer') ?? '';
  const clientId = request.client.clientId;
  try {
    const next =
      name === 'newPassword'
        ? await hosted.completeNewPassword(r.poolId, clientId, session, answer)
        : await hosted.answerMfa(r.poolId, clientId, name as HostedChallenge, session, answer);
    await followStep(ctx, r, request, next);
  } catch (err) {
    const message = cognitoMessage(err);
    if (name === 'newPassword' || message.startsWith('Invalid session')) return restart(message);
    const destination = form.get('destination') ?? undefined;
    renderStep(
      ctx,
      r,
      400,
      {
        kind: 'mfa',
        challenge: name as HostedChallenge,
        session,
        ...(destination === undefined ? {} : { destination }),
      },
      message,
    );
  }
}
