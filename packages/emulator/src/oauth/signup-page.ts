import type { AuthorizeRequest } from './authorize-request.js';
import { renderLoginPage } from './login-page.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { sendHtml } from './oauth-http.js';
import { type FormField, renderForm, renderLink, renderPage } from './page-layout.js';
import {
  cognitoMessage,
  csrfFor,
  describePool,
  pageAuthorizeRequest,
  pagePath,
  readPageForm,
  secretHash,
} from './page-support.js';

/** What the sign-up form asks, from the pool's description: email as the username or beside it, required attributes. */
async function signUpFields(ctx: OAuthContext, poolId: string): Promise<FormField[]> {
  const pool = await describePool(ctx, poolId);
  const emailIsUsername = pool.UsernameAttributes?.includes('email') === true;
  const required = (pool.SchemaAttributes ?? [])
    .filter((a) => a.Required === true && a.Name !== undefined && a.Name !== 'email' && a.Name !== 'sub')
    .map((a): FormField => ({ name: `attr:${a.Name}`, label: a.Name ?? '', type: 'text' }));
  const emailRequired = (pool.SchemaAttributes ?? []).some((a) => a.Name === 'email' && a.Required === true);
  return [
    ...(emailIsUsername
      ? [{ name: 'username', label: 'Email address', type: 'email', autocomplete: 'email' } as const]
      : [
          { name: 'username', label: 'Username', type: 'text', autocomplete: 'username' } as const,
          {
            name: 'attr:email',
            label: 'Email address',
            type: 'email',
            autocomplete: 'email',
            required: emailRequired,
          } as const,
        ]),
    ...required,
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' },
  ];
}

function renderConfirmPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  username: string,
  message: { error?: string; notice?: string },
): void {
  const csrf = csrfFor(ctx, r);
  const body = [
    renderForm(
      pagePath(r, 'confirmUser'),
      csrf.token,
      [
        { name: 'username', label: 'Username', type: 'hidden', value: username },
        {
          name: 'code',
          label: 'Verification code',
          type: 'text',
          autocomplete: 'one-time-code',
          inputMode: 'numeric',
        },
      ],
      'Confirm account',
    ),
    renderForm(
      pagePath(r, 'confirmUser'),
      csrf.token,
      [
        { name: 'username', label: 'Username', type: 'hidden', value: username },
        { name: 'resend', label: 'Resend', type: 'hidden', value: '1' },
      ],
      'Resend code',
    ),
  ].join('\n');
  sendHtml(r.res, status, renderPage({ title: 'Confirm your account', body, ...message }), csrf.cookies);
}

/** Where the code went, as the page tells it (`Destination` is already masked by Cognito). */
function sentTo(answer: Record<string, unknown>): string {
  const details = answer.CodeDeliveryDetails as { Destination?: string } | undefined;
  return details?.Destination === undefined
    ? 'We sent you a verification code.'
    : `We sent a verification code to ${details.Destination}.`;
}

async function signUp(ctx: OAuthContext, r: DomainRequest, request: AuthorizeRequest, form: URLSearchParams) {
  const fields = await signUpFields(ctx, r.poolId);
  const username = form.get('username') ?? '';
  const attributes = fields
    .filter((f) => f.name.startsWith('attr:') && (form.get(f.name) ?? '') !== '')
    .map((f) => ({ Name: f.name.slice('attr:'.length), Value: form.get(f.name) ?? '' }));
  try {
    const answer = await ctx.cognito.call(
      'SignUp',
      {
        ClientId: request.client.clientId,
        Username: username,
        Password: form.get('password') ?? '',
        UserAttributes: attributes,
        ...secretHash(request.client, username),
      },
      { sigv4: false },
    );
    if (answer.UserConfirmed === true) {
      await renderLoginPage(ctx, r, 200, { notice: 'Your account is ready. Sign in.', username });
      return;
    }
    renderConfirmPage(ctx, r, 200, username, { notice: sentTo(answer) });
  } catch (err) {
    renderSignUpPage(ctx, r, 400, fields, { error: cognitoMessage(err), values: form });
  }
}

function renderSignUpPage(
  ctx: OAuthContext,
  r: DomainRequest,
  status: number,
  fields: FormField[],
  message: { error?: string; values?: URLSearchParams } = {},
): void {
  const csrf = csrfFor(ctx, r);
  const filled = fields.map((f) =>
    f.type === 'password' ? f : { ...f, value: message.values?.get(f.name) ?? '' },
  );
  const body = [
    renderForm(pagePath(r, 'signup'), csrf.token, filled, 'Sign up'),
    renderLink(pagePath(r, 'login'), 'Already have an account? Sign in'),
  ].join('\n');
  sendHtml(
    r.res,
    status,
    renderPage({ title: 'Sign up', body, ...(message.error === undefined ? {} : { error: message.error }) }),
    csrf.cookies,
  );
}

/**
 * `GET|POST /signup`: the sign-up form, through the SignUp operation (its password policy, triggers and
 * messages: `User already exists`, `Password did not conform with policy: …`), then the confirmation page.
 */
export async function signUpPage(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  const request = await pageAuthorizeRequest(ctx, r);
  if (request === undefined) return;
  if (r.req.method !== 'POST') {
    renderSignUpPage(ctx, r, 200, await signUpFields(ctx, r.poolId));
    return;
  }
  const form = await readPageForm(ctx, r);
  if (form !== undefined) await signUp(ctx, r, request, form);
}

/**
 * `POST /confirmUser`: the code of a sign-up (ConfirmSignUp), or a new one (ResendConfirmationCode). A confirmed
 * user signs in on the next page (AWS's page signs them in at once; locally one more form is asked).
 */
export async function confirmUserPage(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  const request = await pageAuthorizeRequest(ctx, r);
  if (request === undefined) return;
  if (r.req.method !== 'POST') {
    renderConfirmPage(ctx, r, 200, r.url.searchParams.get('username') ?? '', {});
    return;
  }
  const form = await readPageForm(ctx, r);
  if (form === undefined) return;
  const username = form.get('username') ?? '';
  const proof = {
    ClientId: request.client.clientId,
    Username: username,
    ...secretHash(request.client, username),
  };
  try {
    if (form.get('resend') === '1') {
      const answer = await ctx.cognito.call('ResendConfirmationCode', proof, { sigv4: false });
      renderConfirmPage(ctx, r, 200, username, { notice: sentTo(answer) });
      return;
    }
    await ctx.cognito.call(
      'ConfirmSignUp',
      { ...proof, ConfirmationCode: form.get('code') ?? '' },
      { sigv4: false },
    );
    await renderLoginPage(ctx, r, 200, { notice: 'Your account is confirmed. Sign in.', username });
  } catch (err) {
    renderConfirmPage(ctx, r, 400, username, { error: cognitoMessage(err) });
  }
}
