import { EmulatorError } from '../shared/emulator-error.js';

/** Base of every failure inside the local API Gateway. */
export abstract class ApiGatewayError extends EmulatorError {}

/** The `AWS::ApiGateway::*` resources describe something the gateway cannot serve (named in the message). */
export class ApiGatewayConfigError extends ApiGatewayError {
  override readonly name = 'ApiGatewayConfigError';
}

/** `localUrl` or a similar call was made before `listen`, or for an API/stage the gateway does not serve. */
export class ApiGatewayStateError extends ApiGatewayError {
  override readonly name = 'ApiGatewayStateError';
}
