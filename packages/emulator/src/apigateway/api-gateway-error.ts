/** Base of every failure inside the local API Gateway. */
export abstract class ApiGatewayError extends Error {
  abstract override readonly name: string;
}

/** The `AWS::ApiGateway::*` resources describe something the gateway cannot serve (named in the message). */
export class ApiGatewayConfigError extends ApiGatewayError {
  override readonly name = 'ApiGatewayConfigError';
}

/** `localUrl` or a similar call was made before `listen`, or for an API/stage the gateway does not serve. */
export class ApiGatewayStateError extends ApiGatewayError {
  override readonly name = 'ApiGatewayStateError';
}
