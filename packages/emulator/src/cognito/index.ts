export { CognitoError, CognitoException, CognitoInternalError } from './cognito-error.js';
export {
  CognitoOutbox,
  describeOutboxMessage,
  type OutboxKind,
  type OutboxMessage,
} from './cognito-outbox.js';
export { type CognitoServer, type CognitoServerOptions, startCognitoServer } from './cognito-server.js';
export { COGNITO_OPERATIONS, CognitoService, type CognitoServiceOptions } from './cognito-service.js';
// The members the pool operations take, for the stack's provisioners (CloudFormation's properties carry them).
export { USER_POOL_CLIENT_MEMBERS, USER_POOL_MEMBERS } from './domain/settings-specs.js';
// What an authenticator app would show for a secret at a time: for tests that sign in with TOTP MFA.
export { totpCode } from './domain/totp.js';
export { SrpClient, srpTimestamp } from './srp.js';
export { isStandardAttribute } from './user-attributes.js';
