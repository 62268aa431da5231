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
  SignInInput,
  SignInResult,
  SignUpInput,
  SignUpResult,
} from './auth/auth-api.js';
export {
  AuthError,
  CodeMismatchError,
  CognitoServiceError,
  ExpiredCodeError,
  InvalidParameterError,
  NotAuthorizedError,
  PasswordPolicyError,
  PasswordResetRequiredError,
  TooManyAttemptsError,
  UserNotConfirmedError,
  UserNotFoundError,
  UsernameExistsError,
} from './auth/auth-errors.js';
export { createClient } from './client/create-client.js';
export type { ClientOptions, GatehouseClient } from './client/create-gatehouse-client.js';
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
export type { CurrentUser, SessionChange, SessionListener } from './session/session-manager.js';
export { fileStorage } from './storage/file-storage.js';
export {
  localStorageAdapter,
  memoryStorage,
  type SessionStorage,
  type WebStorageLike,
} from './storage/session-storage.js';
