import type {
  SetUserMFAPreferenceRequest,
  SetUserPoolMfaConfigRequest,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoException, invalidParameter } from '../cognito-error.js';
import type { MfaFactor, PoolMfaFactors, UserMfa, UserPool, UserRecord } from '../cognito-types.js';

/**
 * A pool's MFA configuration (SetUserPoolMfaConfig), a user's MFA preferences (SetUserMFAPreference) and
 * which factor a sign-in asks for. Pure rules over the pool and user records; the callers save them.
 */

/** The feature plan a pool is on; AWS's default for new pools is Essentials. */
export function poolTier(pool: UserPool): string {
  const tier = pool.Passthrough.UserPoolTier;
  return typeof tier === 'string' ? tier : 'ESSENTIALS';
}

/**
 * What email one-time passwords need on AWS (email MFA, and EMAIL_OTP as a first factor): the Essentials or
 * Plus feature plan (`FeatureUnavailableInTierException` otherwise, the exception AWS names for this), and
 * email sent by Amazon SES (`EmailConfiguration.EmailSendingAccount: DEVELOPER`), since Cognito's own sender
 * does not send these messages. The messages are ours: AWS's wording is not documented. Locally a pool
 * satisfies both with `UserPoolTier` ESSENTIALS or PLUS (or none: the default) and any DEVELOPER email
 * configuration; nothing is sent through SES, the codes go to the outbox.
 */
export function checkEmailOtpAvailable(pool: UserPool, what: string): void {
  const tier = poolTier(pool);
  if (tier !== 'ESSENTIALS' && tier !== 'PLUS') {
    throw new CognitoException(
      'FeatureUnavailableInTierException',
      `${what} is not available in the ${tier} tier; the user pool must be in the Essentials or Plus tier.`,
    );
  }
  const email = pool.Passthrough.EmailConfiguration as { EmailSendingAccount?: string } | undefined;
  if (email?.EmailSendingAccount !== 'DEVELOPER') {
    throw invalidParameter(
      `${what} requires the user pool to send email with Amazon SES: set EmailConfiguration.EmailSendingAccount to DEVELOPER.`,
    );
  }
}

/** The pool's MFA factors (none on pools stored before MFA existed here). */
export function mfaFactors(pool: UserPool): PoolMfaFactors {
  return pool.MfaFactors ?? { SoftwareTokenMfaConfiguration: { Enabled: false } };
}

export type MfaConfigInput = Omit<SetUserPoolMfaConfigRequest, 'UserPoolId'>;

/**
 * SetUserPoolMfaConfig. A factor block left out turns the factor off, and a missing `MfaConfiguration` is
 * OFF: AWS refuses `{MfaConfiguration: OPTIONAL}` alone on a pool that had factors ("can't disable all
 * MFAs"), so the call sets the whole configuration rather than merging into it.
 */
export function applyMfaConfig(pool: UserPool, input: MfaConfigInput): void {
  const mode = input.MfaConfiguration ?? 'OFF';
  const totp = input.SoftwareTokenMfaConfiguration?.Enabled === true;
  const sms = input.SmsMfaConfiguration;
  const email = input.EmailMfaConfiguration;
  const any = totp || sms !== undefined || email !== undefined;
  // AWS's messages (seen in aws/aws-sdk-js#4186 and go-to-k/cdkd#1923).
  if (mode === 'OFF' && any) {
    throw invalidParameter(
      "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.",
    );
  }
  if (mode !== 'OFF' && !any) {
    throw invalidParameter(
      "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.",
    );
  }
  const smsConfiguration = sms?.SmsConfiguration ?? pool.Passthrough.SmsConfiguration;
  if (sms !== undefined && smsConfiguration === undefined) {
    // SMS MFA sends through Amazon SNS with the pool's SMS role; without one AWS refuses it.
    throw invalidParameter('SMS configuration is required to enable SMS MFA.');
  }
  if (email !== undefined) checkEmailOtpAvailable(pool, 'Email MFA');
  pool.MfaConfiguration = mode;
  pool.MfaFactors = {
    SoftwareTokenMfaConfiguration: { Enabled: totp },
    ...(sms === undefined ? {} : { SmsMfaConfiguration: { ...sms, SmsConfiguration: smsConfiguration } }),
    ...(email === undefined ? {} : { EmailMfaConfiguration: { ...email } }),
    ...(input.WebAuthnConfiguration === undefined
      ? {}
      : { WebAuthnConfiguration: { ...input.WebAuthnConfiguration } }),
  };
}

/** GetUserPoolMfaConfig's (and SetUserPoolMfaConfig's) answer. */
export function describeMfaConfig(pool: UserPool): Record<string, unknown> {
  return { ...mfaFactors(pool), MfaConfiguration: pool.MfaConfiguration };
}

/** `PreferredMfaSetting` and `UserMFASettingList` of GetUser/AdminGetUser, present only when set, as on AWS. */
export function userMfaView(user: UserRecord): Record<string, unknown> {
  const mfa = user.mfa;
  return {
    ...(mfa?.preferred === undefined ? {} : { PreferredMfaSetting: mfa.preferred }),
    ...(mfa === undefined || mfa.enabled.length === 0 ? {} : { UserMFASettingList: [...mfa.enabled] }),
  };
}

/** The user's MFA record, made empty when they had none (not saved). */
export function userMfa(user: UserRecord): UserMfa {
  user.mfa ??= { enabled: [] };
  return user.mfa;
}

type PreferenceInput = Pick<
  SetUserMFAPreferenceRequest,
  'SMSMfaSettings' | 'SoftwareTokenMfaSettings' | 'EmailMfaSettings'
>;

/** "User does not have delivery config set to turn on …": AWS's answer for a factor the user cannot use. */
function noDeliveryConfig(factor: string): CognitoException {
  return invalidParameter(`User does not have delivery config set to turn on ${factor}`);
}

function setFactor(
  mfa: UserMfa,
  factor: MfaFactor,
  settings: { Enabled?: boolean | undefined; PreferredMfa?: boolean | undefined },
) {
  const enable = settings.Enabled === true || settings.PreferredMfa === true;
  mfa.enabled = mfa.enabled.filter((f) => f !== factor);
  if (enable) mfa.enabled.push(factor);
  if (settings.PreferredMfa === true) mfa.preferred = factor;
  else if (mfa.preferred === factor && (settings.PreferredMfa === false || !enable)) delete mfa.preferred;
}

/**
 * SetUserMFAPreference and AdminSetUserMFAPreference: turns factors on or off and names the preferred one.
 * A factor the call leaves out keeps its setting. TOTP needs a verified authenticator, email MFA an email
 * address and a pool that can send codes by email; SMS is not emulated and is refused when turned on.
 */
export function applyMfaPreference(pool: UserPool, user: UserRecord, input: PreferenceInput): void {
  const mfa = userMfa(user);
  const totp = input.SoftwareTokenMfaSettings;
  const email = input.EmailMfaSettings;
  const sms = input.SMSMfaSettings;
  if (sms?.Enabled === true || sms?.PreferredMfa === true) {
    if ((user.attributes.phone_number ?? '') === '') throw noDeliveryConfig('SMS_MFA');
    throw invalidParameter('SMS_MFA is not supported by this emulator.');
  }
  if (totp !== undefined) {
    if ((totp.Enabled === true || totp.PreferredMfa === true) && mfa.totpSecret === undefined) {
      throw noDeliveryConfig('SOFTWARE_TOKEN_MFA');
    }
    setFactor(mfa, 'SOFTWARE_TOKEN_MFA', totp);
  }
  if (email !== undefined) {
    if (email.Enabled === true || email.PreferredMfa === true) {
      if ((user.attributes.email ?? '') === '') throw noDeliveryConfig('EMAIL_OTP');
      checkEmailOtpAvailable(pool, 'Email MFA');
    }
    setFactor(mfa, 'EMAIL_OTP', email);
  }
}

/**
 * The MFA factors a sign-in of this user may ask for: those the user turned on (a TOTP authenticator keeps
 * working after the pool turns TOTP off, as AWS documents; email MFA needs the pool's email MFA). In a pool
 * whose MFA is ON, a user who turned nothing on is asked for what they have: a verified authenticator, or else
 * a code at their email address when the pool has email MFA (as AWS sends required MFA to the address or phone
 * the user has). With neither, the sign-in asks them to set up an authenticator (MFA_SETUP).
 */
export function signInFactors(pool: UserPool, user: UserRecord): MfaFactor[] {
  if (pool.MfaConfiguration !== 'ON' && pool.MfaConfiguration !== 'OPTIONAL') return [];
  const emailMfa = mfaFactors(pool).EmailMfaConfiguration !== undefined;
  const usable = (user.mfa?.enabled ?? []).filter(
    (f) => f === 'SOFTWARE_TOKEN_MFA' || (emailMfa && (user.attributes.email ?? '') !== ''),
  );
  if (usable.length > 0 || pool.MfaConfiguration !== 'ON') return usable;
  if (user.mfa?.totpSecret !== undefined) return ['SOFTWARE_TOKEN_MFA'];
  return emailMfa && (user.attributes.email ?? '') !== '' ? ['EMAIL_OTP'] : [];
}

/** The first-factor methods of a pool's sign-in policy (PASSWORD alone when it has none). */
export function firstAuthFactors(pool: UserPool): string[] {
  return pool.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/**
 * Checks `Policies.SignInPolicy.AllowedFirstAuthFactors`. PASSWORD must stay in it (AWS keeps password sign-in
 * available to every user pool); EMAIL_OTP needs what email codes need; SMS_OTP and WEB_AUTHN are not
 * emulated and are refused rather than accepted and never offered.
 */
export function checkFirstAuthFactors(pool: UserPool, factors: readonly string[]): void {
  for (const factor of factors) {
    if (factor === 'SMS_OTP' || factor === 'WEB_AUTHN') {
      throw invalidParameter(`${factor} as a first authentication factor is not supported by this emulator.`);
    }
  }
  if (!factors.includes('PASSWORD')) {
    throw invalidParameter('AllowedFirstAuthFactors must include PASSWORD.');
  }
  if (factors.includes('EMAIL_OTP')) checkEmailOtpAvailable(pool, 'Sign-in with email one-time passwords');
}
