import type { Logger } from '@aws-lambda-powertools/logger';
import { type ErrorEnvelope, ErrorTypes } from '@org/contracts';
import { ApiError } from './api-error.js';

/** What every unexpected failure tells the client: nothing but the id to quote. */
export const INTERNAL_ERROR_MESSAGE = 'An internal error occurred; quote the request id when reporting it.';

/**
 * The one place where errors become responses. An `ApiError` below 500 answers with its own status,
 * message and field details; anything else (including our own 500s) answers with a generic message
 * and the request id, while the error itself, with its cause, goes to the log.
 */
export function errorResponse(
  error: unknown,
  requestId: string,
  logger: Logger,
): { status: keyof typeof ErrorTypes; body: ErrorEnvelope } {
  if (error instanceof ApiError && error.status < 500) {
    const cause = error.cause instanceof Error ? error.cause.message : undefined;
    logger.info('request refused', {
      status: error.status,
      reason: error.message,
      ...(cause ? { cause } : {}),
    });
    const body: ErrorEnvelope = { error: error.type, message: error.message, requestId };
    if (error.details !== undefined && error.details.length > 0) body.details = [...error.details];
    return { status: error.status, body };
  }
  if (error instanceof Error) logger.error('request failed', error);
  else logger.error('request failed', { thrown: String(error) });
  return { status: 500, body: { error: ErrorTypes[500], message: INTERNAL_ERROR_MESSAGE, requestId } };
}
