import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeJwt } from './fake-jwt.js';

/**
 * The user pool domain's token endpoint at the HTTP edge, on 127.0.0.1: it speaks `/oauth2/token`'s wire format
 * (form-encoded grants, HTTP Basic or form client authentication, `{"error":…}` answers) for the grants the
 * client uses. The managed login page itself is `authorize()`, which issues a code as the page would after a
 * sign-in. The emulator's real endpoints are tested end to end in packages/e2e.
 */
export const PREFIX = 'gatehouse-test';
const ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1';

export interface TokenRequestRecord {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly form: Record<string, string>;
}

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string | undefined;
  readonly scope: string;
}

export interface ServiceClientRecord {
  readonly secret: string;
  readonly scopes: readonly string[];
}

export class FakeOAuthServer {
  readonly requests: TokenRequestRecord[] = [];
  readonly codes = new Map<string, IssuedCode>();
  /** Confidential clients allowed the client-credentials grant. */
  readonly serviceClients = new Map<string, ServiceClientRecord>();
  /** Public clients allowed the authorization-code grant. */
  readonly publicClients = new Set<string>();
  /** Lifetime of issued access tokens, in seconds. */
  expiresIn = 3600;
  /** Puts another nonce into the next ID tokens (a token not issued for the sign-in). */
  nonceOverride: string | undefined;
  /** Puts another audience into the next ID tokens (a token issued for another app client). */
  audienceOverride: string | undefined;
  /** Answers every token request with this instead (status, JSON or raw body). */
  forcedAnswer: { status: number; body: unknown } | undefined;
  /** Holds token answers until released (to test that concurrent callers share one request). */
  #gate: Promise<void> | undefined;
  #arrived: (() => void) | undefined;
  #server: Server | undefined;
  #issued = 0;

  /** The domain URL, laid out as the local stack lays it out: `http://<host>:<port>/<prefix>`. */
  domainUrl = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      void this.#handle(req, res);
    });
    await new Promise<void>((resolve) => this.#server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.domainUrl = `http://127.0.0.1:${port}/${PREFIX}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }

  /** How many access tokens the endpoint has issued. */
  get issued(): number {
    return this.#issued;
  }

  hold(): { arrived: Promise<void>; release: () => void } {
    let release: () => void = () => {};
    this.#gate = new Promise((resolve) => {
      release = () => {
        this.#gate = undefined;
        resolve();
      };
    });
    const arrived = new Promise<void>((resolve) => {
      this.#arrived = resolve;
    });
    return { arrived, release };
  }

  /**
   * What the managed login page does once the user has signed in: checks the authorize request and returns the
   * URL the browser is sent back to, with `code` and `state`.
   */
  authorize(authorizeUrl: string): string {
    const url = new URL(authorizeUrl);
    const params = url.searchParams;
    const redirectUri = params.get('redirect_uri') ?? '';
    const back = new URL(redirectUri);
    if (url.pathname !== `/${PREFIX}/oauth2/authorize` || params.get('response_type') !== 'code') {
      throw new Error(`not an authorization request: ${url.pathname}`);
    }
    if (params.get('code_challenge_method') !== 'S256') throw new Error('PKCE S256 expected');
    const code = randomUUID();
    this.codes.set(code, {
      clientId: params.get('client_id') ?? '',
      redirectUri,
      challenge: params.get('code_challenge') ?? '',
      nonce: params.get('nonce') ?? undefined,
      scope: params.get('scope') ?? '',
    });
    back.searchParams.set('code', code);
    back.searchParams.set('state', params.get('state') ?? '');
    return back.href;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    this.requests.push({
      path,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      form,
    });
    this.#arrived?.();
    await this.#gate;
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    if (this.forcedAnswer) return send(this.forcedAnswer.status, this.forcedAnswer.body);
    if (req.method !== 'POST' || path !== `/${PREFIX}/oauth2/token`) return send(404, { error: 'not_found' });
    const { status, body } = this.#grant(form, req.headers.authorization);
    send(status, body);
  }

  #grant(form: Record<string, string>, authorization: string | undefined): { status: number; body: unknown } {
    const fail = (status: number, error: string) => ({ status, body: { error } });
    switch (form.grant_type) {
      case undefined:
        return fail(400, 'invalid_request');
      case 'authorization_code': {
        const issued = this.codes.get(form.code ?? '');
        this.codes.delete(form.code ?? '');
        if (!issued || issued.clientId !== form.client_id || issued.redirectUri !== form.redirect_uri) {
          return fail(400, 'invalid_grant');
        }
        const challenge = createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest('base64url');
        if (challenge !== issued.challenge) return fail(400, 'invalid_grant');
        return { status: 200, body: this.#tokens(issued.clientId, issued.scope, issued.nonce) };
      }
      case 'client_credentials': {
        const [id, secret] = Buffer.from((authorization ?? '').replace(/^Basic /, ''), 'base64')
          .toString()
          .split(':');
        const client = this.serviceClients.get(decodeURIComponent(id ?? ''));
        if (this.publicClients.has(decodeURIComponent(id ?? ''))) return fail(400, 'unauthorized_client');
        if (!client || client.secret !== decodeURIComponent(secret ?? '')) return fail(401, 'invalid_client');
        const scopes = (form.scope ?? client.scopes.join(' ')).split(' ');
        if (scopes.some((scope) => !client.scopes.includes(scope))) return fail(400, 'invalid_scope');
        this.#issued += 1;
        return {
          status: 200,
          body: {
            access_token: fakeJwt({
              sub: id,
              client_id: id,
              token_use: 'access',
              scope: scopes.join(' '),
              n: this.#issued,
            }),
            token_type: 'Bearer',
            expires_in: this.expiresIn,
          },
        };
      }
      default:
        return fail(400, 'unsupported_grant_type');
    }
  }

  #tokens(clientId: string, scope: string, nonce: string | undefined) {
    const iat = Math.floor(Date.now() / 1000);
    const sub = randomUUID();
    const common = { sub, iss: ISSUER, iat, exp: iat + this.expiresIn, auth_time: iat, jti: randomUUID() };
    this.#issued += 1;
    return {
      access_token: fakeJwt({
        ...common,
        token_use: 'access',
        client_id: clientId,
        scope,
        username: sub,
        version: 2,
      }),
      id_token: fakeJwt({
        ...common,
        token_use: 'id',
        aud: this.audienceOverride ?? clientId,
        'cognito:username': sub,
        email: 'ana@example.com',
        email_verified: true,
        ...(nonce ? { nonce: this.nonceOverride ?? nonce } : {}),
      }),
      refresh_token: `refresh-${randomUUID()}`,
      token_type: 'Bearer',
      expires_in: this.expiresIn,
    };
  }
}
