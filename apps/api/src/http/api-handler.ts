import type { Logger } from '@aws-lambda-powertools/logger';
import { type ContractDefinition, isProtected, type RouteDefinition } from '@org/contracts';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { authorizeRoute } from '../auth/authorize-route.js';
import { parsePrincipal } from '../auth/principal.js';
import { NotFoundError } from '../errors/api-error.js';
import { errorResponse } from '../errors/error-response.js';
import { checkResponse } from './check-response.js';
import { CORS_ALLOWED_HEADERS, corsHeaders } from './cors-headers.js';
import { parseRouteInput } from './parse-route-input.js';
import type { RouteHandler, RouteHandlers, RouteRequest } from './route-handlers.js';
import { RouteMatcher } from './route-matcher.js';

/** A Lambda handler for API Gateway's REST (v1) proxy integration. */
export type ApiHandler = (event: APIGatewayProxyEvent, context?: Context) => Promise<APIGatewayProxyResult>;

export interface ApiHandlerOptions<C extends ContractDefinition> {
  readonly contract: C;
  readonly handlers: RouteHandlers<C>;
  readonly corsAllowedOrigins: readonly string[];
  /** Check every response against the contract and turn a mismatch into a logged 500. */
  readonly devMode: boolean;
  readonly logger: Logger;
}

type AnyHandler = RouteHandler<RouteDefinition>;

/**
 * Builds the one Lambda handler that serves every route of a contract: match, authenticate (claims
 * from API Gateway's Cognito authorizer), authorize (principal kind, scopes, groups), validate, run the route's handler, and
 * answer JSON with CORS headers. Errors become responses in `errorResponse` only.
 */
export function createApiHandler<C extends ContractDefinition>(options: ApiHandlerOptions<C>): ApiHandler {
  const { contract, corsAllowedOrigins, devMode, logger } = options;
  const matcher = new RouteMatcher(contract);
  const handlers = options.handlers as unknown as Readonly<
    Record<string, Readonly<Record<string, AnyHandler>>>
  >;
  for (const { name, group, action } of matcher.routes) {
    // The types already demand every handler; this catches a handler map built around the types.
    if (typeof handlers[group]?.[action] !== 'function') throw new Error(`No handler for route ${name}`);
  }

  return async (rawEvent, context) => {
    // Lambda can be invoked with anything; a malformed event gets an error response, never a crash.
    const event = readEvent(rawEvent);
    const gatewayRequestId: unknown = event.requestContext?.requestId;
    const requestId =
      typeof gatewayRequestId === 'string' && gatewayRequestId.length > 0
        ? gatewayRequestId
        : (context?.awsRequestId ?? 'unknown');
    const headers = lowerCaseHeaders(event.headers);
    const cors = corsHeaders(corsAllowedOrigins, headers.origin);
    const match = matcher.match(event);
    logger.resetKeys();
    if (context) logger.addContext(context);
    logger.appendKeys({
      requestId,
      route: match.kind === 'route' ? match.route.name : `${event.httpMethod} ${event.path}`,
    });

    const route = match.kind === 'route' ? match.route.route : undefined;
    try {
      if (match.kind === 'preflight') {
        return {
          statusCode: 204,
          headers: {
            ...cors,
            'Access-Control-Allow-Methods': [...match.methods, 'OPTIONS'].join(','),
            'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS.join(','),
            'Access-Control-Max-Age': '600',
          },
          body: '',
        };
      }
      if (match.kind !== 'route') {
        const allowed = match.kind === 'method-not-allowed' ? ` (allowed: ${match.methods.join(', ')})` : '';
        throw new NotFoundError(`No route for ${event.httpMethod} ${event.path}${allowed}`);
      }
      const { route: compiled } = match;
      const definition = compiled.route;
      let principal: RouteRequest<RouteDefinition>['principal'] | undefined;
      if (isProtected(definition)) {
        principal = parsePrincipal(event.requestContext?.authorizer?.claims);
        // Before the access check, so that a refusal is logged with who was refused. A service's sub is
        // its client id, logged as such; a user's sub is what their data is keyed by.
        logger.appendKeys(
          principal.kind === 'user' ? { userSub: principal.sub } : { serviceClientId: principal.clientId },
        );
        authorizeRoute(definition.access, principal);
      }
      const input = parseRouteInput(definition, {
        params: match.params,
        query: stringRecord(event.queryStringParameters),
        headers,
        body: event.body,
        isBase64Encoded: event.isBase64Encoded,
      });
      const handler = handlers[compiled.group]?.[compiled.action] as AnyHandler;
      const response = await handler({
        params: input.params,
        query: input.query,
        headers: input.headers,
        body: input.body,
        principal: principal as Exclude<typeof principal, undefined>,
        requestId,
        logger,
      } as RouteRequest<RouteDefinition>);
      if (devMode) checkResponse(definition, response.status, response.body);
      logger.info('request served', { status: response.status });
      return proxyResult(response.status, response.body, cors);
    } catch (error) {
      const { status, body } = errorResponse(error, requestId, logger);
      if (devMode && route) {
        try {
          checkResponse(route, status, body);
        } catch (mismatch) {
          logger.error('error response off contract', mismatch as Error);
        }
      }
      return proxyResult(status, body, cors);
    }
  };
}

/** The fields of a proxy event the handler reads, with the types AWS guarantees checked, not assumed. */
function readEvent(event: unknown): APIGatewayProxyEvent {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Partial<APIGatewayProxyEvent>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const record = <T>(value: T) => (typeof value === 'object' && value !== null ? value : null);
  return {
    ...e,
    httpMethod: text(e.httpMethod),
    path: text(e.path),
    resource: text(e.resource),
    headers: record(e.headers) ?? {},
    queryStringParameters: record(e.queryStringParameters),
    pathParameters: record(e.pathParameters),
    body: typeof e.body === 'string' ? e.body : null,
    isBase64Encoded: e.isBase64Encoded === true,
    requestContext: record(e.requestContext) ?? ({} as APIGatewayProxyEvent['requestContext']),
  } as APIGatewayProxyEvent;
}

function proxyResult(status: number, body: unknown, cors: Record<string, string>): APIGatewayProxyResult {
  if (body === undefined)
    return { statusCode: status, headers: { ...cors, 'Cache-Control': 'no-store' }, body: '' };
  return {
    statusCode: status,
    headers: { ...cors, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: JSON.stringify(body),
  };
}

/** Header names are case-insensitive; API Gateway keeps the client's casing, so normalise once. */
function lowerCaseHeaders(
  headers: APIGatewayProxyEvent['headers'] | null | undefined,
): Record<string, string> {
  // Null-prototype: a header named `__proto__` or `constructor` stays an ordinary key, and a lookup of a
  // header that was not sent never finds one of Object.prototype's members.
  const lower: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (typeof value === 'string') lower[name.toLowerCase()] = value;
  }
  return lower;
}

function stringRecord(
  values: Readonly<Record<string, string | undefined>> | null | undefined,
): Record<string, string> {
  const strings: Record<string, string> = Object.create(null);
  for (const [name, value] of Object.entries(values ?? {})) {
    if (typeof value === 'string') strings[name] = value;
  }
  return strings;
}
