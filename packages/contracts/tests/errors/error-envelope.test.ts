import { describe, expect, it } from 'vitest';
import { ErrorEnvelopeSchema, ErrorResponses, errorEnvelope } from '../../src/index.js';

describe('error envelope', () => {
  const envelope = {
    error: 'BadRequest',
    message: 'Invalid request',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    details: [{ path: 'body.title', reason: 'must not be empty' }],
  };

  it('accepts an envelope with field details', () => {
    expect(ErrorEnvelopeSchema.parse(envelope)).toEqual(envelope);
  });

  it.each([
    ['an unknown error type', { ...envelope, error: 'Teapot' }],
    ['no request id', { ...envelope, requestId: undefined }],
    ['details without a reason', { ...envelope, details: [{ path: 'body.title' }] }],
  ])('rejects %s', (_case, value) => {
    expect(ErrorEnvelopeSchema.safeParse(value).success).toBe(false);
  });

  it('ties each status to its error type', () => {
    expect(errorEnvelope(404).safeParse({ ...envelope, error: 'NotFound' }).success).toBe(true);
    expect(errorEnvelope(404).safeParse(envelope).success).toBe(false);
  });

  it("accepts API Gateway's own 401 bodies as well as the Lambda's", () => {
    expect(ErrorResponses[401].safeParse({ message: 'The incoming token has expired' }).success).toBe(true);
    expect(ErrorResponses[401].safeParse({ ...envelope, error: 'Unauthorized' }).success).toBe(true);
    expect(ErrorResponses[401].safeParse({ error: 'Unauthorized' }).success).toBe(false);
  });
});
