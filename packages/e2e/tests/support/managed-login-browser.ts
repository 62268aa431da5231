import { createHash, randomBytes } from 'node:crypto';

/** The HTML entities the managed login pages escape in attribute values. */
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

function unescapeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? '');
}

/** A page's form as a browser sees it: where it posts, and the values of its hidden fields (the CSRF one included). */
export interface PageForm {
  action: string;
  hidden: Record<string, string>;
  /** The names of the fields a person fills in (every input that is not hidden). */
  visible: string[];
}

/** Reads the first `<form method="post">` of a page. Throws when there is none. */
export function readForm(html: string, pageUrl: string): PageForm {
  const form = /<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (form?.[1] === undefined || form[2] === undefined) throw new Error('the page has no form');
  const hidden: Record<string, string> = Object.create(null);
  const visible: string[] = [];
  for (const input of form[2].matchAll(/<input\s([^>]*)>/gi)) {
    const attrs = input[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(attrs)?.[1];
    if (name === undefined) continue;
    if (/\btype="hidden"/.test(attrs))
      hidden[unescapeHtml(name)] = unescapeHtml(/\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '');
    else visible.push(unescapeHtml(name));
  }
  return { action: new URL(unescapeHtml(form[1]), pageUrl).href, hidden, visible };
}

/**
 * What a browser does for the managed login: keeps the cookies the domain sets (one origin: the local auth
 * server), follows its redirects itself and stops at the first one that leaves the domain (the app's callback).
 */
export class ManagedLoginBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly domainUrl: string) {}

  /** One request, cookies sent and taken, redirects not followed. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (/;\s*Max-Age=0\b/i.test(line) || /;\s*Expires=Thu, 01 Jan 1970/i.test(line)) {
        this.cookies.delete(pair.slice(0, at));
      } else this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }

  /**
   * Goes to `url` and follows redirects within the domain. Ends on a page of the domain (`page`), or at a
   * redirect out of it (`left`: the app's callback or logout URL, not fetched).
   */
  async open(
    url: string,
    init: RequestInit = {},
  ): Promise<{ page: { url: string; status: number; html: string } } | { left: string }> {
    let current = url;
    let res = await this.request(current, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      if (hops > 10) throw new Error('too many redirects');
      const location = res.headers.get('location');
      if (location === null) throw new Error(`${res.status} without a Location`);
      const next = new URL(location, current).href;
      if (!next.startsWith(`${this.domainUrl}/`)) return { left: next };
      current = next;
      res = await this.request(current);
    }
    return { page: { url: current, status: res.status, html: await res.text() } };
  }

  /** Submits a page's form as a browser does: its hidden fields (CSRF included) plus what the person typed. */
  async submit(
    page: { url: string; html: string },
    typed: Record<string, string>,
  ): ReturnType<ManagedLoginBrowser['open']> {
    const form = readForm(page.html, page.url);
    for (const name of Object.keys(typed)) {
      if (!form.visible.includes(name)) throw new Error(`the form has no field ${name}`);
    }
    return this.open(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form.hidden, ...typed }).toString(),
    });
  }

  /**
   * Opens an authorize URL; on the sign-in page, signs in with the form. Resolves to the URL the domain sent the
   * browser back to (the callback with `code` and `state`, or an `error`).
   */
  async signIn(authorizeUrl: string, user: { email: string; password: string }): Promise<string> {
    const first = await this.open(authorizeUrl);
    if ('left' in first) return first.left;
    if (!first.page.url.includes('/login')) {
      throw new Error(`authorize showed ${first.page.url} (${first.page.status}), not the sign-in page`);
    }
    const after = await this.submit(first.page, { username: user.email, password: user.password });
    if ('left' in after) return after.left;
    throw new Error(`the sign-in page answered ${after.page.status} and did not go back to the app`);
  }
}

/** A PKCE pair (RFC 7636, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** `<domainUrl>/oauth2/authorize?…` for the authorization code grant. */
export function authorizeUrl(domainUrl: string, params: Record<string, string>): string {
  return `${domainUrl}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', ...params })}`;
}

/** `POST <domainUrl>/oauth2/token` with a form (and HTTP Basic when a secret is given). */
export async function tokenRequest(
  domainUrl: string,
  form: Record<string, string>,
  basic?: { clientId: string; clientSecret: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${domainUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(basic
        ? {
            authorization: `Basic ${Buffer.from(`${basic.clientId}:${basic.clientSecret}`).toString('base64')}`,
          }
        : {}),
    },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The claims of a JWT, unverified (the tests read what the server minted). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The tokens of an authorization code grant. */
export interface CodeFlowTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/**
 * The authorization code grant with PKCE as an app does it without a client library: authorize, the sign-in
 * form, then the code exchanged at `/oauth2/token`.
 */
export async function codeFlowTokens(options: {
  domainUrl: string;
  clientId: string;
  redirectUri: string;
  user: { email: string; password: string };
  scope: string;
  browser?: ManagedLoginBrowser;
}): Promise<CodeFlowTokens & { browser: ManagedLoginBrowser }> {
  const { domainUrl, clientId, redirectUri } = options;
  const browser = options.browser ?? new ManagedLoginBrowser(domainUrl);
  const pkce = pkcePair();
  const back = new URL(
    await browser.signIn(
      authorizeUrl(domainUrl, {
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: options.scope,
        state: 'code-flow',
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
      }),
      options.user,
    ),
  );
  const res = await tokenRequest(domainUrl, {
    grant_type: 'authorization_code',
    client_id: clientId,
    code: back.searchParams.get('code') ?? '',
    redirect_uri: redirectUri,
    code_verifier: pkce.verifier,
  });
  if (res.status !== 200) throw new Error(`the token endpoint answered ${res.status}`);
  return {
    browser,
    accessToken: String(res.body.access_token),
    idToken: String(res.body.id_token),
    refreshToken: String(res.body.refresh_token),
  };
}
