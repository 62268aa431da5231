/** A user of the fake Cognito, with what each test may set on it. */
export interface FakeUser {
  username: string;
  sub: string;
  password: string;
  email: string;
  confirmed: boolean;
  code: string | undefined;
  mustChangePassword: boolean;
  /** A secret from AssociateSoftwareToken, waiting for VerifySoftwareToken. */
  pendingTotpSecret: string | undefined;
  /** The verified authenticator app's secret. */
  totpSecret: string | undefined;
  /** SetUserMFAPreference's SoftwareTokenMfaSettings.Enabled. */
  totpEnabled: boolean;
  /** Offer SELECT_MFA_TYPE (as for a user with SMS and TOTP) instead of asking for TOTP directly. */
  selectMfa: boolean;
  /** Whether USER_AUTH may send this user an email code (false: as for a user without a verified email). */
  emailOtp: boolean;
}

/** A Cognito refusal: answered with status 400 and `{"__type","message"}`. */
export class CognitoFault extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
