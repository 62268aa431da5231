import type { ErrorEnvelope, FieldIssue, GatewayError } from '@org/contracts';
import { ClientError } from '../errors/client-error.js';

/** What a documented error response carried: the API's envelope, or API Gateway's `{ message }`. */
export type ApiErrorBody = ErrorEnvelope | GatewayError;

/** The API answered with one of the error statuses the contract documents for the route. */
export abstract class ApiResponseError extends ClientError {
  /** The API's request id when the Lambda answered (absent for API Gateway's own answers). */
  readonly requestId: string | undefined;

  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
    options?: ErrorOptions,
  ) {
    super(body.message, options);
    this.requestId = 'requestId' in body ? body.requestId : undefined;
  }
}

/** 400: the input was rejected; `details` names each field and what is wrong with it. */
export class ValidationError extends ApiResponseError {
  override readonly name = 'ValidationError';
  readonly code = 'VALIDATION';
  get details(): readonly FieldIssue[] {
    return 'details' in this.body ? (this.body.details ?? []) : [];
  }
}
/** 401 after one refresh and retry: the API refused the session's token. */
export class UnauthorizedError extends ApiResponseError {
  override readonly name = 'UnauthorizedError';
  readonly code = 'UNAUTHORIZED';
}
/** 403: signed in, but not allowed (e.g. not in the group the route needs). */
export class ForbiddenError extends ApiResponseError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
}
/** 404: no such resource for this caller. */
export class NotFoundError extends ApiResponseError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}
/** 409: the resource changed since it was read (e.g. a stale `expectedVersion`). */
export class ConflictError extends ApiResponseError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT';
}
/** 413: the request body is too large. */
export class PayloadTooLargeError extends ApiResponseError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'PAYLOAD_TOO_LARGE';
}
/** 415: the request body is not JSON. */
export class UnsupportedMediaTypeError extends ApiResponseError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly code = 'UNSUPPORTED_MEDIA_TYPE';
}
/** 500: the API failed; quote `requestId` when reporting it. */
export class ServerError extends ApiResponseError {
  override readonly name = 'ServerError';
  readonly code = 'SERVER_ERROR';
}

/**
 * The answer is outside the contract: a status the route does not document, or a body that does not
 * match the route's schema for its status. `reason` says which.
 */
export class UnexpectedResponseError extends ClientError {
  override readonly name = 'UnexpectedResponseError';
  readonly code = 'UNEXPECTED_RESPONSE';
  constructor(
    readonly status: number,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`Unexpected response from the API (HTTP ${status}): ${reason}`, options);
  }
}

type ApiErrorClass = new (status: number, body: ApiErrorBody, options?: ErrorOptions) => ApiResponseError;

const byStatus: Readonly<Record<number, ApiErrorClass>> = {
  400: ValidationError,
  401: UnauthorizedError,
  403: ForbiddenError,
  404: NotFoundError,
  409: ConflictError,
  413: PayloadTooLargeError,
  415: UnsupportedMediaTypeError,
  500: ServerError,
};

/** The typed error for a documented error status, or `undefined` when the status has no class. */
export function apiErrorFrom(status: number, body: ApiErrorBody): ApiResponseError | undefined {
  const ErrorClass = byStatus[status];
  return ErrorClass ? new ErrorClass(status, body) : undefined;
}
