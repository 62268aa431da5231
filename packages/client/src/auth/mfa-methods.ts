import type { CognitoTransport } from '../cognito/cognito-transport.js';
import type { SessionManager } from '../session/session-manager.js';
import { CodeMismatchError } from './auth-errors.js';
import { noSecret } from './sign-in-flow.js';
import { totpUri } from './totp-uri.js';

/** A new authenticator-app (TOTP) secret, to show once to the user who is adding it. */
export interface TotpSetup {
  /** The TOTP secret (base32), for typing into an authenticator app. */
  readonly secret: string;
  /** `otpauth://totp/<issuer>:<account>?secret=…&issuer=…`, for a QR code or a link. */
  readonly otpauthUri: string;
}

/** How the user's authenticator app takes part in sign-in. */
export type MfaPreferenceValue = 'preferred' | 'enabled' | 'disabled';

/** MFA settings of the signed-in user. */
export interface MfaMethods {
  /**
   * Starts adding an authenticator app (TOTP) for the signed-in user. Show `otpauthUri` as a QR code (or
   * `secret` as text), then call `verifyTotp` with a code from the app.
   * @example
   * const { otpauthUri } = await client.setUpTotp();
   * showQrCode(otpauthUri);
   */
  setUpTotp(options?: { readonly issuer?: string }): Promise<TotpSetup>;
  /**
   * Finishes adding the authenticator app with a code it shows; a wrong code is a `CodeMismatchError`. Then
   * `setMfaPreference({ totp: 'preferred' })` makes sign-in ask for it.
   * @example
   * await client.verifyTotp({ code: '123456', deviceName: 'Phone' });
   */
  verifyTotp(input: { readonly code: string; readonly deviceName?: string }): Promise<void>;
  /**
   * Turns the authenticator app on as the preferred second factor (`preferred`), on (`enabled`) or off
   * (`disabled`) for the signed-in user's sign-ins.
   * @example
   * await client.setMfaPreference({ totp: 'preferred' });
   */
  setMfaPreference(input: { readonly totp: MfaPreferenceValue }): Promise<void>;
}

export interface MfaDependencies {
  readonly cognito: CognitoTransport;
  readonly session: SessionManager;
  /** The issuer shown in authenticator apps unless `setUpTotp` names another. */
  readonly totpIssuer: string;
}

/** Builds the MFA methods over a Cognito transport and the session (they use its access token). */
export function createMfaMethods({ cognito, session, totpIssuer }: MfaDependencies): MfaMethods {
  return {
    async setUpTotp({ issuer = totpIssuer } = {}) {
      const accessToken = await session.accessToken();
      const user = await session.currentUser();
      const output = await cognito.send('AssociateSoftwareToken', { AccessToken: accessToken });
      const secret = output.SecretCode;
      if (!secret) throw noSecret();
      // The email is what people recognise in their app's list; the username is a UUID in email pools.
      const account = user?.email ?? user?.username ?? '';
      return { secret, otpauthUri: totpUri({ issuer, account, secret }) };
    },

    async verifyTotp({ code, deviceName }) {
      const output = await cognito.send('VerifySoftwareToken', {
        AccessToken: await session.accessToken(),
        UserCode: code,
        ...(deviceName ? { FriendlyDeviceName: deviceName } : {}),
      });
      // Cognito reports a wrong code as an exception; a plain ERROR status means the same.
      if (output.Status !== 'SUCCESS') {
        throw new CodeMismatchError('EnableSoftwareTokenMFAException', 'Code mismatch');
      }
    },

    async setMfaPreference({ totp }) {
      await cognito.send('SetUserMFAPreference', {
        AccessToken: await session.accessToken(),
        SoftwareTokenMfaSettings: { Enabled: totp !== 'disabled', PreferredMfa: totp === 'preferred' },
      });
    },
  };
}
