import type {
  AuthenticationResultType,
  CodeDeliveryDetailsType,
  InitiateAuthResponse,
} from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoTransport } from '../cognito/cognito-transport.js';
import {
  NoPendingChallengeError,
  SessionExpiredError,
  SrpProtocolError,
  UnsupportedChallengeError,
} from '../errors/client-error.js';
import type { CurrentUser, SessionListener, SessionManager } from '../session/session-manager.js';
import { type PasswordVerifierChallenge, SrpSession } from '../srp/srp-client.js';
import { NotAuthorizedError } from './auth-errors.js';

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

/** A sign-in either completes, or needs a new password (users created by an administrator). */
export type SignInResult =
  | { readonly status: 'signed-in'; readonly user: CurrentUser }
  | {
      readonly status: 'new-password-required';
      /** Attributes that must be given with the new password (without the `userAttributes.` prefix). */
      readonly requiredAttributes: readonly string[];
      /** The user's current attributes. */
      readonly userAttributes: Readonly<Record<string, string>>;
    };

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
   * Signs in with SRP (default: the password never leaves the device) or the password flow.
   * @example
   * const result = await client.signIn({ username: 'ana@example.com', password });
   * if (result.status === 'new-password-required') await client.completeNewPassword({ newPassword });
   */
  signIn(input: SignInInput): Promise<SignInResult>;
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
   * cannot be reached; the promise then rejects with the `NetworkError`.
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

function parseJsonParameter<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function passwordVerifierChallenge(
  parameters: Record<string, string> | undefined,
): PasswordVerifierChallenge {
  const { SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP } = parameters ?? {};
  if (!SALT || !SRP_B || !SECRET_BLOCK || !USER_ID_FOR_SRP) {
    throw new SrpProtocolError(
      'PASSWORD_VERIFIER challenge is missing SALT, SRP_B, SECRET_BLOCK or USER_ID_FOR_SRP',
    );
  }
  return { SALT, SRP_B, SECRET_BLOCK, USER_ID_FOR_SRP };
}

/** Builds the auth methods over a Cognito transport and the session manager. */
export function createAuthMethods(deps: AuthDependencies): AuthMethods {
  const { cognito, clientId, session } = deps;
  const poolName = deps.userPoolId.split('_')[1] ?? '';
  let pending: { readonly session: string | undefined; readonly username: string } | undefined;

  async function finish(
    output: Pick<
      InitiateAuthResponse,
      'AuthenticationResult' | 'ChallengeName' | 'ChallengeParameters' | 'Session'
    >,
    username: string,
  ): Promise<SignInResult> {
    const result: AuthenticationResultType | undefined = output.AuthenticationResult;
    if (result) {
      pending = undefined;
      return { status: 'signed-in', user: await session.signIn(result) };
    }
    if (output.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
      const parameters = output.ChallengeParameters ?? {};
      pending = { session: output.Session, username: parameters.USER_ID_FOR_SRP ?? username };
      const required = parseJsonParameter<string[]>(parameters.requiredAttributes, []);
      const attributes = parseJsonParameter<Record<string, string>>(parameters.userAttributes, {});
      return {
        status: 'new-password-required',
        requiredAttributes: required.map((name) => name.replace(/^userAttributes\./, '')),
        userAttributes: attributes,
      };
    }
    throw new UnsupportedChallengeError(output.ChallengeName ?? 'unknown');
  }

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

    async signIn({ username, password, flow = 'srp' }) {
      pending = undefined;
      if (flow === 'password') {
        const output = await cognito.send('InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: password },
        });
        return finish(output, username);
      }
      const srp = new SrpSession();
      const init = await cognito.send('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: username, SRP_A: srp.srpA },
      });
      if (init.ChallengeName !== 'PASSWORD_VERIFIER') return finish(init, username);
      const challenge = passwordVerifierChallenge(init.ChallengeParameters);
      const responses = await srp.respond(poolName, password, challenge, new Date(deps.now()));
      const output = await cognito.send('RespondToAuthChallenge', {
        ChallengeName: 'PASSWORD_VERIFIER',
        ClientId: clientId,
        ChallengeResponses: { ...responses },
        ...(init.Session ? { Session: init.Session } : {}),
      });
      return finish(output, challenge.USER_ID_FOR_SRP);
    },

    async completeNewPassword({ newPassword, attributes }) {
      if (!pending) throw new NoPendingChallengeError();
      const { session: challengeSession, username } = pending;
      const responses: Record<string, string> = { USERNAME: username, NEW_PASSWORD: newPassword };
      for (const [name, value] of Object.entries(attributes ?? {}))
        responses[`userAttributes.${name}`] = value;
      const output = await cognito.send('RespondToAuthChallenge', {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        ClientId: clientId,
        ChallengeResponses: responses,
        ...(challengeSession ? { Session: challengeSession } : {}),
      });
      return finish(output, username);
    },

    async signOut({ global = false } = {}) {
      const refreshToken = await session.refreshToken();
      if (refreshToken === undefined) return;
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
