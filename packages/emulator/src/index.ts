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
// Cloud assembly
export {
  AssemblyError,
  type CloudAssembly,
  CloudAssemblyReadError,
  type CloudAssemblyStack,
  type CloudFormationTemplate,
  type ResolvedResource,
  readCloudAssembly,
  TemplateResolutionError,
  TemplateResolver,
} from './assembly/index.js';
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
  describeOutboxMessage,
  type OutboxKind,
  type OutboxMessage,
  SrpClient,
  srpTimestamp,
  startCognitoServer,
  totpCode,
} from './cognito/index.js';
// DynamoDB
export { type DynamoDbServer, type DynamoDbServerOptions, startDynamoDbServer } from './dynamodb/index.js';
// Lambda
export {
  LAMBDA_PAYLOAD_LIMIT_BYTES,
  type LambdaFunctionConfig,
  type LambdaInvokeResult,
  LambdaRuntime,
  type LambdaRuntimeOptions,
  lambdaFunctionArn,
} from './lambda/index.js';
// Logging
export {
  childLogger,
  createConsoleLogger,
  createMemoryLogger,
  type EmulatorLogger,
  type LogEntry,
  silentLogger,
} from './logger.js';
// OAuth 2.0 server and managed login of the user pool domains
export { type AuthServer, type AuthServerOptions, startAuthServer } from './oauth/index.js';
// The base of the emulator's own failures
export { EmulatorError } from './shared/emulator-error.js';
// Local stack
export {
  DEFAULT_REGION,
  LOCAL_ACCOUNT_ID,
  type LocalEndpoints,
  type LocalStack,
  type LocalStackOptions,
  type LocalStackPorts,
  PortInUseError,
  StackStateError,
  startLocalStack,
} from './stack/index.js';
