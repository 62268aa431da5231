import type { HostedUser } from '../cognito/hosted-auth.js';
import { completeAuthorization } from './authorize-endpoint.js';
import type { AuthorizeRequest } from './authorize-request.js';
import { SESSION_COOKIE, SESSION_LIFETIME_MS } from './login-sessions.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { cookie, redirect, sendHtml } from './oauth-http.js';
import { renderForm, renderLink, renderPage } from './page-layout.js';
import {
  cognitoMessage,
  csrfFor,
  pageAuthorizeRequest,
  pagePath,
  readPageForm,
  usernameField,
} from './page-support.js';

/** The sign-in form, with an error or a notice (after a confirmed sign-up or a password reset). */
export async function renderLoginPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  message: { error?: string; notice?: string; username?: string } = {},
): Promise<void> {
  const username = await usernameField(ctx, r.poolId, message.username ?? '');
  const csrf = csrfFor(ctx, r);
  const body = [
    renderForm(
      pagePath(r, 'login'),
      csrf.token,
      [username, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }],
      'Sign in',
    ),
    renderLink(pagePath(r, 'forgotPassword'), 'Forgot your password?'),
    renderLink(pagePath(r, 'signup'), 'Need an account? Sign up'),
  ].join('\n');
  sendHtml(
    r.res,
    status,
    renderPage({
      title: 'Sign in',
      body,
      ...(message.error === undefined ? {} : { error: message.error }),
      ...(message.notice === undefined ? {} : { notice: message.notice }),
    }),
    csrf.cookies,
  );
}

/** The form of a user who signed in with a temporary password: their own password, for the challenge's session. */
function renderNewPasswordPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  session: string,
  error?: string,
) {
  const csrf = csrfFor(ctx, r);
  const body = renderForm(
    pagePath(r, 'login'),
    csrf.token,
    [
      { name: 'session', label: 'Session', type: 'hidden', value: session },
      { name: 'newPassword', label: 'New password', type: 'password', autocomplete: 'new-password' },
    ],
    'Change password',
  );
  sendHtml(
    r.res,
    status,
    renderPage({
      title: 'Change your password',
      notice: 'Your password is temporary: choose your own to continue.',
      body,
      ...(error === undefined ? {} : { error }),
    }),
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

/**
 * `GET|POST /login`: the managed login sign-in page. The password is checked by the Cognito domain's own
 * sign-in (the same lockout, triggers and messages as the API: `Incorrect username or password.`, `User is not
 * confirmed.`…). Success starts a one-hour session (an HttpOnly cookie scoped to the domain's path) and goes
 * back to the app with a code.
 */
export async function loginPage(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  const request = await pageAuthorizeRequest(ctx, r);
  if (request === undefined) return;
  if (r.req.method !== 'POST') {
    const session = ctx.sessions.find(r.cookies[SESSION_COOKIE], r.poolId);
    if (
      session !== undefined &&
      request.prompt !== 'login' &&
      ctx.cognito.hostedAuth.stillSignedIn(session)
    ) {
      redirect(r.res, await completeAuthorization(ctx, request, session));
      return;
    }
    await renderLoginPage(ctx, r, 200);
    return;
  }
  const form = await readPageForm(ctx, r);
  if (form === undefined) return;
  const hosted = ctx.cognito.hostedAuth;
  const challenge = form.get('session');
  if (challenge !== null) {
    try {
      const user = await hosted.completeNewPassword(
        r.poolId,
        request.client.clientId,
        challenge,
        form.get('newPassword') ?? '',
      );
      return signedIn(ctx, r, request, user);
    } catch (err) {
      // The challenge is spent by any answer, as RespondToAuthChallenge's is: the user signs in again.
      return await renderLoginPage(ctx, r, 400, { error: cognitoMessage(err) });
    }
  }
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  if (username === '' || password === '') {
    await renderLoginPage(ctx, r, 400, { error: 'Username and password are required.', username });
    return;
  }
  let outcome: Awaited<ReturnType<typeof hosted.signIn>>;
  try {
    outcome = await hosted.signIn(r.poolId, request.client.clientId, username, password);
  } catch (err) {
    await renderLoginPage(ctx, r, 400, { error: cognitoMessage(err), username });
    return;
  }
  if ('newPasswordSession' in outcome) {
    renderNewPasswordPage(ctx, r, 200, outcome.newPasswordSession);
    return;
  }
  await signedIn(ctx, r, request, outcome);
}
