import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest form body the endpoints and pages read (a sign-up form is far smaller). */
export const MAX_FORM_BYTES = 16 * 1024;

/** A request the server refuses before its endpoint runs (body too large, unreadable). */
export class FormBodyError extends Error {
  override readonly name = 'FormBodyError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Whether the request's content type is `application/x-www-form-urlencoded` (parameters allowed). */
export function isFormEncoded(req: IncomingMessage): boolean {
  const type = req.headers['content-type'] ?? '';
  return type.split(';')[0]?.trim().toLowerCase() === 'application/x-www-form-urlencoded';
}

/** Reads a form-encoded body, at most {@link MAX_FORM_BYTES}. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new FormBodyError('Request body too large', 413);
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** The request's cookies by name (a null-prototype map: names come from outside). */
export function readCookies(req: IncomingMessage): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!(name in out)) out[name] = part.slice(at + 1).trim();
  }
  return out;
}

/** A `Set-Cookie` value: HttpOnly, SameSite=Lax, scoped to the domain's path. `maxAge` 0 clears it. */
export function cookie(name: string, value: string, path: string, maxAge: number): string {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`;
}

/** Headers of every answer: never cached, never framed, never sniffed. */
const BASE_HEADERS = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
} as const;

/**
 * CORS for the endpoints a web app calls from the browser (token, userInfo, revoke), as AWS allows them: any
 * origin may read the answer, without cookies. The pages and authorize are navigations, not fetches.
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** Answers JSON (the token, userInfo and revoke endpoints). */
export function sendJson(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    ...corsHeaders(req),
    ...(text === '' ? {} : { 'Content-Type': 'application/json;charset=UTF-8' }),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Answers an HTML page (managed login), with a policy that allows nothing but its inline style. */
export function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  cookies: readonly string[] = [],
): void {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    // No form-action: a sign-in's answer redirects to the app's callback, which form-action would block.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'X-Frame-Options': 'DENY',
    ...(cookies.length === 0 ? {} : { 'Set-Cookie': [...cookies] }),
  });
  res.end(html);
}

/** A 302 to `location` (setting cookies if given). */
export function redirect(res: ServerResponse, location: string, cookies: readonly string[] = []): void {
  res.writeHead(302, {
    ...BASE_HEADERS,
    Location: location,
    'Content-Length': 0,
    ...(cookies.length === 0 ? {} : { 'Set-Cookie': [...cookies] }),
  });
  res.end();
}

/** `url` with `params` added to its query (or, for the implicit grant, its fragment). */
export function withParams(url: string, params: Record<string, string>, inFragment = false): string {
  const query = new URLSearchParams(params).toString();
  if (inFragment) return `${url.split('#')[0]}#${query}`;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
