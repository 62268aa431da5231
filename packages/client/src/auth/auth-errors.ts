import { ClientError } from '../errors/client-error.js';

/**
 * Cognito refused an operation. `cognitoType` is Cognito's exception name
 * (`NotAuthorizedException`…) and `message` its reason, both unchanged.
 */
export abstract class AuthError extends ClientError {
  constructor(
    readonly cognitoType: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Wrong username or password, a revoked or expired token, or a disabled user. */
export class NotAuthorizedError extends AuthError {
  override readonly name = 'NotAuthorizedError';
  readonly code = 'NOT_AUTHORIZED';
}
/** The user signed up but has not confirmed the code yet. */
export class UserNotConfirmedError extends AuthError {
  override readonly name = 'UserNotConfirmedError';
  readonly code = 'USER_NOT_CONFIRMED';
}
/** The user does not exist (only when the app client does not hide it). */
export class UserNotFoundError extends AuthError {
  override readonly name = 'UserNotFoundError';
  readonly code = 'USER_NOT_FOUND';
}
/** The password breaks the pool's policy; `message` is Cognito's description of which rule. */
export class PasswordPolicyError extends AuthError {
  override readonly name = 'PasswordPolicyError';
  readonly code = 'PASSWORD_POLICY';
}
/** The username (or an alias such as the email) is taken. */
export class UsernameExistsError extends AuthError {
  override readonly name = 'UsernameExistsError';
  readonly code = 'USERNAME_EXISTS';
}
/** The confirmation or reset code is wrong. */
export class CodeMismatchError extends AuthError {
  override readonly name = 'CodeMismatchError';
  readonly code = 'CODE_MISMATCH';
}
/** The code has expired or was never requested; ask for a new one. */
export class ExpiredCodeError extends AuthError {
  override readonly name = 'ExpiredCodeError';
  readonly code = 'EXPIRED_CODE';
}
/** Too many attempts or requests, or locked out after failed sign-ins (`Password attempts exceeded`); wait and retry. */
export class TooManyAttemptsError extends AuthError {
  override readonly name = 'TooManyAttemptsError';
  readonly code = 'TOO_MANY_ATTEMPTS';
}
/** The user must reset the password (`forgotPassword`) before signing in. */
export class PasswordResetRequiredError extends AuthError {
  override readonly name = 'PasswordResetRequiredError';
  readonly code = 'PASSWORD_RESET_REQUIRED';
}
/** A parameter was rejected (e.g. a flow not enabled on the app client, a malformed attribute). */
export class InvalidParameterError extends AuthError {
  override readonly name = 'InvalidParameterError';
  readonly code = 'INVALID_PARAMETER';
}
/** Any other Cognito failure; `cognitoType` says which. */
export class CognitoServiceError extends AuthError {
  override readonly name = 'CognitoServiceError';
  readonly code = 'COGNITO_ERROR';
}

type AuthErrorClass = new (cognitoType: string, message: string, options?: ErrorOptions) => AuthError;

const byType: Readonly<Record<string, AuthErrorClass>> = {
  NotAuthorizedException: NotAuthorizedError,
  UnauthorizedException: NotAuthorizedError,
  UserNotConfirmedException: UserNotConfirmedError,
  UserNotFoundException: UserNotFoundError,
  InvalidPasswordException: PasswordPolicyError,
  PasswordHistoryPolicyViolationException: PasswordPolicyError,
  UsernameExistsException: UsernameExistsError,
  AliasExistsException: UsernameExistsError,
  CodeMismatchException: CodeMismatchError,
  ExpiredCodeException: ExpiredCodeError,
  TooManyFailedAttemptsException: TooManyAttemptsError,
  TooManyRequestsException: TooManyAttemptsError,
  LimitExceededException: TooManyAttemptsError,
  PasswordResetRequiredException: PasswordResetRequiredError,
  InvalidParameterException: InvalidParameterError,
};

/**
 * The typed error for a Cognito exception name, read the way the AWS SDKs read it: the part after `#`
 * and before `:` (`aws.cognito#NotAuthorizedException:` → `NotAuthorizedException`).
 */
export function authErrorFrom(type: string, message: string, cause?: unknown): AuthError {
  const name = (type.split('#').pop() ?? type).split(/[:,]/)[0]?.trim() || 'UnknownError';
  // Cognito reports a lockout as NotAuthorizedException; UIs need to tell it from a wrong password.
  const lockedOut = name === 'NotAuthorizedException' && message === 'Password attempts exceeded';
  const ErrorClass = lockedOut ? TooManyAttemptsError : (byType[name] ?? CognitoServiceError);
  return new ErrorClass(name, message || name, cause === undefined ? undefined : { cause });
}
