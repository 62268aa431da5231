import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CognitoService } from '../cognito/index.js';
import { type EmulatorLogger, silentLogger } from '../logger.js';
import { hostAllowlist } from '../request-guards.js';
import { AuthorizationCodes } from './authorization-codes.js';
import { authorizeEndpoint } from './authorize-endpoint.js';
import { CsrfTokens } from './csrf-token.js';
import { confirmForgotPasswordPage, forgotPasswordPage } from './forgot-password-page.js';
import { loginPage } from './login-page.js';
import { LoginSessions } from './login-sessions.js';
import { logoutEndpoint } from './logout-endpoint.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { corsHeaders, readCookies, sendHtml, sendJson } from './oauth-http.js';
import { renderErrorPage } from './page-layout.js';
import { revokeEndpoint } from './revoke-endpoint.js';
import { confirmUserPage, signUpPage } from './signup-page.js';
import { tokenEndpoint } from './token-endpoint.js';
import { userInfoEndpoint } from './userinfo-endpoint.js';

/** A running OAuth 2.0 server. */
export interface AuthServer {
  /** The base URL; each user pool domain is served at `<url>/<domain>`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface AuthServerOptions {
  cognito: CognitoService;
  /** Default 127.0.0.1. Requests must name a loopback host or this one in `Host`. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  log?: EmulatorLogger;
  /** Clock in ms for codes and sessions. Default Date.now. */
  now?: () => number;
}

type Handler = (ctx: OAuthContext, r: DomainRequest) => Promise<void>;

/** The paths of a domain, as AWS's domain has them. */
const ROUTES: ReadonlyMap<string, Handler> = new Map([
  ['oauth2/authorize', authorizeEndpoint],
  ['oauth2/token', tokenEndpoint],
  ['oauth2/userInfo', userInfoEndpoint],
  ['oauth2/revoke', revokeEndpoint],
  ['logout', logoutEndpoint],
  ['login', loginPage],
  ['signup', signUpPage],
  ['confirmUser', confirmUserPage],
  ['forgotPassword', forgotPasswordPage],
  ['confirmForgotPassword', confirmForgotPasswordPage],
]);

/** The endpoints a web app calls with fetch (CORS): the pages and authorize are navigations. */
const FETCHED = new Set(['oauth2/token', 'oauth2/userInfo', 'oauth2/revoke']);

/**
 * Serves every user pool domain's OAuth 2.0 and OpenID Connect endpoints and managed login pages over HTTP, at
 * `<url>/<domain>/…` (AWS serves them at `https://<prefix>.auth.<region>.amazoncognito.com/…`). The pages are
 * the one part of the emulator made for browsers; like every local server it answers only a `Host` that names
 * this machine, so a page of another site re-pointed at 127.0.0.1 cannot use it.
 */
export async function startAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const allowedHost = hostAllowlist(host);
  const ctx: OAuthContext = {
    cognito: options.cognito,
    codes: new AuthorizationCodes(now),
    sessions: new LoginSessions(now),
    csrf: new CsrfTokens(),
    log,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHost(req.headers.host)) {
      req.resume();
      sendJson(req, res, 403, {
        message: 'Forbidden: the Host header must name this machine (localhost, 127.0.0.1 or [::1]).',
      });
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      req.resume();
      sendJson(req, res, 400, { error: 'invalid_request' });
      return;
    }
    const match = /^\/([a-z0-9.-]{1,253})\/(.+)$/.exec(url.pathname);
    const domain = match?.[1] ?? '';
    const path = match?.[2] ?? '';
    const handler = ROUTES.get(path);
    const poolId = match === null ? undefined : ctx.cognito.hostedAuth.poolOfDomain(domain);
    if (handler === undefined || poolId === undefined) {
      req.resume();
      if (url.pathname === '/' || url.pathname === '/health') {
        sendJson(req, res, 200, { service: 'cognito-auth', status: 'ok' });
        return;
      }
      sendHtml(res, 404, renderErrorPage(`No user pool domain serves ${url.pathname}.`));
      return;
    }
    if (req.method === 'OPTIONS') {
      req.resume();
      res.writeHead(FETCHED.has(path) ? 204 : 403, {
        ...(FETCHED.has(path) ? corsHeaders(req) : {}),
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'authorization, content-type',
        'Access-Control-Max-Age': '86400',
      });
      res.end();
      return;
    }
    await handler(ctx, { req, res, url, domain, poolId, base: `/${domain}`, cookies: readCookies(req) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error(`OAuth request failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      if (!res.headersSent) sendJson(req, res, 500, { error: 'server_error' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const url = `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${port}`;
  // AWS's domains are named hosts; locally each is a path of one origin, so `localhost` is what pages show.
  const publicUrl = reachableHost === '127.0.0.1' ? `http://localhost:${port}` : url;
  options.cognito.hostedAuth.publicUrl = publicUrl;
  return {
    url: publicUrl,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
