import { renderLoginPage } from './login-page.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { sendHtml } from './oauth-http.js';
import { renderForm, renderLink, renderPage } from './page-layout.js';
import {
  cognitoMessage,
  csrfFor,
  describePool,
  pageAuthorizeRequest,
  pagePath,
  readPageForm,
  secretHash,
  usernameField,
} from './page-support.js';

async function renderForgotPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  error?: string,
  username = '',
): Promise<void> {
  const field = usernameField(await describePool(ctx, r.poolId), username);
  const csrf = csrfFor(ctx, r);
  const body = [
    renderForm(pagePath(r, 'forgotPassword'), csrf.token, [field], 'Reset my password'),
    renderLink(pagePath(r, 'login'), 'Back to sign in'),
  ].join('\n');
  sendHtml(
    r.res,
    status,
    renderPage({ title: 'Forgot your password?', body, ...(error === undefined ? {} : { error }) }),
    csrf.cookies,
  );
}

function renderResetPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  username: string,
  message: { error?: string; notice?: string },
): void {
  const csrf = csrfFor(ctx, r);
  const body = renderForm(
    pagePath(r, 'confirmForgotPassword'),
    csrf.token,
    [
      { name: 'username', label: 'Username', type: 'hidden', value: username },
      { name: 'code', label: 'Code', type: 'text', autocomplete: 'one-time-code', inputMode: 'numeric' },
      { name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password' },
    ],
    'Change password',
  );
  sendHtml(r.res, status, renderPage({ title: 'Reset your password', body, ...message }), csrf.cookies);
}

/** `GET|POST /forgotPassword`: asks for a reset code through the ForgotPassword operation. */
export async function forgotPasswordPage(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  const request = await pageAuthorizeRequest(ctx, r);
  if (request === undefined) return;
  if (r.req.method !== 'POST') return await renderForgotPage(ctx, r, 200);
  const form = await readPageForm(ctx, r);
  if (form === undefined) return;
  const username = form.get('username') ?? '';
  try {
    const answer = await ctx.cognito.call(
      'ForgotPassword',
      { ClientId: request.client.clientId, Username: username, ...secretHash(request.client, username) },
      { sigv4: false },
    );
    const destination = (answer.CodeDeliveryDetails as { Destination?: string } | undefined)?.Destination;
    renderResetPage(ctx, r, 200, username, {
      notice: destination === undefined ? 'We sent you a code.' : `We sent a code to ${destination}.`,
    });
  } catch (err) {
    await renderForgotPage(ctx, r, 400, cognitoMessage(err), username);
  }
}

/** `GET|POST /confirmForgotPassword`: the code and the new password, through ConfirmForgotPassword. */
export async function confirmForgotPasswordPage(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  const request = await pageAuthorizeRequest(ctx, r);
  if (request === undefined) return;
  if (r.req.method !== 'POST') {
    return renderResetPage(ctx, r, 200, r.url.searchParams.get('username') ?? '', {});
  }
  const form = await readPageForm(ctx, r);
  if (form === undefined) return;
  const username = form.get('username') ?? '';
  try {
    await ctx.cognito.call(
      'ConfirmForgotPassword',
      {
        ClientId: request.client.clientId,
        Username: username,
        ConfirmationCode: form.get('code') ?? '',
        Password: form.get('password') ?? '',
        ...secretHash(request.client, username),
      },
      { sigv4: false },
    );
    await renderLoginPage(ctx, r, 200, { notice: 'Your password has been reset. Sign in.', username });
  } catch (err) {
    renderResetPage(ctx, r, 400, username, { error: cognitoMessage(err) });
  }
}
