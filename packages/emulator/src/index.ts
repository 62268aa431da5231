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
// Logging
export {
  childLogger,
  createConsoleLogger,
  createMemoryLogger,
  type EmulatorLogger,
  type LogEntry,
  silentLogger,
} from './logger.js';
