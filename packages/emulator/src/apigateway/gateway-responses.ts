import type { GatewayResponseModel } from './rest-api-model.js';

/** Gateway response types the local gateway produces, with AWS's default status and `x-amzn-ErrorType`. */
export const GatewayResponseTypes = {
  /** A custom or Cognito authorizer denied access to an authenticated caller. */
  ACCESS_DENIED: { status: 403, errorType: 'AccessDeniedException' },
  /** The API's own setup is broken: a bad endpoint address, or no integration response template that fits. */
  API_CONFIGURATION_ERROR: { status: 500, errorType: 'InternalServerErrorException' },
  /** The gateway could not reach or use the custom or Cognito authorizer. */
  AUTHORIZER_CONFIGURATION_ERROR: { status: 500, errorType: 'AuthorizerConfigurationException' },
  /** The authorizer failed while authenticating the caller (not a refusal: an error). */
  AUTHORIZER_FAILURE: { status: 500, errorType: 'AuthorizerFailureException' },
  /** The integration call itself failed (AWS's default 504; a Lambda's error is a 502 under DEFAULT_5XX). */
  INTEGRATION_FAILURE: { status: 504, errorType: 'InternalServerErrorException' },
  /** The integration did not answer within its `TimeoutInMillis` (29 seconds unless set). */
  INTEGRATION_TIMEOUT: { status: 504, errorType: 'InternalServerErrorException' },
  /** No resource or method matches the path: AWS's "Missing Authentication Token", not a missing JWT. */
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException' },
  /** The request body is over the payload limit. */
  REQUEST_TOO_LARGE: { status: 413, errorType: 'RequestTooLargeException' },
  /** Over the stage's or method's throttling rate or burst. */
  THROTTLED: { status: 429, errorType: 'TooManyRequestsException' },
  /** The authorizer refused the token: missing, malformed, expired, or signed for another pool. */
  UNAUTHORIZED: { status: 401, errorType: 'UnauthorizedException' },
  /** Not a named type on AWS: Lambda errors and malformed proxy results are 502s governed by DEFAULT_5XX. */
  DEFAULT_5XX: { status: 502, errorType: 'InternalServerErrorException' },
  /** Any other 4xx the gateway answers itself; AWS's type has no status of its own (400 here). */
  DEFAULT_4XX: { status: 400, errorType: 'BadRequestException' },
} as const;

export type GatewayResponseType = keyof typeof GatewayResponseTypes;

/** An error the gateway answers itself (never a Lambda's answer). */
export interface GatewayError {
  type: GatewayResponseType;
  message: string;
  /** Overrides the type's default status (a 502 under DEFAULT_5XX). */
  status?: number;
  /**
   * The exact body AWS sends when no gateway response is customised. Lambda failures come back as
   * `{"message": "Internal server error"}` (with a space), unlike the authorizer's `{"message":"Unauthorized"}`.
   */
  defaultBody?: string;
}

/** Values a gateway response's header mappings and templates may refer to. */
export interface GatewayResponseContext {
  requestId: string;
  stage: string;
  resourcePath: string | undefined;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
  query: Record<string, string>;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
}

/** A rendered gateway response. */
export interface RenderedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * Resolves one mapping value of `ResponseParameters`: a quoted literal (`'*'`) or a request value
 * (`method.request.header.Origin`, `method.request.querystring.x`, `method.request.path.x`,
 * `stageVariables.x`, `context.requestId`). Unknown sources resolve to undefined (the header is left out).
 */
export function mappingValue(expr: string, ctx: GatewayResponseContext): string | undefined {
  const literal = /^'(.*)'$/s.exec(expr);
  if (literal) return literal[1];
  const source = /^method\.request\.(header|querystring|path)\.(.+)$/.exec(expr);
  if (source) {
    const [, where, name] = source;
    if (where === 'header') return ctx.headers[name!.toLowerCase()];
    if (where === 'querystring') return ctx.query[name!];
    return ctx.pathParameters[name!];
  }
  const stageVar = /^stageVariables\.(.+)$/.exec(expr);
  if (stageVar) return ctx.stageVariables[stageVar[1]!];
  if (expr === 'context.requestId') return ctx.requestId;
  return undefined;
}

/**
 * Fills the `$context` variables gateway-response templates use. Only plain substitutions are supported
 * (no VTL directives): that covers the templates people write for these responses.
 */
function renderTemplate(template: string, error: GatewayError, ctx: GatewayResponseContext): string {
  const values = new Map<string, string>([
    ['context.error.messageString', JSON.stringify(error.message)],
    ['context.error.message', error.message],
    ['context.error.responseType', error.type],
    ['context.requestId', ctx.requestId],
    ['context.stage', ctx.stage],
    ['context.resourcePath', ctx.resourcePath ?? ''],
  ]);
  return template.replace(
    /\$\{?(context(?:\.[A-Za-z]+)+)\}?/g,
    (all, name: string) => values.get(name) ?? all,
  );
}

const HEADER_KEY = {
  gatewayresponse: /^gatewayresponse\.header\.(.+)$/,
  'method.response': /^method\.response\.header\.(.+)$/,
} as const;

/**
 * The headers a response's `ResponseParameters` set: each `<source>.header.<name>` key, with its value mapped
 * from the request ({@link mappingValue}); a value that maps to nothing sets no header.
 */
export function mappedHeaders(
  parameters: Record<string, string>,
  source: 'gatewayresponse' | 'method.response',
  ctx: GatewayResponseContext,
): [string, string][] {
  const header = HEADER_KEY[source];
  const headers: [string, string][] = [];
  for (const [key, expr] of Object.entries(parameters)) {
    const name = header.exec(key)?.[1];
    if (name === undefined) continue;
    const value = mappingValue(expr, ctx);
    if (value !== undefined) headers.push([name, value]);
  }
  return headers;
}

/**
 * The response for a gateway error, with the API's `AWS::ApiGateway::GatewayResponse` customisations: the
 * specific type's if there is one, otherwise DEFAULT_4XX/DEFAULT_5XX by status family. Headers come from
 * `gatewayresponse.header.*` parameters, the body from the `application/json` template, the status from
 * `StatusCode`.
 */
export function renderGatewayError(
  error: GatewayError,
  customised: Map<string, GatewayResponseModel> | undefined,
  ctx: GatewayResponseContext,
): RenderedResponse {
  const defaults = GatewayResponseTypes[error.type];
  const baseStatus = error.status ?? defaults.status;
  const family = baseStatus >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX';
  const specific = error.type === family ? undefined : customised?.get(error.type);
  const fallback = customised?.get(family);
  const chosen = specific ?? fallback;

  const status = specific?.statusCode ?? fallback?.statusCode ?? baseStatus;
  const headers: [string, string][] = [
    ['Content-Type', 'application/json'],
    ['x-amzn-RequestId', ctx.requestId],
    ['x-amzn-ErrorType', defaults.errorType],
  ];
  headers.push(...mappedHeaders(chosen?.responseParameters ?? {}, 'gatewayresponse', ctx));
  const template = chosen?.responseTemplates['application/json'];
  const body =
    template !== undefined
      ? renderTemplate(template, error, ctx)
      : (error.defaultBody ?? `{"message":${JSON.stringify(error.message)}}`);
  return { status, headers, body };
}
