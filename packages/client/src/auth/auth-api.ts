import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoTransport } from '../cognito/cognito-transport.js';
import { SessionExpiredError } from '../errors/client-error.js';
import type { CurrentUser, SessionListener, SessionManager } from '../session/session-manager.js';
import { SrpSession } from '../srp/srp-client.js';
import { NotAuthorizedError } from './auth-errors.js';
import { type SignInChallengeOption, SignInFlow, type SignInResult } from './sign-in-flow.js';

export type { SignInChallengeOption, SignInResult } from './sign-in-flow.js';

/** Where Cognito sent a code. `destination` is masked by Cognito (`a***@e***`). */
export interface CodeDelivery {
  readonly destination: string | undefined;
  readonly medium: string | undefined;
  readonly attributeName: string | undefined;
}

export interface SignUpInput {
  readonly email: string;
  readonly password: string;
  /** Defaults to `email`, which is what pools that sign in with the email expect. */
  readonly username?: string;
  /** More user attributes (`name`, `custom:team`…). */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface SignUpResult {
  readonly userConfirmed: boolean;
  readonly userSub: string;
  readonly codeDelivery: CodeDelivery | undefined;
}

export interface SignInInput {
  readonly username: string;
  readonly password: string;
  /** `srp` (default) never sends the password; `password` sends it over TLS (`USER_PASSWORD_AUTH`). */
  readonly flow?: 'srp' | 'password';
}

/** The authentication half of the client. */
export interface AuthMethods {
  /**
   * Registers a user; Cognito sends a confirmation code unless the pool confirms automatically.
   * @example
   * const { userConfirmed } = await client.signUp({ email: 'ana@example.com', password: 'Correct-Horse-1' });
   */
  signUp(input: SignUpInput): Promise<SignUpResult>;
  /**
   * Confirms a sign-up with the code the user received.
   * @example
   * await client.confirmSignUp({ username: 'ana@example.com', code: '123456' });
   */
  confirmSignUp(input: { readonly username: string; readonly code: string }): Promise<void>;
  /**
   * Sends the sign-up confirmation code again.
   * @example
   * await client.resendConfirmationCode({ username: 'ana@example.com' });
   */
  resendConfirmationCode(input: { readonly username: string }): Promise<CodeDelivery | undefined>;
  /**
   * Signs in with SRP (default: the password never leaves the device) or the password flow. Resolves with the
   * next step: `signed-in`, or a challenge for the user (`totp-required`, `totp-setup-required`,
   * `new-password-required`, `select-challenge`), answered with `confirmSignIn`, `completeNewPassword` or
   * `selectChallenge`.
   * @example
   * const result = await client.signIn({ username: 'ana@example.com', password });
   * if (result.status === 'totp-required') await client.confirmSignIn({ code: await askForCode() });
   */
  signIn(input: SignInInput): Promise<SignInResult>;
  /**
   * Signs in without a password: Cognito emails a one-time code (`USER_AUTH` with the `EMAIL_OTP` first
   * factor, which the pool and app client must allow). Resolves with `email-otp-sent` (then `confirmSignIn`),
   * or `select-challenge` when Cognito offers other ways instead.
   * @example
   * const step = await client.signInWithEmailCode({ email: 'ana@example.com' });
   * if (step.status === 'email-otp-sent') await client.confirmSignIn({ code: await askForCode(step.destination) });
   */
  signInWithEmailCode(input: { readonly email: string }): Promise<SignInResult>;
  /**
   * Answers the pending sign-in step with a code: the authenticator app's (`totp-required`, and
   * `totp-setup-required` once the app is added; `deviceName` then names it) or the emailed one
   * (`email-otp-sent`). A wrong code is a `CodeMismatchError` and may be tried again; an ended challenge
   * session is a `ChallengeSessionExpiredError` (sign in again).
   * @example
   * const result = await client.confirmSignIn({ code: '123456' });
   */
  confirmSignIn(input: { readonly code: string; readonly deviceName?: string }): Promise<SignInResult>;
  /**
   * Answers a `select-challenge` step with one of its `options`. `PASSWORD` and `PASSWORD_SRP` need the
   * password; `EMAIL_OTP` sends a code (then `confirmSignIn`).
   * @example
   * const step = await client.selectChallenge('EMAIL_OTP');
   */
  selectChallenge(
    name: SignInChallengeOption,
    options?: { readonly password?: string },
  ): Promise<SignInResult>;
  /**
   * Answers a `new-password-required` sign-in.
   * @example
   * await client.completeNewPassword({ newPassword: 'Another-Horse-2', attributes: { name: 'Ana' } });
   */
  completeNewPassword(input: {
    readonly newPassword: string;
    readonly attributes?: Readonly<Record<string, string>>;
  }): Promise<SignInResult>;
  /**
   * Ends the session: revokes its refresh token (and the access tokens issued from it), or with
   * `{ global: true }` signs the user out on every device. The local session ends even when Cognito
   * cannot be reached; the promise then rejects with the `NetworkError`. A session from the managed login
   * page (`signInWithRedirect`) also ends there: the browser goes to the domain's `/logout`, which comes back
   * to the sign-out URL.
   * @example
   * await client.signOut({ global: true });
   */
  signOut(options?: { readonly global?: boolean }): Promise<void>;
  /**
   * Starts a password reset: Cognito sends a code.
   * @example
   * await client.forgotPassword({ username: 'ana@example.com' });
   */
  forgotPassword(input: { readonly username: string }): Promise<CodeDelivery | undefined>;
  /**
   * Sets a new password with the reset code.
   * @example
   * await client.confirmForgotPassword({ username: 'ana@example.com', code, newPassword });
   */
  confirmForgotPassword(input: {
    readonly username: string;
    readonly code: string;
    readonly newPassword: string;
  }): Promise<void>;
  /**
   * Changes the signed-in user's password.
   * @example
   * await client.changePassword({ oldPassword, newPassword });
   */
  changePassword(input: { readonly oldPassword: string; readonly newPassword: string }): Promise<void>;
  /**
   * The signed-in user from the ID token, or `null`.
   * @example
   * const user = await client.getCurrentUser();
   */
  getCurrentUser(): Promise<CurrentUser | null>;
  /**
   * Calls `listener` on sign-in, refresh and sign-out (including a session that ended because its
   * refresh token was refused). Returns a function that removes the listener.
   * @example
   * const stop = client.onSessionChange((change) => console.log(change.type));
   */
  onSessionChange(listener: SessionListener): () => void;
}

export interface AuthDependencies {
  readonly cognito: CognitoTransport;
  readonly clientId: string;
  readonly userPoolId: string;
  readonly session: SessionManager;
  readonly now: () => number;
  /** The issuer authenticator apps show for a TOTP set up during sign-in. */
  readonly totpIssuer: string;
  /** Ends the managed-login session too, when the session came from it (browser: a redirect to `/logout`). */
  readonly endManagedLogin?: () => void | Promise<void>;
}

function codeDelivery(details: CodeDeliveryDetailsType | undefined): CodeDelivery | undefined {
  return details
    ? {
        destination: details.Destination,
        medium: details.DeliveryMedium,
        attributeName: details.AttributeName,
      }
    : undefined;
}

/** Builds the auth methods over a Cognito transport and the session manager. */
export function createAuthMethods(deps: AuthDependencies): AuthMethods {
  const { cognito, clientId, session } = deps;
  const flow = new SignInFlow({
    cognito,
    clientId,
    poolName: deps.userPoolId.split('_')[1] ?? '',
    session,
    now: deps.now,
    totpIssuer: deps.totpIssuer,
  });

  return {
    async signUp({ email, password, username, attributes }) {
      const userAttributes = [
        { Name: 'email', Value: email },
        ...Object.entries(attributes ?? {})
          .filter(([name]) => name !== 'email')
          .map(([Name, Value]) => ({ Name, Value })),
      ];
      const output = await cognito.send('SignUp', {
        ClientId: clientId,
        Username: username ?? email,
        Password: password,
        UserAttributes: userAttributes,
      });
      return {
        userConfirmed: output.UserConfirmed ?? false,
        userSub: output.UserSub ?? '',
        codeDelivery: codeDelivery(output.CodeDeliveryDetails),
      };
    },

    async confirmSignUp({ username, code }) {
      await cognito.send('ConfirmSignUp', { ClientId: clientId, Username: username, ConfirmationCode: code });
    },

    async resendConfirmationCode({ username }) {
      const output = await cognito.send('ResendConfirmationCode', { ClientId: clientId, Username: username });
      return codeDelivery(output.CodeDeliveryDetails);
    },

    async signIn({ username, password, flow: authFlow = 'srp' }) {
      flow.reset();
      if (authFlow === 'password') {
        const output = await cognito.send('InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        });
        return flow.next(output, username);
      }
      const srp = new SrpSession();
      const init = await cognito.send('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, SRP_A: srp.srpA },
      });
      return flow.answerPasswordVerifier(srp, password, init, username);
    },

    async signInWithEmailCode({ email }) {
      flow.reset();
      const output = await cognito.send('InitiateAuth', {
        AuthFlow: 'USER_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: email, PREFERRED_CHALLENGE: 'EMAIL_OTP' },
      });
      return flow.next(output, email);
    },

    confirmSignIn: ({ code, deviceName }) => flow.confirm(code, deviceName),
    selectChallenge: (name, { password } = {}) => flow.select(name, password),
    completeNewPassword: ({ newPassword, attributes }) => flow.completeNewPassword(newPassword, attributes),

    async signOut({ global = false } = {}) {
      const refreshToken = await session.refreshToken();
      if (refreshToken === undefined) return;
      const managedLogin = await session.fromManagedLogin();
      try {
        if (global) {
          await cognito.send('GlobalSignOut', { AccessToken: await session.accessToken() });
        } else {
          await cognito.send('RevokeToken', { Token: refreshToken, ClientId: clientId });
        }
      } catch (error) {
        // Already revoked or expired: the goal of signing out is reached.
        if (!(error instanceof NotAuthorizedError || error instanceof SessionExpiredError)) throw error;
      } finally {
        await session.clear('sign-out');
        if (managedLogin) await deps.endManagedLogin?.();
      }
    },

    async forgotPassword({ username }) {
      const output = await cognito.send('ForgotPassword', { ClientId: clientId, Username: username });
      return codeDelivery(output.CodeDeliveryDetails);
    },

    async confirmForgotPassword({ username, code, newPassword }) {
      await cognito.send('ConfirmForgotPassword', {
        ClientId: clientId,
        Username: username,
        ConfirmationCode: code,
        Password: newPassword,
      });
    },

    async changePassword({ oldPassword, newPassword }) {
      await cognito.send('ChangePassword', {
        AccessToken: await session.accessToken(),
        PreviousPassword: oldPassword,
        ProposedPassword: newPassword,
      });
    },

    getCurrentUser: () => session.currentUser(),
    onSessionChange: (listener) => session.onChange(listener),
  };
}
