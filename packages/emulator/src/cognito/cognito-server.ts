import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EmulatorLogger, silentLogger } from '../logger.js';
import { hostAllowlist, isBrowserRequest } from '../request-guards.js';
import { CognitoError } from './cognito-error.js';
import { corsHeaders, JSON_11, mayReadOutbox, send, sendError } from './cognito-http.js';
import { describeOutboxMessage } from './cognito-outbox.js';
import type { CognitoService } from './cognito-service.js';
import { HttpFault, readBody } from './request-body.js';
import { parseSigV4Authorization } from './sigv4-authorization.js';
import { type LocalCredentials, SigV4Verifier } from './sigv4-verifier.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const OUTBOX_PATH = '/_local/outbox';

/**
 * Headers browser SDKs send on the public operations (amazon-cognito-identity-js, Amplify v6, AWS SDK v3),
 * allowed by the CORS preflight. `authorization` and `x-amz-security-token` are not: none of these SDKs signs
 * a public operation (they are `authtype: none`; SDK v3 resolves them to `smithy.api#noAuth`), and a signed
 * call from a page is exactly what must not reach the IAM operations.
 */
const ALLOWED_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'cache-control',
  'x-amz-date',
  'x-amz-content-sha256',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(', ');

/**
 * The endpoints of the pool's domain on the local OAuth 2.0 server, for the discovery document (AWS lists
 * them at the pool's domain); none while the pool has no domain or no OAuth server runs.
 */
function oauthEndpoints(service: CognitoService, poolId: string): Record<string, string> {
  const base = service.hostedAuth.publicUrl;
  const domain = service.hostedAuth.domainOfPool(poolId);
  if (base === undefined || domain === undefined) return {};
  const at = `${base}/${domain}`;
  return {
    authorization_endpoint: `${at}/oauth2/authorize`,
    token_endpoint: `${at}/oauth2/token`,
    userinfo_endpoint: `${at}/oauth2/userInfo`,
    revocation_endpoint: `${at}/oauth2/revoke`,
  };
}

/** A running Cognito endpoint. */
export interface CognitoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Options of {@link startCognitoServer}. */
export interface CognitoServerOptions {
  service: CognitoService;
  /**
   * Default 127.0.0.1. Any other address exposes the endpoint to the network (announced loudly). Requests must
   * name a loopback host or this one in `Host`.
   */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Where outbox messages and server faults are written. */
  log?: EmulatorLogger;
  /**
   * Strict mode: IAM operations must be signed (SigV4) with one of these keys. Without them any access key is
   * accepted, as long as the `Authorization` header is a well-formed SigV4 one.
   */
  credentials?: readonly LocalCredentials[];
  /** Clock in ms, for the strict mode's five-minute window. Default Date.now. */
  now?: () => number;
}

/**
 * Serves a {@link CognitoService} over HTTP: `POST /` (AWS JSON 1.1, what every AWS SDK speaks), CORS for
 * browsers on the public operations, `GET /<poolId>/.well-known/jwks.json` and `/openid-configuration`, and the
 * local-only `GET /_local/outbox?userPoolId=&username=`. IAM operations need a SigV4 `Authorization` header
 * (well-formed, or verified against `credentials` in strict mode) and are refused to web pages; every endpoint
 * refuses a `Host` that does not name this machine.
 */
export async function startCognitoServer(options: CognitoServerOptions): Promise<CognitoServer> {
  const { service } = options;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;
  const now = options.now ?? Date.now;
  const verifier = new SigV4Verifier(options.credentials);
  const allowedHost = hostAllowlist(host);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    if (!allowedHost(req.headers.host)) {
      // Every endpoint, preflights included. Not an AWS situation: a plain 403 without CORS that names the
      // rule, with the type in x-amzn-ErrorType so AWS SDKs still read a code. The request is not read.
      req.resume();
      send(
        req,
        res,
        403,
        {
          message:
            'Forbidden: the Host header must name this machine (localhost, 127.0.0.1 or [::1]) or the address the local Cognito listens on.',
        },
        requestId,
        { 'x-amzn-ErrorType': 'AccessDeniedException:', Connection: 'close' },
        'application/json',
        false,
      );
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      send(req, res, 400, { message: 'Malformed request path' }, requestId, {}, 'application/json');
      return;
    }
    const outbox = url.pathname === OUTBOX_PATH;
    if (req.method === 'OPTIONS') {
      if (outbox) {
        // No preflight grant: the outbox is for this machine's tools, not for other sites' scripts.
        send(req, res, 403, { message: 'Forbidden' }, requestId, {}, 'application/json', false);
        return;
      }
      res.writeHead(204, {
        ...corsHeaders(req),
        'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '86400',
        'x-amzn-RequestId': requestId,
      });
      res.end();
      return;
    }
    if (req.method === 'GET') {
      const wellKnown = /^\/([\w-]+_[0-9a-zA-Z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(
        url.pathname,
      );
      if (wellKnown !== null) {
        const [, poolId = '', doc] = wellKnown;
        if (!service.hasPool(poolId)) {
          send(
            req,
            res,
            404,
            { message: `User pool ${poolId} does not exist.` },
            requestId,
            {},
            'application/json',
          );
          return;
        }
        if (doc === 'jwks.json') {
          send(req, res, 200, service.jwks(poolId), requestId, {}, 'application/json');
          return;
        }
        const issuer = service.issuer(poolId);
        send(
          req,
          res,
          200,
          {
            issuer,
            ...oauthEndpoints(service, poolId),
            // The keys are served here whichever issuer the tokens carry.
            jwks_uri: `${service.publicUrl ?? ''}/${poolId}/.well-known/jwks.json`,
            response_types_supported: ['code', 'token'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: ['openid', 'email', 'phone', 'profile'],
            token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
            claims_supported: [
              'sub',
              'email',
              'email_verified',
              'phone_number',
              'phone_number_verified',
              'cognito:username',
              'cognito:groups',
            ],
          },
          requestId,
          {},
          'application/json',
        );
        return;
      }
      if (outbox) {
        if (!mayReadOutbox(req)) {
          send(req, res, 403, { message: 'Forbidden' }, requestId, {}, 'application/json', false);
          return;
        }
        const userPoolId = url.searchParams.get('userPoolId') ?? undefined;
        const username = url.searchParams.get('username') ?? undefined;
        const messages = service.outbox.list({
          ...(userPoolId === undefined ? {} : { userPoolId }),
          ...(username === undefined ? {} : { username }),
        });
        send(req, res, 200, { messages }, requestId, {}, 'application/json', false);
        return;
      }
      if (url.pathname === '/' || url.pathname === '/health') {
        send(req, res, 200, { service: 'cognito-idp', status: 'ok' }, requestId, {}, 'application/json');
        return;
      }
      send(req, res, 404, { message: 'Not Found' }, requestId, {}, 'application/json');
      return;
    }
    if (req.method !== 'POST' || url.pathname !== '/') {
      sendError(req, res, requestId, {
        status: 404,
        type: 'UnknownOperationException',
        message: `No route for ${req.method} ${url.pathname}`,
      });
      return;
    }
    // Answers to IAM operations never carry CORS headers: no page may read them, whatever they say.
    const target = req.headers['x-amz-target'];
    const operation =
      typeof target === 'string' && target.startsWith(TARGET_PREFIX)
        ? target.slice(TARGET_PREFIX.length)
        : '';
    const iam = service.operationAuth(operation) === 'sigv4';
    const cors = !iam;
    try {
      const raw = await readBody(req);
      if (operation === '') {
        throw new HttpFault(
          'UnknownOperationException',
          `Missing or unknown X-Amz-Target header (expected ${TARGET_PREFIX}<Operation>)`,
        );
      }
      if (iam && isBrowserRequest(req)) {
        // On AWS a page holding IAM credentials could call these; locally any signature passes in the default
        // mode, so a page must not get that far. 403 AccessDeniedException (the AWS name for a refused caller)
        // rather than a signature error, which would send a developer hunting for a signing bug.
        throw new HttpFault(
          'AccessDeniedException',
          `${operation} is an IAM-authenticated operation: the local Cognito refuses it from a web page (the request has an Origin or a cross-site Sec-Fetch-Site header). Call it from a server or a script.`,
          403,
        );
      }
      let input: unknown;
      try {
        const text = raw.toString('utf8');
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new HttpFault('SerializationException', 'Request body is not valid JSON.');
      }
      if (iam) {
        const authorization = parseSigV4Authorization(req.headers, {
          region: service.region,
          service: 'cognito-idp',
          ...(verifier.strict ? { now: now() } : {}),
        });
        verifier.verify(
          { method: req.method, url: req.url ?? '/', headers: req.headersDistinct, body: raw },
          authorization,
        );
      }
      // Public operations ignore an Authorization header: no browser SDK sends one, and the tokens, codes or
      // passwords in their input are what authenticates them.
      const output = await service.call(operation, input, { sigv4: iam });
      send(req, res, 200, output, requestId, {}, JSON_11, cors);
    } catch (err) {
      if (err instanceof HttpFault) {
        // After an oversized body the connection is closed: what is left of the body is not read.
        sendError(req, res, requestId, err, {
          headers: err.status === 413 ? { Connection: 'close' } : {},
          cors,
        });
      } else if (err instanceof CognitoError) {
        sendError(
          req,
          res,
          requestId,
          { status: err.statusCode, type: err.name, message: err.message },
          { cors },
        );
      } else {
        log.error(`request ${requestId} failed: ${err instanceof Error ? err.message : String(err)}`);
        const internal = {
          status: 500,
          type: 'InternalErrorException',
          message: 'An internal error occurred.',
        };
        sendError(req, res, requestId, internal, { cors });
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error(`request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) res.writeHead(500).end();
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
  // A wildcard address is not something a client can call: name the loopback address instead.
  const reachableHost = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const shownHost = reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost;
  const url = `http://${shownHost}:${port}`;
  service.setPublicUrl(url);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    log.warn(
      verifier.strict
        ? `Cognito is listening on ${host}: anyone who can reach it can call its public operations.`
        : `Cognito is listening on ${host}: anyone who can reach it can call admin operations with any credentials.`,
    );
  }
  const unsubscribe = service.outbox.subscribe((m) => log.info(describeOutboxMessage(m)));
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        unsubscribe();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
