// API Gateway
export {
  type ApiGateway,
  ApiGatewayConfigError,
  ApiGatewayError,
  type ApiGatewayOptions,
  ApiGatewayStateError,
  createApiGateway,
  type GatewayUserPool,
  javaDateString,
  type ProxyEvent,
  toAuthorizerClaims,
} from './apigateway/index.js';
// Cognito
export {
  COGNITO_OPERATIONS,
  CognitoError,
  CognitoException,
  CognitoInternalError,
  CognitoOutbox,
  type CognitoServer,
  type CognitoServerOptions,
  CognitoService,
  type CognitoServiceOptions,
  type OutboxKind,
  type OutboxMessage,
  SrpClient,
  srpTimestamp,
  startCognitoServer,
} from './cognito/index.js';
// Logging
export {
  childLogger,
  createConsoleLogger,
  createMemoryLogger,
  type EmulatorLogger,
  type LogEntry,
  silentLogger,
} from './logger.js';
