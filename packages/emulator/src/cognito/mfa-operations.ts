import type {
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse,
  AssociateSoftwareTokenRequest,
  AssociateSoftwareTokenResponse,
  GetUserAuthFactorsRequest,
  GetUserAuthFactorsResponse,
  GetUserPoolMfaConfigRequest,
  SetUserMFAPreferenceRequest,
  SetUserMFAPreferenceResponse,
  SetUserPoolMfaConfigRequest,
  VerifySoftwareTokenRequest,
  VerifySoftwareTokenResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import { lookup, poolUser } from './admin-lookup.js';
import { invalidParameter } from './cognito-error.js';
import { type CognitoOperation, sdkOperation } from './cognito-operation.js';
import { applyMfaConfig, applyMfaPreference, describeMfaConfig, userMfaView } from './domain/mfa-settings.js';
import {
  associateForSession,
  associateForUser,
  verifyForSession,
  verifyForUser,
} from './domain/software-token.js';
import { configuredAuthFactors } from './domain/user-auth-flow.js';
import { Fields } from './input-validation.js';
import type { Services } from './services.js';

const session = { type: 'string', min: 20, max: 2048 } as const;
const optionalAccessToken = { ...Fields.accessToken, required: false } as const;
const mfaSettings = {
  type: 'object',
  members: { Enabled: { type: 'boolean' }, PreferredMfa: { type: 'boolean' } },
} as const;
const preferenceSpec = {
  SMSMfaSettings: mfaSettings,
  SoftwareTokenMfaSettings: mfaSettings,
  EmailMfaSettings: mfaSettings,
} as const;

/** Exactly one of AccessToken and Session, as AWS takes them ("an access token or a session string, but not both"). */
function tokenOrSession(input: { AccessToken?: string | undefined; Session?: string | undefined }) {
  if ((input.AccessToken === undefined) === (input.Session === undefined)) {
    throw invalidParameter('Exactly one of AccessToken and Session must be provided.');
  }
}

const setUserPoolMfaConfig = sdkOperation<SetUserPoolMfaConfigRequest>()(
  'SetUserPoolMfaConfig',
  'sigv4',
  {
    UserPoolId: Fields.userPoolId,
    SmsMfaConfiguration: {
      type: 'object',
      members: {
        SmsAuthenticationMessage: { type: 'string', min: 6, max: 140 },
        SmsConfiguration: { type: 'object' },
      },
    },
    SoftwareTokenMfaConfiguration: { type: 'object', members: { Enabled: { type: 'boolean' } } },
    EmailMfaConfiguration: {
      type: 'object',
      members: {
        Message: { type: 'string', min: 6, max: 20000 },
        Subject: { type: 'string', min: 1, max: 140 },
      },
    },
    MfaConfiguration: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] },
    WebAuthnConfiguration: { type: 'object' },
  },
  (s: Pick<Services, 'pools'>, input) => {
    const pool = s.pools.requirePool(input.UserPoolId);
    const { UserPoolId: _id, ...config } = input;
    applyMfaConfig(pool, config);
    s.pools.updatePool(pool);
    return describeMfaConfig(pool);
  },
);

const getUserPoolMfaConfig = sdkOperation<GetUserPoolMfaConfigRequest>()(
  'GetUserPoolMfaConfig',
  'sigv4',
  { UserPoolId: Fields.userPoolId },
  (s: Pick<Services, 'pools'>, input) => describeMfaConfig(s.pools.requirePool(input.UserPoolId)),
);

const associateSoftwareToken = sdkOperation<AssociateSoftwareTokenRequest, AssociateSoftwareTokenResponse>()(
  'AssociateSoftwareToken',
  'none',
  { AccessToken: optionalAccessToken, Session: session },
  (s: Pick<Services, 'config' | 'pools' | 'users' | 'tokens' | 'challenges'>, input) => {
    tokenOrSession(input);
    if (input.Session !== undefined) return associateForSession(s, input.Session);
    const { pool, user } = s.tokens.authenticate(input.AccessToken ?? '');
    return associateForUser(s, pool, user);
  },
);

const verifySoftwareToken = sdkOperation<VerifySoftwareTokenRequest, VerifySoftwareTokenResponse>()(
  'VerifySoftwareToken',
  'none',
  {
    AccessToken: optionalAccessToken,
    Session: session,
    UserCode: { type: 'string', required: true, min: 6, max: 6, pattern: /^[0-9]+$/ },
    FriendlyDeviceName: { type: 'string', min: 0, max: 131072 },
  },
  (s: Pick<Services, 'config' | 'pools' | 'users' | 'tokens' | 'challenges'>, input) => {
    tokenOrSession(input);
    if (input.Session !== undefined) {
      return verifyForSession(s, input.Session, input.UserCode, input.FriendlyDeviceName);
    }
    const { pool, user } = s.tokens.authenticate(input.AccessToken ?? '');
    return verifyForUser(s, pool, user, input.UserCode, input.FriendlyDeviceName);
  },
);

const setUserMfaPreference = sdkOperation<SetUserMFAPreferenceRequest, SetUserMFAPreferenceResponse>()(
  'SetUserMFAPreference',
  'none',
  { ...preferenceSpec, AccessToken: Fields.accessToken },
  (s: Pick<Services, 'users' | 'tokens'>, input) => {
    const { pool, user } = s.tokens.authenticate(input.AccessToken);
    applyMfaPreference(pool, user, input);
    s.users.save(pool, user);
    return {};
  },
);

const adminSetUserMfaPreference = sdkOperation<
  AdminSetUserMFAPreferenceRequest,
  AdminSetUserMFAPreferenceResponse
>()(
  'AdminSetUserMFAPreference',
  'sigv4',
  { ...preferenceSpec, ...poolUser },
  (s: Pick<Services, 'pools' | 'users'>, input) => {
    const { pool, user } = lookup(s, input.UserPoolId, input.Username);
    applyMfaPreference(pool, user, input);
    s.users.save(pool, user);
    return {};
  },
);

const getUserAuthFactors = sdkOperation<GetUserAuthFactorsRequest, GetUserAuthFactorsResponse>()(
  'GetUserAuthFactors',
  'none',
  { AccessToken: Fields.accessToken },
  (s: Pick<Services, 'tokens'>, input) => {
    const { pool, user } = s.tokens.authenticate(input.AccessToken);
    return {
      Username: user.username,
      ...userMfaView(user),
      ConfiguredUserAuthFactors: configuredAuthFactors(
        pool,
        user,
      ) as GetUserAuthFactorsResponse['ConfiguredUserAuthFactors'],
    };
  },
);

/** The pool's MFA configuration, a user's authenticator and MFA preferences, and their sign-in factors. */
export const mfaOperations: readonly CognitoOperation[] = [
  setUserPoolMfaConfig,
  getUserPoolMfaConfig,
  associateSoftwareToken,
  verifySoftwareToken,
  setUserMfaPreference,
  adminSetUserMfaPreference,
  getUserAuthFactors,
];
