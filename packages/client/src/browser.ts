/**
 * @org/client for browsers: only `fetch` and Web Crypto, no Node.js imports and not the AWS SDK (Cognito is
 * spoken over `fetch` in the SDK's own wire format), so that a sign-in bundle stays small.
 */
export {
  type ApiErrorBody,
  ApiResponseError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  ServerError,
  UnauthorizedError,
  UnexpectedResponseError,
  UnsupportedMediaTypeError,
  ValidationError,
} from './api/api-errors.js';
export type { CallOptions, RetryOptions } from './api/route-caller.js';
export type { RouteInput, RouteMethod, RouteMethods } from './api/route-methods.js';
export type {
  AuthMethods,
  CodeDelivery,
  SignInChallengeOption,
  SignInInput,
  SignInResult,
  SignUpInput,
  SignUpResult,
} from './auth/auth-api.js';
export {
  AuthError,
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
} from './auth/auth-errors.js';
export type { MfaMethods, MfaPreferenceValue, TotpSetup } from './auth/mfa-methods.js';
export { totpUri } from './auth/totp-uri.js';
export { createBrowserClient as createClient } from './client/create-browser-client.js';
export type { ClientOptions, GatehouseClient } from './client/create-gatehouse-client.js';
export type { CognitoOperation, CognitoOperations, CognitoTransport } from './cognito/cognito-transport.js';
export {
  type FetchCognitoTransportOptions,
  fetchCognitoTransport,
} from './cognito/fetch-cognito-transport.js';
export { type ClientConfig, ClientConfigSchema } from './config/client-config.js';
export { type ConfigFromOutputsOptions, configFromOutputs } from './config/config-from-outputs.js';
export {
  ClientError,
  ConfigError,
  InvalidInputError,
  InvalidTokenError,
  NetworkError,
  NoPendingChallengeError,
  NotSignedInError,
  SessionExpiredError,
  SrpProtocolError,
  TimeoutError,
  UnsupportedChallengeError,
} from './errors/client-error.js';
export {
  AccessDeniedError,
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  NonceMismatchError,
  OAuthError,
  OAuthServerError,
  StateMismatchError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
} from './oauth/oauth-errors.js';
export {
  DEFAULT_REDIRECT_SCOPES,
  type RedirectMethods,
  type RedirectSignInOptions,
} from './oauth/redirect-sign-in.js';
export type { CurrentUser, SessionChange, SessionListener } from './session/session-manager.js';
export {
  localStorageAdapter,
  memoryStorage,
  type SessionStorage,
  type WebStorageLike,
} from './storage/session-storage.js';
