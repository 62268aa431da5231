/** The namespaces DynamoDB (and dynalite) put in front of an error's name in `__type`. */
const SERVICE_NAMESPACE = 'com.amazonaws.dynamodb.v20120810';
const VALIDATION_NAMESPACE = 'com.amazon.coral.validate';
const CORAL_NAMESPACE = 'com.amazon.coral.service';

/**
 * An error answered in DynamoDB's JSON 1.0 wire format: status 400 (500 for InternalServerError) and
 * `{"__type":"<namespace>#<name>","message":"..."}` plus any extra members (`CancellationReasons`).
 */
export class DynamoDbError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly namespace: string = SERVICE_NAMESPACE,
    readonly extra: Record<string, unknown> = {},
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }

  /** Rebuilds an error that dynalite answered, keeping its namespace, message and members. */
  static fromBody(body: Record<string, unknown>, statusCode: number): DynamoDbError {
    const [namespace = SERVICE_NAMESPACE, type = 'InternalServerError'] = String(body.__type ?? '').split(
      '#',
    );
    const { __type: _type, message, Message, ...extra } = body;
    return new DynamoDbError(type, String(message ?? Message ?? ''), namespace, extra, statusCode);
  }

  toBody(): Record<string, unknown> {
    // TransactionCanceledException spells its message `Message`, as DynamoDB sends it; the SDK reads both.
    const messageKey = this.type === 'TransactionCanceledException' ? 'Message' : 'message';
    const body: Record<string, unknown> = { __type: `${this.namespace}#${this.type}`, ...this.extra };
    if (this.message !== '') body[messageKey] = this.message;
    return body;
  }
}

/** `ValidationException` as DynamoDB words its input checks. */
export function validationError(message: string): DynamoDbError {
  return new DynamoDbError('ValidationException', message, VALIDATION_NAMESPACE);
}

/** The request body is not JSON (dynalite and DynamoDB send no message). */
export function serializationError(): DynamoDbError {
  return new DynamoDbError('SerializationException', '', CORAL_NAMESPACE);
}

/** The request carries no AWS signature at all (dynalite's check, kept for the operations served here). */
export function missingAuthenticationError(): DynamoDbError {
  return new DynamoDbError(
    'MissingAuthenticationTokenException',
    'Request is missing Authentication Token',
    CORAL_NAMESPACE,
  );
}

/** Something broke on our side; the details go to the log, not to the caller. */
export function internalServerError(): DynamoDbError {
  return new DynamoDbError('InternalServerError', 'Internal server error', SERVICE_NAMESPACE, {}, 500);
}
