/**
 * The base of every error `@org/client` throws. `code` is stable and meant for mapping to UI text;
 * `message` is for people. No error message ever contains a token or a password.
 */
export abstract class ClientError extends Error {
  abstract readonly code: string;
}

/** The configuration handed to `createClient`/`configFromOutputs` is unusable; the message names the field. */
export class ConfigError extends ClientError {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
}

/** The server sent SRP values that cannot be right (B ≡ 0 mod N, u = 0, malformed hex). */
export class SrpProtocolError extends ClientError {
  override readonly name = 'SrpProtocolError';
  readonly code = 'SRP_PROTOCOL';
}

/** The request never got an HTTP answer (DNS, connection refused, reset…). */
export class NetworkError extends ClientError {
  override readonly name = 'NetworkError';
  readonly code = 'NETWORK';
}

/** The call took longer than its `timeoutMs`. */
export class TimeoutError extends ClientError {
  override readonly name = 'TimeoutError';
  readonly code = 'TIMEOUT';
}

/** A call needs a session and there is none (never signed in, or signed out). */
export class NotSignedInError extends ClientError {
  override readonly name = 'NotSignedInError';
  readonly code = 'NOT_SIGNED_IN';
  constructor(message = 'No user is signed in', options?: ErrorOptions) {
    super(message, options);
  }
}

/**
 * The session could not be refreshed because Cognito refused the refresh token (revoked by a sign-out,
 * expired, or the user was disabled). The client is signed out when this is thrown.
 */
export class SessionExpiredError extends ClientError {
  override readonly name = 'SessionExpiredError';
  readonly code = 'SESSION_EXPIRED';
}

/** Cognito asked for a challenge this client does not answer (SMS codes, passkeys, custom challenges). */
export class UnsupportedChallengeError extends ClientError {
  override readonly name = 'UnsupportedChallengeError';
  readonly code = 'UNSUPPORTED_CHALLENGE';
  constructor(readonly challengeName: string) {
    super(`Sign-in needs the ${challengeName} challenge, which this client does not support`);
  }
}

/**
 * A sign-in step (`completeNewPassword`, `confirmSignIn`, `selectChallenge`) was called while no sign-in waits for
 * it: none was started, it finished, or it waits for another step (the message says which).
 */
export class NoPendingChallengeError extends ClientError {
  override readonly name = 'NoPendingChallengeError';
  readonly code = 'NO_PENDING_CHALLENGE';
  constructor(message = 'There is no sign-in waiting for a new password') {
    super(message);
  }
}

/** Cognito returned a token this client cannot read (not a JWT, or claims missing). */
export class InvalidTokenError extends ClientError {
  override readonly name = 'InvalidTokenError';
  readonly code = 'INVALID_TOKEN';
}

/** A route method was called with input the request cannot be built from (e.g. an empty path parameter). */
export class InvalidInputError extends ClientError {
  override readonly name = 'InvalidInputError';
  readonly code = 'INVALID_INPUT';
}
