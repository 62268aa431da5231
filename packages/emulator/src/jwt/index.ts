export {
  type TokenChecks,
  type TokenFailure,
  type TokenVerification,
  TokenVerifier,
  type TokenVerifierOptions,
} from './token-verifier.js';
