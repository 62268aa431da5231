import {
  AssociateSoftwareTokenCommand,
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  type CognitoIdentityProviderClientConfig,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  SetUserMFAPreferenceCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { authErrorFrom } from '../auth/auth-errors.js';
import { NetworkError } from '../errors/client-error.js';
import type { CognitoOperation, CognitoTransport } from './cognito-transport.js';

const commands = {
  SignUp: SignUpCommand,
  ConfirmSignUp: ConfirmSignUpCommand,
  ResendConfirmationCode: ResendConfirmationCodeCommand,
  InitiateAuth: InitiateAuthCommand,
  RespondToAuthChallenge: RespondToAuthChallengeCommand,
  GlobalSignOut: GlobalSignOutCommand,
  RevokeToken: RevokeTokenCommand,
  ForgotPassword: ForgotPasswordCommand,
  ConfirmForgotPassword: ConfirmForgotPasswordCommand,
  ChangePassword: ChangePasswordCommand,
  AssociateSoftwareToken: AssociateSoftwareTokenCommand,
  VerifySoftwareToken: VerifySoftwareTokenCommand,
  SetUserMFAPreference: SetUserMFAPreferenceCommand,
} as const satisfies Record<CognitoOperation, unknown>;

/** Options of {@link sdkCognitoTransport}. */
export interface SdkCognitoTransportOptions {
  /** The Cognito endpoint override (the local stack's `endpoints.cognito`). */
  readonly endpoint?: string | undefined;
  /** Passed to `CognitoIdentityProviderClient` (e.g. a `requestHandler`). */
  readonly clientConfig?: CognitoIdentityProviderClientConfig;
}

/** True for the exceptions the SDK builds from a Cognito error response (they carry `$fault`). */
function isServiceException(error: unknown): error is Error & { $fault: string } {
  return error instanceof Error && typeof (error as { $fault?: unknown }).$fault === 'string';
}

/**
 * Cognito through the official `@aws-sdk/client-cognito-identity-provider`, with the endpoint override
 * when one is given. The Node entry's default.
 *
 * @example
 * const cognito = sdkCognitoTransport('us-east-1', { endpoint: 'http://127.0.0.1:9229/' });
 */
export function sdkCognitoTransport(
  region: string,
  options: SdkCognitoTransportOptions = {},
): CognitoTransport {
  const client = new CognitoIdentityProviderClient({
    region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...options.clientConfig,
  });
  return {
    async send(operation, input, signal) {
      const Command = commands[operation] as unknown as new (
        input: unknown,
      ) => Parameters<typeof client.send>[0];
      try {
        const output = await client.send(new Command(input), signal ? { abortSignal: signal } : {});
        return output as never;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (isServiceException(error)) throw authErrorFrom(error.name, error.message, error);
        throw new NetworkError(`Could not reach Cognito for ${operation}`, { cause: error });
      }
    },
  };
}
