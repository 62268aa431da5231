/**
 * @org/client for Node.js 20+: everything of the browser entry plus Cognito through the official AWS SDK,
 * a file session store (mode 0600) and reading the local stack's state directory.
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
export { createClient } from './client/create-client.js';
export type { ClientOptions, GatehouseClient } from './client/create-gatehouse-client.js';
export { secretHash, withClientSecret } from './cognito/client-secret-transport.js';
export type { CognitoOperation, CognitoOperations, CognitoTransport } from './cognito/cognito-transport.js';
export {
  type FetchCognitoTransportOptions,
  fetchCognitoTransport,
} from './cognito/fetch-cognito-transport.js';
export { type SdkCognitoTransportOptions, sdkCognitoTransport } from './cognito/sdk-cognito-transport.js';
export { type ClientConfig, ClientConfigSchema } from './config/client-config.js';
export { type ConfigFromOutputsOptions, configFromOutputs } from './config/config-from-outputs.js';
export {
  findLocalStateDir,
  type ReadLocalStackConfigOptions,
  readLocalStackConfig,
} from './config/read-local-stack-config.js';
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
export {
  createServiceClient,
  type ServiceClient,
  type ServiceClientOptions,
} from './service/create-service-client.js';
export type { CurrentUser, SessionChange, SessionListener } from './session/session-manager.js';
export { fileStorage } from './storage/file-storage.js';
export {
  localStorageAdapter,
  memoryStorage,
  type SessionStorage,
  type WebStorageLike,
} from './storage/session-storage.js';
