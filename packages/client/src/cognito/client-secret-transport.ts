import { bytesToBase64, hmacSha256, utf8 } from '../srp/srp-math.js';
import type { CognitoOperation, CognitoOperations, CognitoTransport } from './cognito-transport.js';

/**
 * Cognito's `SECRET_HASH` for an app client with a secret: Base64(HMAC-SHA256(key = client secret,
 * message = username + client id)), per "Computing secret hash values" in Cognito's developer guide.
 */
export async function secretHash(username: string, clientId: string, clientSecret: string): Promise<string> {
  return bytesToBase64(await hmacSha256(utf8(clientSecret), utf8(`${username}${clientId}`)));
}

/** The operations whose top-level `SecretHash` is computed from their `Username`. */
const USERNAME_OPERATIONS = new Set<CognitoOperation>([
  'SignUp',
  'ConfirmSignUp',
  'ResendConfirmationCode',
  'ForgotPassword',
  'ConfirmForgotPassword',
]);

/**
 * Adds what an app client with a secret must send to every operation that needs it: `SecretHash` (sign-up,
 * confirmation, password reset), `AuthParameters.SECRET_HASH` (InitiateAuth, when the parameters name the user
 * and carry no hash yet: a refresh has no username, so the session adds its own), `ChallengeResponses.SECRET_HASH`
 * (every challenge answer) and `ClientSecret` (RevokeToken). For server-side apps only: a browser cannot keep a
 * secret.
 *
 * @example
 * const cognito = withClientSecret(sdkCognitoTransport('eu-west-1'), clientId, process.env.CLIENT_SECRET ?? '');
 */
export function withClientSecret(
  transport: CognitoTransport,
  clientId: string,
  clientSecret: string,
): CognitoTransport {
  const hash = (username: string) => secretHash(username, clientId, clientSecret);
  async function addSecret<Op extends CognitoOperation>(
    operation: Op,
    input: CognitoOperations[Op]['input'],
  ): Promise<CognitoOperations[Op]['input']> {
    const fields = input as Record<string, unknown>;
    if (USERNAME_OPERATIONS.has(operation) && typeof fields.Username === 'string') {
      return { ...input, SecretHash: await hash(fields.Username) };
    }
    if (operation === 'InitiateAuth' || operation === 'RespondToAuthChallenge') {
      const key = operation === 'InitiateAuth' ? 'AuthParameters' : 'ChallengeResponses';
      const parameters = (fields[key] ?? {}) as Record<string, string>;
      if (parameters.USERNAME === undefined || parameters.SECRET_HASH !== undefined) return input;
      return { ...input, [key]: { ...parameters, SECRET_HASH: await hash(parameters.USERNAME) } };
    }
    if (operation === 'RevokeToken') return { ...input, ClientSecret: clientSecret };
    return input;
  }
  return {
    async send(operation, input, signal) {
      return transport.send(operation, await addSecret(operation, input), signal);
    },
  };
}
