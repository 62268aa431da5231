import { type ErrorStatus, type ErrorType, ErrorTypes, type FieldIssue } from '@org/contracts';

/**
 * The one error base of `@org/api`. Each leaf carries the HTTP status it maps to; the mapping to a
 * response happens in exactly one place (`errorResponse`). A 500's message never reaches the client.
 */
export abstract class ApiError extends Error {
  abstract readonly status: ErrorStatus;
  /** Invalid fields, for 400 responses. */
  readonly details: readonly FieldIssue[] | undefined;

  constructor(message: string, options?: { cause?: unknown; details?: readonly FieldIssue[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options?.details;
  }

  /** The envelope's `error` field for this status. */
  get type(): ErrorType {
    return ErrorTypes[this.status];
  }
}

/** Input that does not match the contract; `details` names every invalid field. */
export class BadRequestError extends ApiError {
  readonly status = 400;
}

/** No usable caller identity on a protected route. */
export class UnauthorizedError extends ApiError {
  readonly status = 401;
}

/** The caller is known but not allowed (e.g. not in the route's group). */
export class ForbiddenError extends ApiError {
  readonly status = 403;
}

export class NotFoundError extends ApiError {
  readonly status = 404;
}

export class ConflictError extends ApiError {
  readonly status = 409;
}

export class PayloadTooLargeError extends ApiError {
  readonly status = 413;
}

export class UnsupportedMediaTypeError extends ApiError {
  readonly status = 415;
}

/** The environment does not hold a valid configuration; thrown at cold start. */
export class ConfigurationError extends ApiError {
  readonly status = 500;
}

/** A handler answered with a status or body its route does not declare (checked in development mode). */
export class ResponseContractError extends ApiError {
  readonly status = 500;
}
