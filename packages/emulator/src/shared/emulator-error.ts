/**
 * Base of the emulator's own failures (a template it cannot resolve, a gateway asked about an API it does not
 * serve), as opposed to the AWS errors a service answers callers with. A family of failures is an abstract
 * subclass (`AssemblyError`, `ApiGatewayError`) that `instanceof` tells apart; each leaf sets `name` to its class
 * name, so a log line says which failure it was.
 */
export abstract class EmulatorError extends Error {
  abstract override readonly name: string;
}
