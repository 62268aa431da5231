export { CognitoError, CognitoException, CognitoInternalError } from './cognito-error.js';
export {
  CognitoOutbox,
  describeOutboxMessage,
  type OutboxKind,
  type OutboxMessage,
} from './cognito-outbox.js';
export { type CognitoServer, type CognitoServerOptions, startCognitoServer } from './cognito-server.js';
export { COGNITO_OPERATIONS, CognitoService, type CognitoServiceOptions } from './cognito-service.js';
export { SrpClient, srpTimestamp } from './srp.js';
