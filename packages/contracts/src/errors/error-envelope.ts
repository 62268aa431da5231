import * as z from 'zod';

/** The error types the API answers with, by HTTP status. */
export const ErrorTypes = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  500: 'InternalServerError',
} as const;
export type ErrorStatus = keyof typeof ErrorTypes;
export type ErrorType = (typeof ErrorTypes)[ErrorStatus];

/** One invalid input field: where it is (`body.title`, `query.limit`, `params.noteId`) and what is wrong. */
export const FieldIssueSchema = z.object({
  path: z.string(),
  reason: z.string(),
});
export type FieldIssue = z.infer<typeof FieldIssueSchema>;

/** The body of every error the Lambda answers with. */
export const ErrorEnvelopeSchema = z.object({
  error: z.enum(Object.values(ErrorTypes) as [ErrorType, ...ErrorType[]]),
  message: z.string(),
  requestId: z.string(),
  details: z.array(FieldIssueSchema).optional(),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

/** The envelope for one status, with `error` narrowed to that status's type. */
export function errorEnvelope<const S extends ErrorStatus>(status: S) {
  return ErrorEnvelopeSchema.extend({ error: z.literal(ErrorTypes[status]) });
}

/**
 * What API Gateway itself answers when it refuses a request before the Lambda runs:
 * `{"message":"Unauthorized"}`, `{"message":"The incoming token has expired"}`, `{"message":"Forbidden"}`.
 */
export const GatewayErrorSchema = z.object({ message: z.string() });
export type GatewayError = z.infer<typeof GatewayErrorSchema>;

/**
 * A 401 comes from API Gateway's Cognito authorizer (`{"message":"Unauthorized"}`) or, as defence in
 * depth, from the Lambda when a protected route arrives without claims (the envelope).
 */
export const UnauthorizedResponseSchema = z.union([errorEnvelope(401), GatewayErrorSchema]);

/** The shared error responses, by status. */
export const ErrorResponses = {
  400: errorEnvelope(400),
  401: UnauthorizedResponseSchema,
  403: errorEnvelope(403),
  404: errorEnvelope(404),
  409: errorEnvelope(409),
  413: errorEnvelope(413),
  415: errorEnvelope(415),
  500: errorEnvelope(500),
} as const;
