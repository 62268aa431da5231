import { randomUUID } from 'node:crypto';
import { CognitoFault, type FakeUser as User } from './fake-cognito-user.js';
import { newTotpSecret, totpCode } from './totp.js';

/** The emailed sign-in code the fake always sends (Cognito's are 8 digits). */
export const EMAIL_OTP_CODE = '12345678';

/** A challenge session Cognito handed out, and what it waits for. */
interface ChallengeSession {
  readonly username: string;
  readonly challenge: string;
  readonly expiresAt: number;
  wrongCodes: number;
}

/** What the challenges need of the fake Cognito they belong to. */
export interface FakeChallengesHost {
  now(): number;
  mfa(): 'OFF' | 'OPTIONAL' | 'ON';
  user(name: unknown): User;
  tokens(user: User): unknown;
  /** The answer to a correct password: a new-password challenge, MFA, or the tokens. */
  signedIn(user: User): unknown;
  /** SRP's first step for the user, as InitiateAuth USER_SRP_AUTH answers it. */
  startSrp(user: User, srpA: string): Promise<unknown>;
}

/**
 * The fake Cognito's challenges beyond the password: TOTP MFA (set-up, sign-in, preference), choice-based
 * sign-in (USER_AUTH with SELECT_CHALLENGE) and email codes, each with a challenge session that expires after
 * 3 minutes (Cognito's default) and allows three wrong codes.
 */
export class FakeChallenges {
  readonly sessions = new Map<string, ChallengeSession>();
  readonly #host: FakeChallengesHost;

  constructor(host: FakeChallengesHost) {
    this.#host = host;
  }

  /** InitiateAuth USER_AUTH: the preferred challenge when the user may use it, else a choice. */
  userAuth(user: User, preferred: string | undefined): unknown {
    if (preferred === 'EMAIL_OTP' && user.emailOtp) return this.#emailOtp(user);
    const available = ['PASSWORD', 'PASSWORD_SRP', ...(user.emailOtp ? ['EMAIL_OTP'] : [])];
    return this.#challenge(user, 'SELECT_CHALLENGE', {}, { AvailableChallenges: available });
  }

  /** Answers RespondToAuthChallenge for the challenges above; `undefined` for the others. */
  async respond(body: Record<string, unknown>, params: Record<string, string>): Promise<unknown> {
    if (body.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
      const { state, user } = this.#session(body, 'SOFTWARE_TOKEN_MFA');
      if (params.USERNAME !== user.username)
        throw new CognitoFault('NotAuthorizedException', 'Invalid session for the user.');
      if (params.SOFTWARE_TOKEN_MFA_CODE !== totpCode(user.totpSecret ?? '', this.#host.now())) {
        this.#wrongCode(body, state, 'Invalid code received for user');
      }
      this.sessions.delete(String(body.Session));
      return this.#host.tokens(user);
    }
    if (body.ChallengeName === 'EMAIL_OTP') {
      const { state, user } = this.#session(body, 'EMAIL_OTP');
      if (params.EMAIL_OTP_CODE !== EMAIL_OTP_CODE)
        this.#wrongCode(body, state, 'Invalid code provided, please try again.');
      this.sessions.delete(String(body.Session));
      return this.secondFactor(user);
    }
    if (body.ChallengeName === 'SELECT_MFA_TYPE') {
      const { user } = this.#session(body, 'SELECT_MFA_TYPE');
      this.sessions.delete(String(body.Session));
      if (params.ANSWER !== 'SOFTWARE_TOKEN_MFA')
        throw new CognitoFault('InvalidParameterException', 'SMS is not set up');
      return this.#challenge(user, 'SOFTWARE_TOKEN_MFA');
    }
    if (body.ChallengeName === 'MFA_SETUP') {
      const { user } = this.#session(body, 'MFA_SETUP_VERIFIED');
      this.sessions.delete(String(body.Session));
      return this.#host.tokens(user);
    }
    if (body.ChallengeName === 'SELECT_CHALLENGE') {
      const { user } = this.#session(body, 'SELECT_CHALLENGE');
      this.sessions.delete(String(body.Session));
      if (params.ANSWER === 'EMAIL_OTP') return this.#emailOtp(user);
      if (params.ANSWER === 'PASSWORD') {
        if (params.PASSWORD !== user.password)
          throw new CognitoFault('NotAuthorizedException', 'Incorrect username or password.');
        return this.#host.signedIn(user);
      }
      if (params.ANSWER === 'PASSWORD_SRP') {
        return this.#host.startSrp(user, params.SRP_A ?? '');
      }
      throw new CognitoFault('InvalidParameterException', 'ANSWER is not one of the available challenges');
    }
    return undefined;
  }

  /** AssociateSoftwareToken, VerifySoftwareToken and SetUserMFAPreference. */
  operation(operation: string, body: Record<string, unknown>): unknown {
    switch (operation) {
      case 'AssociateSoftwareToken': {
        const secret = newTotpSecret();
        if (body.AccessToken !== undefined) {
          this.accessTokenUser(body).pendingTotpSecret = secret;
          return { SecretCode: secret };
        }
        const { user } = this.#session(body, 'MFA_SETUP');
        this.sessions.delete(String(body.Session));
        user.pendingTotpSecret = secret;
        const next = this.#challenge(user, 'MFA_SETUP_ASSOCIATED');
        return { SecretCode: secret, Session: next.Session };
      }
      case 'VerifySoftwareToken': {
        const viaSession = body.AccessToken === undefined;
        const user = viaSession
          ? this.#session(body, 'MFA_SETUP_ASSOCIATED').user
          : this.accessTokenUser(body);
        if (!user.pendingTotpSecret || body.UserCode !== totpCode(user.pendingTotpSecret, this.#host.now())) {
          throw new CognitoFault(
            'EnableSoftwareTokenMFAException',
            'Code mismatch and fail enable Software Token MFA',
          );
        }
        user.totpSecret = user.pendingTotpSecret;
        user.pendingTotpSecret = undefined;
        if (!viaSession) return { Status: 'SUCCESS' };
        this.sessions.delete(String(body.Session));
        user.totpEnabled = true;
        return { Status: 'SUCCESS', Session: this.#challenge(user, 'MFA_SETUP_VERIFIED').Session };
      }
      case 'SetUserMFAPreference': {
        const user = this.accessTokenUser(body);
        const settings = body.SoftwareTokenMfaSettings as { Enabled?: boolean } | undefined;
        if (settings?.Enabled && !user.totpSecret) {
          throw new CognitoFault(
            'SoftwareTokenMFANotFoundException',
            'Software Token MFA has not been enabled by the user.',
          );
        }
        if (settings) user.totpEnabled = settings.Enabled === true;
        return {};
      }
      default:
        throw new CognitoFault('UnknownOperationException', `Unknown operation ${operation}`);
    }
  }

  /** A new challenge session (3 minutes, Cognito's default) and the answer that names it. */
  #challenge(user: User, challenge: string, parameters: Record<string, string> = {}, extra = {}) {
    const session = `session-${randomUUID()}`;
    this.sessions.set(session, {
      username: user.username,
      challenge,
      expiresAt: this.#host.now() + 3 * 60_000,
      wrongCodes: 0,
    });
    return {
      ChallengeName: challenge,
      Session: session,
      ChallengeParameters: { USER_ID_FOR_SRP: user.username, ...parameters },
      ...extra,
    };
  }

  /** The session a challenge answer names, checked as Cognito checks it (known, for this challenge, not expired). */
  #session(body: Record<string, unknown>, challenge: string): { state: ChallengeSession; user: User } {
    const state = this.sessions.get(String(body.Session));
    if (!state || state.challenge !== challenge) {
      throw new CognitoFault('NotAuthorizedException', 'Invalid session for the user.');
    }
    if (this.#host.now() > state.expiresAt) {
      this.sessions.delete(String(body.Session));
      throw new CognitoFault('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    }
    return { state, user: this.#host.user(state.username) };
  }

  /** A wrong code: Cognito lets the user retry in the same session, three times here. */
  #wrongCode(body: Record<string, unknown>, state: ChallengeSession, message: string): never {
    state.wrongCodes += 1;
    if (state.wrongCodes >= 3) this.sessions.delete(String(body.Session));
    throw new CognitoFault('CodeMismatchException', message);
  }

  /** What follows a correct first factor: MFA when the user or the pool asks for it, else the tokens. */
  secondFactor(user: User): unknown {
    if (user.totpEnabled && user.totpSecret) {
      if (user.selectMfa) {
        return this.#challenge(user, 'SELECT_MFA_TYPE', {
          MFAS_CAN_CHOOSE: JSON.stringify(['SMS_MFA', 'SOFTWARE_TOKEN_MFA']),
        });
      }
      return this.#challenge(user, 'SOFTWARE_TOKEN_MFA');
    }
    if (this.#host.mfa() === 'ON') {
      return this.#challenge(user, 'MFA_SETUP', { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']) });
    }
    return this.#host.tokens(user);
  }

  #emailOtp(user: User) {
    return this.#challenge(user, 'EMAIL_OTP', {
      CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
      CODE_DELIVERY_DESTINATION: 'a***@e***',
    });
  }

  /** The user an access token (from this fake) names. */
  accessTokenUser(body: Record<string, unknown>): User {
    const access = JSON.parse(
      Buffer.from(String(body.AccessToken).split('.')[1] ?? '', 'base64url').toString(),
    ) as { username: string };
    return this.#host.user(access.username);
  }
}
