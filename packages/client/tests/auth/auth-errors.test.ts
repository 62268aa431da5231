import { describe, expect, it } from 'vitest';
import {
  authErrorFrom,
  ChallengeSessionExpiredError,
  CodeMismatchError,
  CognitoServiceError,
  ExpiredCodeError,
  InvalidParameterError,
  MfaMethodNotFoundError,
  NotAuthorizedError,
  PasswordPolicyError,
  PasswordResetRequiredError,
  SoftwareTokenMfaNotFoundError,
  TooManyAttemptsError,
  UserNotConfirmedError,
  UserNotFoundError,
  UsernameExistsError,
  UserPoolConfigurationError,
} from '../../src/auth/auth-errors.js';
import { ClientError } from '../../src/errors/client-error.js';

describe('authErrorFrom', () => {
  it.each([
    ['NotAuthorizedException', NotAuthorizedError, 'NOT_AUTHORIZED'],
    ['UserNotConfirmedException', UserNotConfirmedError, 'USER_NOT_CONFIRMED'],
    ['UserNotFoundException', UserNotFoundError, 'USER_NOT_FOUND'],
    ['InvalidPasswordException', PasswordPolicyError, 'PASSWORD_POLICY'],
    ['PasswordHistoryPolicyViolationException', PasswordPolicyError, 'PASSWORD_POLICY'],
    ['UsernameExistsException', UsernameExistsError, 'USERNAME_EXISTS'],
    ['AliasExistsException', UsernameExistsError, 'USERNAME_EXISTS'],
    ['CodeMismatchException', CodeMismatchError, 'CODE_MISMATCH'],
    ['ExpiredCodeException', ExpiredCodeError, 'EXPIRED_CODE'],
    ['TooManyFailedAttemptsException', TooManyAttemptsError, 'TOO_MANY_ATTEMPTS'],
    ['TooManyRequestsException', TooManyAttemptsError, 'TOO_MANY_ATTEMPTS'],
    ['LimitExceededException', TooManyAttemptsError, 'TOO_MANY_ATTEMPTS'],
    ['PasswordResetRequiredException', PasswordResetRequiredError, 'PASSWORD_RESET_REQUIRED'],
    ['InvalidParameterException', InvalidParameterError, 'INVALID_PARAMETER'],
    ['EnableSoftwareTokenMFAException', CodeMismatchError, 'CODE_MISMATCH'],
    ['SoftwareTokenMFANotFoundException', SoftwareTokenMfaNotFoundError, 'TOTP_NOT_SET_UP'],
    ['MFAMethodNotFoundException', MfaMethodNotFoundError, 'MFA_METHOD_NOT_FOUND'],
    ['InvalidUserPoolConfigurationException', UserPoolConfigurationError, 'USER_POOL_CONFIGURATION'],
    ['InternalErrorException', CognitoServiceError, 'COGNITO_ERROR'],
  ])('maps %s to %s with code %s', (type, ErrorClass, code) => {
    const error = authErrorFrom(type, 'the reason');
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ code, cognitoType: type, message: 'the reason', name: ErrorClass.name });
  });

  it('maps the sign-in lockout to TooManyAttemptsError, keeping Cognito’s exception name', () => {
    expect(authErrorFrom('NotAuthorizedException', 'Password attempts exceeded')).toMatchObject({
      name: 'TooManyAttemptsError',
      code: 'TOO_MANY_ATTEMPTS',
      cognitoType: 'NotAuthorizedException',
    });
    expect(authErrorFrom('NotAuthorizedException', 'Incorrect username or password.')).toBeInstanceOf(
      NotAuthorizedError,
    );
  });

  it.each([
    'Invalid session for the user, session is expired.',
    'Invalid session for the user, session can only be used once.',
    'Invalid session for the user.',
  ])('maps the ended challenge session "%s" to ChallengeSessionExpiredError', (message) => {
    expect(authErrorFrom('NotAuthorizedException', message)).toMatchObject({
      name: 'ChallengeSessionExpiredError',
      code: 'CHALLENGE_SESSION_EXPIRED',
      cognitoType: 'NotAuthorizedException',
      message,
    });
    expect(authErrorFrom('NotAuthorizedException', message)).toBeInstanceOf(ChallengeSessionExpiredError);
  });

  it.each([
    'com.amazonaws.cognito#NotAuthorizedException',
    'NotAuthorizedException:',
    'NotAuthorizedException:http://internal.amazon.com/coral/',
  ])('reads the exception name out of %s as the SDKs do', (type) => {
    expect(authErrorFrom(type, 'm')).toMatchObject({
      cognitoType: 'NotAuthorizedException',
      code: 'NOT_AUTHORIZED',
    });
  });
});
