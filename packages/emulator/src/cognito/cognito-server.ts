import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EmulatorLogger, silentLogger } from '../logger.js';
import { CognitoError } from './cognito-error.js';
import type { CognitoService } from './cognito-service.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const MAX_BODY_BYTES = 1024 * 1024;
const JSON_11 = 'application/x-amz-json-1.1';

/** Headers browser SDKs send (amazon-cognito-identity-js, Amplify, AWS SDK v3), allowed by the CORS preflight. */
const ALLOWED_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'cache-control',
  'authorization',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(', ');

/** A running Cognito endpoint. */
export interface CognitoServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Options of {@link startCognitoServer}. */
export interface CognitoServerOptions {
  service: CognitoService;
  /** Default 127.0.0.1. Any other address exposes admin operations that accept any credentials. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Where outbox messages and server faults are written. */
  log?: EmulatorLogger;
}

class HttpFault extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpFault('SerializationException', 'Request body is larger than 1 MB.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Header-safe text: error messages go into `x-amzn-ErrorMessage` too. */
function headerText(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, ' ').slice(0, 1024);
}

function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    'Access-Control-Allow-Origin': typeof origin === 'string' ? origin : '*',
    'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date',
    Vary: 'Origin',
  };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  extra: Record<string, string> = {},
  contentType = JSON_11,
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...corsHeaders(req),
    'x-amzn-RequestId': requestId,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    ...extra,
  });
  res.end(text);
}

function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  status: number,
  type: string,
  message: string,
) {
  send(req, res, status, { __type: type, message }, requestId, {
    'x-amzn-ErrorType': `${type}:`,
    'x-amzn-ErrorMessage': headerText(message),
  });
}

/**
 * Serves a {@link CognitoService} over HTTP: `POST /` (AWS JSON 1.1, what every AWS SDK speaks), CORS for
 * browsers, `GET /<poolId>/.well-known/jwks.json` and `/openid-configuration`, and the local-only
 * `GET /_local/outbox?userPoolId=&username=`.
 */
export async function startCognitoServer(options: CognitoServerOptions): Promise<CognitoServer> {
  const { service } = options;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? silentLogger;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'OPTIONS') {
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
      if (url.pathname === '/_local/outbox') {
        const userPoolId = url.searchParams.get('userPoolId') ?? undefined;
        const username = url.searchParams.get('username') ?? undefined;
        const messages = service.outbox.list({
          ...(userPoolId === undefined ? {} : { userPoolId }),
          ...(username === undefined ? {} : { username }),
        });
        send(req, res, 200, { messages }, requestId, {}, 'application/json');
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
      sendError(
        req,
        res,
        requestId,
        404,
        'UnknownOperationException',
        `No route for ${req.method} ${url.pathname}`,
      );
      return;
    }
    try {
      const target = req.headers['x-amz-target'];
      const raw = await readBody(req);
      if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
        throw new HttpFault(
          'UnknownOperationException',
          `Missing or unknown X-Amz-Target header (expected ${TARGET_PREFIX}<Operation>)`,
        );
      }
      let input: unknown;
      try {
        input = raw.trim() === '' ? {} : JSON.parse(raw);
      } catch {
        throw new HttpFault('SerializationException', 'Request body is not valid JSON.');
      }
      const auth = req.headers.authorization;
      const sigv4 = typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256 ');
      const output = await service.call(target.slice(TARGET_PREFIX.length), input, { sigv4 });
      send(req, res, 200, output, requestId);
    } catch (err) {
      if (err instanceof HttpFault) {
        sendError(req, res, requestId, 400, err.type, err.message);
      } else if (err instanceof CognitoError) {
        sendError(req, res, requestId, err.statusCode, err.name, err.message);
      } else {
        log.error(`request ${requestId} failed: ${err instanceof Error ? err.message : String(err)}`);
        sendError(req, res, requestId, 500, 'InternalErrorException', 'An internal error occurred.');
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
      `Cognito is listening on ${host}: anyone who can reach it can call admin operations with any credentials.`,
    );
  }
  const unsubscribe = service.outbox.subscribe((m) => {
    const what = m.code !== undefined ? `code ${m.code}` : `temporary password ${m.temporaryPassword ?? ''}`;
    log.info(`outbox: ${m.kind} for ${m.username} (${m.destination}) in ${m.userPoolId}: ${what}`);
  });
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
