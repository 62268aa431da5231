import type { HostedStep } from '../cognito/hosted-auth.js';
import { completeAuthorization } from './authorize-endpoint.js';
import { SESSION_COOKIE } from './login-sessions.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { redirect, sendHtml } from './oauth-http.js';
import { renderForm, renderLink, renderPage } from './page-layout.js';
import {
  cognitoMessage,
  csrfFor,
  describePool,
  pageAuthorizeRequest,
  pagePath,
  readPageForm,
  usernameField,
} from './page-support.js';
import { answerStep, followStep, isStepAnswer } from './sign-in-steps.js';

/** The sign-in form, with an error or a notice (after a confirmed sign-up or a password reset). */
export async function renderLoginPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  message: { error?: string; notice?: string; username?: string } = {},
): Promise<void> {
  const pool = await describePool(ctx, r.poolId);
  const username = usernameField(pool, message.username ?? '');
  const csrf = csrfFor(ctx, r);
  const body = [
    renderForm(
      pagePath(r, 'login'),
      csrf.token,
      [username, { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' }],
      'Sign in',
    ),
    renderLink(pagePath(r, 'forgotPassword'), 'Forgot your password?'),
    // As AWS's page, no sign-up link in a pool where only administrators create users.
    pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly === true
      ? ''
      : renderLink(pagePath(r, 'signup'), 'Need an account? Sign up'),
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

/**
 * `GET|POST /login`: the managed login sign-in page. The password is checked by the Cognito domain's own
 * sign-in (the same lockout, triggers and messages as the API: `Incorrect username or password.`, `User is not
 * confirmed.`…), then the steps it calls for (a new password, an MFA code: `sign-in-steps.ts`). Success
 * starts a one-hour session (an HttpOnly cookie scoped to the domain's path) and goes back to the app with a
 * code.
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
  if (isStepAnswer(form)) {
    await answerStep(ctx, r, request, form, (error) => renderLoginPage(ctx, r, 400, { error }));
    return;
  }
  const username = form.get('username') ?? '';
  const password = form.get('password') ?? '';
  if (username === '' || password === '') {
    await renderLoginPage(ctx, r, 400, { error: 'Username and password are required.', username });
    return;
  }
  let step: HostedStep;
  try {
    step = await ctx.cognito.hostedAuth.signIn(r.poolId, request.client.clientId, username, password);
  } catch (err) {
    await renderLoginPage(ctx, r, 400, { error: cognitoMessage(err), username });
    return;
  }
  await followStep(ctx, r, request, step);
}
