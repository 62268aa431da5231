import type { ChallengeNameType, InitiateAuthResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { CognitoOperations, CognitoTransport } from '../cognito/cognito-transport.js';
import {
  InvalidInputError,
  NoPendingChallengeError,
  SrpProtocolError,
  UnsupportedChallengeError,
} from '../errors/client-error.js';
import type { CurrentUser, SessionManager } from '../session/session-manager.js';
import { type PasswordVerifierChallenge, SrpSession } from '../srp/srp-client.js';
import {
  ChallengeSessionExpiredError,
  CodeMismatchError,
  CognitoServiceError,
  NotAuthorizedError,
} from './auth-errors.js';
import { totpUri } from './totp-uri.js';

/**
 * A challenge a sign-in may offer to choose from: the first factors of choice-based sign-in (`USER_AUTH`'s
 * `SELECT_CHALLENGE`) or the second factors of `SELECT_MFA_TYPE`. Other names Cognito may add pass through.
 */
export type SignInChallengeOption =
  | 'PASSWORD'
  | 'PASSWORD_SRP'
  | 'EMAIL_OTP'
  | 'SMS_OTP'
  | 'WEB_AUTHN'
  | 'SOFTWARE_TOKEN_MFA'
  | 'SMS_MFA'
  | 'EMAIL_MFA'
  | (string & {});

/**
 * Where a sign-in stands: done, or waiting for the user. Every step but `signed-in` is answered with one call:
 * - `new-password-required` → `completeNewPassword({ newPassword })`;
 * - `totp-required` → `confirmSignIn({ code })` with the authenticator app's code;
 * - `totp-setup-required` (the pool requires MFA and the user has none) → add `otpauthUri` (or `secret`) to an
 *   authenticator app, then `confirmSignIn({ code })`;
 * - `email-otp-sent` → `confirmSignIn({ code })` with the code sent to `destination`;
 * - `select-challenge` → `selectChallenge(name)` with one of `options`.
 */
export type SignInResult =
  | { readonly status: 'signed-in'; readonly user: CurrentUser }
  | {
      readonly status: 'new-password-required';
      /** Attributes that must be given with the new password (without the `userAttributes.` prefix). */
      readonly requiredAttributes: readonly string[];
      /** The user's current attributes. */
      readonly userAttributes: Readonly<Record<string, string>>;
    }
  | { readonly status: 'totp-required' }
  | {
      readonly status: 'totp-setup-required';
      /** The TOTP secret (base32), for typing into an authenticator app. Show it only to the user. */
      readonly secret: string;
      /** `otpauth://totp/…`, for a QR code or a link an authenticator app opens. */
      readonly otpauthUri: string;
    }
  | {
      readonly status: 'email-otp-sent';
      /** Where the code went, masked by Cognito (`a***@e***`). */
      readonly destination: string | undefined;
    }
  | { readonly status: 'select-challenge'; readonly options: readonly SignInChallengeOption[] };

/** A challenge Cognito is waiting for, with what answering it needs. Holds the session: never log it. */
interface PendingChallenge {
  readonly name: string;
  readonly session: string | undefined;
  /** `USERNAME` of the answer: Cognito's own name for the user when it told us (`USER_ID_FOR_SRP`). */
  readonly username: string;
  /** The name the user signed in with, for the authenticator app's account label. */
  readonly signInName: string;
}

type ChallengeOutput = Pick<
  InitiateAuthResponse,
  'AuthenticationResult' | 'ChallengeName' | 'ChallengeParameters' | 'Session' | 'AvailableChallenges'
>;

export interface SignInFlowDependencies {
  readonly cognito: CognitoTransport;
  readonly clientId: string;
  /** The pool id's part after `_`, which SRP hashes into the password verifier. */
  readonly poolName: string;
  readonly session: SessionManager;
  readonly now: () => number;
  /** The issuer shown in authenticator apps. */
  readonly totpIssuer: string;
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

/** Cognito answered AssociateSoftwareToken without the secret an authenticator app needs. */
export function noSecret(): CognitoServiceError {
  return new CognitoServiceError('InvalidResponse', 'AssociateSoftwareToken returned no SecretCode');
}

/** The challenge-response key of each code challenge `confirmSignIn` answers. */
const CODE_RESPONSE_KEYS: Readonly<Record<string, string>> = {
  SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
  EMAIL_OTP: 'EMAIL_OTP_CODE',
  EMAIL_MFA: 'EMAIL_MFA_CODE',
};

/** What to call for each pending challenge, for the error that names the step a sign-in waits for. */
const ANSWERED_BY: Readonly<Record<string, string>> = {
  NEW_PASSWORD_REQUIRED: 'completeNewPassword',
  SELECT_CHALLENGE: 'selectChallenge',
  SELECT_MFA_TYPE: 'selectChallenge',
  SOFTWARE_TOKEN_MFA: 'confirmSignIn',
  EMAIL_OTP: 'confirmSignIn',
  EMAIL_MFA: 'confirmSignIn',
  MFA_SETUP: 'confirmSignIn',
};

/**
 * The challenge half of sign-in: turns each Cognito answer into the next step for the user, remembers the one
 * pending challenge (one sign-in at a time per client, as with Amplify), and answers it.
 */
export class SignInFlow {
  readonly #deps: SignInFlowDependencies;
  #pending: PendingChallenge | undefined;

  constructor(deps: SignInFlowDependencies) {
    this.#deps = deps;
  }

  /** Forgets any pending challenge (a new sign-in starts). */
  reset(): void {
    this.#pending = undefined;
  }

  /** SRP from `InitiateAuth`'s (or a `PASSWORD_SRP` selection's) `PASSWORD_VERIFIER` on. */
  async answerPasswordVerifier(
    srp: SrpSession,
    password: string,
    output: ChallengeOutput,
    signInName: string,
  ): Promise<SignInResult> {
    if (output.ChallengeName !== 'PASSWORD_VERIFIER') return this.next(output, signInName);
    const challenge = passwordVerifierChallenge(output.ChallengeParameters);
    const responses = await srp.respond(this.#deps.poolName, password, challenge, new Date(this.#deps.now()));
    const answer = await this.#deps.cognito.send('RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: this.#deps.clientId,
      ChallengeResponses: { ...responses },
      ...(output.Session ? { Session: output.Session } : {}),
    });
    return this.next(answer, signInName);
  }

  /** The step that follows a Cognito answer: a session, or a challenge for the user. */
  async next(output: ChallengeOutput, signInName: string): Promise<SignInResult> {
    this.#pending = undefined;
    if (output.AuthenticationResult) {
      return { status: 'signed-in', user: await this.#deps.session.signIn(output.AuthenticationResult) };
    }
    const name: string = output.ChallengeName ?? 'unknown';
    const parameters = output.ChallengeParameters ?? {};
    const pending: PendingChallenge = {
      name,
      session: output.Session,
      username: parameters.USER_ID_FOR_SRP ?? parameters.USERNAME ?? signInName,
      signInName,
    };
    switch (name) {
      case 'NEW_PASSWORD_REQUIRED': {
        this.#pending = pending;
        const required = parseJsonParameter<string[]>(parameters.requiredAttributes, []);
        return {
          status: 'new-password-required',
          requiredAttributes: required.map((attribute) => attribute.replace(/^userAttributes\./, '')),
          userAttributes: parseJsonParameter<Record<string, string>>(parameters.userAttributes, {}),
        };
      }
      case 'SOFTWARE_TOKEN_MFA':
        this.#pending = pending;
        return { status: 'totp-required' };
      case 'EMAIL_OTP':
      case 'EMAIL_MFA':
        this.#pending = pending;
        return { status: 'email-otp-sent', destination: parameters.CODE_DELIVERY_DESTINATION };
      case 'SELECT_CHALLENGE':
        this.#pending = pending;
        return { status: 'select-challenge', options: output.AvailableChallenges ?? [] };
      case 'SELECT_MFA_TYPE':
        this.#pending = pending;
        return {
          status: 'select-challenge',
          options: parseJsonParameter<string[]>(parameters.MFAS_CAN_CHOOSE, []),
        };
      case 'MFA_SETUP':
        return this.#startTotpSetup(pending, parameters);
      default:
        throw new UnsupportedChallengeError(name);
    }
  }

  /** The pool requires MFA and the user has none: an authenticator app is set up within the sign-in. */
  async #startTotpSetup(
    pending: PendingChallenge,
    parameters: Record<string, string>,
  ): Promise<SignInResult> {
    const canSetUp = parseJsonParameter<string[]>(parameters.MFAS_CAN_SETUP, ['SOFTWARE_TOKEN_MFA']);
    if (!canSetUp.includes('SOFTWARE_TOKEN_MFA')) throw new UnsupportedChallengeError('MFA_SETUP');
    const associated = await this.#deps.cognito.send(
      'AssociateSoftwareToken',
      pending.session ? { Session: pending.session } : {},
    );
    if (!associated.SecretCode) throw noSecret();
    // Cognito hands out a new session with the secret; the verification that follows must use it.
    this.#pending = { ...pending, session: associated.Session ?? pending.session };
    return {
      status: 'totp-setup-required',
      secret: associated.SecretCode,
      otpauthUri: totpUri({
        issuer: this.#deps.totpIssuer,
        account: pending.signInName,
        secret: associated.SecretCode,
      }),
    };
  }

  #take(expected: string, names: readonly string[]): PendingChallenge {
    const pending = this.#pending;
    if (!pending) throw new NoPendingChallengeError(`There is no sign-in waiting for ${expected}`);
    if (!names.includes(pending.name)) {
      const method = ANSWERED_BY[pending.name] ?? 'a new sign-in';
      throw new NoPendingChallengeError(
        `The sign-in waits for ${pending.name}, which ${method} answers, not ${expected}`,
      );
    }
    return pending;
  }

  /**
   * Sends one answer and moves on. A wrong code keeps the challenge (Cognito lets the user try again in the same
   * session, up to its limit), and so does a lost connection; a refused or expired session ends it.
   */
  async #respond(
    pending: PendingChallenge,
    challengeName: string,
    responses: Record<string, string>,
    session: string | undefined = pending.session,
  ): Promise<SignInResult> {
    try {
      const output = await this.#deps.cognito.send('RespondToAuthChallenge', {
        // A name Cognito itself sent (or one of the names above), so a value of its enum.
        ChallengeName: challengeName as ChallengeNameType,
        ClientId: this.#deps.clientId,
        ChallengeResponses: { USERNAME: pending.username, ...responses },
        ...(session ? { Session: session } : {}),
      });
      return await this.next(output, pending.signInName);
    } catch (error) {
      if (!(error instanceof CodeMismatchError)) this.#forgetOnSessionEnd(error);
      throw error;
    }
  }

  #forgetOnSessionEnd(error: unknown): void {
    if (error instanceof ChallengeSessionExpiredError || error instanceof NotAuthorizedError) {
      this.#pending = undefined;
    }
  }

  async completeNewPassword(
    newPassword: string,
    attributes: Readonly<Record<string, string>> = {},
  ): Promise<SignInResult> {
    const pending = this.#take('a new password', ['NEW_PASSWORD_REQUIRED']);
    const responses: Record<string, string> = { NEW_PASSWORD: newPassword };
    for (const [name, value] of Object.entries(attributes)) responses[`userAttributes.${name}`] = value;
    return this.#respond(pending, 'NEW_PASSWORD_REQUIRED', responses);
  }

  async confirm(code: string, deviceName?: string): Promise<SignInResult> {
    const pending = this.#take('a code', [...Object.keys(CODE_RESPONSE_KEYS), 'MFA_SETUP']);
    if (pending.name !== 'MFA_SETUP') {
      return this.#respond(pending, pending.name, { [CODE_RESPONSE_KEYS[pending.name] as string]: code });
    }
    let verified: CognitoOperations['VerifySoftwareToken']['output'];
    try {
      verified = await this.#deps.cognito.send('VerifySoftwareToken', {
        UserCode: code,
        ...(pending.session ? { Session: pending.session } : {}),
        ...(deviceName ? { FriendlyDeviceName: deviceName } : {}),
      });
    } catch (error) {
      if (!(error instanceof CodeMismatchError)) this.#forgetOnSessionEnd(error);
      throw error;
    }
    if (verified.Status !== 'SUCCESS') {
      throw new CodeMismatchError('EnableSoftwareTokenMFAException', 'Code mismatch');
    }
    // MFA_SETUP is answered with the session VerifySoftwareToken returned, and only the username.
    return this.#respond(pending, 'MFA_SETUP', {}, verified.Session ?? pending.session);
  }

  async select(name: string, password: string | undefined): Promise<SignInResult> {
    const pending = this.#take('a choice of challenge', ['SELECT_CHALLENGE', 'SELECT_MFA_TYPE']);
    if (pending.name === 'SELECT_MFA_TYPE')
      return this.#respond(pending, 'SELECT_MFA_TYPE', { ANSWER: name });
    if (name === 'PASSWORD' || name === 'PASSWORD_SRP') {
      if (password === undefined)
        throw new InvalidInputError(`selectChallenge('${name}') needs the password`);
    }
    if (name === 'PASSWORD')
      return this.#respond(pending, 'SELECT_CHALLENGE', { ANSWER: name, PASSWORD: password ?? '' });
    if (name !== 'PASSWORD_SRP') return this.#respond(pending, 'SELECT_CHALLENGE', { ANSWER: name });
    // SRP as the chosen first factor: Cognito answers the selection with PASSWORD_VERIFIER.
    const srp = new SrpSession();
    let output: ChallengeOutput;
    try {
      output = await this.#deps.cognito.send('RespondToAuthChallenge', {
        ChallengeName: 'SELECT_CHALLENGE',
        ClientId: this.#deps.clientId,
        ChallengeResponses: { USERNAME: pending.username, ANSWER: name, SRP_A: srp.srpA },
        ...(pending.session ? { Session: pending.session } : {}),
      });
    } catch (error) {
      this.#forgetOnSessionEnd(error);
      throw error;
    }
    this.#pending = undefined;
    return this.answerPasswordVerifier(srp, password ?? '', output, pending.signInName);
  }
}
