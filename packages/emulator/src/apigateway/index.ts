export { createApiGateway } from './api-gateway.js';
export { ApiGatewayConfigError, ApiGatewayError, ApiGatewayStateError } from './api-gateway-error.js';
export { javaDateString, toAuthorizerClaims } from './authorizer-claims.js';
export type {
  ApiGateway,
  ApiGatewayOptions,
  GatewayUserPool,
} from './gateway-types.js';
export type { ProxyEvent } from './proxy-event.js';
