/**
 * Every failure of the Cognito service: an AWS exception name (`NotAuthorizedException`, …), AWS's message and
 * the HTTP status it travels with. The server turns it into `{"__type": name, "message": message}`.
 */
export abstract class CognitoError extends Error {
  /** HTTP status on the wire. AWS answers 400 for every client fault (even where its model says 403). */
  abstract readonly statusCode: number;
}

/** A client fault with an AWS exception name, e.g. `new CognitoException('UserNotFoundException', 'User does not exist.')`. */
export class CognitoException extends CognitoError {
  override readonly name: string;
  readonly statusCode = 400;

  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

/** A fault of the service itself (`InternalErrorException`); its details go to the log, never to the caller. */
export class CognitoInternalError extends CognitoError {
  override readonly name = 'InternalErrorException';
  readonly statusCode = 500;

  constructor(options?: { cause?: unknown }) {
    super('An internal error occurred.', options);
  }
}

/** `InvalidParameterException` with AWS's message. */
export function invalidParameter(message: string): CognitoException {
  return new CognitoException('InvalidParameterException', message);
}

/** `NotAuthorizedException` with AWS's message. */
export function notAuthorized(message: string): CognitoException {
  return new CognitoException('NotAuthorizedException', message);
}

/** `ResourceNotFoundException` with AWS's message. */
export function resourceNotFound(message: string): CognitoException {
  return new CognitoException('ResourceNotFoundException', message);
}

/** `UserNotFoundException: User does not exist.` */
export function userNotFound(): CognitoException {
  return new CognitoException('UserNotFoundException', 'User does not exist.');
}
