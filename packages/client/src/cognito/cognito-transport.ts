import type {
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse,
  ChangePasswordRequest,
  ChangePasswordResponse,
  ConfirmForgotPasswordRequest,
  ConfirmForgotPasswordResponse,
  ConfirmSignUpRequest,
  ConfirmSignUpResponse,
  ForgotPasswordRequest,
  ForgotPasswordResponse,
  GlobalSignOutRequest,
  GlobalSignOutResponse,
  InitiateAuthRequest,
  InitiateAuthResponse,
  ResendConfirmationCodeRequest,
  ResendConfirmationCodeResponse,
  RespondToAuthChallengeRequest,
  RespondToAuthChallengeResponse,
  RevokeTokenRequest,
  RevokeTokenResponse,
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse,
  SignUpRequest,
  SignUpResponse,
  VerifySoftwareTokenRequest,
  VerifySoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';

/**
 * The Cognito operations the client calls, with the official SDK's request and response shapes, so both
 * transports speak exactly what `@aws-sdk/client-cognito-identity-provider` speaks.
 */
export interface CognitoOperations {
  SignUp: { input: SignUpRequest; output: SignUpResponse };
  ConfirmSignUp: { input: ConfirmSignUpRequest; output: ConfirmSignUpResponse };
  ResendConfirmationCode: { input: ResendConfirmationCodeRequest; output: ResendConfirmationCodeResponse };
  InitiateAuth: { input: InitiateAuthRequest; output: InitiateAuthResponse };
  RespondToAuthChallenge: { input: RespondToAuthChallengeRequest; output: RespondToAuthChallengeResponse };
  GlobalSignOut: { input: GlobalSignOutRequest; output: GlobalSignOutResponse };
  RevokeToken: { input: RevokeTokenRequest; output: RevokeTokenResponse };
  ForgotPassword: { input: ForgotPasswordRequest; output: ForgotPasswordResponse };
  ConfirmForgotPassword: { input: ConfirmForgotPasswordRequest; output: ConfirmForgotPasswordResponse };
  ChangePassword: { input: ChangePasswordRequest; output: ChangePasswordResponse };
  AssociateSoftwareToken: { input: AssociateSoftwareTokenRequest; output: AssociateSoftwareTokenResponse };
  VerifySoftwareToken: { input: VerifySoftwareTokenRequest; output: VerifySoftwareTokenResponse };
  SetUserMFAPreference: { input: SetUserMFAPreferenceRequest; output: SetUserMFAPreferenceResponse };
}
export type CognitoOperation = keyof CognitoOperations;

/**
 * Sends one Cognito operation. Implementations throw an `AuthError` subclass for Cognito's refusals,
 * `NetworkError` when there is no answer, and the signal's reason when aborted.
 */
export interface CognitoTransport {
  send<Op extends CognitoOperation>(
    operation: Op,
    input: CognitoOperations[Op]['input'],
    signal?: AbortSignal,
  ): Promise<CognitoOperations[Op]['output']>;
}

/** Where Cognito listens for a region: AWS's public endpoint unless the config overrides it (local stack). */
export function cognitoEndpoint(region: string, override?: string): string {
  return override ?? `https://cognito-idp.${region}.amazonaws.com/`;
}
