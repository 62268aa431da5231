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
/** The confirmation, reset or sign-in code (authenticator app, email) is wrong. */
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
/**
 * The sign-in's challenge session has ended: it expired (Cognito keeps it 3 minutes by default), was already
 * used, or too many wrong codes were tried in it. Start the sign-in again.
 */
export class ChallengeSessionExpiredError extends AuthError {
  override readonly name = 'ChallengeSessionExpiredError';
  readonly code = 'CHALLENGE_SESSION_EXPIRED';
}
/** The user has no authenticator app (TOTP) set up, or it is not verified yet (`verifyTotp`). */
export class SoftwareTokenMfaNotFoundError extends AuthError {
  override readonly name = 'SoftwareTokenMfaNotFoundError';
  readonly code = 'TOTP_NOT_SET_UP';
}
/** No MFA method is available for what was asked (e.g. a preference for a factor the user does not have). */
export class MfaMethodNotFoundError extends AuthError {
  override readonly name = 'MfaMethodNotFoundError';
  readonly code = 'MFA_METHOD_NOT_FOUND';
}
/** The user pool is not set up for what was asked (e.g. MFA or email codes are turned off in it). */
export class UserPoolConfigurationError extends AuthError {
  override readonly name = 'UserPoolConfigurationError';
  readonly code = 'USER_POOL_CONFIGURATION';
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
  // VerifySoftwareToken's answer to a wrong code ("Code mismatch and fail enable Software Token MFA").
  EnableSoftwareTokenMFAException: CodeMismatchError,
  SoftwareTokenMFANotFoundException: SoftwareTokenMfaNotFoundError,
  MFAMethodNotFoundException: MfaMethodNotFoundError,
  InvalidUserPoolConfigurationException: UserPoolConfigurationError,
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
  // A challenge session that ended is also a NotAuthorizedException ("Invalid session for the user, session is
  // expired." / "…, session can only be used once."): the user must start over, not retype a password.
  const sessionEnded =
    name === 'NotAuthorizedException' && message.startsWith('Invalid session for the user');
  const ErrorClass = lockedOut
    ? TooManyAttemptsError
    : sessionEnded
      ? ChallengeSessionExpiredError
      : (byType[name] ?? CognitoServiceError);
  return new ErrorClass(name, message || name, cause === undefined ? undefined : { cause });
}
