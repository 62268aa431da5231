import { ErrorEnvelopeSchema } from '@org/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../../src/errors/api-error.js';
import { errorResponse, INTERNAL_ERROR_MESSAGE } from '../../src/errors/error-response.js';
import { capturedLogger } from '../support/log-capture.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('errorResponse', () => {
  it.each([
    [new BadRequestError('bad'), 400, 'BadRequest'],
    [new UnauthorizedError('Unauthorized'), 401, 'Unauthorized'],
    [new ForbiddenError('no'), 403, 'Forbidden'],
    [new NotFoundError('gone'), 404, 'NotFound'],
    [new ConflictError('moved on'), 409, 'Conflict'],
    [new PayloadTooLargeError('big'), 413, 'PayloadTooLarge'],
    [new UnsupportedMediaTypeError('xml'), 415, 'UnsupportedMediaType'],
  ])('maps %s to %i %s with its message', (error, status, type) => {
    const { logger } = capturedLogger();
    const response = errorResponse(error, 'req-1', logger);
    expect(response).toEqual({ status, body: { error: type, message: error.message, requestId: 'req-1' } });
    expect(ErrorEnvelopeSchema.parse(response.body)).toEqual(response.body);
  });

  it('passes field details of a 400', () => {
    const { logger } = capturedLogger();
    const details = [{ path: 'body.title', reason: 'must not be empty' }];
    expect(errorResponse(new BadRequestError('bad', { details }), 'r', logger).body.details).toEqual(details);
  });

  it.each([
    ['an Error', new Error('connect ECONNREFUSED 10.0.0.1:443 secret=hunter2')],
    ['a thrown string', 'boom secret=hunter2'],
    ['a 500 ApiError', new ConfigurationError('TABLE_NAME secret=hunter2')],
  ])('answers %s with a generic 500 and logs the details', (_what, error) => {
    const { logger, lines } = capturedLogger();
    const response = errorResponse(error, 'req-9', logger);
    expect(response).toEqual({
      status: 500,
      body: { error: 'InternalServerError', message: INTERNAL_ERROR_MESSAGE, requestId: 'req-9' },
    });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(JSON.stringify(lines())).toContain('hunter2');
    expect(lines().at(-1)?.level).toBe('ERROR');
  });

  it('logs the hidden reason of a refusal without sending it', () => {
    const { logger, lines } = capturedLogger();
    const error = new UnauthorizedError('Unauthorized', { cause: new Error('token_use is id') });
    expect(JSON.stringify(errorResponse(error, 'r', logger).body)).not.toContain('token_use');
    expect(lines().at(-1)).toMatchObject({
      message: 'request refused',
      status: 401,
      cause: 'token_use is id',
    });
  });
});
