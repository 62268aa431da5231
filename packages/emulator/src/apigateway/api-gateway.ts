import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ResolvedResource } from '../assembly/resolved-resource.js';
import { ApiGatewayStateError } from './api-gateway-error.js';
import { toAuthorizerClaims } from './authorizer-claims.js';
import { CognitoAuthorizer } from './cognito-authorizer.js';
import {
  type GatewayError,
  type GatewayResponseContext,
  type RenderedResponse,
  renderGatewayError,
} from './gateway-responses.js';
import type { ApiGateway, ApiGatewayOptions } from './gateway-types.js';
import { inputDictionary } from './input-dictionary.js';
import { answerMock } from './mock-integration.js';
import { buildProxyEvent, type IncomingRequest, parseQuery } from './proxy-event.js';
import { LAMBDA_PAYLOAD_LIMIT_BYTES, parseProxyResult } from './proxy-response.js';
import {
  buildRestApiModels,
  findMethod,
  type MethodModel,
  matchResource,
  type RestApiModel,
  type StageModel,
} from './rest-api-model.js';
import { TokenBucket } from './token-bucket.js';

/** API Gateway's REST payload limit; larger requests never reach the integration. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

/**
 * API Gateway's quota on the request line and headers together (AGDG `limits.md`: 10,240 bytes, not
 * adjustable). Past it AWS's front end answers before any API is involved, without a gateway response; the
 * text `HTTP header is larger than 10240 bytes.` is what users report seeing (plain text, not JSON). The
 * status is not documented: we answer 400, the generic client error such a front end uses. [?]
 */
export const MAX_HEADER_BYTES = 10_240;
const HEADER_TOO_LARGE_BODY = 'HTTP header is larger than 10240 bytes.';
/** Node's own parser limit, raised so requests between the AWS limit and this get AWS's answer, not Node's 431. */
const NODE_MAX_HEADER_SIZE = 64 * 1024;

const LAMBDA_URI = /^arn:aws[a-z-]*:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

/** RFC 9110 token characters; Node throws on anything else, so such headers are dropped instead. */
const VALID_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

const INTERNAL_ERROR_BODY = '{"message": "Internal server error"}';

interface Deployed {
  apis: Map<string, RestApiModel>;
  authorizers: Map<string, CognitoAuthorizer>;
  /** Stage name → APIs that have it (a path `/<stage>/…` is served when exactly one does). */
  stageOwners: Map<string, RestApiModel[]>;
}

interface Answer {
  status: number;
  headers: [string, string][];
  body: Buffer | string;
}

/** Where in the API a request landed, for error responses and logs. */
interface RequestScope {
  api: RestApiModel | undefined;
  stage: string;
  resourcePath: string | undefined;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Length of a proxy result's `body` string (the bulk of any payload), 0 when there is none. */
function bodyLength(payload: unknown): number {
  if (typeof payload !== 'object' || payload === null || !('body' in payload)) return 0;
  return typeof payload.body === 'string' ? payload.body.length : 0;
}

/**
 * The size of the request line and header lines as sent (`GET /p HTTP/1.1\r\n`, `Name: value\r\n` each).
 * Node hands header text over as latin1, one character per byte, so lengths are byte counts.
 */
export function headerBytes(method: string, url: string, rawHeaders: string[]): number {
  let size = method.length + url.length + 12;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    size += rawHeaders[i]!.length + rawHeaders[i + 1]!.length + 4;
  return size;
}

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!, raw[i + 1]!]);
  return out;
}

/**
 * Creates a local API Gateway for the REST APIs in `options.resources`: route matching, the Cognito user pool
 * authorizer, Lambda proxy and MOCK integrations, stage throttling and the API's gateway responses.
 *
 * A request is served at `http://<host>:<port>/<stage>/<path>` when only one API has that stage, and always at
 * `http://<host>:<port>/restapis/<restApiId>/<stage>/_user_request_/<path>`.
 *
 * @example
 * const gateway = createApiGateway({ resources, invokeLambda, userPool, region: 'us-east-1', accountId, log });
 * const { url } = await gateway.listen(0);
 */
export function createApiGateway(options: ApiGatewayOptions): ApiGateway {
  const { log, accountId } = options;
  const now = options.now ?? Date.now;
  let deployed = deploy(options.resources);
  const buckets = new Map<string, TokenBucket>();
  const claimStrings = new WeakMap<object, Record<string, string>>();
  let server: Server | undefined;
  let baseUrl: string | undefined;
  let port = 0;

  function deploy(resources: ResolvedResource[]): Deployed {
    const warnings: string[] = [];
    const apis = buildRestApiModels(resources, warnings);
    for (const w of warnings) log.warn(w);
    const authorizers = new Map<string, CognitoAuthorizer>();
    const stageOwners = new Map<string, RestApiModel[]>();
    for (const api of apis.values()) {
      for (const model of api.authorizers.values()) {
        if (model.type === 'COGNITO_USER_POOLS') {
          authorizers.set(`${api.id}/${model.id}`, new CognitoAuthorizer(model, options.userPool, now));
        } else {
          log.warn(`authorizer ${model.name} of type ${model.type} is not emulated; its methods answer 500`);
        }
      }
      for (const stage of api.stages.keys()) stageOwners.set(stage, [...(stageOwners.get(stage) ?? []), api]);
    }
    return { apis, authorizers, stageOwners };
  }

  /** Splits `/<stage>/rest` or `/restapis/<id>/<stage>/_user_request_/rest`. */
  function locate(
    pathname: string,
  ): { api: RestApiModel; stage: StageModel; rest: string } | { stageName: string } {
    const long = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/.exec(pathname);
    if (long) {
      const api = deployed.apis.get(long[1]!);
      const stage = api?.stages.get(long[2]!);
      if (api && stage) return { api, stage, rest: long[3] ?? '/' };
      return { stageName: long[2]! };
    }
    const slash = pathname.indexOf('/', 1);
    const stageName = safeDecode(slash === -1 ? pathname.slice(1) : pathname.slice(1, slash));
    const owners = deployed.stageOwners.get(stageName) ?? [];
    const api = owners.length === 1 ? owners[0] : undefined;
    const stage = api?.stages.get(stageName);
    if (api && stage) return { api, stage, rest: slash === -1 ? '/' : pathname.slice(slash) };
    return { stageName };
  }

  function throttled(
    api: RestApiModel,
    stage: StageModel,
    resourcePath: string,
    httpMethod: string,
  ): boolean {
    if (stage.throttling.length === 0) return false;
    // The most specific setting wins: this method, then this resource's `*`, then the stage-wide `/*`.
    const setting =
      stage.throttling.find((s) => s.resourcePath === resourcePath && s.httpMethod === httpMethod) ??
      stage.throttling.find((s) => s.resourcePath === resourcePath && s.httpMethod === '*') ??
      stage.throttling.find((s) => s.resourcePath === '*');
    if (!setting) return false;
    const rate = setting.rateLimit ?? 10_000;
    const burst = setting.burstLimit ?? Math.max(1, Math.ceil(rate));
    // Stage-wide settings are per-method limits on AWS, so every method has its own bucket.
    const key = `${api.id}/${stage.name}/${resourcePath}/${httpMethod}`;
    let bucket = buckets.get(key);
    if (!bucket || bucket.rate !== rate || bucket.burst !== burst) {
      bucket = new TokenBucket(rate, burst, now());
      buckets.set(key, bucket);
    }
    return !bucket.take(now());
  }

  function errorAnswer(
    error: GatewayError,
    scope: RequestScope,
    ctxBase: Omit<GatewayResponseContext, 'stage' | 'resourcePath' | 'pathParameters' | 'stageVariables'>,
  ): Answer {
    const rendered: RenderedResponse = renderGatewayError(error, scope.api?.gatewayResponses, {
      ...ctxBase,
      stage: scope.stage,
      resourcePath: scope.resourcePath,
      pathParameters: scope.pathParameters,
      stageVariables: scope.stageVariables,
    });
    return { status: rendered.status, headers: rendered.headers, body: rendered.body };
  }

  async function invokeIntegration(
    method: MethodModel,
    event: unknown,
    label: string,
  ): Promise<Answer | GatewayError> {
    const integration = method.integration!;
    const arn = integration.uri === undefined ? undefined : LAMBDA_URI.exec(integration.uri)?.[1];
    if (arn === undefined) {
      log.error(`${label}: integration URI ${String(integration.uri)} is not a Lambda function`);
      return {
        type: 'API_CONFIGURATION_ERROR',
        message: 'Internal server error',
        defaultBody: INTERNAL_ERROR_BODY,
      };
    }
    if (bodyLength(event) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
      // Lambda would refuse the event (over its 6 MB invocation limit): the function never runs.
      log.warn(`${label}: request event exceeds Lambda's 6 MB invocation payload limit`);
      return { type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), integration.timeoutInMillis);
    });
    let result: Awaited<ReturnType<ApiGatewayOptions['invokeLambda']>> | 'timeout';
    try {
      result = await Promise.race([options.invokeLambda(arn, event), timeout]);
    } catch (err) {
      log.error(`${label}: invoking ${arn} failed: ${(err as Error).message}`);
      return { type: 'DEFAULT_5XX', message: 'Internal server error', defaultBody: INTERNAL_ERROR_BODY };
    } finally {
      clearTimeout(timer);
    }
    if (result === 'timeout') {
      log.error(`${label}: integration timed out after ${integration.timeoutInMillis} ms`);
      return { type: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' };
    }
    if (!result.ok && /RequestTooLarge|RequestEntityTooLarge/.test(result.errorType)) {
      // Lambda refused the event itself (over 6 MB): the function never ran.
      log.warn(`${label}: request event exceeds Lambda's 6 MB invocation payload limit`);
      return { type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' };
    }
    if (!result.ok) {
      // On AWS a function that ends with an error — including its own `Timeout` ("Task timed out"), when that
      // is shorter than the integration timeout — is a 502; only the integration timeout above is a 504.
      log.error(`${label}: Lambda ${result.kind}: ${result.errorType}: ${result.errorMessage}`);
      return { type: 'DEFAULT_5XX', message: 'Internal server error', defaultBody: INTERNAL_ERROR_BODY };
    }
    // The runtime enforces Lambda's 6 MB response limit itself; this catches an invoker that does not, without
    // serialising the payload again on every request.
    if (bodyLength(result.payload) > LAMBDA_PAYLOAD_LIMIT_BYTES) {
      log.error(`${label}: Lambda response exceeds the 6 MB payload limit`);
      return { type: 'DEFAULT_5XX', message: 'Internal server error', defaultBody: INTERNAL_ERROR_BODY };
    }
    const parsed = parseProxyResult(result.payload);
    if (!parsed.ok) {
      log.error(`${label}: malformed Lambda proxy response: ${parsed.reason}`);
      return { type: 'DEFAULT_5XX', message: 'Internal server error', defaultBody: INTERNAL_ERROR_BODY };
    }
    return { status: parsed.status, headers: parsed.headers, body: parsed.body };
  }

  async function handle(req: IncomingMessage, requestId: string): Promise<Answer> {
    const httpMethod = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    if (headerBytes(req.method ?? 'GET', url, req.rawHeaders) > MAX_HEADER_BYTES) {
      req.resume();
      return { status: 400, headers: [['Content-Type', 'text/plain']], body: HEADER_TOO_LARGE_BODY };
    }
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    const rawQuery = q === -1 ? '' : url.slice(q + 1);
    const rawHeaders = pairs(req.rawHeaders);
    const lowerHeaders = inputDictionary<string>();
    for (const [k, v] of rawHeaders) lowerHeaders[k.toLowerCase()] = v;
    const ctxBase = {
      requestId,
      headers: lowerHeaders,
      // Only gateway responses and MOCK integrations read it: parsed when first asked for.
      get query() {
        return parseQuery(rawQuery).single;
      },
    };

    const located = locate(pathname);
    if (!('api' in located)) {
      // An unknown stage is refused before any API is involved. [?] AWS answers `{"message":"Forbidden"}`
      // here in our experience; it is not documented.
      const scope: RequestScope = {
        api: undefined,
        stage: located.stageName,
        resourcePath: undefined,
        pathParameters: inputDictionary(),
        stageVariables: inputDictionary(),
      };
      return errorAnswer({ type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Forbidden' }, scope, ctxBase);
    }
    const { api, stage, rest } = located;
    const scope: RequestScope = {
      api,
      stage: stage.name,
      resourcePath: undefined,
      pathParameters: inputDictionary(),
      stageVariables: stage.variables,
    };
    const label = `${httpMethod} /${stage.name}${rest}`;

    const body = await readBody(req);
    if (body === 'too-large')
      return errorAnswer({ type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' }, scope, ctxBase);

    const segments = rest.split('/').filter((s) => s !== '');
    const match = matchResource(api.root, segments);
    const method = match ? findMethod(match.node, httpMethod) : undefined;
    if (!match || !method) {
      return errorAnswer(
        { type: 'MISSING_AUTHENTICATION_TOKEN', message: 'Missing Authentication Token' },
        scope,
        ctxBase,
      );
    }
    scope.resourcePath = match.node.path;
    scope.pathParameters = match.pathParameters;

    if (throttled(api, stage, match.node.path, httpMethod)) {
      return errorAnswer({ type: 'THROTTLED', message: 'Too Many Requests' }, scope, ctxBase);
    }

    let claims: Record<string, string> | undefined;
    if (method.authorizationType === 'COGNITO_USER_POOLS') {
      const authorizer =
        method.authorizerId === undefined
          ? undefined
          : deployed.authorizers.get(`${api.id}/${method.authorizerId}`);
      if (!authorizer) {
        log.error(`${label}: method ${method.logicalId} has no usable Cognito authorizer`);
        return errorAnswer(
          { type: 'AUTHORIZER_CONFIGURATION_ERROR', message: 'Authorizer Configuration Error' },
          scope,
          ctxBase,
        );
      }
      const header = authorizer.identityHeader;
      const decision = authorizer.authorize(
        header === undefined ? undefined : lowerHeaders[header],
        method.authorizationScopes,
      );
      if (!decision.ok) {
        log.info(`${label}: authorizer ${authorizer.model.name} refused the request: ${decision.reason}`);
        if (decision.failure === 'configuration') {
          return errorAnswer(
            { type: 'AUTHORIZER_CONFIGURATION_ERROR', message: 'Authorizer Configuration Error' },
            scope,
            ctxBase,
          );
        }
        const message = decision.failure === 'expired' ? 'The incoming token has expired' : 'Unauthorized';
        return errorAnswer({ type: 'UNAUTHORIZED', message }, scope, ctxBase);
      }
      claims = claimStrings.get(decision.claims);
      if (claims === undefined) {
        claims = toAuthorizerClaims(decision.claims);
        // Cached results hand back the same payload object, so its string form is computed once per token.
        claimStrings.set(decision.claims, claims);
      }
    } else if (method.authorizationType !== 'NONE') {
      // AWS_IAM (SigV4) and CUSTOM (Lambda) authorizers are not emulated: refuse rather than leave the route open.
      log.error(`${label}: authorization type ${method.authorizationType} is not emulated`);
      return errorAnswer(
        { type: 'AUTHORIZER_CONFIGURATION_ERROR', message: 'Authorizer Configuration Error' },
        scope,
        ctxBase,
      );
    }

    const integration = method.integration;
    const integrationType = integration?.type.toUpperCase();
    if (integration && integrationType === 'MOCK') {
      const mock = answerMock(integration, {
        ...ctxBase,
        stage: stage.name,
        resourcePath: match.node.path,
        pathParameters: match.pathParameters,
        stageVariables: stage.variables,
      });
      return { status: mock.status, headers: mock.headers, body: mock.body };
    }
    if (!integration || integrationType !== 'AWS_PROXY') {
      log.error(`${label}: integration type ${integrationType ?? '(none)'} is not emulated`);
      return errorAnswer(
        {
          type: 'API_CONFIGURATION_ERROR',
          message: 'Internal server error',
          defaultBody: INTERNAL_ERROR_BODY,
        },
        scope,
        ctxBase,
      );
    }

    const incoming: IncomingRequest = {
      httpMethod,
      rawHeaders,
      path: rest === '' ? '/' : rest,
      rawQuery,
      body,
      // An IPv4 client on a dual-stack listener shows as ::ffff:a.b.c.d; AWS reports the IPv4 address.
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      localPort: port,
    };
    const event = buildProxyEvent(incoming, {
      apiId: api.id,
      stage: stage.name,
      deploymentId: stage.deploymentId,
      resourceId: match.node.id,
      resourcePath: match.node.path,
      pathParameters: match.pathParameters,
      stageVariables: stage.variables,
      accountId,
      requestId,
      requestTimeEpoch: now(),
      claims,
      binaryMediaTypes: api.binaryMediaTypes,
    });
    const outcome = await invokeIntegration(method, event, label);
    if ('type' in outcome) return errorAnswer(outcome, scope, ctxBase);
    const headers = outcome.headers;
    if (!headers.some(([name]) => name.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', 'application/json']);
    headers.push(['x-amzn-RequestId', requestId]);
    return outcome;
  }

  function send(res: ServerResponse, answer: Answer, headOnly: boolean): void {
    const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
    // A flat [name, value, name, value…] list keeps repeated headers (Set-Cookie) and the casing given.
    const flat: string[] = [];
    for (const [name, value] of answer.headers) {
      const lower = name.toLowerCase();
      if (lower === 'content-length' || lower === 'transfer-encoding' || lower === 'connection') continue;
      if (!VALID_HEADER_NAME.test(name) || INVALID_HEADER_VALUE.test(value)) {
        log.warn(`dropped invalid response header ${JSON.stringify(name)}`);
        continue;
      }
      flat.push(name, value);
    }
    flat.push('Content-Length', String(body.length));
    res.writeHead(answer.status, flat);
    res.end(headOnly ? undefined : body);
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const requestId = randomUUID();
    const started = now();
    handle(req, requestId)
      .then((answer) => {
        send(res, answer, req.method === 'HEAD');
        log.info(`${req.method} ${req.url?.split('?')[0]} → ${answer.status} (${now() - started} ms)`);
      })
      .catch((err: unknown) => {
        // Nothing a request does may take the gateway down: answer 500 and log what happened.
        log.error(`${req.method} ${req.url?.split('?')[0]}: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) {
          send(
            res,
            { status: 500, headers: [['Content-Type', 'application/json']], body: INTERNAL_ERROR_BODY },
            false,
          );
        } else {
          res.destroy();
        }
      });
  }

  return {
    async listen(listenPort: number, host = '127.0.0.1') {
      if (server) throw new ApiGatewayStateError('The API gateway is already listening');
      const s = createServer({ keepAlive: true, maxHeaderSize: NODE_MAX_HEADER_SIZE }, onRequest);
      s.keepAliveTimeout = 5000;
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(listenPort, host, () => {
          s.off('error', reject);
          resolve();
        });
      });
      server = s;
      port = (s.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      baseUrl = `http://${shownHost}:${port}`;
      return { url: baseUrl, port };
    },

    update(resources) {
      deployed = deploy(resources);
    },

    localUrl(restApiId, stageName) {
      if (baseUrl === undefined)
        throw new ApiGatewayStateError('localUrl() needs the gateway to be listening');
      const api = deployed.apis.get(restApiId);
      if (!api?.stages.has(stageName)) {
        throw new ApiGatewayStateError(`No stage ${stageName} on REST API ${restApiId}`);
      }
      const owners = deployed.stageOwners.get(stageName) ?? [];
      return owners.length === 1
        ? `${baseUrl}/${stageName}/`
        : `${baseUrl}/restapis/${restApiId}/${stageName}/_user_request_/`;
    },

    async close() {
      const s = server;
      server = undefined;
      baseUrl = undefined;
      if (!s) return;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}
