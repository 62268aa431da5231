export {
  type TokenChecks,
  type TokenFailure,
  type TokenVerification,
  TokenVerifier,
  type TokenVerifierOptions,
  unverifiedIssuer,
} from './token-verifier.js';
