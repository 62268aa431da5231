import type {
  AdminInitiateAuthRequest,
  AdminRespondToAuthChallengeRequest,
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse,
  InitiateAuthRequest,
  RespondToAuthChallengeRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import { invalidParameter } from './cognito-error.js';
import { type CognitoOperation, sdkOperation } from './cognito-operation.js';
import { takeChallenge } from './domain/challenge-session.js';
import { flowAllowed } from './domain/client-policy.js';
import { answerMfaCode, answerMfaSetup, answerSelectMfa } from './domain/mfa-flow.js';
import { refreshSession } from './domain/refresh-flow.js';
import {
  type AuthResponse,
  answerNewPassword,
  answerPasswordVerifier,
  passwordSignIn,
  requireParam,
  type SignInServices,
  srpSignIn,
} from './domain/sign-in-flow.js';
import { answerEmailOtp, answerSelectChallenge, userAuthSignIn } from './domain/user-auth-flow.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

/** What the auth operations use: the sign-in flows' services and the pool directory. */
type AuthServices = SignInServices & Pick<Services, 'pools'>;

const authSpec = {
  AuthFlow: {
    type: 'string',
    required: true,
    enum: [
      'USER_SRP_AUTH',
      'REFRESH_TOKEN_AUTH',
      'REFRESH_TOKEN',
      'CUSTOM_AUTH',
      'ADMIN_NO_SRP_AUTH',
      'USER_PASSWORD_AUTH',
      'ADMIN_USER_PASSWORD_AUTH',
      'USER_AUTH',
    ],
  },
  AuthParameters: { type: 'map' },
  ClientMetadata: Fields.clientMetadata,
  ClientId: Fields.clientId,
  AnalyticsMetadata: Fields.analytics,
  Session: { type: 'string', min: 20, max: 2048 },
} as const;

async function initiate(
  s: AuthServices,
  admin: boolean,
  input: {
    AuthFlow: string;
    AuthParameters?: Record<string, string> | undefined;
    ClientId: string;
    UserPoolId?: string | undefined;
    ClientMetadata?: Record<string, string> | undefined;
  },
): Promise<AuthResponse> {
  const { pool, client } = s.pools.requireClient(input.ClientId, input.UserPoolId);
  const req = { pool, client, clientMetadata: input.ClientMetadata };
  const flow = input.AuthFlow;
  const params = input.AuthParameters ?? {};
  const adminFlows = ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'];
  if (!admin && adminFlows.includes(flow)) {
    throw invalidParameter(`Initiate Auth method not supported.`);
  }
  // AdminInitiateAuth takes USER_AUTH too (its model lists it); not USER_PASSWORD_AUTH.
  if (admin && flow === 'USER_PASSWORD_AUTH') {
    throw invalidParameter(`Initiate Auth method not supported.`);
  }
  if (!flowAllowed(client, flow)) {
    throw invalidParameter(
      `${flow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : flow} flow not enabled for this client`,
    );
  }
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      return passwordSignIn(s, req, params);
    case 'USER_SRP_AUTH':
      return srpSignIn(s, req, params);
    case 'USER_AUTH':
      return userAuthSignIn(s, req, params);
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN': {
      const token = requireParam(params, 'REFRESH_TOKEN');
      if (client.RefreshTokenRotation?.Feature === 'ENABLED') {
        // AWS: "You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation
        // enabled." The exact error is undocumented; InvalidParameterException is our choice.
        throw invalidParameter(
          'REFRESH_TOKEN_AUTH is not supported when refresh token rotation is enabled; use GetTokensFromRefreshToken',
        );
      }
      const proof = { secretHash: params.SECRET_HASH };
      const result = await refreshSession(s, pool, client, token, proof, input.ClientMetadata);
      return { ChallengeParameters: {}, AuthenticationResult: result };
    }
    default:
      throw invalidParameter(`${flow} is not supported by this emulator.`);
  }
}

const initiateAuth = sdkOperation<InitiateAuthRequest>()(
  'InitiateAuth',
  'none',
  { ...authSpec, UserContextData: Fields.analytics },
  (s: AuthServices, input) => initiate(s, false, input),
);

const adminInitiateAuth = sdkOperation<AdminInitiateAuthRequest>()(
  'AdminInitiateAuth',
  'sigv4',
  { ...authSpec, UserPoolId: Fields.userPoolId, ContextData: Fields.analytics },
  (s: AuthServices, input) => initiate(s, true, input),
);

const challengeSpec = {
  ClientId: Fields.clientId,
  ChallengeName: {
    type: 'string',
    required: true,
    enum: [
      'SMS_MFA',
      'EMAIL_OTP',
      'SOFTWARE_TOKEN_MFA',
      'SELECT_MFA_TYPE',
      'MFA_SETUP',
      'PASSWORD_VERIFIER',
      'CUSTOM_CHALLENGE',
      'SELECT_CHALLENGE',
      'DEVICE_SRP_AUTH',
      'DEVICE_PASSWORD_VERIFIER',
      'ADMIN_NO_SRP_AUTH',
      'NEW_PASSWORD_REQUIRED',
      'SMS_OTP',
      'PASSWORD',
      'WEB_AUTHN',
      'PASSWORD_SRP',
    ],
  },
  Session: { type: 'string', min: 20, max: 2048 },
  ChallengeResponses: { type: 'map' },
  ClientMetadata: Fields.clientMetadata,
  AnalyticsMetadata: Fields.analytics,
} as const;

/** RespondToAuthChallenge and its Admin form: the same challenge, the pool named or not. */
function respond(
  s: AuthServices,
  input: {
    ClientId: string;
    UserPoolId?: string | undefined;
    ChallengeName: string;
    ChallengeResponses?: Record<string, string> | undefined;
    Session?: string | undefined;
    ClientMetadata?: Record<string, string> | undefined;
  },
): Promise<AuthResponse> | AuthResponse {
  const { pool, client } = s.pools.requireClient(input.ClientId, input.UserPoolId);
  const req = { pool, client, clientMetadata: input.ClientMetadata };
  const responses = input.ChallengeResponses ?? {};
  const id = client.ClientId;
  switch (input.ChallengeName) {
    case 'PASSWORD_VERIFIER':
      return answerPasswordVerifier(s, req, responses);
    case 'NEW_PASSWORD_REQUIRED':
      return answerNewPassword(s, req, responses, input.Session);
    case 'SOFTWARE_TOKEN_MFA':
      return answerMfaCode(
        s,
        req,
        'SOFTWARE_TOKEN_MFA',
        responses,
        takeChallenge(s, input.Session, ['mfaCode'], id),
      );
    case 'EMAIL_OTP': {
      // The same challenge name is the email MFA code and the emailed first factor of USER_AUTH.
      const taken = takeChallenge(s, input.Session, ['mfaCode', 'emailOtp'], id);
      return taken.state.kind === 'emailOtp'
        ? answerEmailOtp(s, req, responses, { ...taken, state: taken.state })
        : answerMfaCode(s, req, 'EMAIL_OTP', responses, { ...taken, state: taken.state });
    }
    case 'SELECT_MFA_TYPE':
      return answerSelectMfa(s, req, responses, takeChallenge(s, input.Session, ['selectMfa'], id));
    case 'MFA_SETUP':
      return answerMfaSetup(s, req, responses, takeChallenge(s, input.Session, ['mfaSetup'], id));
    case 'SELECT_CHALLENGE':
      return answerSelectChallenge(
        s,
        req,
        responses,
        takeChallenge(s, input.Session, ['selectChallenge'], id),
      );
    default:
      throw invalidParameter(`Challenge ${input.ChallengeName} is not supported by this emulator.`);
  }
}

const respondToAuthChallenge = sdkOperation<RespondToAuthChallengeRequest>()(
  'RespondToAuthChallenge',
  'none',
  { ...challengeSpec, UserContextData: Fields.analytics },
  respond,
);

const adminRespondToAuthChallenge = sdkOperation<AdminRespondToAuthChallengeRequest>()(
  'AdminRespondToAuthChallenge',
  'sigv4',
  { ...challengeSpec, UserPoolId: Fields.userPoolId, ContextData: Fields.analytics },
  respond,
);

const getTokensFromRefreshToken = sdkOperation<
  GetTokensFromRefreshTokenRequest,
  GetTokensFromRefreshTokenResponse
>()(
  'GetTokensFromRefreshToken',
  'none',
  {
    RefreshToken: { type: 'string', required: true, pattern: /^[A-Za-z0-9_=.-]+$/ },
    ClientId: Fields.clientId,
    ClientSecret: { type: 'string', min: 1, max: 64 },
    DeviceKey: { type: 'string' },
    ClientMetadata: Fields.clientMetadata,
  },
  async (s: Pick<Services, 'config' | 'pools' | 'users' | 'tokens'>, input) => {
    const { pool, client } = s.pools.requireClient(input.ClientId);
    if (!flowAllowed(client, 'REFRESH_TOKEN_AUTH')) {
      throw invalidParameter('REFRESH_TOKEN_AUTH flow not enabled for this client');
    }
    const proof = { clientSecret: input.ClientSecret };
    const result = await refreshSession(s, pool, client, input.RefreshToken, proof, input.ClientMetadata);
    return { AuthenticationResult: result };
  },
);

/** InitiateAuth, RespondToAuthChallenge, their Admin forms, and GetTokensFromRefreshToken. */
export const authOperations: readonly CognitoOperation[] = [
  initiateAuth,
  respondToAuthChallenge,
  adminInitiateAuth,
  adminRespondToAuthChallenge,
  getTokensFromRefreshToken,
];
